"""Hangul fonts and the chart functions (synthetic tables with the documented columns)."""

from __future__ import annotations

import logging
import subprocess
import sys
import warnings

import numpy as np
import pandas as pd
import pytest

import consult

matplotlib = pytest.importorskip("matplotlib")

from consult import plots  # noqa: E402

AREAS = ["반도체", "이차전지", "양자"]
LABELS = {0: "시스템 SW 인재 부족", 1: "TP(열전이) 안전 기술", 2: "5G 특화망 활용", 3: "양자 생태계"}


@pytest.fixture(scope="module")
def transcripts() -> pd.DataFrame:
    rows = [
        {"transcript_id": f"d#T{i + 1:02d}", "area": AREAS[i % 3] if i < 9 else "",
         "role": ["academic", "industry", "research"][i % 3] if i < 9 else "unknown"}
        for i in range(10)
    ]
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def assignments(transcripts) -> pd.DataFrame:
    rng = np.random.default_rng(0)
    rows = [
        {"transcript_id": t, "question_id": f"{t}.Q{q}", "question_no": q, "question_line": q * 10,
         "theme_id": int(rng.integers(0, 4)), "score": 0.5}
        for t in transcripts["transcript_id"] for q in (1, 2, 3)
    ]
    a = pd.DataFrame(rows)
    a["theme_label"] = a["theme_id"].map(LABELS)
    return a


@pytest.fixture(scope="module")
def terms() -> pd.DataFrame:
    rng = np.random.default_rng(1)
    words = ["인재", "설계", "특화망", "전고체", "스마트팩토리", "무인공정"]
    return pd.DataFrame(
        [{"within": a, "term": w, "z": float(z), "count_a": 3, "count_b": 1, "freq_a": 0.1, "freq_b": 0.02}
         for a in AREAS for w, z in zip(words, rng.normal(0, 2.5, len(words)), strict=True)]
    )


@pytest.fixture(scope="module")
def prevalence() -> pd.DataFrame:
    rng = np.random.default_rng(2)
    return pd.DataFrame(
        [{"within": a, "theme_id": k, "share_a": sa, "share_b": sb, "diff": sa - sb,
          "ci_low": sa - sb - 0.3, "ci_high": sa - sb + 0.3}
         for a in AREAS for k, (sa, sb) in enumerate(rng.uniform(0, 1, (4, 2)))]
    )


def test_font_found_without_importing_koreanize():
    code = (
        "import sys, warnings; warnings.simplefilter('error');"
        "from consult.fonts import setup_korean_font, korean_font_files;"
        "assert korean_font_files(), 'no NanumGothic';"
        "assert setup_korean_font() == 'NanumGothic';"
        "assert 'koreanize_matplotlib' not in sys.modules"
    )
    subprocess.run([sys.executable, "-W", "error::DeprecationWarning", "-c", code], check=True)


def test_hangul_and_symbols_render_without_missing_glyph_warnings():
    fig = plots.new_figure(4, 2)
    ax = fig.add_subplot()
    ax.plot([-1, 0, 1], [-2, 0, 2])  # negative tick labels use the minus sign
    ax.set_title("반도체 ▪ 이차전지 − 양자 · 차세대통신 ‘사이버보안’")
    ax.set_xlabel("−1.5 ▪ 전문가 수")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("error")
        fig.canvas.draw()
        plots.figure_png(fig)
    assert not [w for w in caught if "missing from" in str(w.message)]
    assert matplotlib.rcParams["font.family"][:2] == ["NanumGothic", "DejaVu Sans"]
    assert matplotlib.rcParams["axes.unicode_minus"] is False


@pytest.fixture(autouse=True)
def _no_font_log(caplog):
    """matplotlib logs 'findfont: Failed to find font weight …' when a weight is missing."""
    with caplog.at_level(logging.WARNING, logger="matplotlib"):
        yield
    assert not [r for r in caplog.records if r.name.startswith("matplotlib")], caplog.text


def _draw_clean(fig) -> bytes:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        png = plots.figure_png(fig)
    assert png.startswith(b"\x89PNG")
    return png


def test_overview(transcripts):
    fig = plots.plot_overview(transcripts)
    _draw_clean(fig)
    ax = fig.axes[0]
    by_y = sorted(zip(ax.get_yticks(), (t.get_text() for t in ax.get_yticklabels()), strict=True),
                  reverse=True)
    assert [label for _, label in by_y] == ["반도체", "이차전지", "양자", "포럼·기타"]  # first on top


def test_theme_crosstab_counts_experts_once(transcripts, assignments):
    table = plots.theme_crosstab(assignments, transcripts, by="area")
    assert list(table.columns) == ["반도체", "이차전지", "양자", "포럼·기타"]
    expected = assignments.merge(transcripts, on="transcript_id").drop_duplicates(
        ["transcript_id", "theme_id"]
    )
    assert table.to_numpy().sum() == len(expected)
    shares = plots.theme_crosstab(assignments, transcripts, by="role", share=True)
    assert (shares.to_numpy() <= 1).all()
    assert list(shares.columns)[:3] == ["academic", "industry", "research"]


def test_heatmaps(transcripts, assignments):
    for fig in (plots.plot_theme_heatmap(assignments, transcripts),
                plots.plot_theme_roles(assignments, transcripts)):
        _draw_clean(fig)
    ticks = [t.get_text() for t in plots.plot_theme_heatmap(assignments, transcripts).axes[0].get_xticklabels()]
    assert ticks[0].startswith("반도체\n(n=")
    both = plots.plot_theme_heatmap(assignments, transcripts, by=("area", "role"))
    _draw_clean(both)
    assert len(both.axes) == 3  # two panels on the same rows + colour bar
    assert [t.get_text() for t in both.axes[1].get_xticklabels()][0].startswith("학계\n(n=")


def test_theme_order_groups_by_strongest_area(transcripts, assignments):
    by_area = plots.theme_crosstab(assignments, transcripts, by="area", index="theme_id")
    order = plots.theme_order(by_area)
    assert sorted(order) == sorted(by_area.index)
    strongest = [list(by_area.columns).index(by_area.loc[t].drop("포럼·기타").idxmax()) for t in order]
    assert strongest == sorted(strongest)


def test_duplicate_theme_labels_stay_apart(transcripts, assignments):
    a = assignments.assign(theme_label="같은 이름")
    table = plots.theme_crosstab(a, transcripts)
    assert len(table) == assignments["theme_id"].nunique() and table.index.is_unique


def test_terms_and_prevalence(terms, prevalence):
    fig = plots.plot_terms(terms, "반도체", groups=("academic", "industry"))
    _draw_clean(fig)
    assert sum(len(ax.patches) for ax in fig.axes) == 6  # 3 terms a side, one panel each
    assert {"인재", "설계"} <= {t.get_text() for ax in fig.axes for t in ax.texts}
    fig = plots.plot_prevalence(prevalence, "양자", labels=LABELS, groups=("academic", "industry"))
    _draw_clean(fig)
    assert "양자 생태계" in [t.get_text() for t in fig.axes[0].texts]


def test_empty_inputs_give_a_figure(terms, prevalence):
    _draw_clean(plots.plot_terms(terms, "없는분야"))
    _draw_clean(plots.plot_prevalence(prevalence.iloc[:0]))
    _draw_clean(plots.plot_overview(pd.DataFrame(columns=["transcript_id", "area", "role"])))


def test_accepts_result_objects(terms, transcripts):
    class Result:
        groups = ("academic", "industry")

    r = Result()
    r.terms = terms
    r.transcripts = transcripts
    _draw_clean(plots.plot_terms(r, "양자"))
    _draw_clean(plots.plot_overview(r))
    with pytest.raises(consult.UsageError):  # a one-line error the CLI can print
        plots.plot_terms(object())


def test_no_pyplot_figures_accumulate(terms):
    import matplotlib.pyplot as plt

    before = len(plt.get_fignums())
    for _ in range(3):
        plots.plot_terms(terms)
    assert len(plt.get_fignums()) == before


def _texts(fig) -> list[str]:
    from matplotlib.text import Text

    fig.canvas.draw()  # tick labels exist once drawn
    return [t.get_text() for t in fig.findobj(Text) if t.get_text()]


def _charts(transcripts, assignments, terms, prevalence, lang):
    counts_only = prevalence.assign(ci_low=np.nan, ci_high=np.nan)
    return {
        "overview": plots.plot_overview(transcripts, lang=lang),
        "heatmap": plots.plot_theme_heatmap(assignments, transcripts, by=("area", "role"), lang=lang),
        "terms": plots.plot_terms(terms, "반도체", groups=("academic", "industry"), lang=lang),
        "terms, counts only": plots.plot_terms(terms.assign(z=np.nan), "반도체", lang=lang),
        "prevalence": plots.plot_prevalence(prevalence, "양자", labels=LABELS,
                                            groups=("academic", "industry"), lang=lang),
        "prevalence, counts only": plots.plot_prevalence(counts_only, "양자", lang=lang),
        "empty": plots.plot_overview(pd.DataFrame(columns=["transcript_id", "area", "role"]),
                                     lang=lang),
    }


def test_chart_labels_speak_one_language(transcripts, assignments, terms, prevalence):
    """A Korean chart has no English words (no "학계 (academic)", no "grey: interval includes
    0"); an English chart has no Korean words but the minutes' own (areas, terms, labels)."""
    import re

    english = re.compile(r"[A-Za-z]{3,}")
    for name, fig in _charts(transcripts, assignments, terms, prevalence, "ko").items():
        words = [w for text in _texts(fig) for w in english.findall(text)]
        assert not words, (name, words)
    data = sorted([*AREAS, "포럼·기타", *LABELS.values(), *terms["term"]], key=len, reverse=True)
    for name, fig in _charts(transcripts, assignments, terms, prevalence, "en").items():
        texts = _texts(fig)
        hangul = [t for t in texts if re.search("[가-힣]", _without(t, data))]
        assert not hangul, (name, hangul)
        assert any(english.search(t) for t in texts), name


def _without(text: str, words: list[str]) -> str:
    for w in words:
        text = text.replace(w, "")
    return text
