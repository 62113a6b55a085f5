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
import warnings
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import ConsultError, SmallSampleWarning
from ..io import FORMATS, write_table, write_tables
from .presence import presence_table
from .qdpx import LEVELS, write_qdpx

__all__ = ["export", "FORMATS_OUT", "theme_tables", "fit_themes", "records_with_themes"]

#: Output formats of :func:`export`.
FORMATS_OUT = ("qdpx", "csv", "parquet", "xlsx", "json", "presence")

THEME_COLUMNS = ["theme_id", "theme_label", "theme_score"]

# ThemeModel errors after which an export goes on without themes (with a warning)
_TOO_SMALL = ("CorpusTooSmallError", "EmptyCorpusError")


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


def fit_themes(corpus: Any, **params: Any) -> tuple[pd.DataFrame, pd.DataFrame | None, pd.DataFrame | None]:
    """Fit the default :class:`~consult.themes.ThemeModel`; return :func:`theme_tables` of it."""
    try:
        from ..themes import ThemeModel
    except ImportError as exc:  # pragma: no cover - themes not installed/built
        raise ConsultError(f"themes are not available ({exc}); use --no-themes") from None
    kwargs = {"backend": "sklearn", "random_state": 0, **params}
    model = ThemeModel(**kwargs).fit(corpus)
    return theme_tables(model)


def theme_tables(model: Any) -> tuple[pd.DataFrame, pd.DataFrame | None, pd.DataFrame | None]:
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
    points = getattr(model, "point_assignments_", None)
    questions = questions if isinstance(questions, pd.DataFrame) else None
    points = points if isinstance(points, pd.DataFrame) and "point_id" in points.columns else None
    if questions is None and points is None:
        raise ConsultError("the theme model has no assignments_ table; fit it first")
    return themes, questions, points


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
    """Export ``corpus`` (a Corpus, or paths to load) to ``path``; return a short summary.

    Args:
        corpus: a :class:`~consult.Corpus`, or file/folder path(s) for :func:`consult.load`.
        path: output file (``-`` or ``None``: CSV on stdout, table formats only).
        format: one of :data:`FORMATS_OUT`; default from the suffix of ``path``.
        level: ``point`` / ``question`` / ``transcript`` — the table written, or where a
            ``.qdpx`` applies the theme codes.
        themes: ``True`` fits the default ThemeModel; ``False``/``None`` exports without
            themes; a fitted model or a ``(themes, assignments)`` pair is used as given.
        question_codes: add ``Q<n>`` codes to a ``.qdpx``.
        areas, roles: taxonomy files passed to :func:`consult.load` when paths are given.
        theme_params: extra keyword arguments for ThemeModel when ``themes`` is True.
    """
    fmt = _format_for(path, format)
    if level not in LEVELS:
        raise ConsultError(f"unknown level {level!r}; use one of {', '.join(LEVELS)}")
    if isinstance(corpus, str | Path) or (
        isinstance(corpus, Iterable) and not hasattr(corpus, "points")
    ):
        from ..corpus import load

        corpus = load(corpus if isinstance(corpus, str | Path) else list(corpus),
                      areas=areas, roles=roles)

    theme_df: pd.DataFrame | None = None
    q_assign: pd.DataFrame | None = None
    p_assign: pd.DataFrame | None = None
    if themes is True:
        try:
            theme_df, q_assign, p_assign = fit_themes(corpus, **(theme_params or {}))
        except ConsultError as exc:
            if fmt == "presence" or type(exc).__name__ not in _TOO_SMALL:
                raise
            warnings.warn(
                f"exported without themes: {exc}", SmallSampleWarning, stacklevel=2)
    elif themes not in (None, False):
        theme_df, q_assign, p_assign = theme_tables(themes)
    have_themes = q_assign is not None or p_assign is not None
    if fmt == "presence" and not have_themes:
        raise ConsultError("the presence table needs themes; drop --no-themes")

    summary: dict[str, Any] = {"format": fmt, "path": None if path is None else str(path),
                               "transcripts": len(corpus.transcripts),
                               "themes": 0 if theme_df is None else len(theme_df)}
    if fmt == "qdpx":
        if path is None or str(path) == "-":
            raise ConsultError("a .qdpx project must be written to a file: give -o project.qdpx")
        if level == "point":
            coded = p_assign if p_assign is not None else q_assign
        else:
            coded = q_assign if q_assign is not None else p_assign
        write_qdpx(corpus, path, themes=theme_df, assignments=coded,
                   question_codes=question_codes, level=level)
        summary["rows"] = len(corpus.transcripts)
        return summary
    if fmt == "presence":
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
        summary["rows"] = len(long)
        return summary
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
    summary["rows"] = len(records)
    return summary


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
