"""Minutes whose structure is *statements with speakers*: meetings, written consultations and
ministry result reports.

Three shapes of the family share one reading (:func:`consult.shapes.parse_with_shapes` picks it when a file
has no ``전문가 자문 회의록 (N)``-style transcript header, which the base parser reads):

* **meeting** (간담회·자문회의 결과): a title, a header block (일시, 장소, 참석자 grouped as
  (학계)/(산업계)/(연구계)/(정부)), a discussion section (``□ 주요 논의 내용``), numbered
  topics, and statements naming their speaker inline (``○ (김OO 교수, 서울대) …``,
  ``- (산업부) …``) or in a speaker block above them. One transcript of kind ``meeting``; each
  point carries its own speaker, resolved against the attendee list (:mod:`consult.speakers`).
* **speaker blocks, then questions** (서면자문, ministry reports): ``□ 자문위원 1 : 기관 직함``,
  ``■ 발언: 기관 직함``, ``【 기관 직함 】`` open one transcript per expert; ``Q1.``/``가.``
  questions, ``A.``/``ㅇ`` answers with ``-``/``·`` sub-points and ``※`` notes.
* closing sections (향후 계획, 붙임, 참석자 명단, 종합 시사점, ``※ 붙임 … 끝.``) end the
  minutes: they are residue with their reason (an attendee list there feeds ``participants``).

Everything else falls through to :class:`consult.parse._Parser` (or, for word-processor
tables, :mod:`consult.parse_tables`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .ingest.document import Document
from .layout import Line, join_wrapped
from .parse import (
    _HEADER,
    _INLINE_ANSWER,
    _NOTE_RANK,
    TABLE_AFTER_ANSWER,
    Point,
    Question,
    Transcript,
    _bullet,
    _Parser,
    _question_match,
    _row_edge,
    _tag,
    bare_answer_mark,
    in_table,
)
from .people import (
    RoleLexicon,
    SpeakerBook,
    SpeakerInfo,
    bare_speaker,
    is_chair_prompt,
    lists_people,
    speaker_block,
    split_statement,
    trailing_speaker,
)
from .records import point_id, question_id, transcript_id
from .taxonomy import AreaTaxonomy

__all__ = ["detect_shape"]

_HEAD = r"^(?:[□■◆◇▣◈]\s*+|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]\s*+[.)]?\s*+|\d{1,2}\s*+[.)]\s*+|[<\[【]\s*+)?"
_TITLE = re.compile(
    r"^[^○●◦ㅇ\-•·:：]{0,50}?(?:간담회|자문\s*+회의|회의|협의회|위원회|워크숍|좌담회|세미나|포럼|패널\s*+토론|토론회|심포지엄|"
    r"라운드\s*+테이블|자문|"
    r"의견\s*+(?:수렴|청취|조회)|현장\s*+방문)\s*+"
    r"(?:개최\s*+)?(?:결과(?:\s*+보고)?|회의록|주요\s*+내용|요약)\s*+(?:\(.{0,24}\))?\s*+[>\]】]?$"
)
_META = re.compile(
    r"^(?:[□■○◦ㅇ•·\-–*]\s*|\d{1,2}\s*[.)]\s*|[가-하]\s*[.)]\s*)?"
    r"(?P<key>일\s*시|일\s*자|장\s*소|참\s*석\s*자?(?:\s*명단)?|참석\s*(?:대상|인원|기관)|배\s*석|"
    r"주\s*관|주\s*최|목\s*적|안\s*건|회\s*의\s*명|좌\s*장|패\s*널|토\s*론\s*자)\s*(?:[:：]\s*(?P<rest>.*)|$)"
)
_DISCUSSION = re.compile(
    _HEAD + r"(?:\d{1,2}\s*+[.)]\s*+)?[^.?!]{0,12}?(?:논의|발언|토의|주요\s*의견|주요\s*내용|회의\s*내용|"
    r"자문\s*(?:내용|의견|결과)|전문가\s*(?:별\s*)?(?:의견|발언)|의견\s*수렴|질의\s*응답|건의)[^.?!]{0,16}$"
)
#: a heading that announces opinions (where ``(산업계) …`` is the side speaking)
_OPINIONS = re.compile(r"의견|건의|논의|발언|토의|토론|질의\s*+응답|간담회|자문\s*+회의|회의록")
_CLOSING = re.compile(
    r"^(?:※\s*+)?(?:[□■◆◇▣◈]\s*+|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]\s*+[.)]?\s*+|\d{1,2}\s*+[.)]\s*+|[<\[【]\s*+)?"
    r"(?P<what>향후\s*+(?:계획|추진\s*+계획|추진|일정|조치)|추진\s*+계획|후속\s*+조치|조치\s*+계획|붙\s*+임|"
    r"별\s*+첨|참고\s*+자료|참석자\s*+명단|참석\s*+명단|종합\s*+시사점|시사점|행정\s*+사항|기타\s*+사항)"
)
_ROMAN = "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ"  # Ⅰ. 개요: a heading although it ends like a sentence (…요)
_SECTION = re.compile(r"^(?:[□■◆◇▣◈]|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]\s*+[.)]?)\s*+\S")
_SENTENCE = re.compile(r"(?:[다요음함됨임]|[?？.])\s*$")


@dataclass
class _Q:
    head: int  # index of the numbered line (or -1: implicit)
    no: int | None
    label: str
    text: str
    body: list[int] = field(default_factory=list)  # line indices after the question line
    chair: bool = False  # a meeting chair's prompt (위원장: … 의견을 주십시오), asked of everyone


@dataclass
class _T:
    kind: str
    head: int
    number: int | None
    speaker: SpeakerInfo
    source: str
    parts: dict[int, str] = field(default_factory=dict)  # line index -> covered part (no question)
    preamble: list[int] = field(default_factory=list)
    questions: list[_Q] = field(default_factory=list)
    style: str | None = None
    end: int = 0


class _StatementParser(_Parser):
    """Reads meetings and speaker-block minutes (see the module docstring)."""

    def __init__(self, doc: Document, areas: AreaTaxonomy, roles: RoleLexicon):
        super().__init__(doc, areas, roles)
        self.book = SpeakerBook([], roles)
        self.book.sides_speak = any(len(ln.text) <= 40 and _OPINIONS.search(ln.text) for ln in self.lines)
        self.residue_reason: dict[int, str] = {}
        self.hints = None
        #: the document uses □/■ as section headings (then a □ line is a heading, not a bullet)
        self.box_headings = False

    # -- classification ------------------------------------------------------------------
    def speaker_block(self, i: int) -> tuple[str, int | None] | None:
        """``(label, number)`` when line ``i`` is a speaker block (a line naming only a speaker)."""
        return speaker_block(self.lines[i].text, self.book, self.hints.speaker if self.hints else ())

    def lists_people(self, text: str) -> bool:
        return lists_people(text, self.roles)

    def _opens_minutes(self, i: int) -> bool:
        """A title line opens minutes when it is the document's first line or the 일시/장소/참석자
        lines follow it; otherwise (``2. 패널토론 주요 내용``) it heads a part of them."""
        if i == 0:
            return True
        return any(_META.match(self.lines[j].text) for j in range(i + 1, min(i + 5, len(self.lines))))

    def question(self, text: str, style: str | None) -> tuple[str, int, str, str] | None:
        """A numbered question (the user's hint patterns first)."""
        for pat in self.hints.question if self.hints else ():
            h = pat.match(text)
            if h and h.group("no").isdigit():
                return "hint", int(h.group("no")), text[: h.start("text")].strip(), h.group("text").strip()
        return _question_match(text, style)

    def classify(self, i: int) -> str:
        t = self.lines[i].text
        if self.hints and any(p.match(t) for p in self.hints.closing):
            return "closing"
        if _CLOSING.match(t) and len(t) <= 80 and not _bullet_body(t):
            return "closing"
        if t.startswith("※") and "붙임" in t[:8]:
            return "closing"
        meta = _META.match(t)
        if meta and len(t) <= 300 and not (
                meta.group("key").replace(" ", "").startswith(("좌장", "패널", "토론자"))
                and not self.lists_people(meta.group("rest") or "")):  # "좌장 : …주십시오." speaks
            return "meta"
        if self.speaker_block(i) is not None:
            return "speaker"
        if _TITLE.match(t) and len(t) <= 70 and self._opens_minutes(i):
            return "title"
        if _DISCUSSION.match(t) and len(t) <= 40 and not _bullet_body(t):
            return "discussion"
        if _SECTION.match(t) and len(t) <= 50 and (not _SENTENCE.search(t) or (
                self.box_headings and t[0] in "□■") or (t[0] in _ROMAN and t.rstrip().endswith("개요"))):
            return "section"
        return "body"


def _bullet_body(t: str) -> bool:
    """A bullet line that is a statement, not a heading (``○ 향후 계획을 수립``)."""
    rank = _bullet(t)[0]
    return rank is not None and rank != 0 and rank != _NOTE_RANK


# ------------------------------------------------------------------------------ detection


def detect_shape(parser: _Parser) -> str | None:
    """``meeting``, ``blocks`` (speaker blocks then questions), ``report`` (transcript headers:
    the base reading) or ``None`` (nothing recognised: the base reading, or tables).

    The base reading wins whenever a transcript header of the ``전문가 자문 회의록 (N)`` kind is
    present, so every file the base parser reads keeps its records.
    """
    lines = parser.lines
    forced = parser.hints.shape if getattr(parser, "hints", None) else None
    if forced:
        return forced
    for i in range(len(lines)):
        if _HEADER.match(lines[i].text) and parser._transcript_start(i) is not None:
            return "report"
    sp = parser if isinstance(parser, _StatementParser) else None
    if sp is None:
        return None
    titles = metas = discussions = statements = 0
    blocks: list[int] = []
    first_q = None
    for i, ln in enumerate(lines):
        c = sp.classify(i)
        if c == "title":
            titles += 1
        elif c == "meta" and "참" in ln.text[:8]:
            metas += 1
        elif c == "discussion":
            discussions += 1
        elif c == "speaker":
            blocks.append(i)
        elif c == "body":
            rank, _g, rest = _bullet(ln.text)
            if rank != _NOTE_RANK and (split_statement(rest, sp.book) or (
                    rank is not None and trailing_speaker(rest, sp.book))):  # bulleted or not
                statements += 1
            elif first_q is None and _question_match(ln.text, None):
                first_q = i
    if blocks and _questions_follow_blocks(sp, blocks):
        return "blocks"
    if (titles or metas) and (discussions or statements >= 2 or blocks):
        return "meeting"
    if statements >= 3 or (blocks and first_q is not None):
        return "meeting"
    return None


def _questions_follow_blocks(sp: _StatementParser, blocks: list[int]) -> bool:
    """Most speaker blocks are followed by a question before any answer bullet (speaker-major)."""
    follow = 0
    for n, b in enumerate(blocks):
        stop = blocks[n + 1] if n + 1 < len(blocks) else len(sp.lines)
        for j in range(b + 1, min(stop, b + 8)):
            t = sp.lines[j].text
            if _question_match(t, None):
                follow += 1
                break
            if _bullet(t)[0] is not None:
                break
    return follow * 2 > len(blocks)


def make_points(parser: _StatementParser, q: Question, qid: str, idxs: list[int],
                default: tuple[SpeakerInfo | None, str]) -> None:
    """Points of one question from its body lines: statements (a bullet naming its speaker)
    always open a point; so do bullets at the highest rank; lower ones are sub-points."""
    lines = parser.lines
    info = []
    for i in idxs:
        t = lines[i].text
        rank, glyph, rest = _bullet(t)
        st = split_statement(rest if rank is not None else t, parser.book) if rank != _NOTE_RANK else None
        if st is None and rank is not None and rank != _NOTE_RANK and default[0] is None:
            st = trailing_speaker(rest, parser.book)  # "… 필요 (김OO 교수)": the speaker after
        if st is not None and (st[3] == "group" or st[0] in parser.roles.groups) and (
                default[0] is not None or (q.text and not _OPINIONS.search(q.text))):
            # "(산업계) …" in an expert's own answer, or under a heading that is not opinions
            # (추진 과제): a tag naming a subject, not a side speaking
            st = None
        block = parser.speaker_block(i) if st is None and rank in (None, 0) else None
        info.append((i, rank, rest, st, block))
    # a bullet naming only a speaker, with deeper bullets under it (``○ 박OO 교수(KAIST)`` then
    # ``- …``): a speaker block for those bullets
    for k, (i, rank, rest, st, block) in enumerate(info):
        nxt = info[k + 1][1] if k + 1 < len(info) else None
        if (st is None and block is None and rank is not None and rank != _NOTE_RANK
                and nxt is not None and nxt != _NOTE_RANK and nxt > rank
                and bare_speaker(rest, parser.book)):
            info[k] = (i, rank, rest, st, (rest.strip(), None))
    stated = [r for _i, r, _x, st, _b in info if st is not None and r is not None]
    structural = [r for _i, r, _x, _s, b in info if r is not None and r != _NOTE_RANK and b is None]
    point_rank = min(stated) if stated else (min(structural) if structural else None)
    speaker, source = default
    cur: Point | None = None
    block_rank: int | None = None  # under a speaker block, its first bullet's rank marks points
    prompt = False  # inside a chair's prompt (its continuation lines are residue too)
    for i, rank, rest, st, block in info:
        ln = lines[i]
        if cur is not None and in_table(parser.doc, ln) and not in_table(parser.doc, cur.lines[0]):
            parser._residue(ln, TABLE_AFTER_ANSWER)  # an overview table below a typed answer
            continue
        if rank is None and st is None and block is None and bare_answer_mark(ln.text):
            parser._cover(ln, qid, "answer mark")  # [답변] above the answer's bullets
            cur = None
            continue
        if st is not None and is_chair_prompt(st[0], st[2], st[1], parser.roles):
            parser._residue(ln, f"chair's prompt, not an expert's view ({st[0]})")
            cur, prompt = None, True
            continue
        if prompt and st is None and block is None and rank is None:
            parser._residue(ln, "chair's prompt, not an expert's view")
            continue
        prompt = False
        if block is not None:  # a speaker block inside a topic: the speaker of what follows
            found = parser.book.resolve(block[0])
            speaker, source = (found[0], "speaker block") if found else (
                SpeakerInfo(block[0], "", "", "", "unknown", ""), "speaker block")
            parser._cover(ln, qid, "speaker")
            cur, block_rank = None, -1
            continue
        if st is not None:
            block_rank = None
        elif block_rank == -1 and rank is not None and rank != _NOTE_RANK:
            block_rank = rank
        top = block_rank if block_rank not in (None, -1) else point_rank
        opens = cur is None or st is not None or (rank is not None and rank != _NOTE_RANK
                                                  and top is not None and rank <= top)
        if opens:
            body = st[1] if st is not None else (rest if rank is not None and rank != _NOTE_RANK
                                                 else ln.text)
            who, src = (st[2], st[3]) if st is not None else (speaker, source)
            if who is None:
                src = "unattributed: no speaker named in the statement or above it"
                who = SpeakerInfo("", "", "", "", "unknown", "")
            first = Line(ln.no, ln.raw, body, ln.page, ln.trailing_space)
            cur = Point(len(q.points) + 1, _tag(body), [ln], [[first]], speaker=who, speaker_source=src)
            q.points.append(cur)
            part = "point"
        elif rank is None and not _row_edge(parser.doc, cur.items[-1][-1], ln):
            cur.items[-1].append(ln)
            cur.lines.append(ln)
            part = "continuation"
        else:
            cur.items.append([ln])
            cur.lines.append(ln)
            part = "sub-point"
        parser._cover(ln, point_id(qid, cur.no), part)
    for p in q.points:
        items = [join_wrapped(it, parser.layout.space_marks_wraps) for it in p.items]
        p.text = "\n".join(x for x in items if x)


def build_transcript(parser: _StatementParser, seq: int, t: _T) -> Transcript:
    """A :class:`Transcript` (with its questions and points) from a segmented block."""
    lines = parser.lines
    tid = transcript_id(parser.doc.name, seq)
    header = lines[t.head]
    area, report = parser._context(header.no)
    if not area:  # the document's own title or section heading above the transcript
        above = [a for k, a in getattr(parser, "title_areas", []) if k <= t.head]
        area = above[-1] if above else (parser.areas.area_of(header.text) or "")
    span = [lines[k] for k in range(t.head, t.end)]
    speaker_line = header if t.kind != "meeting" else None
    tr = Transcript(seq, t.kind, t.number, header, speaker_line, t.speaker, area, report, span)
    for k, part in t.parts.items():
        parser._cover(lines[k], tid, part)
    for k in t.preamble:
        parser._residue(lines[k], "transcript preamble (before the first question)")
        tr.preamble.append(lines[k])
    default = (None, "") if t.kind == "meeting" else (t.speaker, "")
    for q in t.questions:
        qlines = [lines[q.head]] if q.head >= 0 else []
        body = list(q.body)
        inline = _INLINE_ANSWER.match(q.text) if qlines else None
        if inline:  # "1. 질문?<TAB>답변", "1. 질문? → 답변": the answer on the question's line
            q.text = inline.group("q").strip()
        while qlines and not inline and body and _bullet(lines[body[0]].text)[0] is None and not (
            _QEND.search(qlines[-1].text)) and parser.speaker_block(body[0]) is None and \
                not bare_answer_mark(lines[body[0]].text) and not \
                split_statement(lines[body[0]].text, parser.book):
            qlines.append(lines[body.pop(0)])
        first = Line(qlines[0].no, qlines[0].raw, q.text, qlines[0].page, qlines[0].trailing_space) \
            if qlines else None
        text = join_wrapped([first, *qlines[1:]], parser.layout.space_marks_wraps) if first else ""
        kind = "topic" if t.kind == "meeting" and not q.chair else "prompt"
        question = Question(len(tr.questions) + 1, q.no, q.label, kind, _tag(text), qlines, text)
        qid = question_id(tid, question.seq)
        for ln in qlines:
            parser._cover(ln, qid, "question")
        if inline:
            h = qlines[0]
            ans = Line(h.no, h.raw, inline.group("a").strip(), h.page, h.trailing_space)
            who = default[0] or SpeakerInfo("", "", "", "", "unknown", "")
            src = default[1] if default[0] is not None else "unattributed: no speaker named in the statement or above it"
            question.points.append(Point(1, _tag(ans.text), [h], [[ans]], speaker=who, speaker_source=src))
        make_points(parser, question, qid, body, default)
        tr.questions.append(question)
    if not tr.questions:
        parser.warnings.append((header.no, "transcript ends without numbered questions"))
    return tr


_QEND = re.compile(r"(?:[?？]|니다|시오|세요|까요|나요)\s*+[.]?\s*+$")
