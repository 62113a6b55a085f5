"""Resolving a speaker's label (a statement's short form) against the attendee list.

:class:`SpeakerBook` finds the attendee a label names — by name, surname and title, or an
abbreviated organization (``산업부`` → ``산업통상자원부``, ``서울대`` → ``서울대학교``) — or,
failing that, reads the label with the role lexicon; it remembers the speakers statements
introduce, so a later statement naming them alone resolves to the same person.

    >>> from consult.people.attendees import parse_participants
    >>> from consult.people.roles import load_roles
    >>> book = SpeakerBook(parse_participants(["(학계) 김OO 서울대학교 교수"], [1], load_roles()), load_roles())
    >>> info, source = book.resolve("김OO 교수, 서울대")
    >>> info.organization, info.role, source
    ('서울대학교', 'academic', 'participants')
"""

from __future__ import annotations

from ..lexicon import MASKED_NAME
from .attendees import Participant
from .names import split_person
from .roles import RoleLexicon, SpeakerInfo

__all__ = ["SpeakerBook", "abbreviates"]


def abbreviates(short: str, full: str, firm_markers: tuple[str, ...] = ()) -> bool:
    """``short`` is ``full`` or an abbreviation of it: ``산업부``/``산업통상자원부``,
    ``서울대``/``서울대학교``, ``과기정통부``/``과학기술정보통신부`` (a registered company's
    marks, ``firm_markers``, left out of both).

    >>> abbreviates("과기정통부", "과학기술정보통신부"), abbreviates("㈜안랩", "안랩", ("㈜",))
    (True, True)
    """
    short, full = _unmarked(short, firm_markers), _unmarked(full, firm_markers)
    if not short or not full:
        return False
    if short == full or full.startswith(short) or short.startswith(full):
        return len(short) >= 2 and len(full) >= 2
    if short[0] != full[0] or short[-1] != full[-1]:
        return False
    it = iter(full)
    return all(ch in it for ch in short)


def _unmarked(org: str, firm_markers: tuple[str, ...]) -> str:
    org = org.replace(" ", "")
    for mark in firm_markers:
        org = org.replace(mark, "")
    return org


class SpeakerBook:
    """Resolve statement labels against the attendees; fall back to the role lexicon."""

    def __init__(self, participants: list[Participant], lexicon: RoleLexicon, *, sides_speak: bool = True):
        #: the attendees, and the speakers statements introduced (:meth:`resolve` learns them)
        self.participants = participants
        self.lexicon = lexicon
        #: short names of organizations (``ETRI`` → ``한국전자통신연구원``), from roles.toml
        self.aliases = dict(lexicon.aliases or {})
        #: sides speak as one (``ㅇ (산업계) …`` is a statement of 산업계): only in documents
        #: that head a section as opinions (의견, 건의, 논의 …); elsewhere such a tag names the
        #: subject of a task (``Ⅱ. 추진 과제 / ○ (학계) 기초연구 지원 확대``), not a speaker
        self.sides_speak = sides_speak

    def restart(self, participants: list[Participant]) -> None:
        """Resolve against ``participants`` from now on, forgetting the speakers learned so far
        (the attendee list is read after a first pass over the document)."""
        self.participants = participants

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
        named = bool(title) or bool(MASKED_NAME.match(name)) or info.role != "unknown"
        if not named:
            return None
        if len(hits) > 1 and len({h.role for h in hits}) == 1 and info.role == "unknown":
            info = SpeakerInfo(info.speaker, info.organization, info.department, info.title,
                               hits[0].role, hits[0].evidence)
        source = "statement"
        if len(hits) > 1:
            source = "statement (ambiguous: " + "; ".join(h.label for h in hits[:4]) + ")"
        elif name and not MASKED_NAME.match(name) and (org or info.role != "unknown"):
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
                if org and p.organization and not self._org_fits(org, p.organization):
                    continue
                out.append(p)
            elif org:
                if p.organization and self._org_fits(org, p.organization) and (
                    not title or not p.title or title in p.title or p.title.endswith(title)
                ):
                    out.append(p)
        return out

    def _org_fits(self, short: str, full: str) -> bool:
        """An organization as a statement writes it fits the attendee's (or its first word)."""
        marks = self.lexicon.firm_markers
        return abbreviates(short, full, marks) or abbreviates(short, full.split()[0], marks) or \
            abbreviates(short.split()[0], full.split()[0], marks)


def _same_name(a: str, b: str) -> bool:
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1 or (MASKED_NAME.match(a) and MASKED_NAME.match(b)):
        return a[0] == b[0]
    if MASKED_NAME.match(a) or MASKED_NAME.match(b):  # 장OO and 장민수 may be one person; 장비 is a word
        plain = b if MASKED_NAME.match(a) else a
        return len(plain) == 3 and a[0] == b[0]
    return False
