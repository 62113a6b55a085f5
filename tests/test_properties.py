"""Property tests (Hypothesis): generated minutes parse back to their structure; anything else
never crashes the parser and never loses a line. (Meetings with many speakers and interviews
written as DOCX tables are generated in tests/test_properties_layouts.py.)

1. ``minutes()`` generates documents in the family's layouts: random speakers with known roles,
   speaker brackets ``<> [] () 〈〉`` and ``자문위원:``, header wordings, question numbering
   ``1. 1) (1) ① Q1. 질문 1.`` with optional topic tags, bullets ``● □ ○ ㅇ • - –`` with sub-points
   and ``※`` notes, lines wrapped with and without blank lines between them (and, in PDF style,
   a trailing space marking a word-boundary wrap and mid-word breaks without one), running
   headers and decorated page numbers between any two lines, form feeds, a preamble (filler or
   an area title) and a following section. The document is rendered to bytes (UTF-8, UTF-8 with
   BOM, CP949, UTF-16; LF, CRLF or CR) and read back through the text reader and the parser.
   The parse must recover exactly what was generated: transcripts, numbers, speakers, roles,
   organizations, areas, questions (number, topic, text), points (count, label, first word,
   whole text) — and ``coverage()`` must put every generated line where it belongs.
2. Arbitrary text (random characters, and "line soup" made of the structural fragments the
   parser reacts to) and arbitrary bytes: parsing raises nothing but
   :class:`~consult.errors.ConsultError` subclasses, and the coverage accounts for every non-blank
   line exactly once.

The default budgets are modest (100 examples a property, about 20 s in all); the ``slow`` tests rerun the same
properties with 10,000 examples each (``pytest -m slow tests/test_properties.py``).
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import consult
from consult.corpus import Corpus
from consult.errors import ConsultError
from consult.ingest import decode_bytes, document_from_text
from consult.parse import parse_document
from consult.people import load_roles
from consult.taxonomy import load_areas

AREAS = load_areas()
ROLES = load_roles()

FAST = settings(
    max_examples=int(os.environ.get("CONSULT_PROPERTY_EXAMPLES", "100")),
    deadline=None,
    database=None,  # do not write .hypothesis/ into a shared checkout
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SLOW = settings(
    max_examples=10_000,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# ------------------------------------------------------------------------------ vocabulary
#: content words: nothing here is a bullet, a number, a header or a heading on its own (no
#: 부문: "1. 5G 부문" is an area heading, as in real minutes)
WORDS = (
    "인력 양성 기술 확보 필요 정부 지원 산업 생태계 연구개발 투자 인재 부족 시스템 설계 공정 장비 "
    "소재 표준 협력 국제 경쟁력 규제 개선 실증 사업 확대 중소기업 대기업 대학 교육 과정 신설 예산 "
    "장기적 관점 전략 수요 공급 기업 연구자 현장 경험 방안 마련 정책 제도 검토 SW AI 칩 데이터 "
    "보안 통신 네트워크 5G 6G 배터리 반도체 양자 안전성 해야 함 것임 중요 시급 부분 측면"
).split()
#: Hangul-only words long enough to be broken mid-word in a PDF text layer
SPLITTABLE = [w for w in WORDS if len(w) >= 2 and all("가" <= c <= "힣" for c in w)]
TAGS = ["전략", "인력", "TP기술", "기초과학", "정책", "규제", "R&D"]

#: (label, role, organization) — roles checked by hand against consult/data/roles.toml
SPEAKERS = [
    ("KAIST 신소재공학과 교수", "academic", "KAIST"),
    ("서울대학교 전기정보공학부 교수", "academic", "서울대학교"),
    ("POSTECH 화학공학과 부교수", "academic", "POSTECH"),
    ("고려대학교 정보보호대학원 교수", "academic", "고려대학교"),
    ("LG에너지솔루션 관계자", "industry", "LG에너지솔루션"),
    ("삼성전자 관계자", "industry", "삼성전자"),
    ("SK하이닉스 상무", "industry", "SK하이닉스"),
    ("네이버클라우드 AI랩 팀장", "industry", "네이버클라우드"),
    ("현대모비스 전무", "industry", "현대모비스"),
    ("한국전자통신연구원 책임연구원", "research", "한국전자통신연구원"),
    ("KIST 양자정보연구단 선임연구원", "research", "KIST"),
    ("한국직업능력연구원 인력수급분석센터 관계자", "research", "한국직업능력연구원"),
    ("산업통상자원부 과장", "government", "산업통상자원부"),
    ("과학기술정보통신부 사무관", "government", "과학기술정보통신부"),
]
SPEAKER_FORMS = ["<{}>", "[{}]", "({})", "〈{}〉", "자문위원: {}"]
HEADER_FORMS = [
    "전문가 자문 회의록 ({n})",
    "전문가 자문 회의록 {n}",
    "자문 회의록 ({n})",
    "[전문가 자문 회의록 {n}]",
    "전문가 자문 회의록 ({n})",  # the sample's own form, twice as likely
    "전문가 인터뷰 {n}",
    "자문 결과 ({n})",
]
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"
NUMBERINGS = {
    "dot": lambda n: f"{n}.",
    "paren": lambda n: f"{n})",
    "dparen": lambda n: f"({n})",
    "circled": lambda n: CIRCLED[n - 1],
    "q": lambda n: f"Q{n}.",
    "질문": lambda n: f"질문 {n}.",
}
#: bullet glyph -> level (0 highest), as the family uses them
BULLETS = {"●": 0, "□": 0, "○": 1, "ㅇ": 1, "•": 1, "-": 2, "–": 2}
PAGE_FORMS = ["- {p} -", "{p} ❙", "❙ {p}", "page {p}", "{p} / 48", "{p}쪽"]
RUNNING_HEADERS = ["국가미래전략기술 정책연구소 2023 연차보고서", "국가전략기술 정책 백서"]
AREA_TITLES = {"반도체": "반도체", "이차전지": "이차전지", "양자": "양자", "사이버 보안": "사이버보안"}
TAIL_HEADINGS = ["이슈브리프 및 별첨", "별첨 1 참고 자료", "붙임2 회의 개요"]


# ------------------------------------------------------------------------------ known bugs
#: Minimal inputs on which the parser (consult/layout.py, consult/parse.py) still goes wrong,
#: found by the properties below. ``test_known_bug`` asserts the right outcome (xfail while the
#: bug lasts); the generator keeps clear of a case only while its bug is present.
MINIMAL = {
    # a line alone between two page numbers (a title page, the last line of a point that
    # spills onto a page) counts twice as "beside a page number": a running header
    "title_page": "- 1 -\n양자\n- 2 -\n전문가 자문 회의록 (1)\n<KAIST 신소재공학과 교수>\n1. 질문?\n● 답변\n",
    "line_between_page_numbers": (
        "전문가 자문 회의록 (1)\n<KAIST 신소재공학과 교수>\n1. 질문?\n● 첫 줄\n- 1 -\n끝 줄\n- 2 -\n"
    ),
    # the same short text on both sides of one page number: every line with that text, even
    # far from any page number, leaves the records
    "same_text_around_page_number": (
        "전문가 자문 회의록 (1)\n<KAIST 신소재공학과 교수>\n1. 질문?\n● 인력 양성\n함\n- 1 -\n함\n"
        "● 다른 답\n함\n"
    ),
    # the wrapped second line of a question asked of every expert, met right after a page
    # number on two pages, is a running header: it leaves both questions
    "question_line_after_two_page_numbers": (
        "전문가 자문 회의록 (1)\n<KAIST 신소재공학과 교수>\n1. 인력 현황에\n- 1 -\n대한 의견 부탁드립니다.\n"
        "● 답\n2. 교육 현황에\n- 2 -\n대한 의견 부탁드립니다.\n● 답\n"
    ),
    # the same last line of a point ("경쟁력 확보") right before a page number on two pages
    "point_line_before_two_page_numbers": (
        "전문가 자문 회의록 (1)\n<KAIST 신소재공학과 교수>\n1. 질문?\n● 인력\n경쟁력 확보\n- 1 -\n"
        "2. 질문?\n● 기술\n경쟁력 확보\n- 2 -\n"
    ),
    # layout._STRUCTURAL lacks the ㅇ bullet (and ① / Q1. / 질문 1. numbering)
    "ieung_bullet_beside_page_numbers": (
        "전문가 자문 회의록 (1)\n<KAIST 신소재공학과 교수>\n1. 질문?\n● 답\n- 1 -\nㅇ 인력\n● 답\n- 2 -\n"
        "ㅇ 인력\n"
    ),
    # with pages (form feeds), a short document: a text among the first/last two lines of two
    # pages is a running header (need = max(2, 30% of pages))
    "page_edges_of_a_short_pdf": (
        "전문가 자문 회의록 (1)\n<KAIST 신소재공학과 교수>\n1. 질문?\n● 첫째 답\n필요\n\f● 둘째 답\n필요\n"
        "\f● 셋째 답\n"
    ),
    # a wrapped line holding only an area name, right before the next transcript, is taken
    # for an area title: it leaves the point and changes the area of what follows
    "area_word_before_header": (
        "전문가 자문 회의록 (1)\n<KAIST 신소재공학과 교수>\n1. 질문?\n● 차세대\n배터리\n"
        "전문가 자문 회의록 (2)\n<LG에너지솔루션 관계자>\n1. 질문?\n● 답\n"
    ),
}
#: what a correct parse of each gives: (areas of the transcripts, point texts, transcript
#: numbers, question texts)
RIGHT = {
    "title_page": (["양자"], ["답변"], [1], ["질문?"]),
    "line_between_page_numbers": ([""], ["첫 줄 끝 줄"], [1], ["질문?"]),
    "same_text_around_page_number": ([""], ["인력 양성 함 함", "다른 답 함"], [1], ["질문?"]),
    "question_line_after_two_page_numbers": (
        [""], ["답", "답"], [1],
        ["인력 현황에 대한 의견 부탁드립니다.", "교육 현황에 대한 의견 부탁드립니다."],
    ),
    "ieung_bullet_beside_page_numbers": ([""], ["답 ㅇ 인력", "답 ㅇ 인력"], [1], ["질문?"]),
    "point_line_before_two_page_numbers": (
        [""], ["인력 경쟁력 확보", "기술 경쟁력 확보"], [1], ["질문?", "질문?"],
    ),
    "page_edges_of_a_short_pdf": ([""], ["첫째 답 필요", "둘째 답 필요", "셋째 답"], [1], ["질문?"]),
    "area_word_before_header": (["", ""], ["차세대 배터리", "답"], [1, 2], ["질문?", "질문?"]),
}


def _outcome(name: str) -> tuple[list[str], list[str], list[int | None], list[str]]:
    parsed = parse_document(document_from_text(MINIMAL[name], name="bug"), AREAS, ROLES)
    return (
        [t.area for t in parsed.transcripts],
        [" ".join(p.text.split()) for t in parsed.transcripts for q in t.questions for p in q.points],
        [t.number for t in parsed.transcripts],
        [" ".join(q.text.split()) for t in parsed.transcripts for q in t.questions],
    )


def _present(*names: str) -> bool:
    return any(_outcome(n) != RIGHT[n] for n in names)


BUGS = {
    "beside_page_numbers": _present(
        "title_page", "line_between_page_numbers", "same_text_around_page_number",
        "ieung_bullet_beside_page_numbers", "question_line_after_two_page_numbers",
        "point_line_before_two_page_numbers",
    ),
    "page_edges": _present("page_edges_of_a_short_pdf"),
    "area_word_line": _present("area_word_before_header"),
}


#: repros whose bug is still open (strict xfail: a fix makes them fail, then move them out)
OPEN_BUGS = {"point_line_before_two_page_numbers"}


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(
            n,
            marks=pytest.mark.xfail(strict=True, reason="open parser bug found by the properties"),
        )
        if n in OPEN_BUGS
        else n
        for n in sorted(MINIMAL)
    ],
)
def test_known_bug(name: str) -> None:
    assert _outcome(name) == RIGHT[name]


# ------------------------------------------------------------------------------ the model
@dataclass
class Logical:
    """One logical line: a prefix (bullet, number) and words, wrapped into physical pieces."""

    prefix: str
    words: list[str]
    #: physical pieces; ``True`` = the piece ends at a word boundary (PDF: trailing space)
    pieces: list[tuple[str, bool]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(self.words)


@dataclass
class GenPoint:
    tag: str
    head: Logical
    subs: list[Logical]

    def expected_text(self) -> str:
        parts = [self.head.text] + [f"{s.prefix} {s.text}" for s in self.subs]
        return " ".join(parts)

    def first_word(self) -> str:
        return f"({self.tag})" if self.tag else self.head.words[0]


@dataclass
class GenQuestion:
    number: int
    topic: str
    line: Logical
    points: list[GenPoint]


@dataclass
class GenTranscript:
    number: int
    speaker: tuple[str, str, str]
    questions: list[GenQuestion]


@dataclass
class GenDoc:
    transcripts: list[GenTranscript]
    area: str
    #: physical lines, each (text, kind, owner) with kind in content/furniture/residue/blank
    rows: list[tuple[str, str, str]]
    data: bytes
    encoding: str

    def describe(self) -> str:
        return "\n".join(f"{k[:4]:>4} | {t}" for t, k, _ in self.rows)


# ------------------------------------------------------------------------------ strategies
@st.composite
def _words(draw, min_size: int = 1, max_size: int = 7) -> list[str]:
    # two draws per line (a count and one integer holding every choice): generation stays
    # fast, and shrinking still moves towards fewer and earlier words
    n = draw(st.integers(min_size, max_size))
    code = draw(st.integers(0, len(WORDS) ** n - 1))
    out = []
    for _ in range(n):
        code, k = divmod(code, len(WORDS))
        out.append(WORDS[k])
    return out


@st.composite
def _wrapped(draw, prefix: str, words: list[str], pdf: bool) -> Logical:
    """Wrap ``prefix + words`` into physical lines (never leaving the prefix alone).

    Wraps fall between words (bit k of one drawn integer: a wrap before word k + 1); in PDF
    style a Hangul word may also be broken mid-word (the piece before the break then has no
    trailing space).
    """
    wraps = draw(st.integers(0, 2 ** max(0, len(words) - 1) - 1))
    breaks = draw(st.integers(0, 2 ** len(words) - 1)) if pdf else 0
    pieces: list[tuple[str, bool]] = []
    cur = prefix + " " if prefix else ""
    for k, word in enumerate(words):
        if k > 0:
            if wraps >> (k - 1) & 1:
                pieces.append((cur, True))
                cur = ""
            else:
                cur += " "
        if breaks >> k & 1 and word in SPLITTABLE:
            cut = len(word) // 2
            pieces.append((cur + word[:cut], False))
            cur = word[cut:]
        else:
            cur += word
    pieces.append((cur, True))
    return Logical(prefix, list(words), pieces)


@st.composite
def _point(draw, glyph: str, pdf: bool) -> GenPoint:
    tag = draw(st.sampled_from(["", "", *TAGS]))
    head = draw(_wrapped(glyph, ([f"({tag})"] if tag else []) + draw(_words()), pdf))
    level = BULLETS[glyph]
    lower = [g for g, lv in BULLETS.items() if lv > level] + ["※"]
    subs = []
    for _ in range(draw(st.integers(0, 2))):
        sub_glyph = draw(st.sampled_from(lower))
        subs.append(draw(_wrapped(sub_glyph, draw(_words()), pdf)))
    return GenPoint(tag, head, subs)


@st.composite
def _question(draw, number: int, numbering: str, pdf: bool) -> GenQuestion:
    topic = draw(st.sampled_from(["", "", "", *TAGS]))
    words = ([f"({topic})"] if topic else []) + draw(_words(2, 8))
    words[-1] = words[-1] + draw(st.sampled_from(["?", "", "에 대한 의견 부탁드립니다."]))
    line = draw(_wrapped(NUMBERINGS[numbering](number), words, pdf))
    glyph = draw(st.sampled_from(list(BULLETS)))
    points = [draw(_point(glyph, pdf)) for _ in range(draw(st.integers(1, 3)))]
    return GenQuestion(number, topic, line, points)


@st.composite
def minutes(draw) -> GenDoc:
    """A whole document of generated minutes, rendered to bytes."""
    pdf = draw(st.booleans())
    n_tr = draw(st.integers(1, 3))
    transcripts: list[GenTranscript] = []
    # (text, kind, owner, ends_at_word_boundary)
    lines: list[tuple[str, str, str, bool]] = []

    preamble = draw(st.sampled_from(["none", "filler", "area"]))
    area = ""
    if preamble == "filler":
        for _ in range(draw(st.integers(1, 3))):
            lines.append((" ".join(draw(_words(3, 8))), "residue", "preamble", True))
    elif preamble == "area":
        title = draw(st.sampled_from(sorted(AREA_TITLES)))
        area = AREA_TITLES[title]
        lines.append((title, "residue", "area title", True))

    header_form = draw(st.sampled_from(HEADER_FORMS))
    for t_no in range(1, n_tr + 1):
        speaker = draw(st.sampled_from(SPEAKERS))
        form = draw(st.sampled_from(SPEAKER_FORMS))
        numbering = draw(st.sampled_from(list(NUMBERINGS)))
        lead = " " if draw(st.booleans()) else ""
        tid = f"T{t_no:02d}"
        lines.append((lead + header_form.format(n=t_no), "content", tid, True))
        lines.append((form.format(speaker[0]), "content", tid, True))
        questions = []
        for q_no in range(1, draw(st.integers(1, 4)) + 1):
            q = draw(_question(q_no, numbering, pdf))
            questions.append(q)
            for text, boundary in q.line.pieces:
                lines.append((text, "content", f"{tid}.Q{q_no}", boundary))
            for p_no, p in enumerate(q.points, start=1):
                owner = f"{tid}.Q{q_no}.P{p_no}"
                for logical in [p.head, *p.subs]:
                    for text, boundary in logical.pieces:
                        lines.append((text, "content", owner, boundary))
        transcripts.append(GenTranscript(t_no, speaker, questions))

    if draw(st.booleans()):
        lines.append((draw(st.sampled_from(TAIL_HEADINGS)), "residue", "tail", True))
        for _ in range(draw(st.integers(0, 3))):
            lines.append((" ".join(draw(_words(3, 8))), "residue", "tail", True))

    # page furniture between any two lines: a page number, then (on >= 2 breaks) a running
    # header; with form feeds the new page starts at the running header / next line
    n_breaks = draw(st.integers(0, 4))
    gaps = sorted(set(draw(st.lists(st.integers(0, len(lines)), min_size=n_breaks, max_size=n_breaks))))
    running = draw(st.sampled_from(RUNNING_HEADERS)) if len(gaps) >= 2 and draw(st.booleans()) else ""
    page_form = draw(st.sampled_from(PAGE_FORMS))
    formfeed = draw(st.booleans())
    first_page = draw(st.integers(1, 300))
    blanks = draw(st.sampled_from(["none", "all", "some"]))
    blank_mask = draw(st.integers(0, 2 ** len(lines) - 1)) if blanks == "some" else 0

    rows: list[tuple[str, str, str]] = []
    pending_ff = False
    gap_set = set(gaps)
    page = first_page

    def emit(text: str, kind: str, owner: str) -> None:
        nonlocal pending_ff
        if pending_ff:
            text = "\f" + text
            pending_ff = False
        rows.append((text, kind, owner))

    for idx in range(len(lines) + 1):
        if idx in gap_set:
            emit(page_form.format(p=page), "furniture", "page number")
            page += 1
            if formfeed:
                pending_ff = True
            if running:
                emit(running, "furniture", "running")
        if idx == len(lines):
            break
        text, kind, owner, boundary = lines[idx]
        if pdf and boundary:
            text += " "
        if rows and (blanks == "all" or (blank_mask >> idx & 1)):
            emit("", "blank", "")
        emit(text, kind, owner)

    # known parser bugs the generator stays clear of while they last (each has a minimal
    # reproduction and an xfail test below; once fixed, the property covers the case again)
    if BUGS["beside_page_numbers"]:
        _assume_no_running_lookalikes(rows)
    if formfeed and gaps and BUGS["page_edges"]:
        _assume_no_repeated_page_edges(rows)
    if BUGS["area_word_line"]:
        _assume_no_area_word_before_header(rows)

    text = "\n".join(r[0] for r in rows) + "\n"
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = text.replace("\n", newline)
    encodings = ["utf-8", "utf-8-sig", "utf-16", "cp949"]
    encoding = draw(st.sampled_from(encodings))
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:  # CP949 has no ❙ • –
        encoding = "utf-8-sig"
        data = text.encode(encoding)
    return GenDoc(transcripts, area, rows, data, encoding)


def _assume_no_running_lookalikes(rows: list[tuple[str, str, str]]) -> None:
    """No generated line stands beside page numbers twice (counting both sides of one)."""
    seq = [(t.strip(), k, o) for t, k, o in rows if t.strip()]
    beside: dict[str, int] = {}
    for i, (_t, _kind, owner) in enumerate(seq):
        if owner != "page number":
            continue
        for j in (i - 1, i + 1):
            if 0 <= j < len(seq) and seq[j][2] != "page number" and seq[j][1] != "furniture":
                beside[seq[j][0]] = beside.get(seq[j][0], 0) + 1
    assume(all(n < 2 for n in beside.values()))


def _assume_no_area_word_before_header(rows: list[tuple[str, str, str]]) -> None:
    """No wrapped line holding only an area name right before a transcript header."""
    seq = [(t.strip(), k, o) for t, k, o in rows if t.strip() and k != "furniture"]
    for (text, kind, owner), (_t2, _k2, owner2) in zip(seq, seq[1:], strict=False):
        if kind == "content" and "." in owner and owner2.count(".") == 0 and owner2 != owner:
            assume(AREAS.is_area_title(text) is None)


def _assume_no_repeated_page_edges(rows: list[tuple[str, str, str]]) -> None:
    pages: list[list[tuple[str, str]]] = [[]]
    for text, kind, _owner in rows:
        if text.startswith("\f"):
            pages.append([])
        if text.strip():
            pages[-1].append((text.strip(), kind))
    if len(pages) < 3:
        return
    seen: dict[str, int] = {}
    for page_rows in pages:
        for t in {t for t, k in page_rows[:2] + page_rows[-2:] if k == "content"}:
            seen[t] = seen.get(t, 0) + 1
    assume(all(n < 2 for n in seen.values()))


# ------------------------------------------------------------------------------ helpers
def parse_bytes(data: bytes, name: str = "gen"):
    """What ``consult.load`` does for a ``.txt`` file, on bytes in memory."""
    text, enc, warns = decode_bytes(data, path=f"{name}.txt")
    doc = document_from_text(text, path=f"{name}.txt", name=name, encoding=enc, warnings=warns)
    return parse_document(doc, AREAS, ROLES)


def squash(s: object) -> str:
    return " ".join(str(s or "").split())


def check_coverage(parsed) -> None:
    """Every non-blank line is in the coverage exactly once, with a record or a reason."""
    doc = parsed.doc
    numbers = [c.line for c in parsed.coverage]
    assert len(numbers) == len(set(numbers)), "a line is reported twice"
    nonblank = {i for i, raw in enumerate(doc.lines, start=1) if raw.strip()}
    assert set(numbers) == nonblank, (
        f"missing {sorted(nonblank - set(numbers))[:5]}, extra {sorted(set(numbers) - nonblank)[:5]}"
    )
    for c in parsed.coverage:
        assert c.text == doc.lines[c.line - 1]
        assert bool(c.record_id) != bool(c.reason), c
    cov = Corpus.from_parsed([parsed]).coverage()
    assert len(cov) == len(nonblank)


def check_structure(gen: GenDoc, parsed) -> None:
    got = parsed.transcripts
    where = "\n" + gen.describe()
    assert len(got) == len(gen.transcripts), where
    for t, g in zip(got, gen.transcripts, strict=True):
        assert t.kind == "consultation", where
        assert t.number == g.number, where
        assert t.speaker.speaker == g.speaker[0], where
        assert t.speaker.role == g.speaker[1], where
        assert t.speaker.organization == g.speaker[2], where
        assert t.area == gen.area, where
        assert len(t.questions) == len(g.questions), where
        for q, gq in zip(t.questions, g.questions, strict=True):
            assert q.no == gq.number, where
            assert q.topic == gq.topic, where
            assert squash(q.text) == gq.line.text, where
            assert len(q.points) == len(gq.points), where
            for p, gp in zip(q.points, gq.points, strict=True):
                assert p.label == gp.tag, where
                assert squash(p.text).split(" ")[0] == gp.first_word(), where
                assert squash(p.text) == gp.expected_text(), where
    # the coverage puts each generated line where it belongs
    row_of_line: dict[int, tuple[str, str, str]] = {}
    doc_lines = parsed.doc.lines
    assert len(doc_lines) == len(gen.rows), where
    for no, row in enumerate(gen.rows, start=1):
        row_of_line[no] = row
    for c in parsed.coverage:
        text, kind, owner = row_of_line[c.line]
        if kind == "furniture":
            assert c.record_id == "" and c.reason in ("page number", "running header/footer"), (c, where)
        elif kind == "residue":
            assert c.record_id == "", (c, where)
        else:
            assert c.record_id.split("#", 1)[1].startswith(owner), (c, owner, where)


# ------------------------------------------------------------------------------ properties
@FAST
@given(minutes())
def test_generated_minutes_parse_back_exactly(gen: GenDoc) -> None:
    parsed = parse_bytes(gen.data)
    check_coverage(parsed)
    check_structure(gen, parsed)


@settings(FAST, max_examples=15)
@given(minutes())
def test_generated_minutes_through_load(gen: GenDoc) -> None:
    """The same through a real file and ``consult.load`` (the public entry point)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "gen.txt"
        path.write_bytes(gen.data)
        corpus = consult.load(path)
    tr = corpus.transcripts
    assert tr["transcript_no"].tolist() == [g.number for g in gen.transcripts]
    assert tr["speaker"].tolist() == [g.speaker[0] for g in gen.transcripts]
    assert tr["role"].tolist() == [g.speaker[1] for g in gen.transcripts]
    assert tr["n_questions"].tolist() == [len(g.questions) for g in gen.transcripts]
    want_points = [gp.expected_text() for g in gen.transcripts for gq in g.questions for gp in gq.points]
    assert [squash(t) for t in corpus.points["text"]] == want_points
    assert corpus.points["point_id"].is_unique


# soup of the fragments the parser reacts to, and of noise
FRAGMENTS = [
    "전문가 자문 회의록 (1)", " 전문가 자문 회의록 (2)", "전문가 자문 회의록", "발표내용 요약 (1)",
    "자문 회의록 3", "[전문가 인터뷰 1]", "<KAIST 신소재공학과 교수>", "[LG에너지솔루션 관계자]",
    "(삼성전자 관계자)", "〈ETRI 책임연구원〉", "자문위원: 교수", "<그림 1> 반도체 공정", "<>", "()",
    "1. 질문입니다?", "2) 둘째 질문", "(3) 셋째", "①", "② 원문자", "Q1. 질문", "질문 2: 내용",
    "1.", "12.5", "● (전략) 요점", "●", "○ 하위", "□ 네모", "ㅇ 이응", "• 점", "- 대시", "– 엔대시",
    "ㆍ 가운뎃점", "※ 참고", "* 각주", "ex) 예시", "A: 답변", "답변:", "(토론) 질문 및 의견",
    "이슈브리프 및 별첨", "별첨 1 참고", "붙임2", "세션 1 발표", "(2023.06.27) KAIST 정책연구소",
    "2023.06.27", "주요 질문 전문가 의견", "주요 질문 및 전문가 의견", "반도체", "양자", "사이버 보안",
    "18 ❙", "❙ 127", "- 3 -", "page 4", "7", "12", "국가미래전략기술 정책연구소 2023 연차보고서",
    "2023 국가전략기술 R&D 전략 보고서 _ 양자", "\uf0a7 사유 글리프", "\x00\x00", "\u200b", "\ufeff",
    "\u3000", "\t", " ", "", "", "\f", "\f18", "확보", "해야 ", "기술로도 ", "A" * 300,
]


@st.composite
def line_soup(draw) -> str:
    lines = draw(
        st.lists(
            st.one_of(
                st.sampled_from(FRAGMENTS),
                st.builds(lambda a, b: a + " " + b, st.sampled_from(FRAGMENTS), st.sampled_from(FRAGMENTS)),
                st.text(max_size=30),
                st.builds(lambda g, t: g + t, st.sampled_from("●○-ㅇ•※<[(〈①1Q"), st.text(max_size=20)),
            ),
            max_size=60,
        )
    )
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    return newline.join(lines)


def _parse_anything(text: str) -> None:
    """Parse ``text`` both as a string and as bytes; only consult's errors may escape."""
    doc = document_from_text(text, path="<soup>", name="soup")
    parsed = parse_document(doc, AREAS, ROLES)
    check_coverage(parsed)
    corpus = Corpus.from_parsed([parsed])
    for level, key in (("point", "point_id"), ("question", "question_id"),
                       ("transcript", "transcript_id")):
        assert corpus.table(level)[key].is_unique
    corpus.table("summary")
    try:
        again = parse_bytes(text.encode("utf-8", errors="surrogatepass"), name="soup")
    except ConsultError:
        return
    check_coverage(again)


@FAST
@given(line_soup())
def test_line_soup_never_crashes_and_loses_no_line(text: str) -> None:
    _parse_anything(text)


@FAST
@given(st.text())
def test_any_text_never_crashes_and_loses_no_line(text: str) -> None:
    _parse_anything(text)


@settings(FAST, max_examples=100)
@given(st.binary(max_size=4000))
def test_any_bytes_raise_only_consult_errors(data: bytes) -> None:
    try:
        parsed = parse_bytes(data)
    except ConsultError as exc:
        assert "\n" not in str(exc)
        return
    check_coverage(parsed)


@settings(FAST, max_examples=30)
@given(st.binary(max_size=2000), st.sampled_from([".txt", ".pdf", ".hwpx", ".hwp", ".docx", ".dat"]))
def test_any_file_through_load_raises_only_consult_errors(data: bytes, suffix: str) -> None:
    """Random bytes under every suffix consult reads: an error of consult's own, or a corpus."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"x{suffix}"
        path.write_bytes(data)
        try:
            corpus = consult.load(path)
        except ConsultError as exc:
            assert "\n" not in str(exc)
            return
        assert len(corpus.coverage()) > 0


@settings(FAST, max_examples=40)
@given(minutes(), st.integers(0, 10_000), st.integers(1, 64))
def test_damaged_minutes_never_crash(gen: GenDoc, at: int, cut: int) -> None:
    """Generated minutes with a byte range cut out (truncated UTF-8, broken CP949)."""
    data = gen.data
    at = at % max(1, len(data))
    damaged = data[:at] + data[at + cut:]
    try:
        parsed = parse_bytes(damaged)
    except ConsultError:
        return
    check_coverage(parsed)


# ------------------------------------------------------------------------------ big budgets
@pytest.mark.slow
@SLOW
@given(minutes())
def test_slow_generated_minutes_parse_back_exactly(gen: GenDoc) -> None:
    parsed = parse_bytes(gen.data)
    check_coverage(parsed)
    check_structure(gen, parsed)


@pytest.mark.slow
@SLOW
@given(st.one_of(line_soup(), st.text()))
def test_slow_anything_never_crashes_and_loses_no_line(text: str) -> None:
    _parse_anything(text)


@pytest.mark.slow
@SLOW
@given(st.binary(max_size=4000))
def test_slow_any_bytes_raise_only_consult_errors(data: bytes) -> None:
    try:
        parsed = parse_bytes(data)
    except ConsultError:
        return
    check_coverage(parsed)
