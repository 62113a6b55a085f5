"""The texts a theme fit tokenizes, declared for the analysis's one tokenization step.

The sklearn backend tokenizes each answer point without its editors' notes
(:func:`~consult.themes.notes.strip_notes`) and, for the labels, each written word of those
points (:func:`~consult.themes.phrases.written_words`). :func:`consult.analyze` tokenizes the
union of every stage's texts in one Kiwi batch first; the fit then finds them in the cache.

    >>> texts_to_tokenize(type("C", (), {"points": __import__("pandas").DataFrame({"text": ["인력 양성, 필요"]})})())
    ['인력 양성, 필요', '인력', '양성', '필요']
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from .notes import strip_notes
from .phrases import written_words

__all__ = ["texts_to_tokenize"]


def texts_to_tokenize(corpus: Any, *, words: bool = True) -> list[str]:
    """The point texts without notes and (``words=True``) their written words, first-seen order."""
    points = getattr(corpus, "points", None)
    if not isinstance(points, pd.DataFrame) or "text" not in points or points.empty:
        return []
    clean = [strip_notes(t) for t in points["text"].tolist() if isinstance(t, str)]
    out = list(clean)
    if words:
        out += [w for text in clean for chunk in written_words(text) for w in chunk]
    return list(dict.fromkeys(out))
