"""Linear time on pathological input: every parser/layout pattern, ``join_wrapped`` and parsing.

Ratios, not absolute times: input grown 4× must cost well under 16× (quadratic); a linear
routine measures about 4×. A ratio above the limit is measured once more on a larger input
before it fails, to ride over a busy machine.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from consult.ingest import document_from_text
from consult.layout import Line, join_wrapped
from consult.shapes import parse_document

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "hostile"))
import hostile_patterns as P  # noqa: E402

LIMIT = 8.0  # for 4× the input; linear ≈ 4, quadratic ≈ 16


def _ratio(fn, make, n):
    r = P.growth(fn, make, n)
    if r > LIMIT:  # once more, larger, before calling it super-linear
        r = min(r, P.growth(fn, make, 2 * n))
    return r


def test_every_parser_and_layout_pattern_is_linear():
    pats = P.patterns()
    assert len(pats) >= 20  # the introspection found the patterns
    slow = []
    for (name, meth), (took, seed, unit, tail) in P.suspects().items():
        make = lambda n, s=seed, u=unit, t=tail: s + u * (n // len(u)) + t  # noqa: E731
        r = float("inf") if took == float("inf") else _ratio(getattr(pats[name], meth), make, 2000)
        if r > LIMIT:
            slow.append((round(r, 1), name, meth, seed + unit + "…" + tail))
    assert not slow, slow


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
}


@pytest.mark.parametrize("shape", sorted(DOCS))
def test_parsing_grows_linearly(shape):
    make = DOCS[shape]

    def run(text):
        parse_document(document_from_text(text, name="h"))

    assert _ratio(run, make, 4000) < LIMIT
