"""Every text one analysis tokenizes, tokenized in one Kiwi batch before the stages that need it.

:func:`consult.analyze` tokenizes texts in several places: the points and questions (the
comparison, the findings), the points without their editors' notes (the themes), each written
word of the points (the theme labels, :mod:`consult.themes.phrases`) and the claims of the
authors' summary tables (:func:`consult.findings.check_summaries`). Each of those calls hits
:class:`consult.tokens.Tokenizer`'s cache; :func:`prefetch` fills that cache first with the
union of the texts in **one** batch (one Kiwi call, one read and one write of the disk cache),
so the later calls are look-ups in memory.

This changes no result: the tokens of a text do not depend on the batch it is in, and a text
this module does not foresee is simply tokenized where it is needed, as before.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

__all__ = ["analysis_texts", "prefetch"]

# The written words of a text as the theme labels cut them (consult.themes.phrases): chunks at
# sentence punctuation, words at spaces and other separators. A copy: if the labels cut words
# differently one day, the words this misses are tokenized there (results stay the same).
_CHUNK = re.compile(r"[,.;:!?()\[\]\n]+")
_WORD = re.compile(r"[\s,.;:!?·ㆍ/|()\[\]{}<>「」『』“”‘’\"'‧…~→←⇒=+\-–—①②③④⑤⑥⑦⑧⑨⑩]+")


def _texts(df: Any, column: str) -> list[str]:
    if not isinstance(df, pd.DataFrame) or column not in df or not len(df):
        return []
    return [t for t in df[column].tolist() if isinstance(t, str)]


def analysis_texts(corpus: Any, *, themes: bool = True, summaries: bool = True) -> list[str]:
    """The distinct texts an analysis of ``corpus`` tokenizes (first-seen order)."""
    from .themes.notes import strip_notes

    questions = getattr(corpus, "questions", None)
    points = getattr(corpus, "points", None)
    texts = _texts(questions, "question") + _texts(points, "text")
    if isinstance(questions, pd.DataFrame) and "answer" in questions and len(questions):
        answered = set(points["question_id"]) if isinstance(points, pd.DataFrame) and len(points) else set()
        orphans = questions[~questions["question_id"].isin(answered)]  # answers without points
        texts += [t for t in _texts(orphans, "answer") if t.strip()]
    if themes:
        clean = [strip_notes(t) for t in _texts(points, "text")]
        texts += clean
        for text in clean:
            for chunk in _CHUNK.split(text):
                texts += [w for w in _WORD.split(chunk) if w]
    if summaries:
        from .findings.summaries import summary_claims

        texts += [claim for _, claim in summary_claims(getattr(corpus, "summaries", None))]
    return list(dict.fromkeys(texts))


def prefetch(corpus: Any, tokenizer: Any = None, *, themes: bool = True, summaries: bool = True) -> int:
    """Tokenize :func:`analysis_texts` of ``corpus`` in one batch (kept in the token cache);
    the number of distinct texts."""
    from .tokens import default_tokenizer

    texts = analysis_texts(corpus, themes=themes, summaries=summaries)
    if texts:
        (tokenizer or default_tokenizer()).tokenize(texts, keep=False)
    return len(texts)
