"""The role lexicon (산·학·연·관): titles, organization words and side words, editable TOML data.

``consult/data/roles.toml`` holds every list an institution may differ in: the titles of each
role, titles that tell no role (원장, 본부장), chair titles, organization words and endings, a
registered company's marks, short names of organizations, attendee-list group words and the
sides that speak as one. :meth:`RoleLexicon.infer` reads a speaker label with it. Besides
산·학·연·관, the roles ``beyond`` them (a law firm's lawyer, a union, a civic group, a student, a
member of a legislature) decide first when their title or organization occurs.

    >>> lex = load_roles()
    >>> info = lex.infer("KAIST 신소재공학과 교수")
    >>> info.organization, info.role
    ('KAIST', 'academic')
    >>> [lex.infer(x).role for x in ("법무법인 세종 변호사", "전국과학기술노동조합 정책위원장", "KAIST 대학생")]
    ['law', 'union', 'student']
    >>> lex.is_title("책임연구원"), lex.is_name("김OO"), lex.is_name("서울대")
    (True, True, False)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import ConsultError
from ..layout import normalise
from ..lexicon import MASKED_NAME, read_data
from ..usertoml import ROLES

__all__ = ["RoleLexicon", "SpeakerInfo", "load_roles", "NO_SPEAKER"]

_SPEAKER_SEP = re.compile(r"[,;]")
_WORD_SEP = re.compile(r"[\s/()]+")
#: words of a label, for telling its titles (``KAIST 교수``, ``홍길동(서울대 교수)``, ``위원장: …``)
_LABEL_WORDS = re.compile(r"[\s(),:/·]+")
_HANGUL_NAME = re.compile(r"^[가-힣]{2,4}$")
#: the lists a user file keeps from the built-in one when it leaves them out
_DEFAULTED = ("person_titles", "chair_titles", "organization_endings", "sides", "groups")


@dataclass(frozen=True)
class SpeakerInfo:
    """What a speaker label tells: organization, department, title, role and the evidence."""

    speaker: str
    organization: str
    department: str
    title: str
    role: str
    evidence: str


#: the speaker of a point nobody was named for
NO_SPEAKER = SpeakerInfo("", "", "", "", "unknown", "")


@dataclass(frozen=True)
class RoleLexicon:
    """Cues (titles and organization words) for each role, and the words of people and sides;
    see ``consult/data/roles.toml``."""

    titles: dict[str, tuple[str, ...]]
    organizations: dict[str, tuple[str, ...]]
    order: tuple[str, ...]
    #: marks of a registered company (``(주)``, ``㈜``, ``주식회사``): industry, before any other cue
    firm_markers: tuple[str, ...] = ()
    #: short names of organizations, for resolving statements against attendee lists
    aliases: dict[str, str] | None = None
    #: titles that name a person without telling the role (원장, 본부장 …)
    person_titles: tuple[str, ...] = ()
    #: whoever runs a meeting (위원장, 좌장, 사회자 …)
    chair_titles: tuple[str, ...] = ()
    #: endings of organization words (…대, …부, …원), never of a person's name
    organization_endings: tuple[str, ...] = ()
    #: attendee-list group words -> role (학계 → academic)
    groups: dict[str, str] = field(default_factory=dict)
    #: group words that name a side speaking as one (``(산업계) …`` in an opinions section)
    sides: tuple[str, ...] = ()
    #: roles beyond 산·학·연·관 (law, union, civil_society, student, legislator): their titles
    #: and organization words decide before the others'
    beyond: tuple[str, ...] = ()

    def title_role(self, title: str) -> str | None:
        """The role whose title ``title`` is or ends with (``책임연구원`` → research)."""
        for role in (*self.beyond, *self.order):
            if any(title == t or title.endswith(t) for t in self.titles.get(role, ())):
                return role
        return None

    def org_role(self, org: str, roles: tuple[str, ...]) -> tuple[str, str] | None:
        """``(role, cue)`` of the first of ``roles`` whose organization cue occurs in ``org``."""
        low = org.lower()
        for role in roles:
            for cue in self.organizations.get(role, ()):
                if cue.lower() in low:
                    return role, cue
        return None

    def is_title(self, word: str) -> bool:
        """A word that is or ends with a title, of a role or of none (``교수``, ``본부장``)."""
        return self.title_role(word) is not None or word.endswith(self.person_titles)

    def mentions_title(self, label: str) -> bool:
        """Whether a title of the lexicon occurs in ``label`` (a speaker line opening a transcript
        names one: ``<KAIST 교수>``, ``<과학기술정보통신부 연구관>`` with 연구관 in a user file)."""
        return any(t in label for t in self._all_titles())

    def _all_titles(self) -> tuple[str, ...]:
        roles = (*self.beyond, *self.order)
        return (*(t for role in roles for t in self.titles.get(role, ())), *self.person_titles)

    def is_chair(self, label: str) -> bool:
        """Whether a word of ``label`` is a chair's title (whole words: 사회학과 is not 사회)."""
        return any(w in self.chair_titles for w in _LABEL_WORDS.split(label))

    def is_name(self, token: str) -> bool:
        """A person's name (``김OO``, ``김○○``, ``박민수``), not an organization word."""
        if MASKED_NAME.match(token):
            return True
        return bool(_HANGUL_NAME.match(token)) and len(token) <= 3 and not token.endswith(
            self.organization_endings)

    def infer(self, label: str) -> SpeakerInfo:
        """Split a speaker label into organization/department/title and infer the role.

        Rules, in order: a registered-company mark (``(주)``, ``㈜``, ``주식회사``) → industry;
        a title or organization word of a role beyond 산·학·연·관 (변호사, 법무법인, 노동조합,
        대학생 …) → that role; an academic title (교수…) → academic; a research-institute or
        government organization word → research/government (but a company's own lab, a
        company first word with the research word after it, is industry); an industry title (관계자…) or
        company word → industry; a university word → academic; a research title → research;
        else ``unknown``. ``evidence`` names the cue that decided. In a label with commas
        (``홍길동, 한국전자통신연구원 책임연구원``) the first part that tells a role is used.
        """
        speaker = " ".join(normalise(label).split())
        parts = [p.strip() for p in _SPEAKER_SEP.split(speaker) if p.strip()] or [speaker]
        infos = [self._infer_part(speaker, part) for part in parts]
        return next((i for i in infos if i.role != "unknown"), infos[0])

    def _split(self, main: str) -> tuple[list[str], str, str, str]:
        """``(organization words, organization, department, title)`` of one part of a label."""
        tokens = [t for t in _WORD_SEP.split(main) if t]
        title = ""
        title_idx = None
        for i in range(len(tokens) - 1, -1, -1):
            if self.title_role(tokens[i]) is not None:
                title, title_idx = tokens[i], i
                break
        org_tokens = tokens[:title_idx] if title_idx is not None else tokens
        if any(self.is_name(t) for t in tokens) and "(" in main:
            # 한OO (연세대학교 전기전자공학부 교수), 홍길동 교수(서울대): the person's name is not
            # the organization, which may stand in the brackets after the title
            org_tokens = [t for t in org_tokens if not self.is_name(t)] or [
                t for t in tokens[(title_idx or 0) + 1:] if not self.is_name(t)]
            organization = org_tokens[0] if org_tokens else ""
            department = " ".join(org_tokens[1:])
        else:
            organization = org_tokens[0] if org_tokens else ""
            end = main.rfind(title) if title else len(main)
            department = main[len(organization):end].strip(" /") if organization else ""
        return org_tokens, organization, department, title

    def _infer_part(self, speaker: str, main: str) -> SpeakerInfo:
        main = main.replace("(주)", "㈜")  # part of a company's name, not a bracket
        org_tokens, organization, department, title = self._split(main)
        org_text = " ".join(org_tokens)
        title_role = self.title_role(title) if title else None

        def info(role: str, evidence: str) -> SpeakerInfo:
            return SpeakerInfo(speaker, organization, department, title, role, evidence)

        firm = next((m for m in self.firm_markers if m in main), None)
        if firm is not None:
            return info("industry", f"firm:{firm}")
        if title_role in self.beyond:
            return info(title_role, f"title:{title}")
        hit = self.org_role(org_text, self.beyond)
        if hit:
            return info(hit[0], f"organization:{hit[1]}")
        if title_role == "academic":
            return info("academic", f"title:{title}")
        if org_tokens and self.org_role(org_tokens[0], ("academic",)) and not self.org_role(
                org_tokens[0], ("industry", "research", "government")):
            # the institution, not its department's words (한양대학교 전자공학과: not 전자 → industry)
            return info("academic", f"organization:{self.org_role(org_tokens[0], ('academic',))[1]}")
        lab = self._company_lab(org_tokens)
        if lab is not None:
            return info("industry", lab)
        hit = self.org_role(org_text, ("research", "government"))
        if hit:
            return info(hit[0], f"organization:{hit[1]}")
        if title_role == "industry":
            return info("industry", f"title:{title}")
        hit = self.org_role(org_text, ("industry",))
        if hit:
            return info("industry", f"organization:{hit[1]}")
        hit = self.org_role(org_text, ("academic",))
        if hit:
            return info("academic", f"organization:{hit[1]}")
        if title_role:
            return info(title_role, f"title:{title}")
        return info("unknown", "")

    def _company_lab(self, org_tokens: list[str]) -> str | None:
        """A company's own lab (``LG에너지솔루션 배터리연구소``): the first word is a company,
        the research word only comes after it."""
        if len(org_tokens) < 2 or not self.firm_markers:
            return None
        first = self.org_role(org_tokens[0], ("industry",))
        if first is None or self.org_role(org_tokens[0], ("research", "government", "academic")):
            return None
        lab = self.org_role(" ".join(org_tokens[1:]), ("research",))
        return f"company lab:{first[1]}+{lab[1]}" if lab else None


def load_roles(path: str | Path | RoleLexicon | None = None) -> RoleLexicon:
    """The role lexicon from ``consult/data/roles.toml`` or a user TOML of the same layout.

    A user file replaces the lexicon, except the lists it leaves out of ``person_titles``,
    ``chair_titles``, ``organization_endings``, ``sides`` and ``[groups]``, which stay built in.
    A :class:`RoleLexicon` is returned as it is.
    """
    if isinstance(path, RoleLexicon):
        return path
    return _load_roles_cached(None if path is None else str(path))


@lru_cache(maxsize=8)
def _load_roles_cached(path: str | None) -> RoleLexicon:
    data = read_data(path, "roles.toml", ROLES, "roles file")
    roles = data.get("roles")
    if not isinstance(roles, dict):
        raise ConsultError("no [roles] table", path=path or "roles.toml")
    if path is not None:
        builtin = read_data(None, "roles.toml")
        data = {**{k: builtin[k] for k in _DEFAULTED}, **data}
    order = tuple(data.get("order", [r for r in roles if r not in data.get("beyond", ())]))
    beyond = tuple(r for r in data.get("beyond", ()) if r in roles and r not in order)
    titles = {r: tuple(spec.get("titles", [])) for r, spec in roles.items()}
    orgs = {r: tuple(spec.get("organizations", [])) for r, spec in roles.items()}
    return RoleLexicon(
        titles, orgs, order, tuple(data.get("firm_markers", [])), dict(data.get("aliases", {})),
        person_titles=tuple(data["person_titles"]), chair_titles=tuple(data["chair_titles"]),
        organization_endings=tuple(data["organization_endings"]), groups=dict(data["groups"]),
        sides=tuple(data["sides"]), beyond=beyond,
    )
