"""Who was asked what: questions aligned across transcripts within an area.

Experts of one area often answer different question lists (a list for professors, another for
companies; two consultation rounds). A comparison is only fair on a question both sides were
asked, so every count a finding reports is "k of n asked", with n from this table.

    >>> import consult                                                     # doctest: +SKIP
    >>> q = questionnaire(consult.load("minutes.txt"))                    # doctest: +SKIP
    >>> q[["area", "aligned_id", "asked_academic", "asked_industry"]]     # doctest: +SKIP

Two questions are the same aligned question when their texts (numbering and punctuation
removed) have a character-2/3-gram TF-IDF cosine of at least ``threshold`` (default 0.5), or
when one contains the other; alignment is transitive (connected components) and never crosses
areas. It crosses documents: a question put in the same words in two documents (two years'
reports, two rounds) is one question, asked to the experts of both (``doc`` names them all), and
each aligned id is unique in its area.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..labels import area_label
from ..lexicon import QUESTION_NUMBER, REQUEST_ENDINGS, REQUEST_TAIL
from ..people.experts import EXPERT_SEP
from ..schema import ROLES
from ..similar import similar_components

__all__ = ["questionnaire", "QUESTIONNAIRE_COLUMNS", "normalize_question", "question_gist",
           "GENERIC_WORDS", "is_generic_question"]

QUESTIONNAIRE_COLUMNS = [
    "doc", "area", "aligned_id", "question", "question_topic", "generic", "n_asked",
    *(f"asked_{r}" for r in ROLES), "transcript_ids", "question_ids",
]
#: a question made only of these words (``기타 의견``, ``추가 건의사항``, ``자유 토론``) asks nothing
#: in particular; a short agenda item of a meeting (``인력 양성``) does
GENERIC_WORDS = re.compile(
    r"(?:기타|추가(?:적인|로)?|그\s*밖의|그\s*외|의견|사항|건의|제언|제안|자유|종합|토론|토의|질의|"
    r"응답|질문|말씀|하실\s*말씀|있으시면|있으면|마무리|맺음말|전반|부탁드립니다|및|등|기타의견)")

_NON_WORD = re.compile(r"[\W_]+")


def normalize_question(text: str) -> str:
    """Question text without its number, spaces and punctuation (for matching)."""
    return _NON_WORD.sub("", QUESTION_NUMBER.sub("", str(text)))


def is_generic_question(text: str) -> bool:
    """Whether a question asks nothing in particular (only :data:`GENERIC_WORDS`).

        >>> is_generic_question("4. 기타 의견"), is_generic_question("추가 건의사항"), is_generic_question("인력 양성")
        (True, True, False)
    """
    return not normalize_question(GENERIC_WORDS.sub("", normalize_question(text)))


_GIST_CHARS = 60
#: a question that points back at the sentence before it ("이것이 … 포함되어야 할지")
_POINTING = ("이것", "이러한", "이에 ", "이와 ", "이를 ", "이런")


def question_gist(text: str, limit: int = _GIST_CHARS) -> str:
    """What a question asks about, in at most ``limit`` characters: its first asking sentence
    without the polite request at its end, cut from the front when long (the ask is at the end).

    >>> question_gist("저궤도 위성통신이 논의되고 있습니다. 위성통신 R&D 투자의 우선순위에 대해 평가해 주십시오.")
    '위성통신 R&D 투자의 우선순위'
    >>> question_gist("시스템 소프트웨어 인력 문제에 대해서도 의견을 주십시오."), question_gist("정부 R&D 지원 방향은 어떻습니까?")
    ('시스템 소프트웨어 인력 문제', '정부 R&D 지원 방향')
    >>> question_gist("기술 수준 평가 어떻습니까?")
    '기술 수준 평가'
    """
    text = QUESTION_NUMBER.sub("", " ".join(str(text).split()))
    sentences, start = [], 0
    for i, ch in enumerate(text):  # split after . ? ! followed by a space or the end
        if ch in ".?!" and (i + 1 == len(text) or text[i + 1] == " "):
            sentences.append(text[start:i + 1].strip())
            start = i + 1
    if text[start:].strip():
        sentences.append(text[start:].strip())
    asking = [i for i, s in enumerate(sentences) if s.endswith("?") or s.rstrip(".").endswith(REQUEST_ENDINGS)]
    at = asking[0] if asking else 0
    gist = sentences[at].rstrip(" .?!") if sentences else text
    # the longest request for views at its end goes: a listed ending, or one of the other
    # polite forms (REQUEST_TAIL)
    cut = next((len(gist) - len(t) for t in REQUEST_ENDINGS if gist.endswith(t) and len(gist) > len(t) + 4), len(gist))
    m = REQUEST_TAIL.search(gist)
    if m and 4 < m.start() < cut:
        cut = m.start()
    gist = gist[:cut].rstrip(" ,")
    if at and gist.startswith(_POINTING) and len(gist) < limit // 2:  # "이것이 …": say what it is
        gist = sentences[at - 1] + " " + gist
    if len(gist) > limit:
        cut = gist[-(limit - 1):]
        gist = "…" + (cut.split(" ", 1)[1] if " " in cut[:15] else cut)
    return gist


def _contained(texts: list[str]) -> tuple[list[int], list[int]]:
    """``(i, j)`` links where ``texts[i]`` (10 characters or more) is inside ``texts[j]``.

    One search of each such text through all texts joined (normalised texts hold no ``\\x00``),
    not a loop over every pair.
    """
    joined = "\x00".join(texts)
    starts = np.cumsum([0] + [len(t) + 1 for t in texts[:-1]]).tolist()
    rows: list[int] = []
    cols: list[int] = []
    for i, a in enumerate(texts):
        if len(a) < 10:
            continue
        pos = joined.find(a)
        while pos >= 0:
            j = bisect.bisect_right(starts, pos) - 1
            if j != i:
                rows.append(i)
                cols.append(j)
            if j + 1 >= len(texts):
                break
            pos = joined.find(a, starts[j + 1])  # the next text: one link per pair is enough
    return rows, cols


def _components(texts: list[str], threshold: float) -> np.ndarray:
    """Aligned-question label of each text: cosine at least ``threshold``, or one text inside
    another (a block of rows at a time: no n × n matrix, see :mod:`consult.similar`)."""
    from sklearn.feature_extraction.text import TfidfVectorizer  # lazy: sklearn is slow to import

    if len(texts) == 1 or threshold <= 0:  # at 0 every pair is linked
        return np.zeros(len(texts), dtype=int)
    X = TfidfVectorizer(analyzer="char", ngram_range=(2, 3)).fit_transform(texts)
    return similar_components(X, threshold, _contained(texts) if threshold <= 1.0 else None)


def plain_strings(df: pd.DataFrame, columns: Sequence[str] | None = None) -> pd.DataFrame:
    """``df`` (only the ``columns`` it has, when given) with its text columns held as Python
    objects: the same values, but the hundreds of row selections of the findings take a few
    numpy arrays instead of every column's Arrow array (several times faster)."""
    if columns is not None:
        df = df[[c for c in dict.fromkeys(columns) if c in df]]
    text = [c for c, t in df.dtypes.items() if pd.api.types.is_string_dtype(t) and t != np.dtype(object)]
    return df.astype(dict.fromkeys(text, object)) if text else df


def questionnaire(corpus, threshold: float = 0.5) -> pd.DataFrame:
    """One row per aligned question: its text, the transcripts asked, how many of each role."""
    q = corpus.questions
    if q.empty:
        return pd.DataFrame(columns=QUESTIONNAIRE_COLUMNS + ["_members"])
    return _questionnaire(q, threshold)


#: the columns of the questions the questionnaire reads
_USED = ["doc", "area", "transcript_id", "transcript_kind", "role", "question_id", "question",
         "question_topic"]


def _questionnaire(q: pd.DataFrame, threshold: float) -> pd.DataFrame:
    q = plain_strings(q, _USED)
    q = q.assign(_norm=q["question"].map(normalize_question), _area=q["area"].map(area_label))
    attendees = _meeting_speakers(q)
    rows = []
    for area, block in q.groupby("_area", sort=False):
        uniq = list(dict.fromkeys(block["_norm"]))
        comp = _components(uniq, threshold)
        of = dict(zip(uniq, comp, strict=True))
        block = block.assign(_comp=block["_norm"].map(of))
        people = block.drop_duplicates("transcript_id").set_index("transcript_id")  # once a block
        order = list(dict.fromkeys(block["_comp"]))
        for k, c in enumerate(order, start=1):
            members = block[block["_comp"] == c]
            per_t = _asked(members, people, attendees)
            counts = per_t["role"].value_counts()
            text = members["question"].iloc[0]
            rows.append({
                "doc": "; ".join(dict.fromkeys(members["doc"].astype(str))), "area": area,
                "aligned_id": f"{area}·A{k}", "question": text,
                "question_topic": next((t for t in members["question_topic"] if t), ""),
                "generic": is_generic_question(members["_norm"].iloc[0]),
                "n_asked": len(per_t),
                **{f"asked_{r}": int(counts.get(r, 0)) for r in ROLES},
                "transcript_ids": "; ".join(per_t["transcript_id"]),
                "question_ids": "; ".join(members["question_id"]),
                "_members": members["question_id"].tolist(),
            })
    return pd.DataFrame(rows, columns=QUESTIONNAIRE_COLUMNS + ["_members"])


def _meeting_speakers(q: pd.DataFrame) -> dict[str, list[str]]:
    """Meeting → the experts (pseudo-transcripts of :func:`consult.people.experts.expert_view`) who
    spoke in it: every topic of a meeting is put to everyone at the table."""
    if "transcript_kind" not in q:
        return {}
    meet = q[q["transcript_kind"] == "meeting"]
    root = meet["transcript_id"].str.rsplit(EXPERT_SEP, n=1).str[0]
    return {r: list(dict.fromkeys(t)) for r, t in meet["transcript_id"].groupby(root)}


def _asked(members: pd.DataFrame, people: pd.DataFrame, attendees: dict[str, list[str]]) -> pd.DataFrame:
    """One row per expert asked this aligned question (a meeting's speakers all count);
    ``people``: the block's first row of each transcript, indexed by ``transcript_id``."""
    tids = dict.fromkeys(members["transcript_id"])  # ordered, and each look-up O(1)
    for root in dict.fromkeys(t.rsplit(EXPERT_SEP, 1)[0] for t in list(tids)):
        tids.update(dict.fromkeys(attendees.get(root, ())))  # each meeting's speakers once
    return people.loc[[t for t in tids if t in people.index]].reset_index()
