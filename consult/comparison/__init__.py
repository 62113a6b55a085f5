"""Group comparisons: the statistics of two groups' words and themes, area by area.

``compare(corpus, by="role", groups=("academic", "industry"), within="area", themes=model)``
returns a :class:`Comparison` holding four tables (pandas DataFrames). Where the groups agree or
differ is said by the findings (:mod:`consult.findings`), on the questions both were asked —
not by these statistics:

``groups_summary``
    transcripts / questions / tokens per group per block, with a ``small_sample`` flag.
``terms``
    distinctive terms: the weighted log-odds ratio with an informative Dirichlet prior
    (Monroe, Colaresi & Quinn 2008, "Fightin' Words") and its z-score. ``z > 0`` leans to
    ``group_a``; swapping the two groups negates ``z``.
``prevalence``
    theme shares by group with bootstrap confidence intervals over transcripts (the expert is
    the resampling unit, so a talkative expert cannot decide a difference alone).
``pairs``
    the same question put to experts of both groups, the two answers side by side.

A *block* is one value of ``within`` (an area, a theme, any column) plus the pooled block
``"(all)"``. With more than two groups each group is compared with the rest (one-vs-rest).

    >>> import pandas as pd
    >>> a = pd.Series({"x": 3, "y": 1}); b = pd.Series({"x": 1, "y": 3})
    >>> round(float(log_odds_z(a, b, prior=pd.Series({"x": 4.0, "y": 4.0}))["x"]), 3)
    1.149

Modules: ``result`` (:class:`Comparison`, column lists), ``inputs`` (parameters, groups,
blocks, themes, tokens), ``terms`` (log-odds statistics), ``prevalence`` (theme shares and the
bootstrap), ``pairs`` (same-question
pairs), ``core`` (:func:`compare`). ``consult.compare`` is the function, not this package.
"""

from __future__ import annotations

from ..errors import CompareError
from .core import compare
from .inputs import DEFAULT_GROUPS
from .result import (
    ALL,
    GROUP_COLUMNS,
    NO_VALUE,
    PAIR_COLUMNS,
    PREVALENCE_COLUMNS,
    TERM_COLUMNS,
    Comparison,
)
from .terms import log_odds_z

__all__ = [
    "compare",
    "Comparison",
    "CompareError",
    "log_odds_z",
    "ALL",
    "NO_VALUE",
    "DEFAULT_GROUPS",
    "GROUP_COLUMNS",
    "TERM_COLUMNS",
    "PREVALENCE_COLUMNS",
    "PAIR_COLUMNS",
]
