"""Linear time on pathological input: every pattern run on document text, ``join_wrapped`` and parsing.

Ratios, not absolute times: input grown 4× must cost well under 16× (quadratic); a linear
routine measures about 4×. A ratio above the limit is measured once more on a larger input
before it fails, to ride over a busy machine.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import pytest

from consult.ingest import document_from_text
from consult.layout import Line, join_wrapped
from consult.parse import parse_document

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "hostile"))
import hostile_patterns as P  # noqa: E402

LIMIT = P.LIMIT  # for 4× the input; linear ≈ 4, quadratic ≈ 16
_ratio = P.ratio

#: the readers: every module that runs a pattern on a document's lines must be probed
READERS = {
    "consult.lexicon", "consult.layout", "consult.taxonomy", "consult.parse.headings",
    "consult.parse.marks", "consult.parse.transcript", "consult.parse.overview",
    "consult.parse.summary_tables", "consult.parse.statement_lines", "consult.parse.statements",
    "consult.parse.meeting", "consult.parse.tables", "consult.parse.inspection",
    "consult.people.roles", "consult.people.names", "consult.people.attendees",
    "consult.people.speakers", "consult.ingest.office_lines", "consult.ingest.docx_numbering",
    "consult.ingest.text",
    "consult.findings.stance", "consult.findings.summaries",
    "consult.parse.witnesses", "consult.parse.exchanges", "consult.people.hearing",
    "consult.people.addressing", "consult.parse.speaker_tables",
}


def test_every_pattern_on_document_text_is_linear():
    assert READERS <= set(P.text_modules())
    pats = P.patterns()
    assert len(pats) >= 80  # the introspection found the patterns
    assert {name.rsplit(".", 1)[0] for name in pats} >= READERS
    assert "consult.lexicon.CLOSING" in pats  # named where defined, not where imported
    slow = P.super_linear(pats)
    assert not slow, slow


def test_no_pattern_hides_inside_a_function():
    """``re.search(r"…", text)`` in a function body is invisible to the probe: patterns are
    module-level ``re.compile`` (``re`` caches them either way, so nothing else changes)."""
    import consult

    inline = []
    for path in sorted(Path(consult.__file__).parent.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "re"
                    and node.func.attr in {"match", "search", "fullmatch", "sub", "subn", "split",
                                           "findall", "finditer"}
                    and node.args and isinstance(node.args[0], ast.Constant)):
                inline.append(f"{path.name}:{node.lineno}")
    assert not inline, inline


BAD = {
    # every start of the line scans the run of spaces to its end: quadratic through ``search``
    "search scans to the end": re.compile(r"\s*y$"),
    # two runs of spaces that can split a run in n ways: quadratic from one start
    "adjacent runs": re.compile(r"^\S+\s*[.]?\s*y"),
    # two ways to match each space, repeated: exponential (interrupted by the probe's cap)
    "ambiguous repeat": re.compile(r"^\S+(?:\s|\s\s)*y"),
}


def test_the_probe_catches_super_linear_patterns():
    """The probe is not vacuous: deliberately super-linear patterns are found, a linear one is not.

    (Up to three tries for each: a busy machine can only hide growth, never make it up.)
    """
    make = P.make("자문", " ", "!")
    for name in ("search scans to the end", "adjacent runs"):
        assert any(_ratio(BAD[name].search, make, 2000) > LIMIT for _ in range(3)), name
    pats = {**BAD, "linear": re.compile(r"^\S+\s*+[.]?\s*+y")}
    found: set[str] = set()
    for _ in range(3):
        found |= {name for _g, name, _shape in P.super_linear(pats, cap=1.0)}
        if found >= set(BAD):
            break
    assert found == set(BAD)


@pytest.mark.parametrize("shape", ["many lines", "long lines", "long bracket lines"])
def test_join_wrapped_is_linear(shape):
    def make(n):
        if shape == "many lines":
            return [Line(i, "가나다", "가나다", None, False) for i in range(n)]
        if shape == "long lines":
            return [Line(i, "x" * 200, "x" * 200, None, False) for i in range(n // 10)]
        return [Line(i, "(" + "x" * 200 + ")", "(" + "x" * 200 + ")", None, False) for i in range(n // 10)]

    for marks in (True, False):
        assert _ratio(lambda parts, m=marks: join_wrapped(parts, m), make, 20_000) < LIMIT


DOCS = {
    # a transcript whose one point wraps over many lines
    "wrapped point": lambda n: "전문가 자문 회의록 (1)\n<KAIST 교수>\n1. 질문?\n● 시작\n" + "이어지는 줄\n" * n,
    # header word and a long run of spaces on many lines (what wide PDF layouts produce)
    "spaced headers": lambda n: ("전문가 인터뷰" + " " * 400 + "x\n") * (n // 40),
    "paren lines": lambda n: ("(" + " " * 400 + "가\n") * (n // 40),
    # numbered lines without end (numbers wrap at 99 and warn)
    "numbered lines": lambda n: "전문가 자문 회의록 (1)\n<KAIST 교수>\n"
    + "".join(f"{i % 99 + 1}. 질문 {i}\n● 답 {i}\n" for i in range(n // 2)),
    # a statement-style document (간담회 결과) whose title and speaker lines run into spaces
    "spaced statements": lambda n: "간담회 결과 보고" + " " * 300 + "!\n□ 참석자\n"
    + ("【 위원" + " " * 300 + "\n● 의견" + " " * 300 + "다\n") * (n // 200),
}


@pytest.mark.parametrize("shape", sorted(DOCS))
def test_parsing_grows_linearly(shape):
    make = DOCS[shape]

    def run(text):
        parse_document(document_from_text(text, name="h"))

    assert _ratio(run, make, 4000) < LIMIT
