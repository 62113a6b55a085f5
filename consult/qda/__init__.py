"""Round trips with QDA tools: codes read back from REFI-QDA projects, codes as themes.

    >>> codes = consult.read_codes("coded.qdpx", corpus)                  # doctest: +SKIP
    >>> analysis = consult.analyze(corpus, codes=codes)                   # doctest: +SKIP
"""

from __future__ import annotations

from .agreement import AGREEMENT_COLUMNS, agreement, cohen_kappa
from .project import Project, Source, read_project
from .read import CODE_COLUMNS, read_codes
from .themes import CodeThemes

__all__ = ["agreement", "AGREEMENT_COLUMNS", "cohen_kappa", "read_codes", "CODE_COLUMNS", "CodeThemes", "read_project", "Project", "Source"]
