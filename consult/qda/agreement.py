"""Agreement between a theme model and human codes, point by point.

For each human code: the model's best-matching theme (highest F1 over the answer points), the
2×2 table of points (coded / not × in the theme / not), precision, recall, F1, Cohen's κ with a
95% interval, and — when two people coded — their own κ on that code, the ceiling a model can
be expected to reach.

    >>> table = consult.agreement(analysis, consult.read_codes("coded.qdpx", analysis.corpus))
    ... # doctest: +SKIP
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pandas as pd

from ..errors import ConsultWarning, UsageError
from ..records import is_theme
from .themes import STRUCTURAL_PARENTS

__all__ = ["agreement", "AGREEMENT_COLUMNS", "cohen_kappa", "MODEL_CODER", "MODEL_CODERS",
           "is_model_coder"]

#: columns of the agreement table (one row per human code)
AGREEMENT_COLUMNS = ["code", "n_coded", "theme_id", "theme_label", "n_theme", "tp", "fp", "fn",
                     "tn", "precision", "recall", "f1", "kappa", "kappa_low", "kappa_high",
                     "ci_method", "human_kappa", "coder_a", "coder_b"]
#: the user consult's own export writes; its codings are the model's, not a person's
MODEL_CODER = "consult (model)"
#: the model's user names, this version's and earlier exports' (``consult``)
MODEL_CODERS = (MODEL_CODER, "consult")


def is_model_coder(name: object) -> bool:
    """Whether codings by user ``name`` are consult's own (the model's export).

    >>> is_model_coder("consult (model)"), is_model_coder("consult"), is_model_coder("kim")
    (True, True, False)
    """
    return str(name) in MODEL_CODERS


def cohen_kappa(a: np.ndarray, b: np.ndarray) -> float:
    """Cohen's κ of two binary ratings (``nan`` when chance agreement is 1)."""
    return float(_kappa_counts(*_table(np.asarray(a, bool), np.asarray(b, bool)))[0][0])


def _table(h: np.ndarray, m: np.ndarray) -> tuple[Any, Any, Any, Any]:
    """tp, fp, fn, tn along the last axis (works on bootstrap matrices too)."""
    tp = (h & m).sum(-1)
    fp = (~h & m).sum(-1)
    fn = (h & ~m).sum(-1)
    tn = (~h & ~m).sum(-1)
    return tp, fp, fn, tn


def _kappa_counts(tp, fp, fn, tn):
    tp, fp, fn, tn = (np.asarray(x, float) for x in (tp, fp, fn, tn))
    n = tp + fp + fn + tn
    po = (tp + tn) / n
    pe = ((tp + fp) * (tp + fn) + (fn + tn) * (fp + tn)) / n**2
    with np.errstate(divide="ignore", invalid="ignore"):
        kappa = np.where(pe < 1, (po - pe) / (1 - pe), np.nan)
    return np.atleast_1d(kappa), po, pe, n


def _interval(h: np.ndarray, m: np.ndarray, n_boot: int, rng: np.random.Generator):
    """95% interval of κ: bootstrap over points (percentiles), or the asymptotic SE
    ``sqrt(po(1-po) / (n (1-pe)^2))`` when ``n_boot`` is 0."""
    kappa, po, pe, n = _kappa_counts(*_table(h, m))
    if n_boot <= 0:
        se = np.sqrt(po * (1 - po) / (n * (1 - pe) ** 2)) if pe < 1 else np.nan
        return float(kappa[0] - 1.96 * se), float(kappa[0] + 1.96 * se), "asymptotic"
    idx = rng.integers(0, len(h), size=(n_boot, len(h)))
    boot = _kappa_counts(*_table(h[idx], m[idx]))[0]
    boot = boot[~np.isnan(boot)]
    if not len(boot):
        return np.nan, np.nan, "bootstrap"
    low, high = np.percentile(boot, [2.5, 97.5])
    return float(low), float(high), "bootstrap"


def _model_sets(model: Any) -> tuple[dict[Any, set[str]], dict[Any, str]]:
    """theme_id → point ids, and theme labels, from point_themes_ or point_assignments_."""
    table = getattr(model, "point_themes_", None)
    if not isinstance(table, pd.DataFrame):
        table = getattr(model, "point_assignments_", None)
    if not isinstance(table, pd.DataFrame) or not {"point_id", "theme_id"} <= set(table.columns):
        raise UsageError("agreement() needs point-level themes (point_themes_ or "
                         "point_assignments_); fit the ThemeModel with unit='point'")
    table = table[table["theme_id"].map(is_theme)]
    sets = {t: set(g["point_id"].astype(str)) for t, g in table.groupby("theme_id")}
    info = getattr(model, "themes_", None)
    labels = {}
    if isinstance(info, pd.DataFrame) and "theme_id" in info:
        labels = dict(zip(info["theme_id"], info["label"].astype(str), strict=False))
    return sets, labels


def _human(codes: pd.DataFrame, coder: str | None) -> tuple[pd.DataFrame, list[str]]:
    """The codes of people (not consult's own codings, not question-number codes) and the
    coders, most codings first."""
    table = codes
    if "code_path" in table.columns:
        table = table[~table["code_path"].astype(str).str.startswith(STRUCTURAL_PARENTS)]
    coders = table["coder"].astype(str) if "coder" in table.columns else pd.Series("", table.index)
    if coder is not None:
        table = table[coders == coder]
    elif not coders.map(is_model_coder).all():
        table = table[~coders.map(is_model_coder)]
    ranked = (table["coder"].astype(str).value_counts().index.tolist()
              if "coder" in table.columns else [""])
    return table, ranked


def _row(code: str, h: np.ndarray, sets, labels, ids, n_boot, rng) -> dict[str, Any]:
    best = None
    for t, members in sets.items():
        m = np.fromiter((p in members for p in ids), bool, len(ids))
        tp, fp, fn, tn = (int(x) for x in _table(h, m))
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        kappa = float(_kappa_counts(tp, fp, fn, tn)[0][0])
        key = (f1, -np.inf if np.isnan(kappa) else kappa)
        if best is None or key > best[0]:
            best = (key, t, m, (tp, fp, fn, tn))
    row = {"code": code, "n_coded": int(h.sum())}
    if best is None:
        return row
    _, t, m, (tp, fp, fn, tn) = best
    low, high, method = _interval(h, m, n_boot, rng)
    row.update(theme_id=t, theme_label=labels.get(t, str(t)), n_theme=int(m.sum()), tp=tp, fp=fp,
               fn=fn, tn=tn, precision=tp / (tp + fp) if tp + fp else np.nan,
               recall=tp / (tp + fn) if tp + fn else np.nan,
               f1=2 * tp / (2 * tp + fp + fn) if tp + fp + fn else np.nan,
               kappa=float(_kappa_counts(tp, fp, fn, tn)[0][0]), kappa_low=low,
               kappa_high=high, ci_method=method)
    return row


def agreement(model: Any, codes: pd.DataFrame, *, corpus: Any = None, coder: str | None = None,
              n_boot: int = 1000, random_state: int = 0) -> pd.DataFrame:
    """Per human code, the best-matching theme and how well they agree (see module docstring).

    Parameters
    ----------
    model: an :class:`~consult.Analysis` (its themes and corpus) or a fitted theme model.
    codes: the codes table of :func:`consult.read_codes`. Codings by consult itself (user
        ``consult``, the model's own export) and question-number codes are left out when any
        person's codes are present.
    corpus: the points agreement is counted over (default: the analysis's corpus, else the
        points of the model's ``point_assignments_``).
    coder: only this coder's codes (default: every person's, united).
    n_boot: bootstrap replicates over points for κ's interval; ``0`` uses the asymptotic SE.

    Returns one row per code, columns :data:`AGREEMENT_COLUMNS`; ``human_kappa`` is the κ of
    the two coders with most codings on that code (the ceiling), empty with one coder.
    """
    themes = getattr(model, "themes", model) if hasattr(model, "corpus") else model
    corpus = corpus if corpus is not None else getattr(model, "corpus", None)
    if themes is None:
        raise UsageError("agreement() needs themes: the analysis was run without a theme model")
    sets, labels = _model_sets(themes)
    if corpus is not None:
        ids = corpus.points["point_id"].astype(str).tolist()
    else:
        ids = themes.point_assignments_["point_id"].astype(str).tolist()
    table, coders = _human(codes, coder)
    if coders and all(is_model_coder(c) for c in coders):
        warnings.warn(
            f"the project holds no person's codes, only consult's own ({', '.join(coders)}): this "
            "compares the model with its own export, so F1 and kappa are 1 when the refit is the "
            "exported model; below 1 the refit differs (another seed, number of themes, consult "
            "version or minutes). In QualCoder set your coder name before coding (Settings)",
            ConsultWarning, stacklevel=2)
    rng = np.random.default_rng(random_state)
    index = {p: i for i, p in enumerate(ids)}
    rows = []
    for code, g in table.groupby("code", sort=True):
        h = np.zeros(len(ids), bool)
        h[[index[p] for p in g["point_id"].astype(str) if p in index]] = True
        row = _row(str(code), h, sets, labels, ids, n_boot, rng)
        if len(coders) >= 2:
            a, b = (np.isin(ids, g.loc[g["coder"].astype(str) == c, "point_id"].astype(str))
                    for c in coders[:2])
            row.update(human_kappa=cohen_kappa(a, b), coder_a=coders[0], coder_b=coders[1])
        rows.append(row)
    out = pd.DataFrame(rows, columns=AGREEMENT_COLUMNS)
    return out.sort_values(["n_coded", "code"], ascending=[False, True], ignore_index=True)
