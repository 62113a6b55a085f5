"""A real verbatim record read against its hand reading (tests/fixtures/real/): speakers,
organizations, roles, witness vs nominee vs legislator, who asked whom, stage directions.

The gold (``na_sci_20240808_expected.toml``) was written by hand before any reader existed; this
test reads the excerpt only through the public tables (participants, questions, points,
coverage) and scores each field. ``score_real`` is also what the numbers in the report come from.
"""

from __future__ import annotations

import re
import tomllib
import warnings
from collections import Counter
from pathlib import Path

import pytest

import consult

HERE = Path(__file__).parent / "fixtures" / "real"
SOURCE = HERE / "na_sci_20240808_confirmation_hearing_excerpt.txt"
GOLD = HERE / "na_sci_20240808_expected.toml"

#: the participants table's group word -> the gold's kind
KINDS = {"위원장": "chair", "위원": "legislator", "후보자": "nominee", "정부측": "official",
         "전문위원": "official", "증인": "witness", "참고인": "reference_witness", "진술인": "statement_witness"}
_LINE = re.compile(r"\(L(\d+) ")
_BRACKET = re.compile(r"^\([^()]+\)")


def _load(path: Path) -> consult.Corpus:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return consult.load(path)


def _pr(found: Counter, gold: Counter) -> tuple[float, float, int, int, int]:
    hit = sum((found & gold).values())
    n_f, n_g = sum(found.values()), sum(gold.values())
    return (hit / n_f if n_f else 1.0), (hit / n_g if n_g else 1.0), hit, n_f, n_g


def score_real(corpus: consult.Corpus, gold: dict) -> dict[str, tuple[float, float, int, int, int]]:
    """Per field: (precision, recall, matched, found, gold)."""
    raw = SOURCE.read_text(encoding="utf-8").split("\n")
    turn_lines = [i for i, t in enumerate(raw, start=1) if t.startswith("◯")]

    def turn_of(line: int) -> int:
        return max(t for t in turn_lines if t <= line)

    parts = corpus.participants
    out: dict[str, tuple[float, float, int, int, int]] = {}
    persons = {p["name"]: p for p in gold["person"]}
    found = {r.name: r for r in parts.itertuples()}
    out["persons"] = _pr(Counter(list(found)), Counter(list(persons)))
    for field in ("kind", "organization", "title", "role", "role_evidence_line"):
        def value(r, field=field):
            if field == "kind":
                return KINDS.get(r.group, r.group)
            if field == "role_evidence_line":
                m = _LINE.search(r.role_evidence)
                return int(m.group(1)) if m else 0
            return getattr(r, field)
        out[field] = _pr(Counter((n, value(r)) for n, r in found.items()),
                         Counter((n, p[field]) for n, p in persons.items()))
    # speakers: the labels that speak, with their turn counts
    labels = {p["label"]: p["name"] for p in gold["person"] if p["label"]}
    tr = corpus.transcripts.set_index("transcript_id")
    name_of_speaker = {r.speaker: labels.get(r.speaker, r.speaker) for r in tr.itertuples()}
    # exchanges: (asker, asker line, addressee), one per addressee
    mine: Counter = Counter()
    answers: dict[int, tuple] = {}
    pts = corpus.points
    for q in corpus.questions.itertuples():
        who = name_of_speaker[tr.loc[q.transcript_id, "speaker"]]
        asker = labels.get(q.question_label, q.question_label)
        line = int(q.question_line) if q.question else 0
        if line:
            line = turn_of(line)
        mine[(asker, line, who)] += 1
        for start in pts.loc[pts["question_id"] == q.question_id, "line_start"]:
            answers[turn_of(int(start))] = (line, who)
    gold_ex: Counter = Counter()
    gold_answers: dict[int, tuple] = {}
    for e in gold["exchange"]:
        if not e["addressees"]:
            continue  # the oath: procedure, in no record (test_procedure_and_the_oath_stay_out_of_the_records)
        for who in e["addressees"]:
            gold_ex[(e["asker"], e["asker_line"], who)] += 1
        for line, who in zip(e["answer_lines"], e["answered_by"], strict=True):
            gold_answers[line] = (e["asker_line"], who)
    out["exchanges"] = _pr(mine, gold_ex)
    out["addressees"] = _pr(Counter((a, line) for (a, line, _w), n in mine.items() for _ in range(n) if line),
                            Counter((a, line) for (a, line, _w), n in gold_ex.items() for _ in range(n) if line))
    out["answers"] = _pr(Counter(answers.items()), Counter(gold_answers.items()))
    # stage directions: residue with the reason, or glued before speech that its record leaves out
    cov = corpus.coverage()
    stages = set(cov.loc[cov["reason"] == "stage direction", "line"])
    texts = "\n".join(corpus.questions["question"].astype(str)) + "\n".join(pts["text"].astype(str))
    for c in cov.loc[cov["record_id"] != ""].itertuples():
        m = _BRACKET.match(raw[c.line - 1].strip())
        if m and m.group(0) not in texts:
            stages.add(c.line)
    out["stage_directions"] = _pr(Counter(stages), Counter(s["line"] for s in gold["stage_direction"]))
    return out


@pytest.fixture(scope="module")
def real():
    return _load(SOURCE), tomllib.loads(GOLD.read_text(encoding="utf-8"))


def test_the_excerpt_is_read_as_a_verbatim_record(real):
    corpus, _gold = real
    shape = consult.parse.conventions_of(corpus._parsed[0])["shape"]
    assert shape.startswith("verbatim record")
    assert set(corpus.transcripts["transcript_kind"]) == {"testimony", "official"}


def test_every_person_is_found_with_organization_and_role(real):
    scores = score_real(*real)
    assert scores["persons"][:2] == (1.0, 1.0)
    for field in ("kind", "organization", "role", "role_evidence_line"):
        assert scores[field][1] >= 0.89, (field, scores[field])
    assert scores["role"][:2] == (1.0, 1.0)


def test_who_asked_whom_matches_the_hand_reading(real):
    scores = score_real(*real)
    p, r = scores["exchanges"][:2]
    assert p >= 0.9 and r >= 0.9, scores["exchanges"]
    assert scores["answers"][1] >= 0.9, scores["answers"]


def test_stage_directions_are_residue_never_speech(real):
    corpus, gold = real
    scores = score_real(corpus, gold)
    assert scores["stage_directions"][:2] == (1.0, 1.0)
    assert not corpus.points["text"].str.contains("마이크 중단|영상자료를 보며|「예」|사회교대").any()
    assert not corpus.points["text"].str.contains("◯").any()
    speakers = set(corpus.transcripts["speaker"]) | set(corpus.participants["name"])
    assert not any("(" in s or "「" in s for s in speakers)


def test_the_nominee_is_kept_apart_from_the_witnesses(real):
    corpus, _gold = real
    tr = corpus.transcripts.set_index("speaker")
    assert tr.loc["과학기술정보통신부장관후보자 유상임", "transcript_kind"] == "official"
    assert tr.loc["과학기술정보통신부장관후보자 유상임", "role"] == "government"
    witnesses = tr[tr["transcript_kind"] == "testimony"]
    assert sorted(witnesses["role"]) == ["academic", "industry", "research", "research", "union"]


def test_procedure_and_the_oath_stay_out_of_the_records(real):
    corpus, _gold = real
    res = corpus.residue.set_index("line")["reason"]
    assert res[25] == "procedure (oath)"
    assert all(res[n].startswith("procedure (the chair") for n in (2, 5, 6, 14, 26, 29))
    assert res[179] == "member's statement (no question put)"
    assert res[129].startswith("procedure (a witness")


def test_coverage_holds_every_line_once(real):
    corpus, _gold = real
    cov = corpus.coverage()
    lines = [i for i, t in enumerate(SOURCE.read_text(encoding="utf-8").split("\n"), start=1) if t.strip()]
    assert sorted(cov["line"]) == lines
    assert (cov["reason"].ne("") | cov["record_id"].ne("")).all()
