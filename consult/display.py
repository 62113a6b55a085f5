"""HTML pieces shared by the report and by Jupyter's ``_repr_html_`` (below corpus, themes and
comparison, which use them, and below the report, which renders with them).

Every piece of document text goes through :func:`markupsafe.escape`; the functions return
:class:`markupsafe.Markup` so that Jinja (autoescape on) does not escape them twice.

Jupyter hooks — the owning classes call these from their ``_repr_html_``::

    def _repr_html_(self):                       # consult.Corpus
        return str(corpus_html(self))

``themes_html(model)`` for ``ThemeModel``, ``comparison_html(cmp)`` for ``Comparison`` and
``frame_html(df)`` for any table.

    >>> import pandas as pd
    >>> str(frame_html(pd.DataFrame({"text": ["<script>x</script>"]})))[:20]
    '<div class="consult-'
    >>> "<script>" in str(frame_html(pd.DataFrame({"text": ["<script>x</script>"]})))
    False
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

from .labels import area_label
from .records import RECORD_ID, clip

__all__ = [
    "Link",
    "Table",
    "anchor",
    "cell_html",
    "table_html",
    "frame_html",
    "frame_to_table",
    "corpus_html",
    "themes_html",
    "comparison_html",
    "analysis_html",
]

_ANCHOR_BAD = re.compile(r"[^\w.\-]")


def anchor(record_id: str) -> str:
    """The HTML id of a record: ``kaist#T07.Q2`` → ``r-kaist_T07.Q2`` (no ``#``, no spaces)."""
    return "r-" + _ANCHOR_BAD.sub("_", str(record_id))


@dataclass(frozen=True)
class Link:
    """Text that links to a record (``ref`` = record id) or to a page anchor (``ref`` = ``#x``)."""

    text: str
    ref: str

    @property
    def href(self) -> str:
        return self.ref if self.ref.startswith("#") else "#" + anchor(self.ref)


@dataclass
class Table:
    """A table ready to render: cells are text, numbers, :class:`Link`, lists of those (shown
    comma-separated) or tuples (one phrase: parts joined without separator)."""

    columns: list[str]
    rows: list[list[Any]]
    caption: str = ""
    numeric: set[int] = field(default_factory=set)
    row_ids: list[str | None] | None = None  # an HTML id per row (for links into the table)
    css: str = ""

    def __len__(self) -> int:
        return len(self.rows)


def is_missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    try:
        import pandas as pd

        return value is pd.NA or value is pd.NaT
    except ImportError:  # pragma: no cover
        return False


def fmt_number(value: Any) -> str:
    """Integers as is, other numbers with 2 decimals (``-0.00`` → ``0.00``)."""
    if isinstance(value, bool):
        return "yes" if value else ""
    import numbers

    if isinstance(value, numbers.Integral):
        return str(int(value))
    try:
        text = f"{float(value):.2f}"
    except (TypeError, ValueError):
        return str(value)
    return "0.00" if text == "-0.00" else text


def cell_text(value: Any) -> str:
    """Plain text of a cell (for Markdown, Excel, tests)."""
    if is_missing(value):
        return ""
    if isinstance(value, Link):
        return value.text
    if isinstance(value, tuple):  # a tuple is one phrase: parts joined as they are
        return "".join(cell_text(v) for v in value)
    if isinstance(value, list):  # a list is a series of items
        return ", ".join(cell_text(v) for v in value)
    if isinstance(value, int | float) or type(value).__module__ == "numpy":
        return fmt_number(value)
    return str(value)


def cell_html(value: Any) -> Markup:
    """One cell as escaped HTML (links become ``<a href="#r-…">``; newlines become ``<br>``)."""
    if is_missing(value):
        return Markup("")
    if isinstance(value, Link):
        if value.ref.startswith("#"):
            return Markup('<a href="{}">{}</a>').format(value.href, value.text)
        return Markup('<a class="rec" href="{}">{}</a>').format(value.href, value.text)
    if isinstance(value, Markup):
        return value
    if isinstance(value, tuple):
        return Markup("").join(cell_html(v) for v in value)
    if isinstance(value, list):
        return Markup(", ").join(cell_html(v) for v in value)
    if isinstance(value, int | float) or type(value).__module__ == "numpy":
        return escape(fmt_number(value))
    return Markup("<br>").join(escape(part) for part in str(value).split("\n"))


def table_html(table: Table, *, max_rows: int | None = None) -> Markup:
    """A :class:`Table` as an HTML ``<table>`` (escaped)."""
    parts = [Markup('<table class="{}">').format(("data " + table.css).strip())]
    if table.caption:
        parts.append(Markup("<caption>{}</caption>").format(table.caption))
    parts.append(Markup("<thead><tr>"))
    for i, col in enumerate(table.columns):
        parts.append(Markup('<th{}>{}</th>').format(Markup(' class="num"') if i in table.numeric else "", col))
    parts.append(Markup("</tr></thead><tbody>"))
    rows = table.rows if max_rows is None else table.rows[:max_rows]
    for r, row in enumerate(rows):
        rid = table.row_ids[r] if table.row_ids else None
        parts.append(Markup('<tr id="{}">').format(rid) if rid else Markup("<tr>"))
        for i, value in enumerate(row):
            cls = Markup(' class="num"') if i in table.numeric else Markup("")
            parts.append(Markup("<td{}>{}</td>").format(cls, cell_html(value)))
        parts.append(Markup("</tr>"))
    parts.append(Markup("</tbody></table>"))
    if max_rows is not None and len(table.rows) > max_rows:
        parts.append(Markup('<p class="more">… {} more rows</p>').format(len(table.rows) - max_rows))
    return Markup("").join(parts)


def _frame_value(value: Any, column: str, link_ids: bool) -> Any:
    if is_missing(value):
        return None
    if isinstance(value, list | tuple | set):
        return [_frame_value(v, column, link_ids) for v in value]
    if isinstance(value, dict):
        return "; ".join(f"{k}: {cell_text(v)}" for k, v in value.items())
    if link_ids and isinstance(value, str):
        if RECORD_ID.search(value):
            return Link(value, value)
        if "; " in value and all(RECORD_ID.search(v) for v in value.split("; ")):
            return [Link(v, v) for v in value.split("; ")]
    return value


def frame_to_table(
    df: Any,
    columns: Sequence[str] | None = None,
    *,
    caption: str = "",
    link_ids: bool = True,
    rename: dict[str, str] | None = None,
) -> Table:
    """A DataFrame as a :class:`Table`; values that look like record ids become links."""
    from pandas.api.types import is_bool_dtype, is_numeric_dtype

    cols = [c for c in (columns or list(df.columns)) if c in df.columns]
    sub = df[cols]
    numeric = {i for i, c in enumerate(cols) if is_numeric_dtype(sub[c]) and not is_bool_dtype(sub[c])}
    rows = [
        [_frame_value(v, c, link_ids) for v, c in zip(rec, cols, strict=True)]
        for rec in sub.itertuples(index=False, name=None)
    ]
    names = [(rename or {}).get(c, c) for c in cols]
    return Table(names, rows, caption=caption, numeric=numeric)


# ----------------------------------------------------------------------------- Jupyter
_NOTEBOOK_CSS = Markup(
    "<style>.consult-repr table.data{border-collapse:collapse;font-size:12px}"
    ".consult-repr th,.consult-repr td{border:1px solid #ddd;padding:2px 6px;text-align:left;"
    "vertical-align:top;max-width:36em}.consult-repr td.num,.consult-repr th.num{text-align:right}"
    ".consult-repr caption{text-align:left;font-weight:600;padding:4px 0}"
    ".consult-repr .more{color:#666;font-size:11px;margin:2px 0 8px}</style>"
)


def _clip(value: Any, n: int = 160) -> Any:
    return clip(value, n, squash=False) if isinstance(value, str) else value


def frame_html(df: Any, *, max_rows: int = 20, caption: str = "", columns: Sequence[str] | None = None) -> Markup:
    """A DataFrame as a compact, escaped HTML table (long texts clipped; first ``max_rows``)."""
    head = df.head(max_rows).copy()
    from pandas.api.types import is_object_dtype, is_string_dtype

    for c in head.columns:
        if is_object_dtype(head[c]) or is_string_dtype(head[c]):
            head[c] = head[c].map(_clip)
    table = frame_to_table(head, columns, caption=caption, link_ids=False)
    extra = Markup("")
    if len(df) > max_rows:
        extra = Markup('<p class="more">{} rows × {} columns (first {} shown)</p>').format(
            len(df), len(df.columns), max_rows
        )
    else:
        extra = Markup('<p class="more">{} rows × {} columns</p>').format(len(df), len(df.columns))
    return Markup('<div class="consult-repr">{}{}{}</div>').format(_NOTEBOOK_CSS, table_html(table), extra)


def _counts_line(items: Iterable[tuple[str, Any]]) -> Markup:
    return Markup(" · ").join(Markup("<b>{}</b> {}").format(fmt_number(v), k) for k, v in items)


def corpus_html(corpus: Any) -> Markup:
    """Jupyter view of a ``Corpus``: counts, experts by area × role, first transcripts."""
    import pandas as pd

    t = corpus.transcripts
    q = getattr(corpus, "questions", None)
    p = getattr(corpus, "points", None)
    counts = [
        ("documents", t["doc"].nunique() if "doc" in t else 0),
        ("transcripts", len(t)),
        ("questions", 0 if q is None else len(q)),
        ("points", 0 if p is None else len(p)),
    ]
    parts = [Markup("<p><b>Corpus</b>: {}</p>").format(_counts_line(counts))]
    if len(t) and {"area", "role"} <= set(t.columns):
        ct = pd.crosstab(t["area"].map(area_label), t["role"], margins=True, margins_name="total")
        ct = ct.reset_index().rename(columns={"area": "area"})
        parts.append(frame_html(ct, max_rows=50, caption="experts by area × role"))
    cols = ["transcript_id", "area", "speaker", "role", "n_questions", "n_points", "page"]
    parts.append(frame_html(t, max_rows=10, caption="transcripts", columns=cols))
    return Markup("").join(parts)


def themes_html(model: Any) -> Markup:
    """Jupyter view of a ``ThemeModel``: its themes table (or a note when not fitted)."""
    themes = getattr(model, "themes_", None)
    if themes is None:
        return Markup("<p><b>ThemeModel</b> (not fitted): {}</p>").format(repr(model))
    cols = [c for c in ("theme_id", "label", "keywords", "size", "areas", "roles") if c in themes.columns]
    return Markup("<p><b>ThemeModel</b>: {} themes</p>{}").format(
        len(themes), frame_html(themes, max_rows=50, columns=cols or None)
    )


def comparison_html(cmp: Any) -> Markup:
    """Jupyter view of a ``Comparison``: group sizes, top terms and theme prevalence."""
    groups = getattr(cmp, "groups", ())
    parts = [
        Markup("<p><b>Comparison</b> by <code>{}</code>: {} within <code>{}</code></p>").format(
            getattr(cmp, "by", "?"), " vs ".join(map(str, groups)), getattr(cmp, "within", "?")
        )
    ]
    summary = getattr(cmp, "groups_summary", None)
    if summary is not None:
        parts.append(frame_html(summary, max_rows=40, caption="experts (n) per group",
                                columns=["within", "group", "n_transcripts", "n_questions", "small_sample"]))
    for name, cols in (
        ("terms", ["within", "term", "z", "count_a", "count_b"]),
        ("prevalence", ["within", "theme_label", "share_a", "share_b", "diff", "ci_low", "ci_high", "n_a", "n_b"]),
    ):
        df = getattr(cmp, name, None)
        if df is not None and len(df):
            if name == "terms":
                df = df.reindex(df["z"].abs().sort_values(ascending=False).index)
            parts.append(frame_html(df, max_rows=10, caption=name, columns=cols))
    return Markup("").join(parts)


def analysis_html(analysis: Any) -> Markup:
    """Jupyter view of an ``Analysis``: its warnings, then the corpus, themes and comparison."""
    parts = [Markup("<p><b>Analysis</b></p>")]
    if analysis.warnings:
        parts.append(Markup("<ul>{}</ul>").format(
            Markup("").join(Markup("<li>{}</li>").format(w) for w in analysis.warnings)))
    parts.append(corpus_html(analysis.corpus))
    if analysis.themes is not None:
        parts.append(themes_html(analysis.themes))
    if analysis.comparison is not None:
        parts.append(comparison_html(analysis.comparison))
    return Markup("").join(parts)
