"""Area taxonomy (기술군) and role lexicon (산·학·연·관), both editable TOML data.

    >>> tax = load_areas()
    >>> tax.area_of("붙임1 5G/6G분야 산학 전문가 자문 내용")
    '차세대통신'
    >>> lex = load_roles()
    >>> info = lex.infer("KAIST 신소재공학과 교수")
    >>> info.organization, info.role
    ('KAIST', 'academic')
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .errors import ConsultError

__all__ = ["AreaTaxonomy", "RoleLexicon", "SpeakerInfo", "load_areas", "load_roles"]


def _read_toml(path: str | Path | None, builtin: str) -> dict:
    try:
        if path is None:
            return tomllib.loads(resources.files("consult.data").joinpath(builtin).read_text("utf-8"))
        return tomllib.loads(Path(path).read_text("utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConsultError(f"cannot read taxonomy file ({exc})", path=str(path)) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConsultError(f"invalid TOML ({exc})", path=str(path)) from None


_SPACES = re.compile(r"\s+")
_TITLE_PREFIX = re.compile(r"^[\d①-⑳.\s)]+")
#: a bracketed ending: from the first "(" to a closing ")" at the end (anchored, so one scan;
#: the text is squashed, without newlines, so this is what ``\(.*?\)$`` found)
_TITLE_SUFFIX = re.compile(r"^(?P<head>[^(\n]*+)\(.*\)$")
_SPEAKER_SEP = re.compile(r"[,，;]")
_WORD_SEP = re.compile(r"[\s/()（）]+")


def _squash(text: str) -> str:
    return _SPACES.sub("", text).lower()


@dataclass(frozen=True)
class AreaTaxonomy:
    """Areas and the aliases that name them in headings.

    Attributes:
        areas: area name -> aliases (the name itself is always an alias).
    """

    areas: dict[str, tuple[str, ...]]

    def __post_init__(self) -> None:
        # squashed alias -> area, longest aliases first (computed once: headings are many)
        pairs = sorted(
            ((_squash(a), area) for area, aliases in self.areas.items() for a in aliases),
            key=lambda p: -len(p[0]),
        )
        object.__setattr__(self, "_pairs", [p for p in pairs if p[0]])
        object.__setattr__(self, "_exact", dict(reversed(pairs)))

    def area_of(self, text: str) -> str | None:
        """The area whose alias occurs first in ``text`` (spaces ignored), else ``None``."""
        s = _squash(text)
        best: tuple[int, int, str] | None = None
        for alias, area in self._pairs:  # type: ignore[attr-defined]
            pos = s.find(alias)
            if pos >= 0 and (best is None or (pos, -len(alias)) < best[:2]):
                best = (pos, -len(alias), area)
        return None if best is None else best[2]

    def is_area_title(self, text: str) -> str | None:
        """The area when ``text`` is nothing but an area name or alias (a title line)."""
        if len(text) > 40:
            return None
        s = _TITLE_SUFFIX.sub(r"\g<head>", _squash(_TITLE_PREFIX.sub("", text)))
        return self._exact.get(s)  # type: ignore[attr-defined]


def load_areas(path: str | Path | AreaTaxonomy | None = None) -> AreaTaxonomy:
    """The built-in five areas, extended (or overridden, area by area) by the TOML at ``path``.

    A user file has the built-in layout: ``[areas."로봇"] aliases = ["로봇", "로보틱스"]``.
    An :class:`AreaTaxonomy` is returned as it is.
    """
    if isinstance(path, AreaTaxonomy):
        return path
    areas = _parse_areas(_read_toml(None, "areas.toml"), "areas.toml")
    if path is not None:
        areas.update(_parse_areas(_read_toml(path, ""), str(path)))
    return AreaTaxonomy(areas)


def _parse_areas(data: dict, source: str) -> dict[str, tuple[str, ...]]:
    table = data.get("areas")
    if not isinstance(table, dict):
        raise ConsultError("no [areas] table", path=source)
    out: dict[str, tuple[str, ...]] = {}
    for name, spec in table.items():
        aliases = spec.get("aliases", []) if isinstance(spec, dict) else []
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise ConsultError(f"area {name!r}: aliases must be a list of strings", path=source)
        out[name] = tuple(dict.fromkeys([name, *aliases]))
    return out


@dataclass(frozen=True)
class SpeakerInfo:
    """What a speaker label tells: organization, department, title, role and the evidence."""

    speaker: str
    organization: str
    department: str
    title: str
    role: str
    evidence: str


@dataclass(frozen=True)
class RoleLexicon:
    """Cues (titles and organization words) for each role; see ``consult/data/roles.toml``."""

    titles: dict[str, tuple[str, ...]]
    organizations: dict[str, tuple[str, ...]]
    order: tuple[str, ...]
    #: marks of a registered company (``(주)``, ``㈜``, ``주식회사``): industry, before any other cue
    firm_markers: tuple[str, ...] = ()
    #: short names of organizations, for resolving statements against attendee lists
    aliases: dict[str, str] | None = None

    def _title_role(self, title: str) -> str | None:
        for role in self.order:
            if any(title == t or title.endswith(t) for t in self.titles.get(role, ())):
                return role
        return None

    def _org_role(self, org: str, roles: tuple[str, ...]) -> tuple[str, str] | None:
        low = org.lower()
        for role in roles:
            for cue in self.organizations.get(role, ()):
                if cue.lower() in low:
                    return role, cue
        return None

    def infer(self, label: str) -> SpeakerInfo:
        """Split a speaker label into organization/department/title and infer the role.

        Rules, in order: a registered-company mark (``(주)``, ``㈜``, ``주식회사``) → industry;
        an academic title (교수…) → academic; a research-institute or
        government organization word → research/government (but a company's own lab, a
        company first word with the research word after it, is industry); an industry title (관계자…) or
        company word → industry; a university word → academic; a research title → research;
        else ``unknown``. ``evidence`` names the cue that decided. In a label with commas
        (``홍길동, 한국전자통신연구원 책임연구원``) the first part that tells a role is used.
        """
        speaker = " ".join(label.split())
        parts = [p.strip() for p in _SPEAKER_SEP.split(speaker) if p.strip()] or [speaker]
        infos = [self._infer_part(speaker, part) for part in parts]
        return next((i for i in infos if i.role != "unknown"), infos[0])

    def _infer_part(self, speaker: str, main: str) -> SpeakerInfo:
        from .speakers import is_name

        main = main.replace("(주)", "㈜").replace("（주）", "㈜")  # part of a company's name, not a bracket
        tokens = [t for t in _WORD_SEP.split(main) if t]
        title = ""
        title_idx = None
        for i in range(len(tokens) - 1, -1, -1):
            if self._title_role(tokens[i]) is not None:
                title, title_idx = tokens[i], i
                break
        org_tokens = tokens[:title_idx] if title_idx is not None else tokens
        if any(is_name(t) for t in tokens) and ("(" in main or "（" in main):
            # 한OO (연세대학교 전기전자공학부 교수), 홍길동 교수(서울대): the person's name is not
            # the organization, which may stand in the brackets after the title
            org_tokens = [t for t in org_tokens if not is_name(t)] or [
                t for t in tokens[(title_idx or 0) + 1:] if not is_name(t)]
            organization = org_tokens[0] if org_tokens else ""
            department = " ".join(org_tokens[1:])
        else:
            organization = org_tokens[0] if org_tokens else ""
            end = main.rfind(title) if title else len(main)
            department = main[len(organization):end].strip(" /") if organization else ""
        org_text = " ".join(org_tokens)
        title_role = self._title_role(title) if title else None

        def info(role: str, evidence: str) -> SpeakerInfo:
            return SpeakerInfo(speaker, organization, department, title, role, evidence)

        firm = next((m for m in self.firm_markers if m in main), None)
        if firm is not None:
            return info("industry", f"firm:{firm}")
        if title_role == "academic":
            return info("academic", f"title:{title}")
        if org_tokens and self._org_role(org_tokens[0], ("academic",)) and not self._org_role(
                org_tokens[0], ("industry", "research", "government")):
            # the institution, not its department's words (한양대학교 전자공학과: not 전자 → industry)
            return info("academic", f"organization:{self._org_role(org_tokens[0], ('academic',))[1]}")
        lab = self._company_lab(org_tokens)
        if lab is not None:
            return info("industry", lab)
        hit = self._org_role(org_text, ("research", "government"))
        if hit:
            return info(hit[0], f"organization:{hit[1]}")
        if title_role == "industry":
            return info("industry", f"title:{title}")
        hit = self._org_role(org_text, ("industry",))
        if hit:
            return info("industry", f"organization:{hit[1]}")
        hit = self._org_role(org_text, ("academic",))
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
        first = self._org_role(org_tokens[0], ("industry",))
        if first is None or self._org_role(org_tokens[0], ("research", "government", "academic")):
            return None
        lab = self._org_role(" ".join(org_tokens[1:]), ("research",))
        return f"company lab:{first[1]}+{lab[1]}" if lab else None


def load_roles(path: str | Path | RoleLexicon | None = None) -> RoleLexicon:
    """The role lexicon from ``consult/data/roles.toml`` or a user TOML of the same layout.

    A :class:`RoleLexicon` is returned as it is.
    """
    if isinstance(path, RoleLexicon):
        return path
    return _load_roles_cached(None if path is None else str(path))


@lru_cache(maxsize=8)
def _load_roles_cached(path: str | None) -> RoleLexicon:
    data = _read_toml(path, "roles.toml")
    roles = data.get("roles")
    if not isinstance(roles, dict):
        raise ConsultError("no [roles] table", path=path or "roles.toml")
    order = tuple(data.get("order", list(roles)))
    titles = {r: tuple(spec.get("titles", [])) for r, spec in roles.items()}
    orgs = {r: tuple(spec.get("organizations", [])) for r, spec in roles.items()}
    return RoleLexicon(titles, orgs, order, tuple(data.get("firm_markers", [])),
                       dict(data.get("aliases", {})))
