"""The report's charts as specs: name -> zero-argument function drawing the figure.

A chart is drawn only when a format needs it (see :mod:`consult.report.builder`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ._areas import pick
from ._data import Records, _frame, _is_outlier

__all__ = ["chart_specs"]


def chart_specs(rec: Records, th: dict | None, areas: list[dict], cmp: Any, overview_areas: list[str]) -> dict[str, Callable]:
    """name → zero-argument function drawing the chart (drawn only when needed)."""
    from .. import plots

    lang = rec.t.lang  # every label of every chart in the report's language
    specs: dict[str, Callable] = {"overview": lambda: plots.plot_overview(rec.experts, areas=overview_areas,
                                                                         lang=lang)}
    if th is not None:
        assign = th["assign"][~th["assign"]["theme_id"].map(_is_outlier)]
        assign = assign.assign(theme_label=[_numbered(t, lab) for t, lab in
                                            zip(assign["theme_id"], assign["theme_label"], strict=True)])
        order = th["order"]
        specs["themes"] = lambda: plots.plot_theme_heatmap(assign, rec.units(assign["transcript_id"]), by=("area", "role"),
                                                          order=order, lang=lang)
    labels = th["labels"] if th else None
    for block in areas:
        w, a, b = block["within"], block["group_a"], block["group_b"]
        if block["has_terms"]:
            specs[block["chart_terms"]] = (
                lambda w=w, a=a, b=b, name=block["name"]: plots.plot_terms(
                    pick(_frame(cmp, "terms"), w, a, b), groups=(a, b),
                    title=rec.t("Distinctive terms — {name}", name=name), lang=lang)
            )
        if block["has_prevalence"]:
            specs[block["chart_prev"]] = (
                lambda w=w, a=a, b=b, name=block["name"]: plots.plot_prevalence(
                    pick(_frame(cmp, "prevalence"), w, a, b).pipe(lambda d: d[~d["theme_id"].map(_is_outlier)]),
                    groups=(a, b), labels=labels, title=rec.t("Theme prevalence — {name}", name=name),
                    lang=lang)
            )
    return specs


def _numbered(theme_id: Any, label: Any) -> str:
    """``12. 리벨리온``: a heatmap row names the theme by its ``theme_id``, as the cards do."""
    label = str(label)
    return label if label.startswith(f"{theme_id}. ") else f"{theme_id}. {label}"
