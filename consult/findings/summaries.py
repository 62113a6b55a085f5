"""The report authors' own summary tables, checked against the minutes.

Each line of a summary row's opinion is a claim. It is matched to the answer points of the same
area by TF-IDF cosine over Kiwi content tokens; the experts whose points match are its support.
A claim that counts heads ("5인 공통의견", "자문 4인 공통 의견", "전원 공통", "의견 다수") or names
a side ("(학계) …", "(산업계) …") is checked against who really said it.

    >>> claimed_count("RF 안테나(5인 공통의견)"), claimed_count("의견 다수"), claimed_count("필요")
    (5, -1, None)
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd

from ..labels import ROLE_LABELS, area_label
from ..records import summary_id

__all__ = ["check_summaries", "check_note", "verdict_note", "SUMMARY_CHECK_COLUMNS", "claimed_count",
           "summary_claims"]

SUMMARY_CHECK_COLUMNS = [
    "summary_id", "area", "claim", "claimed_n", "claimed_role", "n_supporters", "supporters",
    "supporter_roles", "evidence", "similarity", "verdict", "note",
]
#: cosine at which a point supports a claim
SUPPORT = 0.3
_COUNT = re.compile(r"(\d+)\s*인\s*공통|자문\s*(\d+)\s*인")
_ALL = re.compile(r"전원\s*공통|모두\s*공통|공통\s*의견")
_MANY = re.compile(r"의견\s*다수|다수\s*의견")
_SIDE = re.compile(r"^\((학계|산업계|연구계)\)")
_TOPIC_SEP = re.compile(r"\s[•/]\s")
_SIDE_ROLE = {"학계": "academic", "산업계": "industry", "연구계": "research"}


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


_SIDE_EN = {"학계": "academia", "산업계": "industry", "연구계": "research institutes"}
_ROLE_EN = {"academic": "academia", "industry": "industry", "research": "research institutes",
            "government": "government", "unknown": "unclassified experts"}


def _want(claimed: int, n_area: int) -> int:
    """How many experts a head-count claim needs: all of the area (0), a majority (-1), or k."""
    return n_area if claimed == 0 else (max(2, n_area // 2 + 1) if claimed == -1 else claimed)


def verdict_note(verdict: str, *, side: str | None = None, roles: Any = (), want: int | None = None,
                 n: int = 0, lang: str = "ko") -> str:
    """The ``note`` of a summary check, in Korean (``lang="ko"``) or English.

    ``side`` is the side the claim names (``학계``/``산업계``/``연구계``), ``roles`` the roles of
    the experts whose answers match, ``want`` the experts a head count needs, ``n`` the experts
    whose answers match.
    """
    en = lang == "en"
    if verdict == "not_found":
        return "no similar answer in this area" if en else "이 분야의 답변에서 비슷한 내용을 찾지 못함"
    if verdict == "not_supported":
        if en:
            said = ", ".join(_ROLE_EN.get(r, r) for r in sorted(roles))
            return f"called the view of {_SIDE_EN.get(side or '', side)}, but similar answers come only from {said}"
        said = ", ".join(ROLE_LABELS.get(r, r) for r in sorted(roles))
        return f"{side}의 의견이라 했으나 비슷한 답변은 {said}에서만 나옴"
    if want is None:
        return ""
    if verdict == "supported":
        if en:
            return f"said to be shared by {want} experts; experts with a similar answer: {n}"
        return f"{want}명 공통이라 했고 비슷한 답변을 한 전문가 {n}명"
    if en:
        return f"said to be shared by {want} experts, but experts with a similar answer: only {n}"
    return f"{want}명 공통이라 했으나 비슷한 답변을 한 전문가는 {n}명"


def _verdict(claimed: int | None, side: str | None, support: pd.DataFrame, n_area: int,
             lang: str = "ko") -> tuple[str, str]:
    n = support["transcript_id"].nunique()
    if n == 0:
        return "not_found", verdict_note("not_found", lang=lang)
    roles = set(support["role"])
    if side and _SIDE_ROLE[side] not in roles:
        return "not_supported", verdict_note("not_supported", side=side, roles=roles, lang=lang)
    if claimed is None:
        return "supported", ""
    want = _want(claimed, n_area)
    verdict = "supported" if n >= want else "partly"
    return verdict, verdict_note(verdict, want=want, n=n, lang=lang)


def check_note(row: dict[str, Any], n_area: int, lang: str = "ko") -> str:
    """The note of one row of :func:`check_summaries` in ``lang``, from its columns and the
    number of experts with answers in its area (what the report shows in English)."""
    claimed = row.get("claimed_n")
    claimed = None if claimed is None or claimed != claimed or claimed == "" else int(claimed)
    roles = [r for r in str(row.get("supporter_roles") or "").split("; ") if r]
    want = None if claimed is None else _want(claimed, n_area)
    return verdict_note(str(row["verdict"]), side=row.get("claimed_role") or None, roles=roles,
                        want=want, n=int(row.get("n_supporters") or 0), lang=lang)


def summary_claims(summaries: pd.DataFrame) -> list[tuple[dict[str, Any], str]]:
    """``(row, claim)`` for every claim of a summaries table: each opinion line of six or more
    characters, and a head count in the topic cell (``RF 안테나(5인 공통의견)``)."""
    if summaries is None or summaries.empty:
        return []
    records = summaries.to_dict("records")
    claims = [(r, line.strip()) for r in records
              for line in str(r["opinion"]).split("\n") if len(line.strip()) >= 6]
    claims += [(r, part.strip(" •")) for r in records
               for part in _TOPIC_SEP.split(str(r["question_topic"]))
               if claimed_count(part) is not None and len(part.strip()) >= 6]
    return claims


def check_summaries(corpus: Any, tokenize=None, *, lang: str = "ko") -> pd.DataFrame:
    """One row per claim (opinion line) of ``corpus.summaries`` with its support in the minutes
    (``note`` in Korean, or in English with ``lang="en"``)."""
    from sklearn.feature_extraction.text import TfidfVectorizer  # lazy: sklearn is slow to import

    from ..tokens import corpus_tokens, default_tokenizer  # lazy: loads Kiwi

    summaries = getattr(corpus, "summaries", None)
    if summaries is None or summaries.empty:
        return pd.DataFrame(columns=SUMMARY_CHECK_COLUMNS)
    if tokenize is None:
        tok = default_tokenizer()

        def tokenize(texts):
            return tok.tokenize(list(texts))
    from .questionnaire import plain_strings

    points = plain_strings(corpus.points, ["point_id", "transcript_id", "role", "area"])
    p_tok = corpus_tokens(corpus)[1].reindex(points["point_id"]).tolist()
    claims = summary_claims(summaries)
    c_tok = tokenize([c for _, c in claims])
    vec = TfidfVectorizer(analyzer=lambda toks: toks)
    vec.fit([t if isinstance(t, list | tuple) else [] for t in p_tok] + c_tok)
    P = vec.transform([t if isinstance(t, list | tuple) else [] for t in p_tok])
    C = vec.transform(c_tok)  # every claim at once (each row as transform([claim]) gives it)
    area_of = points["area"].map(area_label).to_numpy()
    rows = []
    for j, (r, claim) in enumerate(claims):
        area = area_label(r["area"])
        mask = area_of == area
        sims = np.asarray((P[mask] @ C[j].T).todense()).ravel() if mask.any() else np.array([])
        sub = points[mask].assign(_sim=sims)
        support = sub[sub["_sim"] >= SUPPORT].sort_values("_sim", ascending=False)
        side_m = _SIDE.match(claim)
        side = side_m.group(1) if side_m else None
        claimed = claimed_count(claim)
        verdict, note = _verdict(claimed, side, support, sub["transcript_id"].nunique(), lang)
        rows.append({
            "summary_id": summary_id(r["doc"], int(r["table_no"]), int(r["row_no"])),
            "area": area, "claim": claim, "claimed_n": claimed, "claimed_role": side or "",
            "n_supporters": support["transcript_id"].nunique(),
            "supporters": "; ".join(dict.fromkeys(support["transcript_id"])),
            "supporter_roles": "; ".join(sorted(set(support["role"]))),
            "evidence": ";".join(support["point_id"].head(5)),
            "similarity": round(float(sims.max()), 3) if len(sims) else 0.0,
            "verdict": verdict, "note": note,
        })
    return pd.DataFrame(rows, columns=SUMMARY_CHECK_COLUMNS)
