"""Golden files: the family of layouts (tests/fixtures/variants/) parse to their expected structure.

Each ``<name>.expected.json`` (written by tests/fixtures/make_fixtures.py from the same content
that wrote the file) lists the transcripts the parser must recover: kind, number, speaker,
organization, role, area, page, and per question its number, kind, topic, text, number of
points, point labels and the full unwrapped text of every point and sub-point. Files made
from one content (``"content"``) must give the same records whatever their layout. And
``coverage()`` must account for every non-blank source line exactly once.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import consult
from consult.ingest import read_document

VARIANTS = Path(__file__).parent / "fixtures" / "variants"
CASES = sorted(VARIANTS.glob("*.expected.json"))


def _expected(case: Path) -> tuple[Path, dict]:
    exp = json.loads(case.read_text(encoding="utf-8"))
    return VARIANTS / exp["source"], exp


def _ids(cases: list[Path]) -> list[str]:
    return [c.name.removesuffix(".expected.json") for c in cases]


_CACHE: dict[Path, object] = {}


def _load(path: Path):
    """consult.load, once per file (the corpus is immutable)."""
    if path not in _CACHE:
        _CACHE[path] = consult.load(path)
    return _CACHE[path]


def squash(s: object) -> str:
    """Whitespace runs to one space (the parser may join sub-points with newlines)."""
    return " ".join(str(s or "").split())


def alnum(s: object) -> str:
    """Only letters and digits: what is left when bullets, brackets and spacing are ignored."""
    return "".join(re.findall(r"[가-힣A-Za-z0-9]", str(s or "")))


def _without_tag(text: object, tag: str) -> str:
    """``alnum(text)`` without a leading ``(tag)`` the parser may have kept in the text."""
    got = alnum(text)
    t = alnum(tag)
    if t and got.startswith(t):
        got = got[len(t):]
    return got


def _sorted(df, *cols):
    return df.sort_values(list(cols), kind="stable").reset_index(drop=True)


def structure_diffs(corpus, exp: dict) -> list[str]:
    """Every difference between the parsed corpus and the expected structure."""
    diffs: list[str] = []
    tr = _sorted(corpus.transcripts, "line_start")
    want = exp["transcripts"]
    if len(tr) != len(want):
        diffs.append(f"{len(tr)} transcripts, expected {len(want)}: "
                     f"{tr[['transcript_no', 'speaker', 'line_start']].values.tolist()}")
    for t, et in zip(tr.itertuples(), want, strict=False):
        where = f"T{et['number']} (line {t.line_start})"
        for col, key in (("transcript_kind", "kind"), ("speaker", "speaker"),
                         ("organization", "organization"), ("role", "role"), ("area", "area")):
            got = getattr(t, col)
            if (got or "") != et[key]:
                diffs.append(f"{where}: {col} = {got!r}, expected {et[key]!r}")
        if _int(t.transcript_no) != et["number"]:
            diffs.append(f"{where}: transcript_no = {t.transcript_no!r}, expected {et['number']}")
        if et.get("page") is not None and _int(t.page) != et["page"]:
            diffs.append(f"{where}: page = {t.page!r}, expected {et['page']}")
        qs = _sorted(corpus.questions[corpus.questions.transcript_id == t.transcript_id],
                     "question_line")
        if len(qs) != len(et["questions"]):
            diffs.append(f"{where}: {len(qs)} questions, expected {len(et['questions'])}: "
                         f"{[squash(q)[:30] for q in qs.question]}")
        for q, eq in zip(qs.itertuples(), et["questions"], strict=False):
            qwhere = f"{where} Q{eq['number'] or '?'} (line {q.question_line})"
            if eq["number"] is not None and _int(q.question_no) != eq["number"]:
                diffs.append(f"{qwhere}: question_no = {q.question_no!r}, expected {eq['number']}")
            if q.question_kind != eq["kind"]:
                diffs.append(f"{qwhere}: question_kind = {q.question_kind!r}, expected {eq['kind']!r}")
            if (q.question_topic or "") != eq["topic"]:
                diffs.append(f"{qwhere}: question_topic = {q.question_topic!r}, expected {eq['topic']!r}")
            if eq["question"] not in squash(q.question) or \
                    _without_tag(q.question, eq["topic"]) != alnum(eq["question"]):
                diffs.append(f"{qwhere}: question = {squash(q.question)!r}, expected {eq['question']!r}")
            pts = _sorted(corpus.points[corpus.points.question_id == q.question_id], "line_start")
            if len(pts) != eq["n_points"]:
                diffs.append(f"{qwhere}: {len(pts)} points, expected {eq['n_points']}: "
                             f"{[squash(x)[:25] for x in pts.text]}")
            labels = [p or "" for p in pts.point_label]
            if labels != eq["point_labels"][: len(labels)] or len(labels) != eq["n_points"]:
                diffs.append(f"{qwhere}: point labels {labels}, expected {eq['point_labels']}")
            for i, (p, ptext, subs) in enumerate(
                    zip(pts.itertuples(), eq["point_texts"], eq["sub_texts"], strict=False), 1):
                pwhere = f"{qwhere} P{i} (lines {p.line_start}-{p.line_end})"
                text = squash(p.text)
                for piece in [ptext, *subs]:
                    if piece not in text:
                        diffs.append(f"{pwhere}: {piece!r} not in point text {text!r}")
                want_all = alnum(ptext + "".join(subs))
                if _without_tag(p.text, eq["point_labels"][i - 1]) != want_all:
                    diffs.append(f"{pwhere}: point text {text!r} is not exactly the point "
                                 f"{ptext!r} + its sub-points {subs!r}")
    return diffs


def _int(v: object) -> int | None:
    try:
        return int(v)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


# ------------------------------------------------------------------------------ tests
@pytest.mark.parametrize("case", CASES, ids=_ids(CASES))
def test_variant_structure(case: Path) -> None:
    path, exp = _expected(case)
    corpus = _load(path)
    diffs = structure_diffs(corpus, exp)
    assert not diffs, f"{path.name}:\n  " + "\n  ".join(diffs)


@pytest.mark.parametrize("case", CASES, ids=_ids(CASES))
def test_variant_coverage_accounts_for_every_line(case: Path) -> None:
    path, _ = _expected(case)
    corpus = _load(path)
    doc = read_document(path)
    cov = corpus.coverage()
    lines = [int(x) for x in cov["line"]]
    dupes = sorted({n for n in lines if lines.count(n) > 1})
    assert not dupes, f"{path.name}: lines reported more than once: {dupes}"
    nonblank = {i for i, text in enumerate(doc.lines, 1) if text.strip()}
    missing = sorted(nonblank - set(lines))
    assert not missing, f"{path.name}: non-blank lines missing from coverage(): " + ", ".join(
        f"{n}:{doc.lines[n - 1]!r}" for n in missing[:10])
    extra = sorted(set(lines) - nonblank)
    assert not extra, f"{path.name}: coverage() reports blank or unknown lines {extra[:10]}"
    unexplained = [
        (int(r.line), r.text) for r in cov.itertuples()
        if not (isinstance(r.record_id, str) and r.record_id)
        and not (isinstance(r.reason, str) and r.reason)
    ]
    assert not unexplained, f"{path.name}: lines with neither record_id nor reason: {unexplained[:10]}"
    for r in cov.itertuples():
        assert squash(r.text) == squash(doc.lines[int(r.line) - 1]), (path.name, r.line)


def test_variant_coverage_keeps_the_following_section_out_of_records() -> None:
    """Lines after the last transcript (a new section heading and its body) are residue."""
    path = VARIANTS / "battery_pdfstyle.txt"
    cov = _load(path).coverage()
    doc = read_document(path)
    start = doc.lines.index("이슈브리프 및 별첨") + 1
    after = cov[cov["line"].astype(int) >= start]
    assert len(after) > 0
    swallowed = after[after["record_id"].fillna("").astype(str) != ""]
    assert swallowed.empty, swallowed[["line", "text", "record_id"]].values.tolist()


def _signature(corpus) -> list[tuple]:
    """What must not depend on the layout: speakers, questions, points (letters and digits)."""
    sig = []
    for t in _sorted(corpus.transcripts, "line_start").itertuples():
        qs = _sorted(corpus.questions[corpus.questions.transcript_id == t.transcript_id],
                     "question_line")
        for q in qs.itertuples():
            pts = _sorted(corpus.points[corpus.points.question_id == q.question_id], "line_start")
            sig.append((t.speaker, t.role, t.area, _int(t.transcript_no), _int(q.question_no),
                        q.question_topic or "", _without_tag(q.question, q.question_topic or ""),
                        tuple((p.point_label or "", _without_tag(p.text, p.point_label or ""))
                              for p in pts.itertuples())))
    return sig


BATTERY = [c for c in CASES if json.loads(c.read_text(encoding="utf-8"))["content"] == "battery"]
REFERENCE = VARIANTS / "battery_pdfstyle.expected.json"


@pytest.mark.parametrize("case", [c for c in BATTERY if c != REFERENCE],
                         ids=_ids([c for c in BATTERY if c != REFERENCE]))
def test_same_records_from_the_same_content(case: Path) -> None:
    ref = _signature(_load(_expected(REFERENCE)[0]))
    got = _signature(_load(_expected(case)[0]))
    assert len(ref) == 5
    diffs = [f"{a}\n    != {b}" for a, b in zip(got, ref, strict=False) if a != b]
    assert len(got) == len(ref) and not diffs, "\n  ".join(diffs)


def test_ids_are_unique_and_stable() -> None:
    path = VARIANTS / "battery_pdfstyle.txt"
    a = consult.load(path)
    b = consult.load(path)
    assert a.points["point_id"].is_unique
    assert a.questions["question_id"].is_unique
    assert a.transcripts["transcript_id"].is_unique
    assert a.points["point_id"].tolist() == b.points["point_id"].tolist()
    assert a.transcripts["transcript_id"].tolist() == b.transcripts["transcript_id"].tolist()


def test_all_variants_together() -> None:
    """Loading the whole folder gives the union of the files' records, ids still unique."""
    paths = [_expected(c)[0] for c in CASES]
    corpus = consult.load(paths)
    want = sum(len(_expected(c)[1]["transcripts"]) for c in CASES)
    assert len(corpus.transcripts) == want
    assert corpus.transcripts["transcript_id"].is_unique
    assert corpus.points["point_id"].is_unique
    assert corpus.failures.empty
