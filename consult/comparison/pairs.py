"""Same question, two answers: questions put to experts of two groups in one consultation
round (character-n-gram similar texts), the two answers side by side."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import sparse

from ..findings.questionnaire import normalize_question
from ..similar import similar_components
from .inputs import Inputs
from .result import ALL, NO_VALUE, PAIR_COLUMNS, concat_rows

__all__ = ["same_question_pairs"]



def _char_ngram_vectors(texts: list[str], n: tuple[int, ...] = (2, 3)) -> sparse.csr_matrix:
    """L2-normalised TF-IDF vectors of character n-grams (smooth idf, like scikit-learn's)."""
    grams = [[t[i:i + k] for k in n for i in range(len(t) - k + 1)] or [t] for t in texts]
    lengths = np.fromiter((len(g) for g in grams), dtype=int, count=len(grams))
    codes, _ = pd.factorize(pd.Series([g for gs in grams for g in gs], dtype=object))
    rows = np.repeat(np.arange(len(texts)), lengths)
    X = sparse.csr_matrix((np.ones(len(codes)), (rows, codes)), shape=(len(texts), codes.max() + 1))
    X.sum_duplicates()
    df = np.bincount(X.indices, minlength=X.shape[1])
    idf = np.log((1 + len(texts)) / (1 + df)) + 1.0
    X = X @ sparse.diags(idf)
    norms = np.sqrt(np.asarray(X.multiply(X).sum(axis=1)).ravel())
    return sparse.csr_matrix(sparse.diags(1.0 / np.where(norms > 0, norms, 1.0)) @ X)


def _rounds(q: pd.DataFrame) -> np.ndarray:
    """A consultation round per question row: a run of transcripts of one document, area and
    report whose header numbers go up — ``(1)``, ``(2)``, … — a new run starting when the
    numbering starts again. The questionnaire is shared within a round, not across rounds."""
    cols = [c for c in ("doc", "area", "report") if c in q]
    t = q.drop_duplicates("transcript_id")
    keys = (
        t[cols].fillna("").astype(str).groupby(cols, sort=False).ngroup().tolist()
        if cols else [0] * len(t)
    )
    nos = (
        pd.to_numeric(t["transcript_no"], errors="coerce").tolist()
        if "transcript_no" in t else [np.nan] * len(t)
    )
    round_of: dict[str, int] = {}
    current, prev_key, prev_no = -1, None, np.nan
    for tid, key, no in zip(t["transcript_id"], keys, nos, strict=True):
        restart = not (pd.isna(no) or pd.isna(prev_no)) and no <= prev_no
        if key != prev_key or restart:
            current += 1
        round_of[tid] = current
        prev_key, prev_no = key, no
    return q["transcript_id"].map(round_of).to_numpy()


def _question_groups(rounds: np.ndarray, tcode: np.ndarray, X: sparse.csr_matrix,
                     threshold: float) -> np.ndarray:
    """A question group per row: connected components of similar texts (rows of ``X``, by
    ``tcode``) within one consultation round."""
    qgroup = np.empty(len(tcode), dtype=int)
    seen: dict[tuple[int, ...], np.ndarray] = {}
    next_id = 0
    order = np.argsort(rounds, kind="stable")
    bounds = np.flatnonzero(np.diff(rounds[order])) + 1
    for rows in np.split(order, bounds):
        codes = tcode[rows]
        members = tuple(sorted(set(codes.tolist())))
        comp = seen.get(members)
        if comp is None:
            comp = similar_components(X[list(members)], threshold)
            seen[members] = comp
        pos = {c: i for i, c in enumerate(members)}
        qgroup[rows] = next_id + comp[[pos[c] for c in codes]]
        next_id += int(comp.max()) + 1
    return qgroup


def _sides(inp: Inputs, df: pd.DataFrame) -> pd.DataFrame:
    """One row per kept question (``df``): its question group, group, text and answer."""
    q = inp.questions
    speaker = q["speaker"].astype(str) if "speaker" in q else inp.tids
    answer = q["answer"].astype(str) if "answer" in q else pd.Series("", index=q.index)
    theme = (
        q["question_id"].map(inp.theme_of["theme_label"]).fillna("")
        if inp.theme_of is not None else pd.Series("", index=q.index)
    )
    if inp.theme_sets is not None:  # a multi-label model (codes): every theme of the question
        labels = inp.theme_sets.attrs.get("labels", {})
        theme = pd.Series([", ".join(labels.get(t, str(t)) for t in ts) if ts else lab
                           for ts, lab in zip(inp.q_themes, theme, strict=True)], index=q.index)
    return pd.DataFrame({
        "qgroup": df["qgroup"].to_numpy(),
        "group": df["group"].to_numpy(),
        "tcode": df["tcode"].to_numpy(),
        "area": df["area"].to_numpy(),
        "question": q["question"].astype(str).to_numpy()[df["row"]],
        "transcript_id": inp.tids.to_numpy()[df["row"]],
        "speaker": speaker.to_numpy()[df["row"]],
        "question_id": q["question_id"].astype(str).to_numpy()[df["row"]],
        "answer": answer.to_numpy()[df["row"]],
        "theme": theme.to_numpy()[df["row"]],
        "order": df["row"].to_numpy(),
    })


def _pair_rows(side: pd.DataFrame, X: sparse.csr_matrix, ga: str, gb: str,
               within_name: str) -> pd.DataFrame | None:
    """Every pair of a ``ga`` and a ``gb`` answer to one question group; ``None`` if none."""
    left = side[side["group"] == ga]
    right = side[side["group"] == gb].drop(columns=["area"])
    m = left.merge(right, on="qgroup", suffixes=("_a", "_b"))
    if m.empty:
        return None
    m["similarity"] = np.asarray(
        X[m["tcode_a"].to_numpy()].multiply(X[m["tcode_b"].to_numpy()]).sum(axis=1)
    ).ravel()
    return pd.DataFrame({
        "within": m["area"].replace("", NO_VALUE) if within_name == "area" else ALL,
        "area": m["area"],
        "question_group": m["qgroup"].astype(int),
        "question": m["question_a"],
        "group_a": ga, "group_b": gb,
        "similarity": m["similarity"].round(3),
        "transcript_id_a": m["transcript_id_a"], "speaker_a": m["speaker_a"],
        "question_id_a": m["question_id_a"], "answer_a": m["answer_a"],
        "transcript_id_b": m["transcript_id_b"], "speaker_b": m["speaker_b"],
        "question_id_b": m["question_id_b"], "answer_b": m["answer_b"],
        "question_b": m["question_b"], "theme_a": m["theme_a"], "theme_b": m["theme_b"],
        "_oa": m["order_a"], "_ob": m["order_b"],
    })


def same_question_pairs(inp: Inputs, threshold: float) -> pd.DataFrame:
    """The ``pairs`` table: for each two of ``inp.groups``, their answers to the same question
    (text similarity at least ``threshold``) in one consultation round."""
    q = inp.questions
    if "question" not in q.columns:
        return concat_rows([], PAIR_COLUMNS)
    keep = inp.labels.isin(inp.groups).to_numpy()
    area = q["area"].fillna("").astype(str) if "area" in q else pd.Series("", index=q.index)
    norm = q["question"].map(normalize_question)
    df = pd.DataFrame({
        "row": np.arange(len(q)), "round": _rounds(q), "area": area, "norm": norm,
        "group": inp.labels,
    })[keep & (norm.str.len() > 0).to_numpy()]
    if df.empty:
        return concat_rows([], PAIR_COLUMNS)

    tcode, uniq = pd.factorize(df["norm"])
    X = _char_ngram_vectors(list(uniq))
    qgroup = _question_groups(df["round"].to_numpy(), tcode, X, threshold)
    side = _sides(inp, df.assign(qgroup=qgroup, tcode=tcode))
    chosen = inp.groups
    out = []
    for i, ga in enumerate(chosen):
        for gb in chosen[i + 1:]:
            rows = _pair_rows(side, X, ga, gb, inp.within)
            if rows is not None:
                out.append(rows)
    if not out:
        return concat_rows([], PAIR_COLUMNS)
    res = pd.concat(out, ignore_index=True)
    order = np.lexsort((res["_ob"].to_numpy(), res["_oa"].to_numpy(),
                        res["question_group"].to_numpy()))
    return res.iloc[order][PAIR_COLUMNS].reset_index(drop=True)
