"""Years: the year column, overrides, and the year view on the synthetic multi-year demo."""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import consult
from consult.cli import main
from consult.errors import UsageError
from consult.schema import POINT_COLUMNS, TRANSCRIPT_COLUMNS
from consult.years import doc_year, parse_year_overrides

DEMO = Path(__file__).resolve().parents[1] / "examples" / "data" / "synthetic_years"


def test_year_column_is_appended_last(sample_corpus):
    assert TRANSCRIPT_COLUMNS[-1] == "year" and POINT_COLUMNS[-1] == "year"
    assert set(sample_corpus.transcripts["year"]) == {2023}  # from "(2023.12.27.)"
    assert set(sample_corpus.with_years(["kaist_2023_annual_report=2020"]).points["year"]) == {2020}


def test_doc_year_and_overrides():
    assert doc_year("a", ["제목", "2022년 3월 4일 회의"]) == 2022
    assert doc_year("minutes_2019", ["제목 없음"]) == 2019
    with pytest.raises(UsageError, match="DOC=YEAR"):
        parse_year_overrides(["2021"])


@pytest.fixture(scope="module")
def demo():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return consult.analyze(consult.load(DEMO), n_boot=50, random_state=0)


def test_demo_is_marked_synthetic():
    for f in sorted(DEMO.glob("*.txt")):
        head = f.read_text(encoding="utf-8").splitlines()[:3]
        assert "SYNTHETIC" in head[0] and "합성" in head[2]


def test_by_year_on_the_demo(demo):
    assert sorted(demo.corpus.transcripts["year"].unique()) == [2021, 2022, 2023]
    table = consult.by_year(demo)
    assert set(table["year"]) == {2021, 2022, 2023}
    assert {"new", "vanished"} <= set(table["status"])
    assert ((table["share"] >= 0) & (table["share"] <= 1)).all()
    one = table.groupby("theme_id")["year"].count()
    assert (one == 3).all()  # every theme has a row per year
    moved = consult.by_year(demo, years={"synthetic_minutes_2021": 2022})
    assert set(moved["year"]) == {2022, 2023}
    assert "years" in consult.findings_by_year(demo).columns


def test_cli_compare_by_year(tmp_path):
    out = tmp_path / "by_year.csv"
    result = CliRunner().invoke(main, ["compare", str(DEMO), "--level", "by_year", "--n-boot", "20",
                                       "--year", "synthetic_minutes_2021=2020", "-q",
                                       "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert set(pd.read_csv(out)["year"]) == {2020, 2022, 2023}
