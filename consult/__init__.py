"""consult: Korean expert-consultation minutes into records, themes and comparisons.

    >>> import consult
    >>> corpus = consult.load("examples/data/kaist_2023_annual_report.txt")  # doctest: +SKIP
    >>> corpus.points.head()                                                    # doctest: +SKIP

Heavy parts (Kiwi, scikit-learn, BERTopic, matplotlib) are imported only when first used.
"""

from __future__ import annotations

import importlib
from typing import Any

from .errors import (
    CompareError,
    ConsultError,
    ConsultWarning,
    CorpusTooSmallError,
    DecodeError,
    EmbeddingModelError,
    EmptyCorpusError,
    EmptyInputError,
    InputError,
    MinutesParseError,
    MissingDependencyError,
    NotFittedError,
    NoTranscriptsError,
    ParseWarning,
    SmallSampleWarning,
    ThemeError,
    UnknownBackendError,
    UnsupportedInputError,
    UsageError,
)

__version__ = "0.1.0"

#: public name -> "module:attribute", imported on first access
_LAZY = {
    "load": "consult.corpus:load",
    "Corpus": "consult.corpus:Corpus",
    "read_document": "consult.ingest:read_document",
    "Document": "consult.ingest:Document",
    "parse_document": "consult.parse:parse_document",
    "load_areas": "consult.taxonomy:load_areas",
    "load_roles": "consult.people:load_roles",
    "write_table": "consult.output:write_table",
    "write_tables": "consult.output:write_tables",
    "tokenize_texts": "consult.tokens:tokenize_texts",
    "question_tokens": "consult.tokens:question_tokens",
    "point_tokens": "consult.tokens:point_tokens",
    "ThemeModel": "consult.themes:ThemeModel",
    "load_seed_themes": "consult.themes:load_seed_themes",
    "Tokenizer": "consult.tokens:Tokenizer",
    "analyze": "consult.analysis:analyze",
    "inspect_file": "consult.parse:inspect_file",
    "Analysis": "consult.analysis:Analysis",
    "compare": "consult.comparison:compare",
    "Comparison": "consult.comparison:Comparison",
    "build_report": "consult.report:build_report",
    "write_report": "consult.report:write_report",
    "Report": "consult.report:Report",
    "export_qdpx": "consult.export:export_qdpx",
    "presence_table": "consult.export:presence_table",
    "read_codes": "consult.qda:read_codes",
    "agreement": "consult.qda:agreement",
    "by_year": "consult.timeline:by_year",
    "findings_by_year": "consult.timeline:findings_by_year",
}

__all__ = [
    "__version__",
    "CompareError",
    "ConsultError",
    "ConsultWarning",
    "CorpusTooSmallError",
    "EmbeddingModelError",
    "EmptyCorpusError",
    "MissingDependencyError",
    "ThemeError",
    "UnknownBackendError",
    "UsageError",
    "DecodeError",
    "EmptyInputError",
    "InputError",
    "MinutesParseError",
    "NoTranscriptsError",
    "NotFittedError",
    "ParseWarning",
    "SmallSampleWarning",
    "UnsupportedInputError",
    *_LAZY,
]


#: subpackages reachable as ``consult.<name>`` right after ``import consult`` (imported on first use)
_SUBPACKAGES = ("explore", "findings", "themes", "report", "parse", "people", "export", "qda",
                "comparison", "tokens", "lexicon")


def __getattr__(name: str) -> Any:
    if name in _SUBPACKAGES:
        return importlib.import_module(f"consult.{name}")
    target = _LAZY.get(name)
    if target is None:
        raise AttributeError(f"module 'consult' has no attribute {name!r}")
    module_name, attr = target.split(":")
    value = getattr(importlib.import_module(module_name), attr)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY) | set(_SUBPACKAGES))
