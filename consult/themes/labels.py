"""Theme keywords (class-based TF-IDF), Korean labels and representative quotes.

The same for every backend, computed on the final assignment of answers to themes:

* keywords — c-TF-IDF (BERTopic's formula: a word's share of the theme's words times
  ``log(1 + A / f)``, A = average words per theme, f = the word's frequency in the corpus),
  multiplied by the share of the theme's experts who use the word, so that a recurring theme is
  named by the words its experts share rather than by one talkative answer;
* label — the top three keywords joined by `` · `` with at least one Hangul word;
* quotes — the points of the theme's answers that score highest for the theme, one per expert.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["ctfidf_keywords", "make_labels", "pick_quotes", "NO_THEME_LABEL"]

#: label of theme_id -1: answers with no content words
NO_THEME_LABEL = "(주제 없음)"
_HANGUL = re.compile(r"[\uac00-\ud7a3]")


def ctfidf_keywords(
    docs: Sequence[Sequence[str]],
    labels: Sequence[int] | np.ndarray,
    groups: Sequence[Any],
    n_themes: int,
    top_n: int = 10,
) -> list[list[tuple[str, float]]]:
    """Top ``top_n`` (word, weight) of each theme ``0..n_themes-1``.

    ``groups`` holds the expert (transcript) of each document, to weigh words by how many of
    the theme's experts use them.
    """
    from sklearn.feature_extraction.text import CountVectorizer

    labels = np.asarray(labels)
    keep = labels >= 0
    out: list[list[tuple[str, float]]] = [[] for _ in range(n_themes)]
    if not keep.any():
        return out
    vec = CountVectorizer(analyzer=_identity, lowercase=False)
    try:
        X = vec.fit_transform([docs[i] for i in np.flatnonzero(keep)])
    except ValueError:  # no words at all
        return out
    lab = labels[keep]
    grp = [groups[i] for i in np.flatnonzero(keep)]
    vocab = vec.get_feature_names_out()
    from scipy import sparse

    # words per theme, and per (theme, expert) pair whether the expert uses the word
    T = sparse.csr_matrix((np.ones(len(lab)), (lab, np.arange(len(lab)))), shape=(n_themes, len(lab)))
    C = np.asarray((T @ X).todense())
    pair_codes, pair_index = np.unique(
        np.array([f"{t}\x00{g}" for t, g in zip(lab, grp, strict=True)]), return_inverse=True
    )
    P = sparse.csr_matrix((np.ones(len(lab)), (pair_index, np.arange(len(lab)))),
                          shape=(len(pair_codes), len(lab)))
    used = (P @ X) > 0  # pairs x words
    pair_theme = np.array([int(c.split("\x00", 1)[0]) for c in pair_codes])
    Tp = sparse.csr_matrix((np.ones(len(pair_theme)), (pair_theme, np.arange(len(pair_theme)))),
                           shape=(n_themes, len(pair_theme)))
    experts = np.asarray(Tp.sum(axis=1)).ravel()
    coverage = np.asarray((Tp @ used.astype(float)).todense()) / np.maximum(experts, 1)[:, None]
    f = C.sum(axis=0)
    totals = C.sum(axis=1, keepdims=True)
    A = totals[totals > 0].mean() if (totals > 0).any() else 1.0
    with np.errstate(divide="ignore", invalid="ignore"):
        tf = np.where(totals > 0, C / np.maximum(totals, 1), 0.0)
        idf = np.log1p(A / np.maximum(f, 1))
    W = tf * idf * np.sqrt(coverage)
    for t in range(n_themes):
        order = np.lexsort((vocab, -W[t]))  # weight desc, then word: deterministic
        out[t] = [(str(vocab[j]), float(W[t, j])) for j in order[:top_n] if W[t, j] > 0]
    return out


def _identity(doc: Any) -> Any:
    return doc


def make_labels(keywords: Sequence[Sequence[str]], n_words: int = 3) -> list[str]:
    """A short Korean label per theme from its keywords, unique across themes."""
    labels: list[str] = []
    seen: set[str] = set()
    for words in keywords:
        words = [w for w in words if w]
        if not words:
            labels.append(NO_THEME_LABEL)
            continue
        chosen = list(words[:n_words])
        if not any(_HANGUL.search(w) for w in chosen):
            hangul = next((w for w in words if _HANGUL.search(w)), None)
            if hangul is not None:
                chosen[-1] = hangul
        extra = iter(w for w in words if w not in chosen)
        label = " · ".join(chosen)
        while label in seen:
            nxt = next(extra, None)
            if nxt is None:
                label = f"{label} ({len(labels)})"
                break
            chosen.append(nxt)
            label = " · ".join(chosen)
        seen.add(label)
        labels.append(label)
    return labels


def pick_quotes(
    points: pd.DataFrame,
    point_affinity: np.ndarray,
    questions: pd.DataFrame,
    question_theme: np.ndarray,
    question_affinity: np.ndarray,
    n_themes: int,
    k: int = 3,
) -> list[list[dict[str, Any]]]:
    """Up to ``k`` quotes per theme, one per expert, each with its record ids.

    Candidates are the points of the theme's answers, ranked by their own affinity to the theme;
    an answer without point rows is quoted whole (with its question id only).
    """
    out: list[list[dict[str, Any]]] = [[] for _ in range(n_themes)]
    q_theme = dict(zip(questions["question_id"].tolist(), np.asarray(question_theme).tolist(), strict=True))
    cand: list[list[tuple[float, int, dict[str, Any]]]] = [[] for _ in range(n_themes)]
    has_points: set[Any] = set()
    if len(points):
        texts = points["text"].fillna("").astype(str).tolist()
        for i, row in enumerate(_records(points)):
            t = q_theme.get(row["question_id"], -1)
            if t < 0 or not texts[i].strip():
                continue
            has_points.add(row["question_id"])
            cand[t].append((float(point_affinity[i, t]), len(texts[i]), _quote(row, texts[i], row["point_id"])))
    if "answer" in questions:
        answers = questions["answer"].fillna("").astype(str).tolist()
        for i, row in enumerate(_records(questions)):
            t = int(question_theme[i])
            if t < 0 or row["question_id"] in has_points or not answers[i].strip():
                continue
            cand[t].append((float(question_affinity[i, t]), len(answers[i]), _quote(row, answers[i], None)))
    for t in range(n_themes):
        ranked = sorted(cand[t], key=lambda c: (-round(c[0], 6), -c[1], str(c[2]["record_id"])))
        experts: set[Any] = set()
        for _, _, q in ranked:
            if q["transcript_id"] in experts:
                continue
            experts.add(q["transcript_id"])
            out[t].append(q)
            if len(out[t]) == k:
                break
    return out


_QUOTE_COLS = ("question_id", "point_id", "transcript_id", "speaker", "role", "area")


def _records(df: pd.DataFrame) -> list[dict[str, Any]]:
    cols = [c for c in _QUOTE_COLS if c in df.columns]
    return df[cols].to_dict("records")


def _quote(row: dict[str, Any], text: str, point_id: Any) -> dict[str, Any]:
    get = row.get
    return {
        "text": " ".join(text.split()),
        "record_id": point_id if point_id is not None else get("question_id"),
        "point_id": point_id,
        "question_id": get("question_id"),
        "transcript_id": get("transcript_id"),
        "speaker": get("speaker"),
        "role": get("role"),
        "area": get("area"),
    }
