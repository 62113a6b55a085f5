"""The corpus at a glance: experts by area, stacked by role.

    >>> import pandas as pd
    >>> from consult.plots.overview import plot_overview
    >>> t = pd.DataFrame({"area": ["반도체", "양자"], "role": ["academic", "industry"],
    ...                   "transcript_id": ["d#T1", "d#T2"]})
    >>> len(plot_overview(t).axes)
    1
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..i18n import Translator
from ..labels import ROLE_LABELS, area_label
from .figure import _color, _empty, _margins, _plain, _table, new_figure, text_width

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure


@_plain
def plot_overview(corpus: Any, *, areas: Sequence[str] | None = None, lang: str = "ko") -> Figure:
    """Experts by area, stacked by role (one bar per area; forum talks as ``포럼·기타``).

    ``corpus``: a ``Corpus`` or its ``transcripts`` table (columns ``area``, ``role``).
    """
    import pandas as pd

    tr = Translator(lang)
    t = _table(corpus, "transcripts")
    if t.empty:
        return _empty(new_figure(7, 2), tr("No transcripts"))
    counts = pd.crosstab(t["area"].map(area_label), t["role"].astype(str))
    order = [area_label(a) for a in (areas or [])] or list(dict.fromkeys(t["area"].map(area_label)))
    order = [a for a in order if a in counts.index] + [a for a in counts.index if a not in order]
    counts = counts.loc[order]
    roles = [r for r in ROLE_LABELS if r in counts.columns] + [
        r for r in counts.columns if r not in ROLE_LABELS
    ]
    counts = counts[roles]

    fig = new_figure(6.2, 0.5 * len(counts) + 1.3)
    ax = fig.add_subplot()
    y = list(range(len(counts)))[::-1]
    left = [0] * len(counts)
    for i, role in enumerate(roles):
        vals = counts[role].tolist()
        ax.barh(y, vals, left=left, color=_color(role, i), label=tr.role(role),
                edgecolor="white", height=0.65)
        for yy, v, lft in zip(y, vals, left, strict=True):
            if v:
                ax.text(lft + v / 2, yy, str(v), ha="center", va="center", fontsize=9,
                        color="white" if role in ("academic", "research", "unknown") else "black")
        left = [a + b for a, b in zip(left, vals, strict=True)]
    for yy, total in zip(y, left, strict=True):
        ax.text(total + 0.1, yy, f"n={total}", va="center", fontsize=9, color="#333")
    ax.set_yticks(y, counts.index.tolist())
    ax.set_xlabel(tr("Experts (transcripts)"))
    ax.set_xlim(0, max(left) * 1.15 + 0.5)
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=min(len(roles), 5),
              frameon=False, fontsize=9, handlelength=1.2, columnspacing=1.2)
    ax.set_title(tr("Experts by area and role"), fontsize=11, pad=24)
    left = max(text_width(a, 10) for a in counts.index) + 0.25
    _margins(fig, left, 0.25, 0.75, 0.55)
    return fig
