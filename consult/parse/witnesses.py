"""Who is who in a verbatim record: every person its turns, introductions and lists name, with
organization, title, role and the evidence for them.

Evidence, best first: the chair's introduction (``이영국 한국화학연구원 원장입니다.``, after
``참고인을 소개해 드리겠습니다``, which also tells the kind of the people introduced), an
attendance list (``◯진술인`` / `` 서울대학교 교수 김OO``), a questioner's words (``참고인께서는
과학기술노동조합 정책위원장이시지요?``, :meth:`People.questioner_said`), the person's own
introduction (``방금 소개받은 ○○○ 변호사입니다``), the label (``과학기술정보통신부제2차관 강도현``).
The role is the role lexicon's reading of organization and title; members and the chair are
``legislator``; the nominee, officials and the committee's staff whose organization tells no role
are ``government`` (the office they answer for).

    >>> from consult.ingest import document_from_text
    >>> from consult.people import load_roles
    >>> from consult.taxonomy import load_areas
    >>> from consult.parse.reading import Reading
    >>> from consult.parse.turns import cut_turns
    >>> text = ("◯위원장 홍길동  진술인을 소개해 드리겠습니다.\\n 김OO 서울대학교 교수입니다.\\n"
    ...         " 박OO 법무법인 세종 변호사입니다.\\n◯진술인 김OO  먼저 말씀드리겠습니다.")
    >>> reading = Reading(document_from_text(text, name="d"), load_areas(), load_roles())
    >>> people = People.of(cut_turns(reading), reading.roles)
    >>> [(p.name, p.kind, p.organization, p.role, p.evidence_line) for p in people.persons]
    [('홍길동', 'chair', '', 'legislator', 1), ('김OO', 'statement_witness', '서울대학교', 'academic', 2), ('박OO', 'statement_witness', '법무법인 세종', 'law', 3)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..lexicon import OATH, VERBATIM
from ..people import Participant, RoleLexicon, SpeakerInfo
from ..people.addressing import Addressee
from ..people.hearing import (
    ASKERS,
    NOMINEE_WORDS,
    WITNESSES,
    describe,
    introduces_kind,
    introduction,
    introductions,
    org_and_title,
    questioner_says,
    read_label,
)
from .turns import Cut, Turn

__all__ = ["Person", "People", "sentences", "ANSWERERS"]

#: kinds whose turns answer
ANSWERERS = (*WITNESSES, "nominee", "official", "staff")
_GROUPS: dict[str, str] = dict(VERBATIM["groups"])
#: evidence sources, best first
_RANK = {"introduction": 0, "attendance list": 1, "questioner": 2, "self-introduction": 3, "label": 4, "": 9}
_SENTENCE = re.compile(r"[^.?!]++[.?!]*+")
#: the committee a record is of: its cover (… 위원회 회의록) or the oath (… 위원회에서 증언)
_COMMITTEE = re.compile(r"(?P<c>[가-힣]{1,24}?위원회)\s*+(?:에서\s*+증언|회의록)")
#: an attendance list's entries on one line: separated by a comma, a slash, a semicolon
_ENTRIES = re.compile(r"[,/;]")
_OFFICIAL_TITLES = tuple(sorted(VERBATIM["official_titles"], key=len, reverse=True))
#: words that address the chair, never an official whose title ends in them
_CHAIRS = ("위원장", "위원", "장", "대행")
#: the printed columns of an attendance list (two spaces or more between them)
_COLUMNS = re.compile(r"\s{2,}+")
#: an ordinal before a title (제1차관)
_ORDINAL = re.compile(r"^제\d{1,2}")


def sentences(text: str) -> list[str]:
    """The sentences of ``text`` (ending in ``.``, ``?``, ``!``).

        >>> sentences("소개하겠습니다. 김OO 교수입니다? 네")
        ['소개하겠습니다.', '김OO 교수입니다?', '네']
    """
    return [s.strip() for s in _SENTENCE.findall(text) if s.strip()]


@dataclass
class Person:
    """Someone a verbatim record names (see the module docstring)."""

    key: str
    name: str
    kind: str
    label: str = ""
    organization: str = ""
    title: str = ""
    role: str = "unknown"
    cue: str = ""
    evidence: str = ""
    evidence_line: int = 0
    source: str = ""
    first_line: int = 0
    turns: int = 0

    @property
    def display(self) -> str:
        """The label as printed, or the kind's word and the name for someone who never speaks."""
        return self.label or f"{_GROUPS.get(self.kind, '')} {self.name}".strip()

    @property
    def role_evidence(self) -> str:
        """``cue (L<line> <source>: <text>)``, e.g. ``title:교수 (L7 introduction: 주영창 서울대학교 교수입니다.)``."""
        where = f"L{self.evidence_line} {self.source}: {self.evidence}" if self.evidence_line else ""
        return f"{self.cue} ({where})" if where else self.cue

    def info(self) -> SpeakerInfo:
        org, _, dept = self.organization.partition(" ")
        return SpeakerInfo(self.display, org, dept, self.title, self.role, self.role_evidence)

    def participant(self) -> Participant:
        return Participant(self.name, self.title, self.organization, self.role, self.role_evidence,
                           _GROUPS.get(self.kind, self.kind), self.evidence_line or self.first_line)

    def addressee(self) -> Addressee:
        """How a questioner addresses this person (:class:`consult.people.addressing.Addressee`)."""
        title = _ORDINAL.sub("", self.title)
        terms = [title] if title and title not in ("위원장",) else []
        if title.startswith("대표"):
            terms.append("대표")
        if title.endswith("연구원") and title != "연구원":
            terms.append("연구원")
        # 위원장직무대행 → 직무대행님; 부위원장 → 부위원장님 (위원장님 is the chair)
        terms += [t for t in _OFFICIAL_TITLES if title.endswith(t) and t != title and t not in _CHAIRS]
        if self.kind == "nominee":
            terms += [*NOMINEE_WORDS, "장관"] if "장관" in title else list(NOMINEE_WORDS)
        elif title.endswith("장관"):
            terms.append("장관")
        word = _GROUPS.get(self.kind, "") if self.kind in WITNESSES else ""
        terms += [word] if word else []
        return Addressee(self.key, self.name, tuple(dict.fromkeys(t for t in terms if t)), self.kind, word)


class People:
    """The persons of one record, by key (``side:name``; see :meth:`of`)."""

    def __init__(self, lexicon: RoleLexicon):
        self.lexicon = lexicon
        self.by_key: dict[str, Person] = {}
        self.committee = ""

    @property
    def persons(self) -> list[Person]:
        return list(self.by_key.values())

    @staticmethod
    def key(name: str, kind: str) -> str:
        return f"{'ask' if kind in ASKERS else 'answer'}:{name}"

    def of_turn(self, turn: Turn) -> Person:
        return self.by_key[self.key(turn.label.name or turn.label.label, turn.label.kind)]

    def names(self, side: str = "answer") -> frozenset[str]:
        return frozenset(p.name for p in self.persons if p.key.startswith(side))

    @classmethod
    def of(cls, cut: Cut, lexicon: RoleLexicon) -> People:
        """The persons of a cut record: attendance lists, labels, the chair's introductions and
        self-introductions (the questioners' words come later: :meth:`questioner_said`)."""
        people = cls(lexicon)
        people._committee(cut)
        people._attendance(cut)
        for turn in cut.turns:
            people._label(turn)
        for turn in cut.turns:
            if turn.label.kind == "chair":
                people._introductions(turn)
        for turn in cut.turns:
            people._self_introduction(turn)
        for p in people.persons:
            people._role(p)
            if p.kind == "chair" and people.committee:
                p.organization = people.committee
        return people

    def _add(self, name: str, kind: str, line: int) -> Person:
        key = self.key(name, kind)
        person = self.by_key.get(key)
        if person is None:
            person = self.by_key[key] = Person(key, name, kind, first_line=line)
        return person

    def _set(self, person: Person, org: str, title: str, source: str, text: str, line: int) -> None:
        """Organization and title from a better source than the one held (the first of each)."""
        if _RANK[source] >= _RANK[person.source] or not (org or title):
            return
        if person.kind in ASKERS:  # a member's title is the label's (위원), the office not an organization
            person.title = person.title or title
        else:
            person.organization, person.title = org or person.organization, title or person.title
        person.source, person.evidence, person.evidence_line = source, text, line

    def _committee(self, cut: Cut) -> None:
        texts = [ln.text for ln in cut.cover] + [p.text for t in cut.turns for p in t.speech[:1]
                                                 if OATH.match(p.text)]
        for t in texts:
            m = _COMMITTEE.search(t)
            if m:
                self.committee = m.group("c")
                return

    def _attendance(self, cut: Cut) -> None:
        org = ""  # an organization heading the entries under it (과학기술정보통신부 / 장관 유상임)
        for ln, kind, header in cut.attendance:
            if header:
                org = ""
                continue
            entries = [e for piece in _ENTRIES.split(ln.text.strip(" ◯○-·•")) for e in self._entries(piece)]
            for entry in entries:
                tokens = entry.split()
                if not self._is_name(tokens[-1]) and not self._is_name(tokens[0]):
                    org = entry
                    continue
                found = describe(tokens, self.lexicon) if len(tokens) > 1 else (entry, "", "")
                if found is None:
                    continue
                name, o, title = found
                person = self._add(name, kind, ln.no)
                self._set(person, o or (org if kind == "official" else ""), title, "attendance list",
                          f"{org} {entry}".strip() if kind == "official" and not o else entry, ln.no)

    def _is_name(self, token: str) -> bool:
        return read_label(f"진술인 {token}", self.lexicon) is not None and not self.lexicon.is_title(token)

    def _entries(self, piece: str) -> list[str]:
        """The entries of one piece of a list line. Runs of two spaces part the printed columns:
        a column that does not end in a name joins the next (``수석전문위원  홍길동``, ``서울대학교
        교수  김OO``); a column of names only is one entry each (``김OO 이OO``)."""
        out: list[str] = []
        cur: list[str] = []
        for col in (c for c in _COLUMNS.split(piece.strip()) if c):
            tokens = col.split()
            if len(tokens) > 1 and all(self._is_name(t) for t in tokens) and not cur:
                out += tokens
                continue
            cur.append(col)
            if self._is_name(tokens[-1]):
                out.append(" ".join(cur))
                cur = []
        if cur:
            out.append(" ".join(cur))
        return out

    def _label(self, turn: Turn) -> None:
        lab = turn.label
        person = self._add(lab.name or lab.label, lab.kind, turn.line.no)
        if person.kind != lab.kind and (lab.kind not in ASKERS or lab.kind == "chair"):
            person.kind = lab.kind  # listed as a member, speaking as the chair; as an official, the nominee
        person.label = person.label or lab.label
        person.turns += 1
        if lab.organization or lab.kind in ASKERS:
            self._set(person, lab.organization, lab.title, "label", lab.label, turn.line.no)

    def _introductions(self, turn: Turn) -> None:
        """The chair's introductions: a header names the kind, one person a sentence after it."""
        kind = None
        for para in turn.speech:
            for s in sentences(para.text):
                kind = introduces_kind(s) or kind
                if kind is None:
                    continue
                for name, org, title in introductions(s, self.lexicon, self.names()):
                    person = self.by_key.get(self.key(name, kind)) or self._add(name, kind, para.lines[0].no)
                    self._set(person, org, title, "introduction", s, para.lines[0].no)

    def _self_introduction(self, turn: Turn) -> None:
        """``서울 강북을 국회의원 한민수입니다``, ``방금 소개받은 ○○○ 변호사입니다``: the speaker's own."""
        person = self.of_turn(turn)
        for para in turn.speech[:2]:
            for s in sentences(para.text)[:3]:
                if person.name not in s and "소개받은" not in s and not s.startswith("저는"):
                    continue
                found = introduction(s, self.lexicon, frozenset({person.name})) or introduction(s, self.lexicon)
                if found is not None and (found[0] == person.name or not found[0].strip("○◯OX*")):
                    self._set(person, found[1], found[2], "self-introduction", s, para.lines[0].no)
                    return

    def questioner_said(self, sentence: str, line: int, addressed: Person | None) -> None:
        """A questioner's words about the person addressed (or named before ``께서는``)."""
        said = questioner_says(sentence)
        if said is None:
            return
        before, desc = said
        named = next((p for p in self.persons if p.name and p.name in before and p.kind not in ASKERS), None)
        person = named or addressed
        if person is None:
            return
        org, title = org_and_title(desc.split(), self.lexicon)
        if title:
            self._set(person, org, title, "questioner", sentence, line)
            self._role(person)

    def _role(self, p: Person) -> None:
        if p.kind in ASKERS:
            p.role, p.cue = "legislator", f"kind:{_GROUPS[p.kind]}"
            if not p.evidence_line:
                p.evidence_line = p.first_line
            return
        info = self.lexicon.infer(f"{p.organization} {p.title}".strip()) if (p.organization or p.title) else None
        if info is not None and info.role != "unknown":
            cue = info.evidence
            if cue.startswith("title:") and cue[6:] != p.title and cue[6:] in p.organization:
                cue = "organization:" + cue[6:]  # 한국화학연구원 원장: the institute, not a title
            p.role, p.cue = info.role, cue
        elif p.kind in ("nominee", "official", "staff"):
            p.role, p.cue = "government", f"kind:{_GROUPS[p.kind]}"
        else:
            p.role, p.cue = "unknown", ""
