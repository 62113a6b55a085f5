"""A person's designation: name, title and organization in the orders minutes write them.

``김OO 교수(서울대)``, ``서울대 김OO 교수``, ``산업부 과장``, ``위원장(홍길동, 한양대 교수)``:
:func:`split_person` tells the three parts apart with the role lexicon's titles and name rules;
:func:`names_a_person_by_title` and :func:`identifies_someone` tell a designation from a topic
that mentions a title (``교수 인력 현황``, ``신진 연구원``).

    >>> from consult.people.roles import load_roles
    >>> split_person("김OO 교수(서울대)", load_roles())
    ('김OO', '교수', '서울대')
"""

from __future__ import annotations

import re

from ..lexicon import GLUED_TITLE, MASKED_NAME
from .roles import RoleLexicon

__all__ = ["split_person", "names_a_person_by_title", "identifies_someone", "trailing_group"]

_LATIN_ORG = re.compile(r"^[A-Z][A-Za-z&]{1,}")  # KAIST, ETRI, KRISS, LG, SKT
_ONE_HANGUL = re.compile(r"[가-힣]")


def split_person(text: str, lexicon: RoleLexicon) -> tuple[str, str, str]:
    """``(name, title, organization)`` of ``김OO 교수(서울대)``, ``서울대 김OO 교수``, ``산업부 과장``."""
    text = " ".join(text.replace(",", " ").split())
    org_in_parens = ""
    group = trailing_group(text)
    if group is not None:
        org_in_parens, text = group[0].strip(), text[: group[1]].strip()
    tokens = text.split()
    name = next((t for t in tokens if MASKED_NAME.match(t)), "")  # a masked name is surely the name
    for k, t in enumerate(tokens if not name else []):
        nxt = tokens[k + 1] if k + 1 < len(tokens) else ""
        g = GLUED_TITLE.match(t)  # 김OO교수: a name glued to its title
        if g and lexicon.is_title(g.group(2)):
            name = g.group(1)
            tokens[k:k + 1] = [g.group(1), g.group(2)]
            break
        if lexicon.is_title(t) and not MASKED_NAME.match(t):
            continue
        if lexicon.is_name(t) or (_ONE_HANGUL.fullmatch(t) and nxt and lexicon.is_title(nxt)):
            name = t
            break
    rest = [t for t in tokens if t != name]
    titles = [t for t in rest if lexicon.is_title(t)]
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

    >>> from consult.people.roles import load_roles
    >>> [names_a_person_by_title(t, load_roles()) for t in ("서울대학교 김OO 교수", "교수 인력 현황")]
    [True, False]
    """
    text = " ".join(text.split())
    whole = text
    group = trailing_group(text)
    if group is not None:
        text = text[: group[1]].strip()
    tokens = text.split()
    if not tokens or len(tokens) > 6 or len(text) > 40:
        return False
    if not (lexicon.is_title(tokens[-1])
            or (len(tokens) >= 2 and lexicon.is_name(tokens[-1]) and lexicon.is_title(tokens[-2]))):
        return False
    return identifies_someone(whole, lexicon)


def identifies_someone(text: str, lexicon: RoleLexicon) -> bool:
    """Whether a label with a title also names whom: a masked name (``김OO``) or an organization
    (``KAIST 교수``, ``박민수 교수(KAIST)``), not a title after a common word (``신진 연구원``,
    ``외국인 연구원``, ``과장 광고``).

    >>> from consult.people.roles import load_roles
    >>> [identifies_someone(t, load_roles()) for t in ("박민수 교수(KAIST)", "신진 연구원", "한양대 교수")]
    [True, False, True]
    """
    name, title, org = split_person(text, lexicon)
    if MASKED_NAME.match(name):
        return True
    if not title or not org:
        return False
    first = org.split()[0]
    return bool(lexicon.org_role(org, tuple(lexicon.order)) or first.endswith(lexicon.organization_endings)
                or _LATIN_ORG.match(first) or any(m in org for m in lexicon.firm_markers))


def trailing_group(text: str, limit: int = 40) -> tuple[str, int] | None:
    """``(inside, start)`` of the bracketed group that ends ``text``, nested brackets allowed
    (``김OO ((주)안랩 연구소장)`` → ``(주)안랩 연구소장``); ``None`` if there is none or it is
    empty or longer than ``limit``.

    >>> trailing_group("김OO ((주)안랩 연구소장)")
    ('(주)안랩 연구소장', 4)
    """
    text = text.rstrip()
    if not text or text[-1] != ")":
        return None
    depth = 0
    for k in range(len(text) - 1, max(-1, len(text) - limit - 3), -1):
        ch = text[k]
        if ch == ")":
            depth += 1
        elif ch == "(":
            depth -= 1
            if depth == 0:
                inside = text[k + 1:-1]
                return (inside, k) if inside.strip() else None
    return None
