"""Attendee lists (참석자): who was there, under which group, from the lines that list them.

The list gives the full forms of the people a meeting's statements name in short, often grouped
by side: ``(학계) 김OO 서울대 교수 / (산업계) 박OO 삼성전자 상무 / (정부) 산업통상자원부 과장``,
or a table ``구분 | 성명 | 소속 | 직위``.

    >>> from consult.people.roles import load_roles
    >>> rows = parse_participants(["(학계) 김OO 서울대학교 교수, 이OO KAIST 교수", "(정부) 산업통상자원부 과장"],
    ...                           [3, 4], load_roles())
    >>> [(p.name, p.organization, p.role, p.group) for p in rows]
    [('김OO', '서울대학교', 'academic', '학계'), ('이OO', 'KAIST', 'academic', '학계'), ('', '산업통상자원부', 'government', '정부')]
    >>> lists_people("홍길동 교수(서울대), 김OO 상무", load_roles()), lists_people("양자 인력 양성에 대해 말씀해 주십시오", load_roles())
    (True, False)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..lexicon import ENDS_SAYING, ENTRY_MARKS, HAS_MASKED_NAME, SECTION_BOXES
from .names import split_person
from .roles import RoleLexicon, SpeakerInfo

__all__ = ["Participant", "parse_participants", "lists_people"]

#: one list mark before an entry line
_ENTRY_BULLET = re.compile(rf"^\s*[{re.escape(ENTRY_MARKS)}]\s*")
#: list marks and boxes before an attendee line (``□ - 홍길동 …``)
_ENTRY_BULLETS = re.compile(rf"^\s*(?:[{re.escape(ENTRY_MARKS + SECTION_BOXES)}]\s*)+")
_LIST_SEP = re.compile(r"[,/;·]")
_TABLE_HEADER = re.compile(r"성\s*명|이\s*름|소\s*속")
#: ``(``, ``[`` … opening a line: a group word may follow (``(학계)``, ``【산업계】``)
_OPENING_BRACKET = re.compile(r"^[(\[<〈【]\s*+")
#: a bracketed word (a group word when the lexicon knows it: ``(학계)``, ``[산업계]:``)
_BRACKETED_WORD = re.compile(r"[(\[<〈【]\s*+(?P<w>[^\s()\[\]<>〈〉【】]{1,8})\s*+[)\]>〉】]\s*+:?")
#: a word before a colon opening a line (a group word when the lexicon knows it: ``산업계:``)
_WORD_BEFORE_COLON = re.compile(r"^\s*+(?P<w>[^\s:()\[\]]{2,8}?)\s*+:\s*+")
#: ``(?<!\s)``: a match never starts inside a run of spaces (the one at the run's start is
#: leftmost), so ``sub`` does not rescan the run from each of its spaces
_DROP = re.compile(r"(?<!\s)\s*+(?:외\s*+\d++\s*+(?:명|인)|\(?\s*+(?:총\s*+)?\d++\s*+(?:명|인)\s*+\)?)\s*+$")


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


def lists_people(text: str, lexicon: RoleLexicon) -> bool:
    """Whether ``text`` lists people (an attendee line: a group mark, a table row, or entries
    most of which have a title or a masked name — ``홍길동 교수(서울대), 김OO 상무``), not a
    statement or a prompt (``양자 인력 양성에 대해 말씀해 주십시오``)."""
    body = _ENTRY_BULLET.sub("", text)
    if _opens_with_group(body, lexicon) or "\t" in text:
        return True
    if len(body) > 160 or ENDS_SAYING.search(body):
        return False
    entries = [e for e in _LIST_SEP.split(body) if e.strip()]
    named = sum(1 for e in entries if split_person(e, lexicon)[1] or HAS_MASKED_NAME.search(e))
    return named * 2 >= len(entries) > 0


def _opens_with_group(body: str, lexicon: RoleLexicon) -> bool:
    """A group mark opens ``body``: a bracket and a group word (``(학계) …``, ``(산업계 …``) or
    a group word before a colon (``산업계: …``)."""
    m = _OPENING_BRACKET.match(body)
    if m is not None:
        return body[m.end():].startswith(tuple(lexicon.groups))
    m = _WORD_BEFORE_COLON.match(body)
    return m is not None and m.group("w") in lexicon.groups


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
            if cells and cells[0] in lexicon.groups:
                group, cells = cells[0], cells[1:]
            text = " ".join(cells)
            if _TABLE_HEADER.search(text):
                continue
        for g, entry in _split_groups(text, lexicon):
            if g:
                group = g
            for item in _split_entries(entry):
                item = _DROP.sub("", item).strip(" .")
                if len(item) < 2 or item in lexicon.groups:
                    continue
                name, title, org = split_person(item, lexicon)
                info = lexicon.infer(" ".join(x for x in (org, title) if x))
                role = lexicon.groups.get(group, "") or info.role
                evidence = f"group:{group}" if group else info.evidence
                if not (name or org or title):
                    continue
                out.append(Participant(name, title, org, role or "unknown", evidence, group, line))
    return out


def _split_groups(text: str, lexicon: RoleLexicon) -> list[tuple[str, str]]:
    """``(학계) a, b (산업계) c`` → ``[("학계", "a, b"), ("산업계", "c")]``."""
    out: list[tuple[str, str]] = []
    pos, group = 0, ""
    for m in _BRACKETED_WORD.finditer(text):
        if m.group("w") not in lexicon.groups:
            continue
        if m.start() > pos or group:
            out.append((group, text[pos:m.start()]))
        group, pos = m.group("w"), m.end()
    out.append((group, text[pos:]))
    if len(out) == 1 and not group:
        m = _WORD_BEFORE_COLON.match(text)
        if m is not None and m.group("w") in lexicon.groups:
            return [(m.group("w"), text[m.end():])]
    return [(g, t) for g, t in out if t.strip() or g]


def _split_entries(text: str) -> list[str]:
    """Split on commas, slashes, semicolons and middle dots outside parentheses."""
    out, depth, cur = [], 0, []
    for ch in text:
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        if depth == 0 and ch in ",/;·ㆍ、":
            out.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    out.append("".join(cur))
    return [x.strip() for x in out if x.strip()]
