"""Who is who in a verbatim record (속기록): a turn's label, an introduction, a self-introduction.

A turn's label names its speaker by kind (``consult/data/verbatim.toml``): the chair
(``위원장 최민희``), a member (``이정헌 위원``), a witness (``증인``, ``참고인``, ``진술인``), the
committee's staff (``수석전문위원``), the nominee (``과학기술정보통신부장관후보자 유상임``) or an
official (``과학기술정보통신부제2차관 강도현``, the organization glued to the title).
:func:`read_label` reads one; :func:`split_title` parts a glued organization and title;
:func:`introduction` reads a sentence introducing someone (``문승현 서남 대표이사입니다.``,
``서울대학교 김OO 교수님 나오셨습니다.``); :func:`questioner_says` reads a questioner's words
about the person addressed (``참고인께서는 과학기술노동조합 정책위원장이시지요?``).

    >>> from consult.people.roles import load_roles
    >>> lex = load_roles()
    >>> read_label("과학기술정보통신부장관후보자 유상임", lex)
    TurnLabel(label='과학기술정보통신부장관후보자 유상임', kind='nominee', name='유상임', organization='과학기술정보통신부', title='장관후보자')
    >>> read_label("이정헌 위원", lex).kind, read_label("참고인 이영국", lex).kind, read_label("출석 위원(19인)", lex)
    ('member', 'reference_witness', None)
    >>> split_title("한국과학기술연구원장", lex), split_title("국토교통부제1차관", lex)
    (('한국과학기술연구원', '원장'), ('국토교통부', '제1차관'))
    >>> introduction("문승현 서남 대표이사입니다.", lex)
    ('문승현', '서남', '대표이사')
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..lexicon import INTRODUCTION_END, KIND_WORDS, MASK, MASKED_NAME, PERSON_NAME, VERBATIM
from .roles import RoleLexicon

__all__ = ["TurnLabel", "read_label", "split_title", "glued_title", "describe", "org_and_title", "introduction",
           "introductions", "questioner_says", "introduces_kind",
           "ASKERS", "WITNESSES", "kind_of_word", "NOMINEE_WORDS"]

#: kinds whose turns ask (and run the meeting)
ASKERS = ("chair", "member")
#: kinds of witnesses (the experts a hearing hears)
WITNESSES = ("witness", "reference_witness", "statement_witness")
#: what a questioner calls the nominee (후보자님, 후보님)
NOMINEE_WORDS: tuple[str, ...] = tuple(VERBATIM["nominee_address"])

_OFFICIAL_TITLES = frozenset(VERBATIM["official_titles"])
_HEADS = tuple(sorted(VERBATIM["organization_heads"], key=len, reverse=True))
_OPENERS = frozenset(VERBATIM["introduction_openers"])
_INTRODUCES = tuple(VERBATIM["introduces"])
#: ``(label inside brackets)``: ``국무위원후보자(과학기술정보통신부장관 유상임)``
_BRACKETED = re.compile(r"^(?P<outer>[^()]{1,20}+)\((?P<inner>[^()]{2,40}+)\)$")
#: an ordinal before a title (제1차관)
_ORDINAL = re.compile(r"제\d{1,2}$")
#: what a questioner says of the person addressed: ``…께서는 서울대학교 재료공학부 교수시네요?``
_SAYS = re.compile(r"께서는\s++(?P<desc>[^?.,]{2,40}?)(?:이)?(?:시지요|시네요|시죠|시고요|시군요|시잖아요|이시고)")
#: particles a word of an introduction may carry
_OF = "의"
#: the kind words of witnesses (진술인, 참고인으로는 …) and words that are no part of a designation
_WITNESS_WORDS = tuple(w for k in WITNESSES for w in KIND_WORDS[k])
_FILLERS = frozenset({"소속", "현", "전"})
#: a subject particle after the last word of an introduced person (… 변호사께서, … 교수님이)
_PARTICLE = re.compile(r"(?:님께서|께서|님이|께서는)$")
_MASK_CHARS = frozenset(MASK)


@dataclass(frozen=True)
class TurnLabel:
    """A turn's label read: ``kind`` (``chair``, ``member``, ``witness``, ``reference_witness``,
    ``statement_witness``, ``staff``, ``nominee``, ``official``), the name, organization and title."""

    label: str
    kind: str
    name: str
    organization: str
    title: str


def kind_of_word(word: str) -> str | None:
    """The kind a label word tells (``진술인`` → ``statement_witness``), or ``None``."""
    for kind, words in KIND_WORDS.items():
        if word in words:
            return kind
    return None


def _is_name(token: str) -> bool:
    return bool(PERSON_NAME.match(token)) and kind_of_word(token) is None


def read_label(label: str, lexicon: RoleLexicon) -> TurnLabel | None:
    """The speaker a turn's label names (see the module docstring), or ``None`` when the label
    names nobody (``출석 위원(19인)``, a sentence)."""
    label = " ".join(label.split())
    if not label or len(label) > 40:
        return None
    br = _BRACKETED.match(label)
    if br:  # 국무위원후보자(과학기술정보통신부장관 유상임): the person inside, the kind outside
        inner = read_label(br.group("inner"), lexicon)
        outer = _title_kind(br.group("outer").strip())
        if inner is None:
            return None
        return TurnLabel(label, outer or inner.kind, inner.name, inner.organization, inner.title)
    tokens = label.split()
    if len(tokens) == 1:
        kind = kind_of_word(tokens[0])
        if kind in ("chair", "staff"):  # 위원장, 수석전문위원: unnamed
            return TurnLabel(label, kind, "", "", tokens[0])
        return _glued(label)
    first, last = kind_of_word(tokens[0]), kind_of_word(tokens[-1])
    name_after = " ".join(tokens[1:])
    if first is not None and _is_name(name_after):  # 위원장 최민희, 진술인 홍길동, 간사 김OO
        return TurnLabel(label, first, name_after, "", tokens[0])
    name_before = " ".join(tokens[:-1])
    if last in ("member", "chair") and _is_name(name_before):  # 이정헌 위원, 최민희 위원장
        return TurnLabel(label, last, name_before, "", tokens[-1])
    if not _is_name(tokens[-1]):
        return None
    head = tokens[:-1]
    org, title = split_title(head[-1], lexicon)
    if not title:
        return None
    org = " ".join([*head[:-1], org]).strip()
    kind = _title_kind(title) or "official"
    return TurnLabel(label, kind, tokens[-1], org, title)


#: words glued before 위원 that make a list's header, not a member's name (출석위원, 전문위원)
_NOT_NAMES = frozenset({"출석", "전문", "수석", "소속", "상임", "비상임", "자문", "운영", "심사", "참석", "위원"})
_KIND_WORDS_LONGEST = sorted(((w, k) for k, ws in KIND_WORDS.items() for w in ws), key=lambda x: -len(x[0]))


def _glued(label: str) -> TurnLabel | None:
    """A label whose kind word and name are glued, as some text layers print them
    (``위원장최민희``, ``이정헌위원``, ``참고인이영국``)."""
    for word, kind in _KIND_WORDS_LONGEST:
        head, tail = label[len(word):], label[: -len(word)]
        if label.startswith(word) and _is_name(head) and head not in _NOT_NAMES:
            return TurnLabel(label, kind, head, "", word)
        if kind in ("member", "chair") and label.endswith(word) and _is_name(tail) and tail not in _NOT_NAMES:
            return TurnLabel(label, kind, tail, "", word)
    return None


def _title_kind(title: str) -> str | None:
    """The kind a title tells: the nominee's (…후보자), the staff's (전문위원), a witness word."""
    if title.endswith(NOMINEE_WORDS):
        return "nominee"
    kind = kind_of_word(title)
    return kind if kind in ("staff", *WITNESSES) else None


def _titles(lexicon: RoleLexicon) -> frozenset[str]:
    roles = (*lexicon.beyond, *lexicon.order)
    return _OFFICIAL_TITLES | {t for r in roles for t in lexicon.titles.get(r, ())} | set(
        lexicon.person_titles) | set(NOMINEE_WORDS) | set(KIND_WORDS["staff"])


def split_title(word: str, lexicon: RoleLexicon) -> tuple[str, str]:
    """``(organization, title)`` of a word ending in a title, the organization glued to it or not:
    ``과학기술정보통신부장관후보자`` → ``(과학기술정보통신부, 장관후보자)``, ``경제정책실장`` →
    ``(경제정책실, 실장)``; ``("", "")`` when the word ends in no title."""
    titles = _titles(lexicon)
    if word in titles:
        return "", word
    rest, title = word, ""
    while True:
        if title and rest in titles:  # 국무총리후보자: the whole word is the title
            return "", rest + title
        cut = next((k for k in range(min(len(rest) - 1, 8), 1, -1) if rest[-k:] in titles), 0)
        if not cut:
            break
        rest, title = rest[:-cut], rest[-cut:] + title
        ordinal = _ORDINAL.search(rest)
        if ordinal:
            rest, title = rest[: ordinal.start()], ordinal.group(0) + title
        head = title[:-1] if title.endswith("장") and title[:-1] in _HEADS else ""
        if head and not rest.endswith(_HEADS):  # 한국과학기술연구원장: 연구원 and 원장 share 원
            return rest + head, title
        if rest.endswith(_HEADS) or len(rest) < 2:
            break
    return (rest, title) if title else ("", "")


def glued_title(word: str, lexicon: RoleLexicon) -> tuple[str, str]:
    """``(organization, title)`` of a title word that may have its organization glued to it
    (``한국화학연구원장``, ``정책본부장``), else ``("", word)`` (``정책위원장``, ``대학생``)."""
    org, title = split_title(word, lexicon)
    if len(org) >= 2 and org.endswith((*_HEADS, *lexicon.organization_endings)):
        return org, title
    return "", word


def introduces_kind(sentence: str) -> str | None:
    """The kind of the people a sentence is about to introduce (``증인을 소개해 드리겠습니다`` →
    ``witness``), or ``None``."""
    for kind in WITNESSES:
        for word in KIND_WORDS[kind]:
            at = sentence.find(word)
            if at >= 0 and any(w in sentence[at + len(word):at + len(word) + 12] for w in _INTRODUCES):
                return kind
    return None


def introduction(sentence: str, lexicon: RoleLexicon, names: frozenset[str] = frozenset()) -> tuple[str, str, str] | None:
    """``(name, organization, title)`` of a sentence introducing one person (``문승현 서남
    대표이사입니다.``, ``서울대학교 김OO 교수님 나오셨습니다.``, ``방금 소개받은 ○○○ 변호사입니다.``);
    ``names``: the names known already. ``None`` when it introduces nobody."""
    found = introductions(sentence, lexicon, names)
    return found[0] if len(found) == 1 else None


def introductions(sentence: str, lexicon: RoleLexicon, names: frozenset[str] = frozenset()) -> list[tuple[str, str, str]]:
    """Everyone a sentence introduces, one or a list (``진술인으로는 서울대학교 김OO 교수, 법무법인
    세종 박OO 변호사께서 나오셨습니다.``): ``(name, organization, title)`` each."""
    end = INTRODUCTION_END.search(sentence)
    if end is None or end.start() > 240:
        return []
    out = []
    for chunk in sentence[: end.start()].split(","):
        tokens = chunk.split()
        while tokens and (tokens[0].rstrip(",?.!") in _OPENERS or tokens[0].startswith(_WITNESS_WORDS)):
            tokens = tokens[1:]
        if tokens:
            tokens[-1] = _PARTICLE.sub("", tokens[-1]) or tokens[-1]
        found = describe(tokens, lexicon, names)
        if found is not None:
            out.append(found)
    return out


def describe(tokens: list[str], lexicon: RoleLexicon, names: frozenset[str] = frozenset()) -> tuple[str, str, str] | None:
    """``(name, organization, title)`` of a designation's words in any order (``문승현 서남 대표이사``,
    ``서울대학교 교수 김OO``, ``법무법인 세종의 박철수 변호사님``); kind words (진술인) are left out."""
    words: list[str] = []
    owned: set[int] = set()  # words with 의 after them: an organization's, never a name
    for tok in tokens:
        tok = tok.strip(",")
        if tok.endswith("님"):
            tok = tok[:-1]
        if not tok or tok in _FILLERS or tok.startswith(_WITNESS_WORDS):  # 진술인, 참고인으로는, 소속
            continue
        if tok.endswith(_OF) and len(tok) > 2 and not lexicon.is_title(tok):
            owned.add(len(words))
            tok = tok[:-1]
        words.append(tok)
    if not words or len(words) > 8:
        return None
    t_at = next((k for k in range(len(words) - 1, -1, -1) if split_title(words[k], lexicon)[1]), None)
    name_at = next((k for k, w in enumerate(words) if w in names), None)
    if name_at is None:  # a masked name; the word after the title (… 대표이사 문승현); the first
        # word (문승현 서남 대표이사); the word before the title (법무법인 세종의 박철수 변호사)
        masked = [k for k, w in enumerate(words) if MASKED_NAME.match(w) or set(w) <= _MASK_CHARS]
        after = [t_at + 1] if t_at is not None and t_at + 1 == len(words) - 1 else []
        order = masked + after + [0] + ([t_at - 1] if t_at is not None else [])
        name_at = next((k for k in order if 0 <= k < len(words) and k != t_at and k not in owned
                        and (lexicon.is_name(words[k]) or PERSON_NAME.match(words[k]))
                        and len(words[k]) <= 3 and not lexicon.is_title(words[k])), None)
    if name_at is None or t_at is None:
        return None
    org, title = org_and_title([w for k, w in enumerate(words) if k != name_at], lexicon)
    return words[name_at], org, title


def org_and_title(words: list[str], lexicon: RoleLexicon) -> tuple[str, str]:
    """``(organization, title)`` of a designation without a name: the last word that is a title
    (its organization glued to it or not), the other words the organization.

        >>> from consult.people.roles import load_roles
        >>> org_and_title("서울대학교 재료공학부 교수".split(), load_roles())
        ('서울대학교 재료공학부', '교수')
    """
    t_at = next((k for k in range(len(words) - 1, -1, -1) if split_title(words[k], lexicon)[1]), None)
    if t_at is None:
        return " ".join(words), ""
    org, title = glued_title(words[t_at], lexicon)
    rest = [w for k, w in enumerate(words) if k != t_at]
    return " ".join([*rest, org]).strip(), title


def questioner_says(sentence: str) -> tuple[str, str] | None:
    """``(words before, description)`` when a questioner says who the person addressed is
    (``주영창 증인께서는 서울대학교 재료공학부 교수시네요?`` → ``('주영창 증인', '서울대학교 재료공학부 교수')``).

        >>> questioner_says("참고인께서는 과학기술노동조합 정책위원장이시지요?")
        ('참고인', '과학기술노동조합 정책위원장')
    """
    m = _SAYS.search(sentence)
    if m is None:
        return None
    before = sentence[max(0, m.start() - 16): m.start()].split()
    return " ".join(before[-2:]), m.group("desc").strip()

