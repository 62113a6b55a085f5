"""Each finding as one sentence a person would write, in Korean (default) or English: a
template filled with the finding's own counts, things and stance words — nothing generated.
Korean particles follow the word before them (:mod:`consult.josa`).

    >>> from consult.findings.model import Finding, Side
    >>> a = Side("academic", ("T1", "T2", "T3"), k=3, stance="against", stance_counts=(0, 3))
    >>> b = Side("industry", ("T4", "T5"), k=2, stance="for", stance_counts=(2, 0))
    >>> f = Finding("x", "차세대통신", "저궤도 위성통신 투자의 시급성", "divergence", a, b,
    ...             judgement="urgency", strength="anecdotal",
    ...             extra={"question_topic": "저궤도 위성통신 투자의 시급성"})
    >>> sentence(f)
    '「저궤도 위성통신 투자의 시급성」: 학계는 시급하지 않다고 봄(3/3명), 산업계는 시급하다고 봄(2/2명). ⚠2인'
    >>> sentence(f, "en")
    '「저궤도 위성통신 투자의 시급성」: academics find it not urgent (3 of 3), industry experts find it urgent (2 of 2). ⚠ two people'
"""

from __future__ import annotations

from ..josa import attach
from ..labels import ROLE_LABELS
from .model import Finding, Side
from .rules import ClaimRules

__all__ = ["sentence", "LANGS", "marker"]

LANGS = ("ko", "en")
_MARKER = {"ko": {"one_person": " ⚠1인", "anecdotal": " ⚠2인"},
           "en": {"one_person": " ⚠ one person", "anecdotal": " ⚠ two people"}}
#: the groups as the subject of an English sentence
_GROUP_EN = {"academic": "academics", "industry": "industry experts",
             "research": "research-institute experts", "government": "government experts",
             "law": "legal experts", "union": "union representatives",
             "civil_society": "civil-society experts", "student": "students",
             "legislator": "legislators", "unknown": "unclassified experts"}


#: one expert of a group, in English
_ONE_EN = {"academic": "academic", "industry": "industry expert", "research": "research-institute expert",
           "government": "government expert", "law": "legal expert", "union": "union representative",
           "civil_society": "civil-society expert", "student": "student", "legislator": "legislator",
           "unknown": "unclassified expert"}
_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def _people(n: int, group: str) -> str:
    """``the one industry expert``, ``the two academics``, ``the 12 academics``."""
    word = _NUMBER_WORDS[n] if n < len(_NUMBER_WORDS) else str(n)
    return f"the {word} {_ONE_EN.get(group, group) if n == 1 else _GROUP_EN.get(group, group)}"


def _count_people(n: int, group: str) -> str:
    """``1 academic``, ``2 academics``."""
    return f"{n} {_ONE_EN.get(group, group) if n == 1 else _GROUP_EN.get(group, group)}"


def marker(strength: str, lang: str = "ko") -> str:
    """``⚠1인`` / ``⚠2인`` (or English) when a side is one or two people."""
    return _MARKER["en" if lang == "en" else "ko"].get(strength, "")


def _g(group: str, lang: str) -> str:
    return _GROUP_EN.get(group, group) if lang == "en" else ROLE_LABELS.get(group, group)


def _kn(side: Side, lang: str, k: int | None = None) -> str:
    k = side.k if k is None else k
    return f"{k} of {side.n}" if lang == "en" else f"{k}/{side.n}명"


def _things(side: Side, lang: str) -> tuple[str, str]:
    """``「X」·「Y」`` and their counts ``2/4명·1/4명``."""
    names = "·".join(f"「{n.label}」" for n in side.named)
    sep = ", " if lang == "en" else "·"
    return names, sep.join(_kn(side, lang, n.k) for n in side.named)


def _both(f: Finding, lang: str) -> str:
    """What both sides mention beside their own things: ``「TP」(학계 2/3명, 산업계 1/1명)을``
    (Korean, with its particle) or ``「TP」 (academics 2 of 3, industry experts 1 of 1)``."""
    items = f.extra.get("both") or ()
    if not items:
        return ""
    if lang == "en":
        return ", ".join(f"「{label}」 ({_g(f.a.group, 'en')} {ka} of {f.a.n}, {_g(f.b.group, 'en')} {kb} of {f.b.n})"
                         for label, ka, kb in items)
    parts = [f"「{label}」({_g(f.a.group, 'ko')} {ka}/{f.a.n}명, {_g(f.b.group, 'ko')} {kb}/{f.b.n}명)"
             for label, ka, kb in items]
    last = items[-1][0]
    return "·".join(parts) + ("을" if attach(last, "을").endswith("을") else "를")


def _question(f: Finding, lang: str) -> str:
    q = f.extra.get("question_topic") or f.topic
    if f.basis_kind == "similar":
        topics = f.extra.get("topics") or {}
        ta, tb = topics.get(f.a.group, q), topics.get(f.b.group, q)
        n = int(f.extra.get("n_questions") or 2)
        if lang == "en":
            return (f"On {'two' if n == 2 else n} similar questions ({_g(f.a.group, 'en')}: 「{ta}」; "
                    f"{_g(f.b.group, 'en')}: 「{tb}」)")
        count = "두" if n == 2 else "세" if n == 3 else f"{n}개의"
        return f"비슷한 {count} 질문({_g(f.a.group, 'ko')}: 「{ta}」, {_g(f.b.group, 'ko')}: 「{tb}」)에"
    return f"On 「{q}」" if lang == "en" else f"「{q}」 질문에"


def sentence(f: Finding, lang: str = "ko", rules: ClaimRules | None = None) -> str:
    """The finding ``f`` as one sentence with its counts and, where a side is one or two people,
    a warning marker."""
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")
    rules = rules or ClaimRules.default()
    text = (_en if lang == "en" else _ko)(f, rules)
    return text + marker(f.strength, lang) if f.kind != "not_comparable" else text


def _stance_word(f: Finding, side: Side, rules: ClaimRules, lang: str) -> str:
    words = rules.stance_words(f.judgement, lang)
    return words[0] if side.stance == "for" else words[1] if side.stance == "against" else (
        "mixed" if lang == "en" else "엇갈림")


def _minority(f: Finding, side: Side, rules: ClaimRules, lang: str) -> str:
    """``; 1명은 필요하다고 봄`` when some of the side take the other stance."""
    fc, ac = side.stance_counts
    other = ac if side.stance == "for" else fc if side.stance == "against" else 0
    if not other:
        return ""
    words = rules.stance_words(f.judgement, lang)
    word = words[1] if side.stance == "for" else words[0]
    return f"; {other} find it {word}" if lang == "en" else f"; {other}명은 {word}"


def _conceded(side: Side, lang: str) -> str:
    """``; 그중 2명은 반대쪽 면도 인정함`` when some holders first grant the other stance a point
    ("시급하나, … 우선순위가 높다고 할 수는 없음")."""
    if not side.conceded:
        return ""
    if lang == "en":
        return f"; {side.conceded} of them first grant{'s' if side.conceded == 1 else ''} the other view a point"
    return f"; 그중 {side.conceded}명은 반대쪽 면도 먼저 인정함"


def _ko(f: Finding, rules: ClaimRules) -> str:
    ga, gb = _g(f.a.group, "ko"), _g(f.b.group, "ko")
    q = f.extra.get("question_topic") or f.topic
    if f.kind == "not_comparable":
        present, missing = (f.a, f.b) if f.a.n else (f.b, f.a)
        return (f"{f.area}: {_g(missing.group, 'ko')} 전문가가 없어 비교할 수 없음"
                f"({_g(present.group, 'ko')} {present.n}명만 자문).")
    if f.kind == "not_asked":
        side, other = (f.a, f.b) if f.a.n else (f.b, f.a)
        return (f"{attach(f'「{q}」', '은')} {_g(side.group, 'ko')}에만 물었음"
                f"({side.n}명) — {attach(_g(other.group, 'ko'), '와')} 비교할 수 없음.")
    lead = _question(f, "ko")
    if f.judgement and f.kind in ("divergence", "consensus") and not f.thing:
        if f.kind == "divergence":
            return (f"「{q}」: {attach(ga, '은')} {_stance_word(f, f.a, rules, 'ko')}({_kn(f.a, 'ko')}"
                    f"{_minority(f, f.a, rules, 'ko')}{_conceded(f.a, 'ko')}), {attach(gb, '은')} "
                    f"{_stance_word(f, f.b, rules, 'ko')}({_kn(f.b, 'ko')}{_minority(f, f.b, rules, 'ko')}{_conceded(f.b, 'ko')}).")
        return (f"「{q}」: {ga}({_kn(f.a, 'ko')})와 {gb}({_kn(f.b, 'ko')}) 모두 "
                f"{_stance_word(f, f.a, rules, 'ko')}.")
    if f.kind == "one_side" and f.judgement and not f.thing:
        side, other = (f.a, f.b) if f.a.stance else (f.b, f.a)
        need = int(f.extra.get("other_need") or 0)
        said = (f"이에 대한 판단은 밝히지 않았으나 {need}명은 필요하다고 봄" if need
                else "이에 대한 판단을 밝히지 않음")
        return (f"「{q}」: {attach(_g(side.group, 'ko'), '은')} {_stance_word(f, side, rules, 'ko')}"
                f"({_kn(side, 'ko')}{_conceded(side, 'ko')}); {_g(other.group, 'ko')}({other.n}명)는 {said}.")
    if f.kind == "split" and not f.thing:
        words = rules.stance_words(f.judgement, "ko")
        parts = []
        for s in (f.a, f.b):
            fc, ac = s.stance_counts
            if fc and ac:
                parts.append(f"{_g(s.group, 'ko')} 안에서 갈림({words[0]} {fc}명, {words[1]} {ac}명)")
            elif fc or ac:
                parts.append(f"{attach(_g(s.group, 'ko'), '은')} {words[0] if fc else words[1]}"
                             f"({fc or ac}/{s.n}명)")
        return f"「{q}」: " + "; ".join(parts) + "."
    if f.kind in ("consensus", "split"):
        thing = f"「{f.thing}」"
        if f.kind == "consensus":
            return (f"{lead} {ga}({_kn(f.a, 'ko')})와 {gb}({_kn(f.b, 'ko')}) 모두 "
                    f"{attach(thing, '을')} 들었고, 이와 다르게 말한 전문가는 없음.")
        who = [f"{_g(s.group, 'ko')} {len(s.dissent)}명" for s in (f.a, f.b) if s.dissent]
        return (f"{lead} 양쪽 모두 {attach(thing, '을')} 들었으나({ga} {_kn(f.a, 'ko')}, "
                f"{gb} {_kn(f.b, 'ko')}), {attach('·'.join(who), '은')} 단서를 달거나 다르게 말함.")
    if f.kind == "contrast":
        (na, ca), (nb, cb) = _things(f.a, "ko"), _things(f.b, "ko")
        both = _both(f, "ko")
        if both:
            return (f"{lead} 양쪽 모두 {both} 언급했고, 그 밖에 {attach(ga, '은')} {attach(na, '을')}({ca}), "
                    f"{attach(gb, '은')} {attach(nb, '을')}({cb}) 들었음.")
        return (f"{lead} {attach(ga, '은')} {attach(na, '을')}({ca}), {attach(gb, '은')} "
                f"{attach(nb, '을')}({cb}) 들었음; 상대 쪽 답에는 이 말이 나오지 않음(같은 뜻을 다른 말로 했는지는 원문 확인 필요).")
    if f.kind == "one_side":
        side, other = (f.a, f.b) if f.a.named else (f.b, f.a)
        names, counts = _things(side, "ko")
        both = _both(f, "ko")
        if both:
            return (f"{lead} 양쪽 모두 {both} 언급했고, {_g(side.group, 'ko')}만 {attach(names, '을')} "
                    f"더 들었음({counts}).")
        return (f"{lead} {_g(side.group, 'ko')}만 {attach(names, '을')} 들었음({counts}); "
                f"{_g(other.group, 'ko')}({other.n}명)의 같은 질문 답에는 이 말이 나오지 않음.")
    return f"{lead} {f.kind}."


def _en(f: Finding, rules: ClaimRules) -> str:
    ga, gb = _g(f.a.group, "en"), _g(f.b.group, "en")
    q = f.extra.get("question_topic") or f.topic
    if f.kind == "not_comparable":
        present, missing = (f.a, f.b) if f.a.n else (f.b, f.a)
        return (f"{f.area}: no comparison — no {_g(missing.group, 'en')} were consulted "
                f"(only {present.n} {_g(present.group, 'en')}).")
    if f.kind == "not_asked":
        side, other = (f.a, f.b) if f.a.n else (f.b, f.a)
        return (f"「{q}」 was asked of {_g(side.group, 'en')} only ({side.n}) — no comparison with "
                f"{_g(other.group, 'en')}.")
    lead = _question(f, "en")
    if f.judgement and f.kind in ("divergence", "consensus") and not f.thing:
        if f.kind == "divergence":
            return (f"「{q}」: {ga} find it {_stance_word(f, f.a, rules, 'en')} ({_kn(f.a, 'en')}"
                    f"{_minority(f, f.a, rules, 'en')}{_conceded(f.a, 'en')}), {gb} find it "
                    f"{_stance_word(f, f.b, rules, 'en')} ({_kn(f.b, 'en')}{_minority(f, f.b, rules, 'en')}{_conceded(f.b, 'en')}).")
        return (f"「{q}」: {ga} ({_kn(f.a, 'en')}) and {gb} ({_kn(f.b, 'en')}) both find it "
                f"{_stance_word(f, f.a, rules, 'en')}.")
    if f.kind == "one_side" and f.judgement and not f.thing:
        side, other = (f.a, f.b) if f.a.stance else (f.b, f.a)
        need = int(f.extra.get("other_need") or 0)
        return (f"「{q}」: {_g(side.group, 'en')} find it {_stance_word(f, side, rules, 'en')} "
                f"({_kn(side, 'en')}{_conceded(side, 'en')}); {_people(other.n, other.group)} {'does' if other.n == 1 else 'do'} "
                f"not judge it" + (f", though {need} {'says' if need == 1 else 'say'} it is needed." if need else "."))
    if f.kind == "split" and not f.thing:
        words = rules.stance_words(f.judgement, "en")
        parts = []
        for s in (f.a, f.b):
            fc, ac = s.stance_counts
            if fc and ac:
                parts.append(f"{_g(s.group, 'en')} are split ({fc} {words[0]}, {ac} {words[1]})")
            elif fc or ac:
                parts.append(f"{_g(s.group, 'en')} find it {words[0] if fc else words[1]} "
                             f"({fc or ac} of {s.n})")
        return f"「{q}」: " + "; ".join(parts) + "."
    if f.kind in ("consensus", "split"):
        if f.kind == "consensus":
            return (f"{lead}, {ga} ({_kn(f.a, 'en')}) and {gb} ({_kn(f.b, 'en')}) both name "
                    f"「{f.thing}」, and nobody says otherwise.")
        who = " and ".join(_count_people(len(s.dissent), s.group) for s in (f.a, f.b) if s.dissent)
        one = sum(len(s.dissent) for s in (f.a, f.b)) == 1
        return (f"{lead}, both sides name 「{f.thing}」 ({ga} {_kn(f.a, 'en')}, {gb} "
                f"{_kn(f.b, 'en')}), but {who} {'qualifies it or says' if one else 'qualify it or say'} otherwise.")
    if f.kind == "contrast":
        (na, ca), (nb, cb) = _things(f.a, "en"), _things(f.b, "en")
        both = _both(f, "en")
        if both:
            return (f"{lead}, both sides mention {both}; besides, {ga} name {na} ({ca}) and {gb} "
                    f"name {nb} ({cb}).")
        return (f"{lead}, {ga} name {na} ({ca}) and {gb} name {nb} ({cb}); these words do not occur "
                f"in the other side's answers (whether it says the same in other words needs the source).")
    if f.kind == "one_side":
        side, other = (f.a, f.b) if f.a.named else (f.b, f.a)
        names, counts = _things(side, "en")
        both = _both(f, "en")
        if both:
            return (f"{lead}, both sides mention {both}; only {_g(side.group, 'en')} also name "
                    f"{names} ({counts}).")
        return (f"{lead}, only {_g(side.group, 'en')} name {names} ({counts}); "
                f"{_people(other.n, other.group)} asked the same {'does' if other.n == 1 else 'do'} not "
                f"use these words.")
    return f"{lead}: {f.kind}."
