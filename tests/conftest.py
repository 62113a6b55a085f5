"""Shared fixtures: the bundled sample, its parsed corpus, and an isolated token cache."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "data" / "kaist_2023_annual_report.txt"
FIXTURES = ROOT / "tests" / "fixtures"

os.environ.setdefault("MPLBACKEND", "Agg")
os.environ.setdefault("CONSULT_QUIET", "1")


@pytest.fixture(scope="session", autouse=True)
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep the on-disk token cache out of the user's home during tests."""
    if "CONSULT_CACHE_DIR" not in os.environ or os.environ.get("CONSULT_TEST_KEEP_CACHE") != "1":
        os.environ["CONSULT_CACHE_DIR"] = str(tmp_path_factory.mktemp("consult-cache"))


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def sample_corpus(sample_path: Path):
    import consult

    return consult.load(sample_path)


@pytest.fixture
def minutes_text() -> str:
    """A tiny two-transcript minutes text in the sample's layout."""
    return (
        "반도체\n"
        "연구진\n"
        "AI반도체 동향과 시사점\n"
        "(2023.06.27) KAIST 국가미래전략기술 정책연구소\n"
        "● 개요 문단\n"
        "전문가 자문 회의록 (1)\n"
        "<KAIST 전기및전자공학과 교수>\n"
        "1. (인력) 시스템 SW 인력 현황에 대한 \n"
        "의견 부탁드립니다.\n"
        "● (인력) 컴파일러 인력이 부족\n"
        "- 교육기관 부재\n"
        "● 미들웨어 개발 필요\n"
        "2. 추가 의견 부탁드립니다.\n"
        "● 생태계 조성 필요\n"
        " 전문가 자문 회의록 (2)\n"
        "<삼성전자 관계자>\n"
        "1. (인력) 시스템 SW 인력 현황에 대한 의견 부탁드립니다.\n"
        "● 현장 인력 확보\n"
        "해야 함\n"
        "이슈브리프 및 별첨\n"
        "다른 보고서 본문\n"
    )
