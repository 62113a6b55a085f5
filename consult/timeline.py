"""Themes and findings by year, when the minutes span several annual reports.

Each document's year is the ``year`` column of ``corpus.transcripts`` / ``corpus.points`` (read
from the title or date line, :func:`consult.years.doc_year`; override with
``corpus.with_years({doc: year})`` or ``years=`` here).

    >>> table = consult.by_year(consult.analyze("examples/data/synthetic_years"))  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from .errors import UsageError
from .records import is_theme
from .years import parse_year_overrides

__all__ = ["by_year", "findings_by_year", "BY_YEAR_COLUMNS"]

#: columns of :func:`by_year` (one row per theme × year)
BY_YEAR_COLUMNS = ["theme_id", "label", "year", "n_experts", "n_year", "share", "status"]


def _years(corpus: Any, years: Mapping[str, int] | Sequence[str] | None) -> pd.Series:
    """transcript_id → year."""
    tr = corpus.transcripts
    if "year" not in tr.columns:
        raise UsageError("the corpus has no year column (load it with this consult version)")
    year = tr["year"]
    override = parse_year_overrides(years)
    if override:
        year = tr["doc"].astype(str).map(override).fillna(year)
    return pd.Series(year.to_numpy(), index=tr["transcript_id"].astype(str))


def _point_table(themes: Any) -> pd.DataFrame:
    for name in ("point_themes_", "point_assignments_", "assignments_"):
        table = getattr(themes, name, None)
        if isinstance(table, pd.DataFrame) and {"transcript_id", "theme_id"} <= set(table.columns):
            return table[table["theme_id"].map(is_theme)]
    raise UsageError("by_year() needs themes: run analyze() with a theme model or codes")


def _status(present: list[bool], i: int) -> str:
    before = any(present[:i])
    if present[i]:
        return "new" if i > 0 and not before else ("continuing" if i > 0 else "present")
    return "vanished" if i > 0 and present[i - 1] else "absent"


def by_year(analysis: Any, years: Mapping[str, int] | Sequence[str] | None = None) -> pd.DataFrame:
    """A theme's (or code's) share of experts per year, and whether it is new or vanished.

    One row per theme × year (:data:`BY_YEAR_COLUMNS`): ``n_experts`` experts (transcripts)
    raising the theme that year, ``n_year`` experts that year, ``share`` = their ratio, and
    ``status``: ``present`` (first year), ``new`` (first raised this year, after a year
    without it), ``continuing``, ``vanished`` (raised the year before, not this year) or
    ``absent``. ``years``: ``{doc: year}`` (or ``["doc=year"]``) overriding the read years.
    """
    corpus, themes = analysis.corpus, analysis.themes
    year_of = _years(corpus, years)
    if year_of.isna().all():
        raise UsageError("no document has a year (none in its title or date line); give them "
                         "with years={doc: year} or --year DOC=YEAR")
    table = _point_table(themes)
    raised = table.assign(year=table["transcript_id"].astype(str).map(year_of)).dropna(
        subset=["year"]).drop_duplicates(["theme_id", "transcript_id"])
    n_year = year_of.dropna().groupby(year_of.dropna()).size()
    labels = dict(zip(themes.themes_["theme_id"], themes.themes_["label"], strict=False))
    counts = raised.groupby(["theme_id", "year"]).size()
    all_years = sorted(n_year.index)
    rows = []
    for theme_id in sorted(raised["theme_id"].unique()):
        present = [bool(counts.get((theme_id, y), 0)) for y in all_years]
        for i, y in enumerate(all_years):
            k = int(counts.get((theme_id, y), 0))
            rows.append({"theme_id": theme_id, "label": labels.get(theme_id, str(theme_id)),
                         "year": int(y), "n_experts": k, "n_year": int(n_year[y]),
                         "share": k / int(n_year[y]), "status": _status(present, i)})
    return pd.DataFrame(rows, columns=BY_YEAR_COLUMNS)


def findings_by_year(analysis: Any, years: Mapping[str, int] | Sequence[str] | None = None
                     ) -> pd.DataFrame:
    """The findings table with the years its evidence comes from (``years``, e.g. ``2022;2023``)."""
    findings = analysis.findings
    if findings is None:
        raise UsageError("the analysis has no findings (it needs the two groups compared)")
    year_of = _years(analysis.corpus, years)
    t_of = analysis.corpus.points.set_index("point_id")["transcript_id"].astype(str)

    def years_of(*cells: Any) -> str:
        ids = [p for c in cells for p in str(c or "").split(";") if p in t_of.index]
        found = sorted({int(year_of[t_of[p]]) for p in ids if pd.notna(year_of.get(t_of[p]))})
        return ";".join(map(str, found))

    out = findings.copy()
    out["years"] = [years_of(a, b) for a, b in zip(out["a_evidence"], out["b_evidence"],
                                                      strict=True)]
    return out
