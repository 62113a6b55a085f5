"""Charts: free functions that take a result and return a matplotlib ``Figure``.

Each function accepts the library object (``Corpus``, ``ThemeModel``, ``Comparison``) or the
plain DataFrame with the documented columns, so they also work on tables read back from disk.

    >>> import pandas as pd
    >>> from consult.plots import plot_overview
    >>> t = pd.DataFrame({"area": ["반도체", "반도체", "양자"], "role": ["academic", "industry", "academic"],
    ...                   "transcript_id": ["d#T1", "d#T2", "d#T3"]})
    >>> fig = plot_overview(t)
    >>> type(fig).__name__
    'Figure'

One module per chart family: ``overview.py`` (experts by area and role), ``themes.py`` (theme ×
group tables and heatmaps), ``comparison.py`` (distinctive terms, theme prevalence), over
``figure.py`` (what they share: the figure, plain text, margins, PNG, role colours) and
``notebook.py`` (inline display in Jupyter).

Figures are created without pyplot (``matplotlib.figure.Figure`` on an Agg canvas), so nothing
accumulates in pyplot's figure list and no GUI backend is needed. In Jupyter the returned
figure displays inline (consult registers the PNG formatter for ``Figure`` if the notebook has
not). Hangul uses NanumGothic (see :mod:`consult.fonts`). Every label is in one language,
``lang="ko"`` (default) or ``lang="en"`` (:mod:`consult.i18n`); the minutes' own words (areas,
terms, theme labels) are shown as written.
"""

from __future__ import annotations

from .comparison import plot_prevalence, plot_terms
from .figure import ROLE_COLORS, figure_png, plain_text
from .figure import new_figure as new_figure  # used by the report
from .figure import text_width as text_width
from .overview import plot_overview
from .themes import plot_theme_heatmap, plot_theme_roles, theme_crosstab, theme_order

__all__ = [
    "plot_overview",
    "plot_theme_heatmap",
    "plot_theme_roles",
    "plot_terms",
    "plot_prevalence",
    "theme_crosstab",
    "theme_order",
    "figure_png",
    "plain_text",
    "ROLE_COLORS",
]
