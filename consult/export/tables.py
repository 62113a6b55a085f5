"""One call behind ``consult export``: a corpus (with or without themes) to a file.

    >>> from consult.export import export
    >>> export("report.hwpx", "project.qdpx")                          # doctest: +SKIP
    >>> export(corpus, "presence.xlsx", format="presence")              # doctest: +SKIP
    >>> export(corpus, "points.parquet", themes=model)                  # doctest: +SKIP

Formats: ``qdpx`` (REFI-QDA project), ``csv`` / ``parquet`` / ``xlsx`` / ``json`` (the
records at ``level``, with the theme columns when themes are given) and ``presence`` (the
transcript × theme table; its file suffix picks csv/parquet/xlsx/json, and ``.xlsx`` gets both
the long and the wide form).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from ..analysis import Analysis, analyze
from ..corpus import load
from ..errors import ConsultError, UsageError
from ..output import FORMATS, write_table, write_tables
from ..schema import EXPORT_FORMATS
from .presence import presence_table
from .qdpx import LEVELS, write_qdpx

__all__ = ["export", "FORMATS_OUT", "theme_tables", "fit_themes", "records_with_themes",
           "point_theme_pairs"]

#: Output formats of :func:`export`.
FORMATS_OUT = EXPORT_FORMATS

THEME_COLUMNS = ["theme_id", "theme_label", "theme_score"]

def _format_for(path: str | Path | None, fmt: str | None) -> str:
    if fmt is not None:
        if fmt not in FORMATS_OUT:
            raise ConsultError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS_OUT)}")
        return fmt
    if path is None or str(path) == "-":
        return "csv"
    suffix = Path(path).suffix.lower()
    if suffix == ".qdpx":
        return "qdpx"
    if suffix in FORMATS:
        return FORMATS[suffix]
    raise ConsultError(
        f"cannot tell the format from {Path(path).suffix or 'a name without suffix'}; "
        "give --format or use .qdpx .csv .parquet .xlsx .json",
        path=str(path),
    )


def fit_themes(corpus: Any, *, required: bool = False, **params: Any) -> _ThemeTables | None:
    """Themes of ``corpus`` through :func:`consult.analyze` (its one fallback rule: a corpus too
    small for themes gives ``None`` and a warning, unless ``required``); :func:`theme_tables`."""
    analysis = analyze(corpus, themes="sklearn" if required else "auto", compare_groups=False,
                       **params)
    return None if analysis.themes is None else theme_tables(analysis.themes)


_ThemeTables = tuple[pd.DataFrame | None, pd.DataFrame | None, pd.DataFrame | None]


def theme_tables(model: Any) -> _ThemeTables:
    """``(themes, question_assignments, point_assignments)`` of a fitted theme model.

    ``model`` may also be a ``(themes, assignments)`` pair — the assignments table goes to the
    point slot when it has a ``point_id`` column, else to the question slot — or a triple.
    """
    if isinstance(model, tuple):
        if len(model) == 3:
            return model[0], model[1], model[2]
        if len(model) == 2:
            themes, table = model
            if isinstance(table, pd.DataFrame) and "point_id" in table.columns:
                return themes, None, table
            return themes, table, None
        raise ConsultError("give themes as a fitted model, (themes, assignments) or a triple")
    themes = getattr(model, "themes_", None)
    if not isinstance(themes, pd.DataFrame):
        raise ConsultError("the theme model has no themes_ table; fit it first")
    questions = getattr(model, "assignments_", None)
    points = point_theme_pairs(model)
    questions = questions if isinstance(questions, pd.DataFrame) else None
    if questions is None and points is None:
        raise ConsultError("the theme model has no assignments_ table; fit it first")
    return themes, questions, points


def point_theme_pairs(model: Any) -> pd.DataFrame | None:
    """Every (point, theme) pair of a fitted model: each point's own theme first
    (``point_assignments_``, ``-1`` where it has none), then its other themes (``point_themes_``
    beyond rank 1) — the model's point themes are multi-label, and a ``.qdpx`` codes each one.
    ``rank`` numbers a point's themes (1: its own); tables of one row per point keep rank 1.
    ``None`` without point assignments."""
    points = getattr(model, "point_assignments_", None)
    if not isinstance(points, pd.DataFrame) or "point_id" not in points.columns:
        return None
    multi = getattr(model, "point_themes_", None)
    if not isinstance(multi, pd.DataFrame) or not {"point_id", "theme_id", "rank"} <= set(multi.columns):
        return points
    first = set(zip(points["point_id"], points["theme_id"], strict=True))
    extra = multi[[(p, t) not in first for p, t in zip(multi["point_id"], multi["theme_id"], strict=True)]]
    if extra.empty:
        return points
    cols = [c for c in points.columns if c in extra.columns] + ["rank"]
    return pd.concat([points.assign(rank=1), extra[cols]], ignore_index=True)


def _label_map(themes: pd.DataFrame | None) -> dict[str, str]:
    if themes is None or "theme_id" not in themes.columns:
        return {}
    col = "label" if "label" in themes.columns else ("theme_label" if "theme_label" in themes.columns else None)
    if col is None:
        return {}
    return {str(t): str(lab) for t, lab in zip(themes["theme_id"], themes[col], strict=False)}


def records_with_themes(
    corpus: Any,
    level: str,
    themes: pd.DataFrame | None,
    assignments: pd.DataFrame | None,
    point_assignments: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The records at ``level`` with ``theme_id``, ``theme_label`` and ``theme_score``.

    Points take their own theme from point-level assignments when given, else their
    question's; questions take the question-level theme (else their points' most frequent);
    transcripts get one ``present`` (0/1) column per theme — the wide presence table.
    ``theme_id`` -1 means the record could not be given a theme.
    """
    if level not in LEVELS:
        raise ConsultError(f"unknown level {level!r}; use one of {', '.join(LEVELS)}")
    base = {"point": corpus.points, "question": corpus.questions,
            "transcript": corpus.transcripts}[level]
    q_assign, p_assign = _split(assignments, point_assignments)
    if q_assign is None and p_assign is None:
        return base.copy()
    if p_assign is not None and "rank" in p_assign.columns:  # a point's own theme, not its others
        p_assign = p_assign[p_assign["rank"].fillna(1) <= 1]
    if level == "transcript":
        wide = presence_table(corpus, q_assign if q_assign is not None else p_assign, themes,
                              point_assignments=p_assign if q_assign is not None else None,
                              wide=True)
        extra = wide.drop(columns=[c for c in wide.columns if c in base.columns and c != "transcript_id"])
        out = base.copy()
        out["transcript_id"] = out["transcript_id"].astype(str)
        return out.merge(extra, on="transcript_id", how="left")
    if level == "point" and p_assign is not None:
        key, a = "point_id", p_assign
    elif q_assign is not None:
        key, a = "question_id", q_assign
    else:  # questions from point-level assignments: the most frequent point theme
        key, a = "question_id", p_assign.drop(columns=[c for c in ("score",) if c in p_assign])
        if "question_id" not in a.columns:
            a = a.merge(corpus.points[["point_id", "question_id"]], on="point_id", how="inner")
    cols = [key, "theme_id"] + [c for c in ("theme_label", "score") if c in a.columns]
    a = _first_per(a[cols].copy(), key)
    if "theme_label" not in a.columns:
        labels = _label_map(themes)
        a = a.assign(theme_label=a["theme_id"].map(lambda t: labels.get(str(t), "")))
    a = a.rename(columns={"score": "theme_score"})
    a[key] = a[key].astype(str)
    out = base.copy()
    out[key] = out[key].astype(str)
    return out.merge(a, on=key, how="left")


def _split(
    assignments: pd.DataFrame | None, point_assignments: pd.DataFrame | None
) -> tuple[pd.DataFrame | None, pd.DataFrame | None]:
    """(question-level, point-level) tables from what the caller gave."""
    if assignments is not None and "point_id" in assignments.columns and point_assignments is None:
        return None, assignments
    return assignments, point_assignments


def _first_per(df: pd.DataFrame, key: str) -> pd.DataFrame:
    """One row per ``key``: the highest score when there is one, else the most frequent theme."""
    if "score" in df.columns:
        return (df.sort_values([key, "score"], ascending=[True, False], kind="stable")
                .drop_duplicates(key, keep="first"))
    if df[key].duplicated().any():
        counts = df.groupby([key, "theme_id"], sort=False).size().rename("_n").reset_index()
        best = counts.sort_values([key, "_n"], ascending=[True, False], kind="stable")
        best = best.drop_duplicates(key, keep="first").drop(columns="_n")
        extra = [c for c in df.columns if c not in (key, "theme_id")]
        if extra:
            best = best.merge(df.drop_duplicates([key, "theme_id"]), on=[key, "theme_id"], how="left")
        return best
    return df


def export(
    corpus: Any,
    path: str | Path | None,
    *,
    format: str | None = None,  # noqa: A002 - mirrors the CLI option
    level: str = "point",
    themes: Any = True,
    question_codes: bool = False,
    areas: Any = None,
    roles: Any = None,
    theme_params: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Export ``corpus`` (an Analysis, a Corpus, or paths to load) to ``path``; return a summary.

    Args:
        corpus: an :class:`~consult.Analysis` (its themes are used), a :class:`~consult.Corpus`,
            or file/folder path(s) for :func:`consult.load`.
        path: output file (``-`` or ``None``: CSV on stdout, table formats only).
        format: one of :data:`FORMATS_OUT`; default from the suffix of ``path``.
        level: ``point`` / ``question`` / ``transcript`` — the table written, or where a
            ``.qdpx`` applies the theme codes.
        themes: ``True`` fits the default ThemeModel through :func:`consult.analyze`;
            ``False``/``None`` exports without themes; a fitted model or a
            ``(themes, assignments)`` pair is used as given.
        question_codes: add ``Q<n>`` codes to a ``.qdpx``.
        areas, roles: taxonomy files passed to :func:`consult.load` when paths are given.
        theme_params: extra keyword arguments for :func:`consult.analyze` when ``themes`` is True.
    """
    fmt = _format_for(path, format)
    if level not in LEVELS:
        raise UsageError(f"unknown level {level!r}; use one of {', '.join(LEVELS)}")
    if isinstance(corpus, Analysis):
        corpus, themes = corpus.corpus, (corpus.themes if themes is True else themes) or None
    elif isinstance(corpus, str | Path) or (
        isinstance(corpus, Iterable) and not hasattr(corpus, "points")
    ):
        corpus = load(corpus if isinstance(corpus, str | Path) else list(corpus),
                      areas=areas, roles=roles)
    tables: _ThemeTables | None = None
    if themes is True:
        tables = fit_themes(corpus, required=fmt == "presence", **(theme_params or {}))
    elif themes not in (None, False):
        tables = theme_tables(themes)
    theme_df, q_assign, p_assign = tables or (None, None, None)
    if fmt == "presence" and q_assign is None and p_assign is None:
        raise UsageError("the presence table needs themes; drop --no-themes")
    summary: dict[str, Any] = {"format": fmt, "path": None if path is None else str(path),
                               "transcripts": len(corpus.transcripts),
                               "themes": 0 if theme_df is None else len(theme_df)}
    writer = {"qdpx": _export_qdpx, "presence": _export_presence}.get(fmt, _export_records)
    summary["rows"] = writer(corpus, path, fmt, level, (theme_df, q_assign, p_assign),
                             question_codes=question_codes)
    return summary


def _export_qdpx(corpus: Any, path: Any, fmt: str, level: str, tables: _ThemeTables, *,
                 question_codes: bool) -> int:
    theme_df, q_assign, p_assign = tables
    if path is None or str(path) == "-":
        raise UsageError("a .qdpx project must be written to a file: give -o project.qdpx")
    if level == "point":
        coded = p_assign if p_assign is not None else q_assign
    else:
        coded = q_assign if q_assign is not None else p_assign
    write_qdpx(corpus, path, themes=theme_df, assignments=coded,
               question_codes=question_codes, level=level)
    return len(corpus.transcripts)


def _export_presence(corpus: Any, path: Any, fmt: str, level: str, tables: _ThemeTables, *,
                     question_codes: bool) -> int:
    theme_df, q_assign, p_assign = tables
    main, extra = (q_assign, p_assign) if q_assign is not None else (p_assign, None)

    def table(**kw: Any) -> pd.DataFrame:
        return presence_table(corpus, main, theme_df, point_assignments=extra, **kw)

    long = table()
    if path is not None and str(path) != "-" and Path(path).suffix.lower() == ".xlsx":
        write_tables({"presence": long, "presence_wide": table(wide=True),
                      "points_wide": table(wide=True, value="n_points")}, path)
    else:
        _check_suffix(path, None)
        write_table(long, path)
    return len(long)


def _export_records(corpus: Any, path: Any, fmt: str, level: str, tables: _ThemeTables, *,
                    question_codes: bool) -> int:
    theme_df, q_assign, p_assign = tables
    _check_suffix(path, fmt)
    records = records_with_themes(corpus, level, theme_df, q_assign, p_assign)
    if fmt == "xlsx":
        sheets = {f"{level}s": records}
        if theme_df is not None:
            sheets["themes"] = _flat(theme_df)
            main, extra = (q_assign, p_assign) if q_assign is not None else (p_assign, None)
            sheets["presence"] = presence_table(corpus, main, theme_df, point_assignments=extra)
        write_tables(sheets, path)
    else:
        write_table(_flat(records), path)
    return len(records)


def _check_suffix(path: str | Path | None, fmt: str | None) -> None:
    """The table writers pick the format by suffix; make sure it agrees with ``fmt``."""
    if path is None or str(path) == "-":
        if fmt not in (None, "csv"):
            raise ConsultError(f"{fmt} cannot go to stdout; give -o FILE.{fmt}")
        return
    suffix_fmt = FORMATS.get(Path(path).suffix.lower())
    if suffix_fmt is None:
        raise ConsultError(
            f"cannot write a table to a {Path(path).suffix or 'suffix-less'} file; "
            "use .csv .parquet .xlsx or .json", path=str(path))
    if fmt is not None and suffix_fmt != fmt:
        raise ConsultError(f"--format {fmt} does not match the file suffix {Path(path).suffix}",
                           path=str(path))


def _flat(df: pd.DataFrame) -> pd.DataFrame:
    """Lists, arrays and dicts as text (``a; b`` or JSON) so every writer accepts them."""
    out = df.copy()
    for col in out.columns:
        if out[col].map(_is_nested).any():
            out[col] = out[col].map(_flat_value)
    return out


def _is_nested(v: Any) -> bool:
    return isinstance(v, list | tuple | dict) or (hasattr(v, "tolist") and getattr(v, "ndim", 0) >= 1)


def _flat_value(v: Any) -> Any:
    if not _is_nested(v):
        return v
    if hasattr(v, "tolist") and not isinstance(v, list | tuple | dict):
        v = v.tolist()
    if isinstance(v, list | tuple) and all(not _is_nested(x) for x in v):
        return "; ".join(map(str, v))
    return json.dumps(v, ensure_ascii=False, default=str)
