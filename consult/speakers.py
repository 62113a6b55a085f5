"""Who said it: speaker labels inside statements, attendee lists and short-form resolution.

Minutes of meetings name the speaker of each statement inline, in the document's own short
forms: ``○ (김OO 교수, 서울대) …``, ``○ (삼성전자 박OO 상무) …``, ``- (산업부) …``,
``○ 이 교수(KAIST): …``. The attendee list (참석자) gives the full forms, often grouped by
side: ``(학계) 김OO 서울대 교수 / (산업계) 박OO 삼성전자 상무 / (정부) 산업통상자원부 과장``.

* :func:`parse_participants` reads such a list into :class:`Participant` rows (name, title,
  organization, role with its evidence, the group it was listed under, the source line);
* :class:`SpeakerBook` resolves a statement's label to a participant (by name, surname and
  title, or an abbreviated organization: ``산업부`` → ``산업통상자원부``, ``서울대`` →
  ``서울대학교``) or, failing that, reads the label with the role lexicon;
* :func:`split_statement` finds the speaker at the start of a statement, telling it apart from
  a topic tag (``○ (인력) …`` is a tag: it names nobody).

    >>> from consult.taxonomy import load_roles
    >>> book = SpeakerBook(parse_participants(["(학계) 김OO 서울대학교 교수", "(정부) 산업통상자원부 반도체과장"],
    ...                                       [1, 2], load_roles()), load_roles())
    >>> [p.role for p in book.participants]
    ['academic', 'government']
    >>> label, rest, info, source = split_statement("(김OO 교수, 서울대) 인력이 부족", book)
    >>> info.role, info.organization, rest, source
    ('academic', '서울대학교', '인력이 부족', 'participants')
    >>> split_statement("(산업부) 검토하겠음", book)[2].role
    'government'
    >>> split_statement("(인력) 부족", book) is None
    True
    >>> split_statement("(산업계) 수요 발굴이 우선", book)[2:]
    (SpeakerInfo(speaker='산업계', organization='', department='', title='', role='industry', evidence='group:산업계'), 'group')
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .taxonomy import RoleLexicon, SpeakerInfo

__all__ = ["Participant", "SpeakerBook", "parse_participants", "split_statement", "GROUP_ROLES",
           "names_a_person_by_title", "identifies_someone", "trailing_speaker",
           "is_name"]

#: attendee-list group words -> role (the group decides: it is the document's own word)
GROUP_ROLES = {
    "학계": "academic", "대학": "academic", "학": "academic", "학교": "academic",
    "산업계": "industry", "업계": "industry", "기업": "industry", "산업": "industry", "산": "industry",
    "민간": "industry", "연구계": "research", "연구기관": "research", "출연연": "research",
    "연": "research", "연구소": "research", "정부": "government", "관계부처": "government",
    "부처": "government", "관": "government", "공공": "government", "공공기관": "government",
    "유관기관": "government",
}
_GROUP = re.compile(
    r"^\s*[(\[<〈【]\s*(?P<g>" + "|".join(sorted(GROUP_ROLES, key=len, reverse=True)) +
    r")\s*[)\]>〉】]\s*[:：]?\s*|^\s*(?P<g2>" + "|".join(sorted((g for g in GROUP_ROLES if len(g) > 1),
                                                           key=len, reverse=True)) + r")\s*[:：]\s*"
)
_LATIN_ORG = re.compile(r"^[A-Z][A-Za-z&]{1,}")  # KAIST, ETRI, KRISS, LG, SKT
_MASKED = re.compile(r"^[가-힣][OＯ○◯0*＊xX]{1,2}$")
_HANGUL_NAME = re.compile(r"^[가-힣]{2,4}$")
#: endings of organization words (서울대, 산업부, 한국연구원 …), never of a person's name
_ORG_END = re.compile(r"(?:대|부|청|처|원|소|단|회|사|과|실|국|팀|센터|공사|공단|그룹|전자|학교|학원|기관)$")
_EXTRA_TITLES = ("원장", "본부장", "단장", "실장", "부장", "차장", "위원장", "위원", "소장", "회장",
                 "부회장", "국장", "과장", "처장", "청장", "차관", "장관", "책임", "수석", "선임",
                 "연구위원", "명예교수", "겸임교수", "대표이사", "좌장", "사회자", "진행자")
#: ``(?<!\s)``: a match never starts inside a run of spaces (the one at the run's start is
#: leftmost), so ``sub`` does not rescan the run from each of its spaces
_DROP = re.compile(r"(?<!\s)\s*+(?:외\s*+\d++\s*+(?:명|인)|\(?\s*+(?:총\s*+)?\d++\s*+(?:명|인)\s*+\)?)\s*+$")


def is_name(token: str) -> bool:
    """A person's name (``김OO``, ``김○○``, ``박민수``), not an organization word."""
    if _MASKED.match(token):
        return True
    return bool(_HANGUL_NAME.match(token)) and len(token) <= 3 and not _ORG_END.search(token)


@dataclass(frozen=True)
class Participant:
    """One attendee: ``role`` from the group heading when listed under one, else the lexicon."""

    name: str
    title: str
    organization: str
    role: str
    evidence: str
    group: str
    line: int

    @property
    def label(self) -> str:
        return " ".join(x for x in (self.organization, self.name, self.title) if x)

    def info(self) -> SpeakerInfo:
        org, _, dept = self.organization.partition(" ")
        return SpeakerInfo(self.label, org, dept, self.title, self.role, self.evidence)


def _is_title(token: str, lexicon: RoleLexicon) -> bool:
    return lexicon._title_role(token) is not None or token.endswith(_EXTRA_TITLES)


def split_person(text: str, lexicon: RoleLexicon) -> tuple[str, str, str]:
    """``(name, title, organization)`` of ``김OO 교수(서울대)``, ``서울대 김OO 교수``, ``산업부 과장``."""
    text = " ".join(text.replace(",", " ").replace("，", " ").split())
    org_in_parens = ""
    group = _trailing_group(text)
    if group is not None:
        org_in_parens, text = group[0].strip(), text[: group[1]].strip()
    tokens = text.split()
    name = next((t for t in tokens if _MASKED.match(t)), "")  # a masked name is surely the name
    for k, t in enumerate(tokens if not name else []):
        nxt = tokens[k + 1] if k + 1 < len(tokens) else ""
        g = _GLUED_TITLE.match(t)  # 김OO교수: a name glued to its title
        if g and _is_title(g.group(2), lexicon):
            name = g.group(1)
            tokens[k:k + 1] = [g.group(1), g.group(2)]
            break
        if _is_title(t, lexicon) and not _MASKED.match(t):
            continue
        if is_name(t) or (_ONE_HANGUL.fullmatch(t) and nxt and _is_title(nxt, lexicon)):
            name = t
            break
    rest = [t for t in tokens if t != name]
    titles = [t for t in rest if _is_title(t, lexicon)]
    title = titles[-1] if titles else ""
    others = [t for t in rest if t != title]
    if org_in_parens:
        inner = split_person(org_in_parens, lexicon)
        if inner[0] and inner[2] and not name:  # 위원장(홍길동, 한양대 교수): the person is inside
            return inner[0], " ".join(x for x in (*others, title, inner[1]) if x), inner[2]
        if not inner[0] and inner[1] and inner[2]:  # 이민정 위원(KAIST 교수): organization and title
            return name, " ".join(x for x in (*others, title, inner[1]) if x), inner[2]
        return name, " ".join([*others, title]).strip(), org_in_parens
    return name, title, " ".join(others).strip()


def names_a_person_by_title(text: str, lexicon: RoleLexicon) -> bool:
    """Whether ``text`` is only a person's designation: words ending in a title, perhaps with a
    name after it or an organization in brackets (``서울대학교 김OO 교수``, ``KAIST 교수``,
    ``교수 김OO``, ``김OO 교수(서울대)``) — not a topic that mentions a title (``교수 인력 현황``).

    >>> from consult.taxonomy import load_roles
    >>> [names_a_person_by_title(t, load_roles()) for t in ("서울대학교 김OO 교수", "교수 인력 현황")]
    [True, False]
    """
    text = " ".join(text.split())
    whole = text
    group = _trailing_group(text)
    if group is not None:
        text = text[: group[1]].strip()
    tokens = text.split()
    if not tokens or len(tokens) > 6 or len(text) > 40:
        return False
    if not (_is_title(tokens[-1], lexicon)
            or (len(tokens) >= 2 and is_name(tokens[-1]) and _is_title(tokens[-2], lexicon))):
        return False
    return identifies_someone(whole, lexicon)


def identifies_someone(text: str, lexicon: RoleLexicon) -> bool:
    """Whether a label with a title also names whom: a masked name (``김OO``) or an organization
    (``KAIST 교수``, ``박민수 교수(KAIST)``), not a title after a common word (``신진 연구원``,
    ``외국인 연구원``, ``과장 광고``).

    >>> from consult.taxonomy import load_roles
    >>> [identifies_someone(t, load_roles()) for t in ("박민수 교수(KAIST)", "신진 연구원", "한양대 교수")]
    [True, False, True]
    """
    name, title, org = split_person(text, lexicon)
    if _MASKED.match(name):
        return True
    if not title or not org:
        return False
    first = org.split()[0]
    return bool(lexicon._org_role(org, tuple(lexicon.order)) or _ORG_END.search(first)
                or _LATIN_ORG.match(first) or any(m in org for m in lexicon.firm_markers))


def _trailing_group(text: str, limit: int = 40) -> tuple[str, int] | None:
    """``(inside, start)`` of the bracketed group that ends ``text``, nested brackets allowed
    (``김OO ((주)안랩 연구소장)`` → ``(주)안랩 연구소장``); ``None`` if there is none or it is
    empty or longer than ``limit``."""
    text = text.rstrip()
    if not text or text[-1] not in ")）":
        return None
    depth = 0
    for k in range(len(text) - 1, max(-1, len(text) - limit - 3), -1):
        ch = text[k]
        if ch in ")）":
            depth += 1
        elif ch in "(（":
            depth -= 1
            if depth == 0:
                inside = text[k + 1:-1]
                return (inside, k) if inside.strip() else None
    return None


def parse_participants(texts: list[str], lines: list[int], lexicon: RoleLexicon) -> list[Participant]:
    """Attendees listed in ``texts`` (the lines after a ``참석자`` label, or its own rest).

    Group words in brackets or before a colon (``(학계)``, ``산업계:``) set the role of the
    entries after them; entries are separated by commas (outside parentheses), ``/``, ``;``,
    ``·`` or lines; ``외 3명`` and counts are dropped.
    """
    out: list[Participant] = []
    group = ""
    for text, line in zip(texts, lines, strict=True):
        text = _ENTRY_BULLETS.sub("", text).strip()
        if "\t" in text:  # a table row: 구분 | 성명 | 소속 | 직위
            cells = [c.strip() for c in text.split("\t")]
            while cells and (not cells[0] or cells[0].rstrip(".").isdigit()):  # 연번 column
                cells = cells[1:]
            if cells and cells[0] in GROUP_ROLES:
                group, cells = cells[0], cells[1:]
            text = " ".join(cells)
            if _TABLE_HEADER.search(text):
                continue
        for piece in _split_groups(text):
            g, entry = piece
            if g:
                group = g
            for item in _split_entries(entry):
                item = _DROP.sub("", item).strip(" .")
                if len(item) < 2 or item in GROUP_ROLES:
                    continue
                name, title, org = split_person(item, lexicon)
                info = lexicon.infer(" ".join(x for x in (org, title) if x))
                role = GROUP_ROLES.get(group, "") or info.role
                evidence = f"group:{group}" if group else info.evidence
                if not (name or org or title):
                    continue
                out.append(Participant(name, title, org, role or "unknown", evidence, group, line))
    return out


def _split_groups(text: str) -> list[tuple[str, str]]:
    """``(학계) a, b (산업계) c`` → ``[("학계", "a, b"), ("산업계", "c")]``."""
    out: list[tuple[str, str]] = []
    pos, group = 0, ""
    pattern = re.compile(
        r"[(\[<〈【]\s*(" + "|".join(sorted(GROUP_ROLES, key=len, reverse=True)) + r")\s*[)\]>〉】]\s*[:：]?"
    )
    for m in pattern.finditer(text):
        if m.start() > pos or group:
            out.append((group, text[pos:m.start()]))
        group, pos = m.group(1), m.end()
    out.append((group, text[pos:]))
    if len(out) == 1 and not group:
        m = _GROUP.match(text)
        if m:
            return [(m.group("g") or m.group("g2"), text[m.end():])]
    return [(g, t) for g, t in out if t.strip() or g]


def _split_entries(text: str) -> list[str]:
    """Split on commas, slashes, semicolons and middle dots outside parentheses."""
    out, depth, cur = [], 0, []
    for ch in text:
        if ch in "(（[":
            depth += 1
        elif ch in ")）]":
            depth = max(0, depth - 1)
        if depth == 0 and ch in ",，/;；·ㆍ、":
            out.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    out.append("".join(cur))
    return [x.strip() for x in out if x.strip()]


_FIRM = re.compile(r"\(주\)|㈜|주식회사|\(株\)")


def abbreviates(short: str, full: str) -> bool:
    """``short`` is ``full`` or an abbreviation of it: ``산업부``/``산업통상자원부``,
    ``서울대``/``서울대학교``, ``과기정통부``/``과학기술정보통신부``."""
    short, full = _FIRM.sub("", short.replace(" ", "")), _FIRM.sub("", full.replace(" ", ""))
    if not short or not full:
        return False
    if short == full or full.startswith(short) or short.startswith(full):
        return len(short) >= 2 and len(full) >= 2
    if short[0] != full[0] or short[-1] != full[-1]:
        return False
    it = iter(full)
    return all(ch in it for ch in short)


class SpeakerBook:
    """Resolve statement labels against the attendees; fall back to the role lexicon."""

    def __init__(self, participants: list[Participant], lexicon: RoleLexicon):
        self.participants = participants
        self.lexicon = lexicon
        #: short names of organizations (``ETRI`` → ``한국전자통신연구원``), from roles.toml
        self.aliases = dict(getattr(lexicon, "aliases", {}) or {})
        #: sides speak as one (``ㅇ (산업계) …`` is a statement of 산업계): only in documents
        #: that head a section as opinions (의견, 건의, 논의 …); elsewhere such a tag names the
        #: subject of a task (``Ⅱ. 추진 과제 / ○ (학계) 기초연구 지원 확대``), not a speaker
        self.sides_speak = True

    def resolve(self, label: str) -> tuple[SpeakerInfo, str] | None:
        """``(speaker, source)`` for ``label``, or ``None`` when it names nobody.

        ``source`` is ``participants`` (matched an attendee), ``statement`` (read from the
        label alone) or ``statement (ambiguous: …)`` when several attendees fit.
        """
        label = " ".join(label.split())
        if not label or len(label) > 60:
            return None
        name, title, org = split_person(label, self.lexicon)
        org = self.aliases.get(org, org)
        hits = self._match(name, title, org)
        if not hits and name and org:  # an organization written another way: name and title decide
            hits = self._match(name, title, "")
        if not hits and title and not name and not org:  # 위원장: the one attendee with that title
            hits = [p for p in self.participants if title in p.title.split()]
        if len(hits) == 1:
            return hits[0].info(), "participants"
        info = self.lexicon.infer(label)
        if info.role == "unknown" and org and title:  # the label's own parts say more
            parts = self.lexicon.infer(f"{org} {title}")
            if parts.role != "unknown":
                info = SpeakerInfo(info.speaker, parts.organization, parts.department, parts.title,
                                   parts.role, parts.evidence)
        named = bool(title) or bool(_MASKED.match(name)) or info.role != "unknown"
        if not named:
            return None
        if len(hits) > 1 and len({h.role for h in hits}) == 1 and info.role == "unknown":
            info = SpeakerInfo(info.speaker, info.organization, info.department, info.title,
                               hits[0].role, hits[0].evidence)
        source = "statement"
        if len(hits) > 1:
            source = "statement (ambiguous: " + "; ".join(h.label for h in hits[:4]) + ")"
        elif name and not _MASKED.match(name) and (org or info.role != "unknown"):
            return self._learn(name, title, org, info).info(), source
        return info, source

    def _learn(self, name: str, title: str, org: str, info: SpeakerInfo) -> Participant:
        """Remember a speaker a statement introduced (``이민정 위원(KAIST 교수)``) so that a later
        statement naming them alone (``이민정 위원``) resolves to the same person, under the
        same label."""
        person = Participant(name=name, title=title, organization=org or info.organization,
                             role=info.role, evidence=info.evidence, group="", line=-1)
        self.participants.append(person)
        return person

    def _match(self, name: str, title: str, org: str) -> list[Participant]:
        out = []
        for p in self.participants:
            if name:
                if not p.name or not _same_name(name, p.name):
                    continue
                if title and p.title and not (title in p.title or p.title in title):
                    continue
                if org and p.organization and not _org_fits(org, p.organization):
                    continue
                out.append(p)
            elif org:
                if p.organization and _org_fits(org, p.organization) and (
                    not title or not p.title or title in p.title or p.title.endswith(title)
                ):
                    out.append(p)
        return out


def _org_fits(short: str, full: str) -> bool:
    """An organization as a statement writes it fits the attendee's (or its first word)."""
    return abbreviates(short, full) or abbreviates(short, full.split()[0]) or \
        abbreviates(short.split()[0], full.split()[0])


def _same_name(a: str, b: str) -> bool:
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1 or (_MASKED.match(a) and _MASKED.match(b)):
        return a[0] == b[0]
    if _MASKED.match(a) or _MASKED.match(b):  # 장OO and 장민수 may be one person; 장비 is a word
        plain = b if _MASKED.match(a) else a
        return len(plain) == 3 and a[0] == b[0]
    return False


#: the label needs one character: of the spaces after the bracket, giving back more than one
#: never helps (``(?=\s?(?!\s))`` stops the backtracking there)
_PAREN_SPEAKER = re.compile(
    r"^[(\[（]\s*(?=\s?(?!\s))(?P<label>[^()\[\]（）]{1,40}?(?:[(（][^()（）]{1,20}[)）])?[^()\[\]（）]{0,20}?)"
    r"\s*+[)\]）]\s*+[:：]?\s*+"
)
_COLON_SPEAKER = re.compile(r"^(?P<label>[^:：()\[\]]{2,30}?(?:\s*+[(（][^()（）]{1,24}[)）])?)\s*+[:：]\s*+")
#: a surname with a title, as statements write it: 이 교수, 김 박사
_SURNAME_TITLE = re.compile(r"^[가-힣]\s*(?:교수|박사|상무|전무|대표|위원|연구원|과장|사무관|팀장|부장|이사)$")
_GLUED_TITLE = re.compile(r"^([가-힣][OＯ○◯*]{1,2})(\S{2,6})$")
_ONE_HANGUL = re.compile(r"[가-힣]")
_ENTRY_BULLETS = re.compile(r"^\s*(?:[-–•·ㆍ○◦ㅇ▪□■*]\s*)+")
_TABLE_HEADER = re.compile(r"성\s*명|이\s*름|소\s*속")
_SENTENCE_END = re.compile(r"[다요음함됨임]\s*$|[?？.]$")


#: group words that name a side speaking as one (``ㅇ (산업계) 수요 발굴이 우선``): the statement's
#: speaker is the side, its role the group's (short or ambiguous words such as ``산``, ``기업``,
#: ``민간`` are left out: in a statement they are more often a topic tag)
SIDE_GROUPS = ("학계", "산업계", "업계", "연구계")


def split_statement(text: str, book: SpeakerBook) -> tuple[str, str, SpeakerInfo, str] | None:
    """``(label, rest, speaker, source)`` when ``text`` (a bullet's body) opens with a speaker;
    a side (:data:`SIDE_GROUPS`, ``(학계) …``) has the source ``group``."""
    for pattern in (_PAREN_SPEAKER, _COLON_SPEAKER):
        m = pattern.match(text)
        if not m:
            continue
        label = m.group("label").strip()
        if label in SIDE_GROUPS and text[m.end():].strip() and book.sides_speak:
            return label, text[m.end():].strip(), SpeakerInfo(
                label, "", "", "", GROUP_ROLES[label], f"group:{label}"), "group"
        if pattern is _COLON_SPEAKER and not _speakerish(label, book):
            continue
        found = book.resolve(label)
        if found is None or not _speakerish(label, book, found[1] == "participants"):
            continue
        return label, text[m.end():].strip(), found[0], found[1]
    return None


def trailing_speaker(text: str, book: SpeakerBook) -> tuple[str, str, SpeakerInfo, str] | None:
    """``(label, rest, speaker, source)`` when ``text`` ends by naming its speaker in brackets,
    as ministry minutes write it (``제로트러스트 도입 의무화 필요 (김OO 교수)``): a masked name,
    a name with a title, a title with an organization, or an attendee.

        >>> from consult.taxonomy import load_roles
        >>> book = SpeakerBook([], load_roles())
        >>> label, rest, info, _ = trailing_speaker("보안 인력 양성 필요 (안랩 박OO 상무)", book)
        >>> label, rest, info.role
        ('안랩 박OO 상무', '보안 인력 양성 필요', 'industry')
        >>> trailing_speaker("예산 확대가 필요 (2024년 기준)", book) is None
        True
    """
    text = text.rstrip()
    group = _trailing_group(text, limit=30)
    if group is None or not text[: group[1]].strip():
        return None
    label = " ".join(group[0].split())
    before = text[: group[1]].strip()
    b_name, b_title, _ = split_person(before, book.lexicon)
    if len(before) <= 20 and b_title and (b_name or _MASKED.match(b_name or "")):
        return None  # "박OO 교수(KAIST)": the whole line names a person, it says nothing
    if label in GROUP_ROLES:
        return None
    name, title, _org = split_person(label, book.lexicon)
    found = book.resolve(label)
    if found is None or not (_MASKED.match(name) or (name and title) or found[1] == "participants"
                             or identifies_someone(label, book.lexicon)):
        return None
    return label, text[: group[1]].rstrip(), found[0], found[1]


def _speakerish(label: str, book: SpeakerBook, matched: bool = False) -> bool:
    """A label that names a person or a body (a title, a name, an organization), not a topic."""
    if matched:
        return True
    if _SENTENCE_END.search(label):
        return False
    name, title, org = split_person(label, book.lexicon)
    if title or _MASKED.match(name) or _SURNAME_TITLE.match(label):
        return True
    info = book.lexicon.infer(label)
    return info.role != "unknown" and info.evidence.startswith("organization:") and len(label) <= 20
