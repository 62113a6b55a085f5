"""Property tests for the other shapes of minutes (the generator of tests/test_properties.py,
extended): meetings with many speakers and interviews written as DOCX tables.

A meeting is generated from attendees (group, masked name, organization, title), numbered or
``□`` topics and statements that name their speaker in one of the forms minutes use
(``○ (김OO 교수, 서울대학교)``, ``○ (삼성전자 박OO 상무)``, ``○ 이OO 책임연구원(ETRI): …``,
``- (산업부) …``), with ``-`` sub-points and an optional closing section. The parser must give
one ``meeting`` transcript, the topics, every statement as a point with the right speaker's
role and text, keep the closing section out, and lose no line.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import consult
from consult.ingest import document_from_text, read_document
from consult.parse import parse_document

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# role -> (full organization, short form), titles
ORGS = {
    "academic": [("서울대학교", "서울대"), ("한양대학교", "한양대"), ("KAIST", "KAIST")],
    "industry": [("삼성전자", "삼성전자"), ("SK하이닉스", "SK하이닉스"), ("LG에너지솔루션", "LG에너지솔루션")],
    "research": [("한국전자통신연구원", "ETRI"), ("한국기계연구원", "기계연")],
    "government": [("산업통상자원부", "산업부"), ("과학기술정보통신부", "과기정통부")],
}
TITLES = {"academic": ["교수"], "industry": ["상무", "전무", "팀장"], "research": ["책임연구원", "선임연구원"],
          "government": ["과장", "사무관"]}
GROUPS = {"academic": "학계", "industry": "산업계", "research": "연구계", "government": "정부"}
SURNAMES = "김이박최정강조윤장임한오서신권황안송류홍"
WORDS = ["인력", "양성", "확대", "필요", "장비", "공동", "활용", "지원", "예산", "표준", "실증", "과제",
         "장기", "규제", "완화", "설계", "공정", "투자", "협력", "센터"]


@dataclass
class Person:
    role: str
    name: str
    org: str
    short: str
    title: str


@dataclass
class Statement:
    person: Person
    form: int
    text: str
    subs: list[str] = field(default_factory=list)


def _sentence(draw) -> str:
    return " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=2, max_size=6)))


@st.composite
def meetings(draw):
    roles = draw(st.lists(st.sampled_from(list(ORGS)), min_size=2, max_size=6))
    surnames = draw(st.permutations(SURNAMES))
    people, used = [], set()
    for k, role in enumerate(roles):
        org, short = draw(st.sampled_from(ORGS[role]))
        if org in used:
            continue
        used.add(org)
        people.append(Person(role, f"{surnames[k]}OO", org, short, draw(st.sampled_from(TITLES[role]))))
    topics = []
    for _ in range(draw(st.integers(1, 3))):
        stmts = []
        for _ in range(draw(st.integers(1, 4))):
            p = draw(st.sampled_from(people))
            form = draw(st.integers(0, 3 if p.role == "government" else 2))
            stmts.append(Statement(p, form, _sentence(draw),
                                   [_sentence(draw) for _ in range(draw(st.integers(0, 2)))]))
        topics.append((_sentence(draw), stmts))
    return {
        "people": people, "topics": topics,
        "numbering": draw(st.sampled_from(["{n}.", "{c}", "□"])),
        "listing": draw(st.sampled_from(["inline", "lines"])),
        "closing": draw(st.sampled_from(["", "□ 향후 계획", "붙임 참석자 명단 1부.  끝."])),
        "encoding": draw(st.sampled_from(["utf-8", "cp949"])),
    }


def _statement_line(s: Statement) -> str:
    p = s.person
    if s.form == 0:
        return f"  ○ ({p.name} {p.title}, {p.short}) {s.text}"
    if s.form == 1:
        return f"  ○ ({p.short} {p.name} {p.title}) {s.text}"
    if s.form == 2:
        return f"  ○ {p.name} {p.title}({p.short}): {s.text}"
    return f"  - ({p.short}) {s.text}"


def _sub_mark(s: Statement) -> str:
    """Sub-points rank below their statement: ``-`` under ``○``, ``·`` under ``-``."""
    return "·" if s.form == 3 else "-"


def render_meeting(m: dict) -> str:
    out = ["기술 전문가 간담회 결과", "", "□ 회의 개요", " ㅇ 일시 : 2024. 5. 2.(목) 10:00"]
    by_group: dict[str, list[str]] = {}
    for p in m["people"]:
        by_group.setdefault(GROUPS[p.role], []).append(f"{p.name} {p.org} {p.title}")
    if m["listing"] == "inline":
        out.append(" ㅇ 참석자 : " + " / ".join(f"({g}) " + ", ".join(v) for g, v in by_group.items()))
    else:
        out.append(" ㅇ 참석자")
        out += [f"  - ({g}) " + ", ".join(v) for g, v in by_group.items()]
    out += ["", "□ 주요 논의 내용"]
    for n, (topic, stmts) in enumerate(m["topics"], start=1):
        mark = m["numbering"].format(n=n, c="①②③④"[n - 1])
        out.append(f" {mark} {topic}")
        for s in stmts:
            out.append(_statement_line(s))
            out += [f"   {_sub_mark(s)} {x}" for x in s.subs]
    if m["closing"]:
        out += ["", m["closing"], " ㅇ 후속 간담회 개최 예정"]
    return "\n".join(out) + "\n"


@FAST
@given(meetings())
def test_generated_meetings_parse_back_with_each_speaker(m: dict) -> None:
    text = render_meeting(m)
    parsed = parse_document(document_from_text(text, name="gen"))
    assert [t.kind for t in parsed.transcripts] == ["meeting"], text
    tr = parsed.transcripts[0]
    assert len(tr.questions) == len(m["topics"]), text
    for q, (topic, stmts) in zip(tr.questions, m["topics"], strict=True):
        assert " ".join(q.text.split()) == topic
        assert len(q.points) == len(stmts), (text, [p.text for p in q.points])
        for p, s in zip(q.points, stmts, strict=True):
            assert p.speaker is not None and p.speaker.role == s.person.role, (text, p.speaker, s)
            assert p.speaker_source == "participants", (text, p.speaker_source)
            assert p.speaker.organization.startswith(s.person.org.split()[0]), (p.speaker, s.person)
            want = "\n".join([s.text, *[f"{_sub_mark(s)} {x}" for x in s.subs]])
            assert p.text == want
    lines = {c.line for c in parsed.coverage}
    assert lines == {i for i, t in enumerate(text.split("\n"), 1) if t.strip()}
    assert len(parsed.participants) == len(m["people"])
    if m["closing"]:
        tail = [c for c in parsed.coverage if c.text.strip() == "ㅇ 후속 간담회 개최 예정"]
        assert tail and not tail[0].record_id and tail[0].reason.startswith("closing section")


@settings(FAST, max_examples=12)
@given(m=meetings())
def test_generated_meetings_in_cp949_crlf(m: dict, tmp_path_factory) -> None:
    m["encoding"] = "cp949"
    path = tmp_path_factory.mktemp("m") / "meeting.txt"
    path.write_bytes(render_meeting(m).replace("\n", "\r\n").encode("cp949"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = consult.load(path)
    pts = corpus.points
    want = [s.person.role for _t, stmts in m["topics"] for s in stmts]
    assert pts["role"].tolist() == want
    assert corpus.documents["encoding"].iloc[0] == "cp949"


# ------------------------------------------------------------------------ table interviews
@st.composite
def interviews(draw):
    experts = []
    for _ in range(draw(st.integers(1, 3))):
        role = draw(st.sampled_from(["academic", "industry", "research"]))
        org, _short = draw(st.sampled_from(ORGS[role]))
        questions = []
        for _ in range(draw(st.integers(1, 3))):
            answers = [_sentence(draw) for _ in range(draw(st.integers(1, 3)))]
            questions.append((_sentence(draw) + "?", answers))
        experts.append({"role": role, "label": f"{org} {draw(st.sampled_from(TITLES[role]))}",
                        "layout": draw(st.sampled_from(["header", "q", "질문"])),
                        "bullets": draw(st.booleans()), "questions": questions})
    return experts


def write_docx(path, experts) -> None:  # noqa: ANN001
    import docx

    d = docx.Document()
    d.add_paragraph("전문가 인터뷰 결과")
    for k, e in enumerate(experts, start=1):
        d.add_paragraph(f"{k}. {e['label']} 인터뷰")
        rows = []
        if e["layout"] == "header":
            rows.append(("질문", ["답변"]))
            rows += [(f"{n}. {q}", a) for n, (q, a) in enumerate(e["questions"], start=1)]
        else:
            for n, (q, a) in enumerate(e["questions"], start=1):
                rows += [(f"Q{n}" if e["layout"] == "q" else f"질문 {n}", [q]),
                         ("A" if e["layout"] == "q" else "답변", a)]
        t = d.add_table(rows=len(rows), cols=2)
        for r, (left, right) in enumerate(rows):
            t.cell(r, 0).text = left
            cell = t.cell(r, 1)
            is_answer = e["layout"] == "header" and r > 0 or left in ("A", "답변")
            marks = "○ " if e["bullets"] and is_answer else ""
            cell.text = marks + right[0]
            for extra in right[1:]:
                cell.add_paragraph(marks + extra)
    d.save(str(path))


@settings(FAST, max_examples=15)
@given(experts=interviews())
def test_generated_table_interviews(experts, tmp_path_factory) -> None:  # noqa: ANN001
    pytest.importorskip("docx")
    path = tmp_path_factory.mktemp("t") / "interview.docx"
    write_docx(path, experts)
    parsed = parse_document(read_document(path))
    got = [(t.speaker.speaker, t.speaker.role, [len(q.points) for q in t.questions])
           for t in parsed.transcripts]
    want = [(e["label"], e["role"], [len(a) for _q, a in e["questions"]]) for e in experts]
    assert got == want
    for t, e in zip(parsed.transcripts, experts, strict=True):
        assert [q.text for q in t.questions] == [q for q, _a in e["questions"]]
        assert [p.text for q in t.questions for p in q.points] == [x for _q, a in e["questions"] for x in a]
    doc = read_document(path)
    assert {c.line for c in parsed.coverage} == {i for i, t in enumerate(doc.lines, 1) if t.strip()}
