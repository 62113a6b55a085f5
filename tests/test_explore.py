"""consult.explore: keyword in context, co-occurrence networks, theme matrices, evidence browser."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

import consult
from consult.cli import main
from consult.corpus import Corpus
from consult.explore import KWIC_COLUMNS, kwic, term_pattern

MINUTES = (
    "전문가 자문 회의록 (1)\n"
    "<KAIST 전기및전자공학과 교수>\n"
    "1. 시스템 SW 인력 현황에 대한 의견 부탁드립니다.\n"
    "● 컴파일러 인재가 부족하고 산학협력이 약함\n"
    "● 반도체 인력 양성과 산학 협력 확대,\n"
    "장비 인력 <확보> 필요\n"
    "전문가 자문 회의록 (2)\n"
    "<삼성전자 관계자>\n"
    "1. 시스템 SW 인력 현황에 대한 의견 부탁드립니다.\n"
    "● 현장 인력 확보와 인공지능 인재 확보\n"
)


@pytest.fixture(scope="module")
def tiny() -> Corpus:
    return Corpus.from_text(MINUTES, name="tiny")


# ----------------------------------------------------------------------------- KWIC
def test_kwic_synonyms_context_and_lines(tiny):
    df = tiny.kwic("인력", window=6)
    assert list(df.columns) == KWIC_COLUMNS
    assert sorted(df["match"]) == ["인력", "인력", "인력", "인재", "인재"]
    # grouped by role: the academic's hits first, in reading order
    assert df["role"].tolist() == ["academic"] * 3 + ["industry"] * 2
    first = df.iloc[0]
    assert (first["left"], first["match"], first["right"]) == ("컴파일러", "인재", "가 부족하고")
    # a hit on the wrapped second line of a point gets that line
    wrapped = df[df["left"].str.endswith("장비")]
    assert wrapped["line"].tolist() == [6]
    assert df.iloc[1]["line"] == 5
    assert df.iloc[0]["point_id"] == "tiny#T01.Q1.P1"


def test_kwic_without_synonyms_phrase_spacing_and_regex(tiny):
    assert len(tiny.kwic("인력", synonyms=False)) == 3
    assert sorted(tiny.kwic("산학 협력")["match"]) == ["산학 협력", "산학협력"]
    assert tiny.kwic("AI")["match"].tolist() == ["인공지능"]
    assert len(kwic(tiny, r"인[력재]", regex=True, by=None, within=None)) == 5
    assert "<확보>" in "".join(tiny.kwic("장비")["right"])


def test_kwic_errors_are_one_line(tiny):
    with pytest.raises(consult.UsageError, match="regular expression"):
        tiny.kwic("(인력", regex=True)
    with pytest.raises(consult.UsageError, match="unknown column"):
        tiny.kwic("인력", by="nope")
    with pytest.raises(consult.UsageError):
        term_pattern("  ")
    assert tiny.kwic("없는말").empty


def test_kwic_cli_html_is_escaped(tmp_path):
    src = tmp_path / "m.txt"
    src.write_text(MINUTES, encoding="utf-8")
    out = tmp_path / "k.html"
    res = CliRunner().invoke(main, ["kwic", "장비", str(src), "-o", str(out)])
    assert res.exit_code == 0, res.output
    html = out.read_text(encoding="utf-8")
    assert "&lt;확보&gt;" in html and "<확보>" not in html
    assert "Content-Security-Policy" in html and "<script" not in html
    res = CliRunner().invoke(main, ["kwic", "(x", str(src), "--regex", "-o", str(tmp_path / "k.csv")])
    assert res.exit_code == 1 and "regular expression" in res.output
    assert len(res.output.strip().splitlines()) == 1


# ----------------------------------------------------------------------------- co-occurrence
NET_MINUTES = (
    "전문가 자문 회의록 (1)\n<KAIST 전기및전자공학과 교수>\n1. 인력 현황은?\n"
    "● 반도체 인력 양성 필요\n● 반도체 인력 부족\n● 반도체 장비 국산화\n● 반도체 장비 도입\n● 장비 국산화 시급\n"
    "전문가 자문 회의록 (2)\n<삼성전자 관계자>\n1. 인력 현황은?\n"
    "● 현장 인재 확보\n● 현장 인력 채용\n● 클라우드 보안 투자\n● 클라우드 보안 인증\n"
)


def test_cooccurrence_tables_by_role():
    from consult.explore import EDGE_COLUMNS, NODE_COLUMNS, cooccurrence

    net = cooccurrence(Corpus.from_text(NET_MINUTES, name="n"), by="role", min_count=2)
    assert list(net.edges.columns) == EDGE_COLUMNS and list(net.nodes.columns) == NODE_COLUMNS
    pairs = {(g, s, t): w for g, s, t, w in
             net.edges[["group", "source", "target", "jaccard"]].itertuples(index=False)}
    assert pairs[("academic", "반도체", "인력")] == pytest.approx(2 / 4)
    assert pairs[("academic", "국산화", "장비")] == pytest.approx(2 / 3)
    # 인재 is merged into 인력 by the synonym table: 현장+인력 twice for industry
    assert pairs[("industry", "인력", "현장")] == 1.0
    assert ("industry", "보안", "클라우드") in pairs
    nodes = net.nodes.set_index(["group", "term"])
    assert nodes.loc[("academic", "반도체"), "betweenness"] > 0      # joins 인력 and 장비
    assert nodes.loc[("industry", "현장"), "community"] != nodes.loc[("industry", "보안"), "community"]
    pmi = cooccurrence(Corpus.from_text(NET_MINUTES, name="n"), measure="pmi", within="area")
    assert (pmi.edges["weight"] == pmi.edges["pmi"]).all()
    with pytest.raises(consult.UsageError):
        cooccurrence(Corpus.from_text(NET_MINUTES, name="n"), measure="cosine")


def test_plot_cooccurrence_renders_hangul_without_warnings():
    import warnings

    from consult.explore import cooccurrence, plot_cooccurrence
    from consult.plots import figure_png

    net = cooccurrence(Corpus.from_text(NET_MINUTES, name="n"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = plot_cooccurrence(net)
        png = figure_png(fig)
    assert png.startswith(b"\x89PNG") and len(fig.axes) == 2
    texts = {t.get_text() for ax in fig.axes for t in ax.texts}
    assert {"반도체", "클라우드"} <= texts


def _label_boxes(fig):
    from consult.explore.network_plot import LABEL_GID

    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    return [[t.get_window_extent(renderer) for t in ax.texts if t.get_gid() == LABEL_GID]
            for ax in fig.axes]


def test_network_labels_never_overlap(sample_corpus):
    """On the sample the unplaced layout had 12 overlapping label pairs (of 113 labels) by role
    and 27 in 이차전지; labels are now placed around their node, or left out, never on another."""
    import itertools

    from consult.explore import cooccurrence, plot_cooccurrence

    by_role = cooccurrence(sample_corpus)
    by_area = cooccurrence(sample_corpus, within="area")
    for fig in (plot_cooccurrence(by_role), plot_cooccurrence(by_area, within="이차전지")):
        panels = _label_boxes(fig)
        assert sum(len(p) for p in panels) >= 90           # most words keep their label
        for boxes in panels:
            assert not [(a, b) for a, b in itertools.combinations(boxes, 2) if a.overlaps(b)]
    titles = [t.get_text() for ax in plot_cooccurrence(by_role, lang="en").axes for t in ax.texts]
    assert any(t.startswith("academia — ") and "words" in t for t in titles)


_ENGLISH = re.compile(r"[A-Za-z]{3,}")
_HANGUL = re.compile("[가-힣]")


def _page_words(html: str, *tags: str) -> list[str]:
    """The text of the page's ``tags`` (markup stripped, entities left as they are)."""
    out = []
    for tag in tags:
        out += [re.sub(r"<[^>]+>", "", m) for m in re.findall(rf"<{tag}[^>]*>(.*?)</{tag}>", html, re.S)]
    return out


def test_kwic_page_speaks_one_language(tiny):
    from consult.explore import kwic_html

    table = tiny.kwic("인력")
    ko = kwic_html(table, "인력", ("area", "role"), embed_font=False)
    assert '<html lang="ko">' in ko
    ui = _page_words(ko, "title", "h1", "p", "caption", "th")
    assert ui and not [w for w in ui if _ENGLISH.search(w)], ui
    assert "학계" in ko and "(academic)" not in ko
    en = kwic_html(table, "인력", ("area", "role"), lang="en", embed_font=False)
    assert '<html lang="en">' in en
    ui = _page_words(en, "h1", "p", "caption", "th")
    areas = set(table["area"].map(consult.labels.area_label))
    leftover = [w for w in ui if _HANGUL.search(_strip(w, [*areas, "인력"]))]
    assert not leftover, leftover
    assert "academia" in en and "font-src data:" in en


def _strip(text: str, words) -> str:
    for w in sorted(words, key=len, reverse=True):
        text = text.replace(w, "")
    return text


def test_cooccur_html_page(tmp_path):
    src = tmp_path / "m.txt"
    src.write_text(NET_MINUTES, encoding="utf-8")
    for lang in ("ko", "en"):
        out = tmp_path / f"net_{lang}.html"
        res = CliRunner().invoke(main, ["cooccur", str(src), "-o", str(out), "--lang", lang, "-q"])
        assert res.exit_code == 0, res.output
        html = out.read_text(encoding="utf-8")
        assert f'<html lang="{lang}">' in html and "<script" not in html
        assert html.count('src="data:image/png;base64,') == 1 and "img-src data:" in html
        assert "@font-face" in html or not consult.fontembed.font_face_css("가")
        ui = _page_words(html, "h1", "h2", "caption", "th", "p")
        if lang == "ko":
            assert not [w for w in ui if _ENGLISH.search(w.replace("PMI", ""))], ui
            assert "학계의 낱말" in html and "자카드 계수" in html
        else:
            assert not [w for w in ui if _HANGUL.search(w)], ui
            assert "Words of academia" in html and "jaccard" in html


# ----------------------------------------------------------------------------- theme matrices
class _FakeModel:
    """A fitted model's two tables: points p1..p3 of experts T1, T2 (multi-label p1)."""

    import pandas as _pd

    point_themes_ = _pd.DataFrame({
        "point_id": ["p1", "p1", "p2", "p3", "p3"],
        "transcript_id": ["d#T01", "d#T01", "d#T01", "d#T02", "d#T02"],
        "theme_id": [0, 1, 2, 1, -1],
    })
    themes_ = _pd.DataFrame({"theme_id": [0, 1, 2], "label": ["인력", "장비", "보안"]})


def test_theme_cooccurrence_point_and_expert():
    from consult.explore import theme_cooccurrence, theme_expert_matrix

    by_point = theme_cooccurrence(_FakeModel(), label=False)
    assert by_point.loc[0, 1] == 1 and by_point.loc[0, 2] == 0 and by_point.loc[1, 1] == 2
    by_expert = theme_cooccurrence(_FakeModel(), unit="expert")
    assert by_expert.loc["0: 인력", "2: 보안"] == 1          # same expert, different points
    assert by_expert.loc["1: 장비", "1: 장비"] == 2
    m = theme_expert_matrix(_FakeModel(), label=False)
    assert m.loc["d#T01"].tolist() == [1, 1, 1] and m.loc["d#T02"].tolist() == [0, 1, 0]
    with pytest.raises(consult.UsageError):
        theme_cooccurrence(_FakeModel(), unit="question")
    with pytest.raises(consult.NotFittedError):
        theme_cooccurrence(object())


def test_cooccur_cli_writes_tables_and_figure(tmp_path):
    import pandas as pd

    src = tmp_path / "m.txt"
    src.write_text(MINUTES, encoding="utf-8")
    out = tmp_path / "net.xlsx"
    res = CliRunner().invoke(main, ["cooccur", str(src), "--min-count", "1", "-o", str(out),
                                    "--lang", "en"])
    assert res.exit_code == 0, res.output
    sheets = pd.read_excel(out, sheet_name=None)           # English: the data's own names
    assert set(sheets) == {"edges", "nodes"} and len(sheets["edges"]) > 0
    assert list(sheets["edges"].columns) == list(consult.explore.EDGE_COLUMNS)
    res = CliRunner().invoke(main, ["cooccur", str(src), "--min-count", "1", "-o", str(out)])
    sheets = pd.read_excel(out, sheet_name=None)           # Korean (the default): Korean words
    assert set(sheets) == {"연결", "낱말"}
    assert {"낱말 1", "낱말 2", "자카드 계수"} <= set(sheets["연결"].columns)
    assert set(sheets["연결"]["집단"]) <= {"학계", "산업계", "연구계"}
    png = tmp_path / "net.png"
    res = CliRunner().invoke(main, ["cooccur", str(src), "--min-count", "1", "-o", str(png)])
    assert res.exit_code == 0 and png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    res = CliRunner().invoke(main, ["cooccur", str(src), "-o", str(tmp_path / "x.txt")])
    assert res.exit_code == 1 and len(res.output.strip().splitlines()) == 1


def test_cooccur_cli_theme_matrices(tmp_path, sample_path):
    import pandas as pd

    from consult import load
    from consult.themes import ThemeModel

    src = sample_path
    out = tmp_path / "m.xlsx"
    res = CliRunner().invoke(main, ["cooccur", str(src), "--themes", "-o", str(out), "-q", "--lang", "en"])
    assert res.exit_code == 0, res.output
    sheets = pd.read_excel(out, sheet_name=None)
    tt = sheets["theme_x_theme_experts"].set_index(sheets["theme_x_theme_experts"].columns[0])
    assert (tt.to_numpy() == tt.to_numpy().T).all()            # symmetric
    model = ThemeModel(random_state=0).fit(load(src))
    assert len(sheets["theme_x_expert"]) == model.point_themes_["transcript_id"].nunique()
