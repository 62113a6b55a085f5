"""Every shape of Korean minutes (tests/fixtures/layouts/): meetings with many speakers,
interviews as tables, written consultations (PDF), ministry result reports (CP949).

Each ``<file>.expected.json`` lists the transcripts (kind, number, speaker, role), their
questions and every point with its own speaker, role and text, the attendees, and lines of the
closing sections that must stay out of the records. Coverage must hold every line once.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest

import consult
from consult.ingest import read_document

HERE = Path(__file__).parent / "fixtures" / "layouts"
CASES = sorted(HERE.glob("*.expected.json"))


def _load(path: Path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return consult.load(path)


def squash(s: object) -> str:
    return " ".join(str(s or "").split())


def _no(v: object) -> int | None:
    return None if str(v) in ("<NA>", "None", "nan") else int(v)  # type: ignore[arg-type]


def diffs_of(corpus, exp: dict) -> list[str]:
    out: list[str] = []
    trs = corpus.transcripts
    if len(trs) != len(exp["transcripts"]):
        out.append(f"{len(trs)} transcripts, expected {len(exp['transcripts'])}")
    for t, et in zip(trs.itertuples(), exp["transcripts"], strict=False):
        got = (t.transcript_kind, _no(t.transcript_no), t.speaker, t.role, t.area)
        want = (et["kind"], et["number"], et["speaker"], et["role"], et["area"])
        if got != want:
            out.append(f"{t.transcript_id}: {got} != {want}")
        qs = corpus.questions[corpus.questions.transcript_id == t.transcript_id]
        if len(qs) != len(et["questions"]):
            out.append(f"{t.transcript_id}: {len(qs)} questions, expected {len(et['questions'])}")
        for q, eq in zip(qs.itertuples(), et["questions"], strict=False):
            if (_no(q.question_no), squash(q.question)) != (eq["number"], squash(eq["question"])):
                out.append(f"{q.question_id}: {q.question_no} {q.question!r} != {eq['number']} {eq['question']!r}")
            pts = corpus.points[corpus.points.question_id == q.question_id]
            if len(pts) != len(eq["points"]):
                out.append(f"{q.question_id}: {len(pts)} points, expected {len(eq['points'])}")
            for p, ep in zip(pts.itertuples(), eq["points"], strict=False):
                got = (p.speaker, p.role, squash(p.text))
                want = (ep["speaker"], ep["role"], squash(ep["text"]))
                if got != want:
                    out.append(f"{p.point_id}: {got} != {want}")
    parts = [[a.name, a.title, a.organization, a.role] for a in corpus.participants.itertuples()]
    if parts != exp["participants"]:
        out.append(f"participants {parts} != {exp['participants']}")
    return out


@pytest.mark.parametrize("case", CASES, ids=[c.name.split(".")[0] for c in CASES])
def test_layout_records(case: Path) -> None:
    exp = json.loads(case.read_text(encoding="utf-8"))
    diffs = diffs_of(_load(HERE / exp["source"]), exp)
    assert not diffs, "\n".join(diffs)


@pytest.mark.parametrize("case", CASES, ids=[c.name.split(".")[0] for c in CASES])
def test_layout_coverage_is_lossless_and_keeps_closing_sections_out(case: Path) -> None:
    exp = json.loads(case.read_text(encoding="utf-8"))
    path = HERE / exp["source"]
    corpus = _load(path)
    cov = corpus.coverage()
    doc = read_document(path)
    lines = [int(x) for x in cov["line"]]
    assert len(lines) == len(set(lines))
    assert set(lines) == {i for i, t in enumerate(doc.lines, 1) if t.strip()}
    assert all(r.record_id or r.reason for r in cov.itertuples())
    res = corpus.residue
    for text in exp["residue_texts"]:
        assert (res["text"].str.strip() == text).any(), f"{text!r} should be residue"
    assert exp["residue_texts"] or not exp.get("closing_expected")


HINTED = """◎ 서울대 김OO 교수 의견
문항 1: 인력 수급 전망은?
 ㅇ 석사급 인력 부족이 계속될 전망
문항 2: 정부 지원 방향은?
 ㅇ 장기 과제 확대
◎ 삼성전자 박OO 상무 의견
문항 1: 인력 수급 전망은?
 ㅇ 현장 인력 부족
"""


def test_layout_hints_name_a_speaker_and_question_pattern(tmp_path: Path) -> None:
    from consult.errors import NoTranscriptsError
    from consult.parse import inspect_file

    src = tmp_path / "hinted.txt"
    src.write_text(HINTED, encoding="utf-8")
    with pytest.raises(NoTranscriptsError, match="consult inspect"):
        _load(src)
    hints = tmp_path / "hints.toml"
    hints.write_text("shape = 'blocks'\n"
                     "speaker = ['^◎\\s*(?P<label>.+?)\\s*의견$']\n"
                     "question = ['^문항\\s*(?P<no>\\d+)\\s*[.:]\\s*(?P<text>.+)$']\n", encoding="utf-8")
    parsed = inspect_file(src, hints=hints).parsed
    got = [(t.speaker.speaker, t.speaker.role, len(t.questions)) for t in parsed.transcripts]
    assert got == [("서울대 김OO 교수", "academic", 2), ("삼성전자 박OO 상무", "industry", 1)]
    text = inspect_file(src, hints=hints).text()
    assert "shape: blocks" in text and "questions 2, points 2" in text


def test_inspect_command_prints_shape_and_speakers() -> None:
    from click.testing import CliRunner

    from consult.cli import main

    result = CliRunner().invoke(main, ["inspect", str(HERE / "meeting_inline.txt")])
    assert result.exit_code == 0, result.output
    assert "shape: meeting" in result.output
    assert "삼성전자 박OO 상무 (industry)" in result.output
    assert "closing section (향후 계획)" in result.output


def test_inspect_says_when_a_file_holds_no_minutes(tmp_path) -> None:
    """An English note is no minutes: ``inspect`` shows what it saw, then the error ``parse``
    gives, one line naming the file, exit status 1 (it used to say "shape: report (transcript
    headers)" and exit 0)."""
    from click.testing import CliRunner

    from consult.cli import main

    note = tmp_path / "note.txt"
    note.write_text("This is a plain English note.\n1. First item\n2. Second item\nThe end.\n",
                    encoding="utf-8")
    result = CliRunner().invoke(main, ["inspect", str(note)])
    assert result.exit_code == 1
    assert "shape: none: no minutes found" in result.stdout and "report" not in result.stdout
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"consult: error: {note}: no numbered Q&A transcripts found")
    parse = CliRunner().invoke(main, ["parse", str(note)])
    assert parse.exit_code == 1 and parse.stderr.startswith(line.split(" found")[0])
