"""Who asked whom in a verbatim record: each question a member (or the chair) puts, the people it
is put to, and the turns that answer it.

A member's turn is a question when it asks or requests something (…니까?, …지요?, …해 주십시오,
답변을 하셔야), breaks off (……), or is followed by a witness's, the nominee's or an official's
turn. Whom it is put to, in this order: the one who answers it next (and the others it
addresses, when they answer after); the person it calls to the podium or last addresses
(:func:`consult.people.addressing.addresses`: ``주영창 증인께서는``, ``후보자님,``, ``진술인
여러분``); the one the member was questioning before, in the same round; the one the member's
round questions later; the nominee (or the one minister answering). An answering turn answers
the open question put to its speaker; a second turn of the same speaker goes on with the answer
when the first broke off (……, ``계속 발언해도 되겠습니까?``), else answers a question the record
does not print (the left-out short turns of an excerpt): an ``unprinted`` exchange, asked by
whoever holds the floor, ``certain`` false. The oath a witness reads is an ``oath`` exchange,
asked by nobody. The chair's turns are procedure, except one followed by an answer to a question
the chair asks itself (a call to speak, a request) — not a short prompt to answer a member's open
question.

    >>> from consult.ingest import document_from_text
    >>> from consult.people import load_roles
    >>> from consult.taxonomy import load_areas
    >>> from consult.parse.reading import Reading
    >>> from consult.parse.turns import cut_turns
    >>> from consult.parse.witnesses import People
    >>> text = ("◯위원장 홍길동  김OO 진술인 진술해 주시기 바랍니다.\\n◯진술인 김OO  인력이 부족합니다.\\n"
    ...         "◯박철수 위원  김OO 진술인께서는 어떻게 보십니까?\\n◯진술인 김OO  예산이 필요합니다.")
    >>> reading = Reading(document_from_text(text, name="d"), load_areas(), load_roles())
    >>> cut = cut_turns(reading)
    >>> hearing = read_exchanges(cut, People.of(cut, reading.roles))
    >>> [(e.asker.name, [p.name for p in e.addressees], [t.line.no for t in e.answers]) for e in hearing.exchanges]
    [('홍길동', ['김OO'], [2]), ('박철수', ['김OO'], [4])]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..lexicon import ANSWER_PROCEDURE, INTRODUCTION_END, OATH
from ..people.addressing import Address, addresses, mentions
from ..people.hearing import ASKERS
from .turns import Cut, Paragraph, Turn
from .witnesses import ANSWERERS, People, Person, sentences

__all__ = ["Exchange", "Hearing", "read_exchanges", "is_procedure", "PROCEDURE_CHAIR", "STATEMENT",
           "UNADDRESSED", "PROCEDURE_OATH", "PROCEDURE_ANSWER"]

#: residue reasons of the turns and paragraphs no record holds
PROCEDURE_CHAIR = "procedure (the chair: agenda, introductions, votes, the floor)"
PROCEDURE_OATH = "procedure (oath)"
PROCEDURE_ANSWER = "procedure (a witness or official introducing themselves, asking for the floor, ending an answer)"
STATEMENT = "member's statement (no question put)"
UNADDRESSED = "member's question (addressee not identified)"

#: a sentence that asks or requests (…니까?, …지요, …해 주십시오, …부탁드립니다)
_ASKING = re.compile(r"(?:\?|니까|시오|세요|까요|나요|지요|죠|바랍니다|주십시오|주시지요|부탁드립니다|부탁합니다|"
                     r"주시고요|주세요|겠습니까)\s*+[.…]*+\s*+$")
#: a request for an answer inside a sentence (답변을 하셔야 될 것 같습니다, 답변 좀 해 주시고)
_ANSWER_PLEASE = re.compile(r"답변\S{0,2}\s*+(?:좀\s*+)?(?:해\s*+주|하셔야|주셔야|부탁)")
#: speech that breaks off (……, …)
_BROKEN = re.compile(r"…\s*+$")


@dataclass
class Exchange:
    """One question and its answers: who asked (``asker``, ``None`` when nobody did or it is not
    known), the asker's ``turn`` and the paragraphs of the ``question`` (none when the record does
    not print it), the people it is put to, and the turns that answer it."""

    seq: int
    asker: Person | None
    turn: Turn | None
    question: list[Paragraph]
    addressees: list[Person]
    answers: list[Turn] = field(default_factory=list)
    kind: str = "question"  # question | unprinted | oath
    certain: bool = True
    round: int = 0
    #: keys of the people the question's words address, each alone (장관님, …, 차관님): one of
    #: them answering after another answers it too
    mentioned: frozenset[str] = frozenset()


@dataclass
class Hearing:
    """The exchanges of a record, and the paragraphs no record holds with the reason."""

    exchanges: list[Exchange]
    residue: list[tuple[Paragraph, str]]


def asks(paragraphs: list[Paragraph]) -> bool:
    """Whether speech asks, requests, or breaks off."""
    if paragraphs and _BROKEN.search(paragraphs[-1].text):
        return True
    return any(_ASKING.search(s) or _ANSWER_PLEASE.search(s) for p in paragraphs for s in sentences(p.text))


def is_procedure(p: Paragraph, name: str = "") -> bool:
    """A short paragraph of an answering turn that asks for the floor, thanks or ends the answer,
    or (``name``: the speaker's) only introduces the speaker (``한국대학교 박OO입니다.``)."""
    if len(p.text) <= 40 and name and name in p.text and INTRODUCTION_END.search(p.text):
        return True
    return len(p.text) <= 30 and bool(ANSWER_PROCEDURE.search(p.text))


def _oath(turn: Turn) -> bool:
    return bool(turn.speech) and bool(OATH.match(turn.speech[0].text))


def _broke_off(turn: Turn) -> bool:
    """The turn ends broken off or asking to go on: the speaker's next turn goes on with it."""
    last = turn.speech[-1]
    return bool(_BROKEN.search(last.text)) or is_procedure(last)


class _Reader:
    """The state of :func:`read_exchanges` while it reads the turns in order."""

    def __init__(self, cut: Cut, people: People):
        self.people = people
        self.turns = [t for t in cut.turns if t.speech]
        self.addressees = [p.addressee() for p in people.persons if p.kind in ANSWERERS]
        self.out: list[Exchange] = []
        self.residue: list[tuple[Paragraph, str]] = []
        self.floor: Person | None = None
        self.round = 0
        self.target: dict[str, list[Person]] = {}
        self.pending: Exchange | None = None
        self.current: dict[str, Exchange] = {}
        self.spoken: set[str] = set()

    def exchange(self, asker, turn, question, addressees, kind="question", certain=True) -> Exchange:
        ex = Exchange(len(self.out) + 1, asker, turn, question, addressees, [], kind, certain, self.round)
        self.out.append(ex)
        return ex

    def next_answerer(self, k: int) -> Person | None:
        if k + 1 >= len(self.turns):
            return None
        nxt = self.turns[k + 1]
        if nxt.label.kind not in ANSWERERS or _oath(nxt):
            return None
        return self.people.of_turn(nxt)

    def read(self) -> Hearing:
        for k, turn in enumerate(self.turns):
            if turn.label.kind in ASKERS:
                self.ask(k, turn)
            else:
                self.answer(k, turn)
        self.backfill()
        return Hearing(self.out, self.residue)

    # -- a member's or the chair's turn ---------------------------------------------------------
    def ask(self, k: int, turn: Turn) -> None:
        person = self.people.of_turn(turn)
        if turn.label.kind == "member" and self.floor is not person:
            self.floor, self.round = person, self.round + 1
            self.target[person.key] = []
        nxt = self.next_answerer(k)
        text = "\n".join(p.text for p in turn.speech)
        addrs = addresses(text, self.addressees)
        speech = turn.speech
        if turn.label.kind == "chair":
            short = sum(len(p.text) for p in speech) <= 80 and "?" not in text
            if nxt is None or (short and self.pending is not None and nxt in self.pending.addressees):
                self.residue += [(p, PROCEDURE_CHAIR) for p in speech]
                return
            first = max((i for i, p in enumerate(speech) if nxt.key in mentions(p.text, self.addressees)),
                        default=len(speech) - 1)  # the call: from the paragraph naming who answers
            self.residue += [(p, PROCEDURE_CHAIR) for p in speech[:first]]
            speech = speech[first:]
        elif nxt is None and not asks(speech):
            self.residue += [(p, STATEMENT) for p in speech]
            self.pending = None
            return
        who = self.addressed(person, addrs, nxt)
        ex = self.exchange(person, turn, speech, who)
        ex.mentioned = frozenset(a.who[0] for a in addrs if len(a.who) == 1)
        if who:
            self.target[person.key] = list(who)
        self.pending = ex
        for p in turn.speech:  # what a questioner says of the person addressed
            for s in sentences(p.text):
                self.people.questioner_said(s, p.lines[0].no, who[0] if len(who) == 1 else None)

    def addressed(self, asker: Person, addrs: list[Address], nxt: Person | None) -> list[Person]:
        """Whom a question is put to (see the module docstring); ``[]``: not known yet."""
        calls = [a for a in addrs if a.call and a.by_name]
        pick = calls[-1] if calls else (addrs[-1] if addrs else None)
        by_key = self.people.by_key
        carry = list(self.target.get(asker.key, []))
        if pick is not None and len(pick.who) > 1:  # a group, or a title several people have
            group = [by_key[w] for w in pick.who]
            if pick.group and (nxt is None or nxt in group):
                return group
            if nxt is not None:
                return [nxt]
            chosen = [p for p in group if p in carry] or [p for p in group if p.key in self.spoken]
            return chosen if len(chosen) == 1 else carry
        if nxt is not None:
            return [nxt]
        if pick is not None:
            return [by_key[w] for w in pick.who]
        return carry

    # -- a witness's, the nominee's or an official's turn ---------------------------------------
    def answer(self, k: int, turn: Turn) -> None:
        person = self.people.of_turn(turn)
        self.spoken.add(person.key)
        if _oath(turn):
            self.exchange(None, None, [], [], kind="oath").answers.append(turn)
            self.residue += [(p, PROCEDURE_OATH) for p in turn.speech]
            return
        prev = self.turns[k - 1] if k else None
        mine = self.current.get(person.key)
        if prev is not None and prev.label.kind not in ASKERS and self.people.of_turn(prev) is person and mine:
            ex = mine if _broke_off(prev) else self.unprinted(person)
        elif self.pending is not None and person in self.pending.addressees:
            ex = self.pending
        elif self.pending is not None and person.key in self.pending.mentioned and self.pending.answers:
            ex = self.pending  # 장관님 …, 차관님 …: the second one addressed answers after the first
            ex.addressees.append(person)
        else:
            ex = self.unprinted(person)
        ex.answers.append(turn)
        self.current[person.key] = ex

    def unprinted(self, person: Person) -> Exchange:
        """An answer to a question the record does not print: asked by whoever holds the floor."""
        return self.exchange(self.floor, None, [], [person], kind="unprinted", certain=False)

    def principal(self) -> list[Person]:
        """Whom a question naming nobody is put to when nothing else tells: the nominee of a
        hearing, else the one minister (장관) answering."""
        for kind, title in (("nominee", ""), ("official", "장관")):
            found = [p for p in self.people.persons if p.kind == kind and p.title.endswith(title)]
            if len(found) == 1:
                return found
        return []

    def backfill(self) -> None:
        """Questions whose addressee is not known: the one the member's round questions later,
        else the principal (:meth:`principal`); else their paragraphs are residue."""
        principal = self.principal()
        for n, ex in enumerate(self.out):
            if ex.addressees or ex.kind != "question":
                continue
            later = next((e.addressees for e in self.out[n + 1:] if e.round == ex.round and e.asker is ex.asker
                          and e.addressees and e.kind == "question"), None)
            ex.addressees = list(later or principal)
            if not ex.addressees:
                self.residue += [(p, UNADDRESSED) for p in ex.question]
        self.out = [e for e in self.out if e.addressees or e.kind == "oath"]
        for n, e in enumerate(self.out, start=1):
            e.seq = n


def read_exchanges(cut: Cut, people: People) -> Hearing:
    """The exchanges of a cut record (see the module docstring)."""
    return _Reader(cut, people).read()
