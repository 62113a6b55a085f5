"""The report authors' own summary tables (주요 질문 / 전문가 의견), checked against the minutes.

Each row of a summary table is cut into its claims: every bullet of the opinion cell, and a
bullet the PDF put in the topic cell (``통신 하드웨어 • 무선통신 핵심부품은 …``); a line that is
only a bracketed heading (``(클라우드 보안 기술)``) is no claim, and the question cell's text that
extraction glued onto the last bullet (``…R&D 활성화소재성능 고도화를 위한 R&D 전략``) is cut off.

A claim is looked for in the answers of its area — of the questions its row refers to, when the
row's question matches some — by its key words (content words of the claim, each weighted by
how specific it is in the area; found as a word or inside the text, spaces ignored;
:mod:`consult.findings.summary_match`): ``coverage`` is the weighted share of the claim's key
words an expert's answer holds. An expert *supports* the claim at coverage ≥ :data:`PARTLY`,
states it at ≥ :data:`STATED`. Someone who names its key words with a contradiction cue (``claims.toml``) *dissents*. Verdicts:

``confirmed`` (확인)   stated by someone; a head count ("5인 공통", "전원", "다수") holds
``partly`` (일부)      only part of it is in the minutes (or only the other side says it)
``overstated`` (과장)  in the minutes, but fewer experts say it than the head count claims, or
                       someone on the question says otherwise
``not_found`` (찾지 못함) no answer of the area holds it

    >>> claimed_count("RF 안테나(5인 공통의견)"), claimed_count("의견 다수"), claimed_count("필요")
    (5, -1, None)
    >>> split_row("통신 하드웨어 • 무선통신 핵심부품은 RF 안테나(5인 공통의견) 및 소자, / 저잡음 증폭기 / 통신 HW기술 중 전략성과", "")
    ('통신 하드웨어', ['무선통신 핵심부품은 RF 안테나(5인 공통의견) 및 소자, 저잡음 증폭기'], '통신 HW기술 중 전략성과')
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd

from ..common_words import is_common
from ..labels import ROLE_LABELS, area_label
from ..people.roles import load_roles
from ..records import summary_id
from .questionnaire import plain_strings
from .rules import ClaimRules
from .summary_match import AreaAnswers, SourceLines, bigrams

__all__ = ["check_summaries", "check_note", "SUMMARY_CHECK_COLUMNS", "VERDICTS", "VERDICT_LABELS",
           "claimed_count", "summary_claims", "claims_of", "split_row", "unglue", "texts_to_tokenize"]

SUMMARY_CHECK_COLUMNS = [
    "summary_id", "area", "row_topic", "claim", "line", "claimed_n", "claimed_role", "n_asked",
    "n_supporters", "supporters", "supporter_roles", "evidence", "dissenters", "dissent_evidence",
    "coverage", "verdict", "verdict_label", "note", "note_en",
]
VERDICTS = ("confirmed", "partly", "overstated", "not_found")
#: the verdicts in Korean (the report's words) and English
VERDICT_LABELS = {"confirmed": ("확인", "confirmed"), "partly": ("일부", "partly"),
                  "overstated": ("과장", "overstated"), "not_found": ("찾지 못함", "not found")}
#: an expert supports a claim when their answers hold this share of its key words (or of its
#: character pairs) …
PARTLY = 0.3
#: … and states it at this share
STATED = 0.5
#: for a head count, an expert counts whose answer holds this share of what the best one holds
#: (0.4 against the second hand reading: supporters' recall 0.76 -> 0.78, precision 0.71 -> 0.72)
HEADCOUNT_SHARE = 0.4
#: … and at least this share of the claim
HEADCOUNT_FLOOR = 0.2

_COUNT = re.compile(r"(\d+)\s*인\s*공통|자문\s*(\d+)\s*인")
_ALL = re.compile(r"전원\s*공통|모두\s*공통|전원\s*동의")
_MANY = re.compile(r"의견\s*다수|다수\s*의견|의견이\s*다수|다수의\s*의견")
#: a claim the table gives to one side: "(학계) …" — the side words of ``roles.toml``
_SIDES = load_roles().sides
_SIDE = re.compile(r"^\((" + "|".join(map(re.escape, sorted(_SIDES, key=len, reverse=True))) + r")\)")
#: a particle at the end of a written word (기술이, 전략에, 문의를)
_PARTICLE_END = re.compile(r"(?:에서|에게|으로|에는|에도|과의|와의|이나|이며|이고|은|는|이|가|을|를|의|에|와|과|로|도|만)$")
_SIDE_ROLE = {w: load_roles().groups.get(w, "") for w in _SIDES}
_HEADING = re.compile(r"^\([^()]*(?:\([^()]*\)[^()]*)*\)$")
_BULLET = re.compile(r"(?<!\s)\s*+•\s*+")
#: how a question cell ends ("…를 위한 R&D 전략", "…에 관한 의견 문의", "…의 필요성")
_QUESTION_TAIL = re.compile(r"(?:의견\s*문의|전략|필요성|주안점|방안|현황|대비|방향성?|고려사항|기술확보)\s*$")
#: where a claim ends and glued question text may begin: a claim's last word, then no space
#: (``활성화소재``) or one space (``방법 공정기술``), or a closing bracket
_CLAIM_END = re.compile(
    r"(?:(?:필요|중요|다수|등|화|존재|부재|한계|방법|제시|강화|확대|지속|창출|가능|도출|추진|실행|우위|"
    r"미흡|주목|추세|\)|있음|함|임|음|됨)"
    # glued (no space): the next word is not the claim word's own ending, nor a particle
    # standing alone ("다수가 " is a particle; "다수가능성" starts a new word)
    r"(?=[가-힣A-Za-z‘'])(?![하한할함했해되된될됨돼성적화])(?![은는이가을를의에와과로도만](?:\s|$))"
    # or after a space, only where a claim ends for sure (a bracket, 방법, a nominal ending)
    r"|(?:\)|방법|있음|함|임|음|됨)[.]?\s(?=[가-힣A-Za-z‘'(]))")
#: a piece of a wrapped cell that goes on in the next piece (ends with a comma or a joining word)
_GOES_ON = re.compile(r"(?:,|및|와|과|의|을|를|에|로|으로|한|은|는|된|될|할|인|적|이며|하고|하여|통해|위해|에서|또는|혹은)$")


def claimed_count(claim: str) -> int | None:
    """Experts the claim says hold it: a number, ``0`` for "all", ``-1`` for "many", or None."""
    m = _COUNT.search(claim)
    if m:
        return int(m.group(1) or m.group(2))
    if _ALL.search(claim):
        return 0
    if _MANY.search(claim):
        return -1
    return None


def split_row(topic_cell: str, opinion: str) -> tuple[str, list[str], str]:
    """``(topic, claims, question text)`` of one summary row: a bullet in the topic cell (and
    the wrapped lines it goes on over) is a claim; the topic cell's other lines are the row's
    question; every opinion line is a claim."""
    pieces = [p.strip() for p in str(topic_cell or "").split(" / ")]
    head, _, rest = pieces[0].partition("•") if pieces else ("", "", "")
    topic = head.strip()
    claims, question = [], []
    if rest.strip():
        cell = [rest.strip(), *pieces[1:]]
        claim = cell[0]
        i = 1
        while i < len(cell) and _GOES_ON.search(claim):
            claim = f"{claim} {cell[i]}"
            i += 1
        for extra in _BULLET.split(claim):
            if extra.strip():
                claims.append(extra.strip())
        question = cell[i:]
    else:
        question = pieces[1:]
    claims += [line.strip() for line in str(opinion or "").split("\n") if line.strip()]
    return topic, claims, " ".join(question).strip()


def unglue(line: str, known: Callable[[str], float]) -> tuple[str, str]:
    """``(claim, question text)``: the question cell's text cut off the end of an opinion line
    where extraction glued it on. ``known(text)`` says how much of a text is question words
    (0–1); the longest question-like end that ``known`` vouches for (≥ 0.5; an end that asks
    "…에 관한 의견 문의" needs no voucher) is cut.

        >>> unglue("R&D 활성화소재성능 고도화를 위한 R&D 전략", lambda t: 1.0)
        ('R&D 활성화', '소재성능 고도화를 위한 R&D 전략')
        >>> unglue("차세대 전지 R&D 중요", lambda t: 1.0)
        ('차세대 전지 R&D 중요', '')
    """
    line = line.rstrip(" -")
    if not _QUESTION_TAIL.search(line):
        return line, ""
    for m in _CLAIM_END.finditer(line):
        head, tail = line[:m.end()].rstrip(), line[m.end():].strip()
        last = head.rsplit(" ", 1)[-1]
        if len(last) < 2 and last != "등":
            continue  # a cut inside a word (실리콘 음|극제)
        asks = tail.rstrip().endswith("문의")  # "…에 관한 의견 문의" can only be the question
        if len(head) >= 6 and tail and _QUESTION_TAIL.search(tail) and (asks or known(tail) >= 0.5):
            return head, tail
    return line, ""


def summary_claims(summaries: pd.DataFrame, known: Callable[[str], float] = lambda t: 0.0
                   ) -> list[tuple[dict[str, Any], str, str]]:
    """``(row, claim, row topic)`` for every claim of a summaries table (see :func:`split_row`;
    ``known`` as in :func:`unglue`). Headings (a line that is only a bracket) are left out."""
    if summaries is None or summaries.empty:
        return []
    out = []
    for r in summaries.to_dict("records"):
        topic, claims, _question = split_row(r.get("question_topic") or "", r.get("opinion") or "")
        for i, claim in enumerate(claims):
            if i == len(claims) - 1:
                claim = unglue(claim, known)[0]
            claim = claim.strip(" -")
            if len(claim) >= 6 and not _HEADING.match(claim):
                out.append((r, claim, topic))
    return out


_SPACES = re.compile(r"\s+")


def check_summaries(corpus: Any, tokenize: Callable[[Sequence[str]], list[list[str]]] | None = None,
                    *, lang: str = "ko", rules: ClaimRules | None = None,
                    tokens: pd.Series | None = None) -> pd.DataFrame:
    """One row per claim of ``corpus.summaries`` with who in the minutes states it, who says
    otherwise and the verdict (:data:`SUMMARY_CHECK_COLUMNS`; ``note`` in Korean and
    ``note_en``; ``lang`` picks which ``verdict_label`` is shown)."""
    from ..tokens import corpus_tokens, default_tokenizer  # lazy: loads Kiwi

    summaries = getattr(corpus, "summaries", None)
    if summaries is None or summaries.empty:
        return pd.DataFrame(columns=SUMMARY_CHECK_COLUMNS)
    rules = rules or ClaimRules.default()
    if tokenize is None:
        tok = default_tokenizer()

        def tokenize(texts):
            return tok.tokenize(list(texts))
    if tokens is None:
        tokens = corpus_tokens(corpus)[1]
    points = plain_strings(corpus.points, ["point_id", "transcript_id", "transcript_kind", "role",
                                           "area", "question_id", "text"])
    points = points.assign(area=points["area"].map(area_label))
    questions = plain_strings(corpus.questions, ["question_id", "transcript_id", "area", "question"])
    questions = questions.assign(area=questions["area"].map(area_label))
    q_tokens = dict(zip(questions["question_id"], tokenize(questions["question"].astype(str).tolist()),
                        strict=True)) if len(questions) else {}
    claims = claims_of(summaries, questions)
    words_of = dict(zip(*_claim_texts(claims), strict=True)) if claims else {}
    texts = list(dict.fromkeys(words_of.values()))
    tokens_of = dict(zip(texts, tokenize(texts), strict=True)) if texts else {}

    def words(text: str) -> list[str]:
        return list(tokens_of.get(text, ()))

    rows = []
    areas: dict[str, AreaAnswers] = {}
    lines = SourceLines(_coverage(corpus))
    for row, claim, topic in claims:
        area = area_label(row.get("area"))
        if area not in areas:
            areas[area] = AreaAnswers(points[points["area"] == area], questions[questions["area"] == area],
                                tokens, rules)
        rows.append(_check(row, claim, topic, area, areas[area], q_tokens, words, rules, lines))
    out = pd.DataFrame(rows, columns=SUMMARY_CHECK_COLUMNS)
    out["verdict_label"] = out["verdict"].map(lambda v: VERDICT_LABELS[v][0 if lang == "ko" else 1])
    return out


def claims_of(summaries: pd.DataFrame, questions: pd.DataFrame) -> list[tuple[dict[str, Any], str, str]]:
    """``(row, claim, row topic)`` of every claim of the summary tables; a question text glued
    onto a claim is recognised by its words being those of the area's questions (or of the row's
    topic cell): each word of it, particles off, found in them (spaces ignored)."""
    if summaries is None or summaries.empty:
        return []
    area_of = questions["area"].map(area_label) if len(questions) else pd.Series(dtype=object)
    flat = {a: _SPACES.sub("", " ".join(g.astype(str)))
            for a, g in questions["question"].groupby(area_of)} if len(questions) else {}
    out = []
    for r in summaries.to_dict("records"):
        known_text = flat.get(area_label(r.get("area")), "") + _SPACES.sub("", str(r.get("question_topic") or ""))

        def known(text: str, kt=known_text) -> float:
            ws = [_PARTICLE_END.sub("", w) for w in text.split()]
            ws = [w for w in ws if len(w) >= 2]
            return sum(w in kt for w in ws) / len(ws) if ws else 0.0

        out += summary_claims(pd.DataFrame([r]), known)
    return out


def _claim_texts(claims: list[tuple[dict[str, Any], str, str]]) -> tuple[list[str], list[str]]:
    """The texts the check tokenizes, by key: each claim (side tag off) and each row's topic and
    question words."""
    keys, texts = [], []
    for row, claim, _topic in claims:
        keys.append(claim)
        texts.append(_SIDE.sub("", claim))
        topic, _c, question = split_row(row.get("question_topic") or "", "")
        keys.append(f"{topic} {question}")
        texts.append(f"{topic} {question}")
    return keys, texts


def texts_to_tokenize(corpus: Any) -> list[str]:
    """Every text :func:`check_summaries` tokenizes beyond the corpus's questions and points
    (declared for the analysis's one tokenization step)."""
    summaries = getattr(corpus, "summaries", None)
    questions = getattr(corpus, "questions", None)
    if summaries is None or summaries.empty or questions is None:
        return []
    return list(dict.fromkeys(_claim_texts(claims_of(summaries, questions))[1]))


def _row_questions(r: dict, a: AreaAnswers, q_tokens: dict, words) -> list[str]:
    """The questions of the minutes a summary row is about: those whose words most of the
    row's topic and question words are (all of the area when none clearly is)."""
    topic, _claims, question = split_row(r.get("question_topic") or "", "")
    row_words = {t for t in words(f"{topic} {question}") if not t.endswith("다")}
    if not row_words or not a.question_ids:
        return list(a.question_ids)
    score = {q: len(row_words & set(q_tokens.get(q, ()))) / len(row_words) for q in a.question_ids}
    best = max(score.values())
    if best < 0.3:
        return list(a.question_ids)
    return [q for q, s in score.items() if s >= 0.8 * best]


def _check(r: dict, claim: str, topic: str, area: str, a: AreaAnswers, q_tokens: dict, words,
           rules: ClaimRules, lines: SourceLines) -> dict:
    """One claim: who states it anywhere in the area, who on the row's questions says
    otherwise, and the verdict (a head count is counted over the experts asked the row's
    questions when the row matches some, else over the area)."""
    m = a.matcher
    qids = set(_row_questions(r, a, q_tokens, words))
    keys = m.keys(words(_SIDE.sub("", claim)))
    claimed = claimed_count(claim) if claimed_count(claim) is not None else claimed_count(topic)
    # first the answers to the row's own questions; the rest of the area only when nobody there
    # states it (words of one claim recur in answers to unrelated questions)
    scoped = len(qids) < a.n_questions
    best_by_expert = m.best(keys, bigrams(_SIDE.sub("", claim)), qids if scoped else None)
    elsewhere = False
    if scoped:
        # an expert who states it outright in another answer counts too (the row's question
        # is matched by words and may miss); one who merely shares some words there does not
        inside = max((v[0] for v in best_by_expert.values()), default=0.0)
        wider = m.best(keys, bigrams(_SIDE.sub("", claim)))
        bar = PARTLY if inside < PARTLY else STATED
        extra = {t: v for t, v in wider.items() if v[0] >= bar and v[0] > best_by_expert.get(t, (0.0,))[0]}
        elsewhere = bool(extra) and inside < PARTLY
        best_by_expert = {**best_by_expert, **extra}
    top = max((v[0] for v in best_by_expert.values()), default=0.0)
    # a head count ("5인 공통", "다수") asks who says the same as the one who says it best: an
    # expert whose answer holds 40 % as much of it counts (one answer is worded as the claim,
    # the others in their own words)
    floor = max(HEADCOUNT_FLOOR, HEADCOUNT_SHARE * top) if claimed is not None and top >= PARTLY else PARTLY
    support = {t: v for t, v in best_by_expert.items() if v[0] >= floor}
    # the experts whose answers were read for it: those asked the row's questions, and anyone
    # counted from an answer to another question
    read = (a.asked(qids) | set(support)) if qids else {t for _p, t, _q, _x in a.points}
    asked = len(read)
    role_of = a.role_of
    # what a dissent must be about: the claim's specific words (not words general Korean uses)
    top_keys = [k for k in sorted(keys, key=lambda k: -keys[k]) if not is_common(k)][:5]
    pairs = bigrams(_SIDE.sub("", claim))
    on = [(p, t, x) for p, t, q, x in a.points if q in qids] if qids else \
        [(p, t, x) for p, t, _q, x in a.points]
    dissent: dict[str, str] = {}
    # a claim that itself denies something ("…라고 단정지을 수는 없으며") is not contradicted by
    # an expert who denies it too
    denies = any(rules.dissent(claim, k) for k in top_keys)
    for pid, tid, text in on:
        if denies or tid in dissent or m.coverage(keys, pairs, pid) < PARTLY:
            continue  # only a point about the claim can contradict it
        if any(rules.dissent(str(text), k) for k in top_keys):
            dissent[tid] = pid
    supporters = [t for t in sorted(support, key=lambda t: -support[t][0]) if t not in dissent]
    best = max((v[0] for t, v in best_by_expert.items() if t not in dissent), default=0.0)
    best_all = max((v[0] for v in best_by_expert.values()), default=0.0)
    side_m = _SIDE.match(claim)
    side = side_m.group(1) if side_m else ""
    verdict, note, note_en = _verdict(claimed, side, supporters, dissent, best, best_all, asked,
                                      {role_of.get(t, "") for t in supporters})
    if elsewhere and verdict != "not_found":
        note += " (이 행의 질문이 아닌 다른 질문의 답변에서)"
        note_en += " (in answers to other questions than the row's)"
    if verdict == "overstated" and claimed is not None:
        # who the head count needs but whose answer does not say it in these words: a reader
        # checks those answers (it may be said in other words)
        unseen = sorted(str(t).rsplit("#", 1)[-1] for t in read - set(supporters) - set(dissent))
        if unseen:
            note += f"; 같은 말을 찾지 못한 답변: {', '.join(unseen)}"
            note_en += f"; not found in these words in: {', '.join(unseen)}"
    evidence = [support[t][1] for t in supporters[:6]]
    return {
        "summary_id": summary_id(r["doc"], int(r["table_no"]), int(r["row_no"])), "area": area,
        "row_topic": topic, "claim": claim, "line": lines.line_of(r, claim),
        "claimed_n": claimed, "claimed_role": side, "n_asked": int(asked),
        "n_supporters": len(supporters), "supporters": "; ".join(supporters),
        "supporter_roles": "; ".join(sorted({role_of.get(t, "") for t in supporters} - {""})),
        "evidence": ";".join(evidence),
        "dissenters": "; ".join(dissent), "dissent_evidence": ";".join(dissent.values()),
        "coverage": round(best, 2), "verdict": verdict, "verdict_label": "", "note": note,
        "note_en": note_en,
    }


def _want(claimed: int, asked: int) -> int:
    """How many experts a head count needs: all asked (0), a majority (-1), or the number."""
    return asked if claimed == 0 else (asked // 2 + 1 if claimed == -1 else claimed)


def _verdict(claimed: int | None, side: str, supporters: list[str], dissent: dict[str, str],
             best: float, best_all: float, asked: int, roles: set[str]) -> tuple[str, str, str]:
    """``(verdict, note in Korean, note in English)``; ``best`` is the best coverage of the
    supporters, ``best_all`` of anyone (a dissenter may use the claim's words)."""
    n = len(supporters)
    if best < PARTLY or not supporters:
        if dissent and best_all >= PARTLY:
            return ("partly", f"비슷한 답변은 있으나 단서를 달거나 다르게 말함({len(dissent)}명)",
                    f"similar answers, but qualified or contradicted ({len(dissent)})")
        return ("not_found", "이 분야 답변에서 같은 말로 된 내용을 찾지 못함(다른 말로 했을 수 있음)",
                "no answer of this area says it in these words (it may be said in others)")
    said = f"{n}명이 같은 내용을 말함" + (f", {len(dissent)}명은 다르게 말함" if dissent else "")
    said_en = f"{n} expert(s) state it" + (f", {len(dissent)} say otherwise" if dissent else "")
    if claimed is not None:
        want = _want(claimed, asked)
        if n < want or dissent:
            found = f"같은 내용을 찾은 전문가는 {n}명" + (f", {len(dissent)}명은 다르게 말함" if dissent else "")
            found_en = f"{n} found saying it" + (f", {len(dissent)} say otherwise" if dissent else "")
            return ("overstated", f"{want}명 공통이라 했으나 {found}",
                    f"said to be shared by {want}, but {found_en}")
    if side and _SIDE_ROLE.get(side) and _SIDE_ROLE[side] not in roles:
        who = ", ".join(ROLE_LABELS.get(r, r) for r in sorted(roles) if r)
        return ("partly", f"{side}의 의견이라 했으나 같은 내용은 {who}에서 나옴",
                f"called the view of {side}, but it comes from {who}")
    if best >= STATED:
        return "confirmed", said, said_en
    return "partly", f"일부만 같은 내용: {said}", f"only in part: {said_en}"


def _coverage(corpus: Any) -> pd.DataFrame | None:
    try:
        return corpus.coverage()
    except Exception:  # noqa: BLE001 - a corpus without source lines
        return None


def check_note(row: dict[str, Any], lang: str = "ko") -> str:
    """The note of one row of :func:`check_summaries` in ``lang``."""
    return str(row.get("note_en" if lang == "en" else "note") or "")
