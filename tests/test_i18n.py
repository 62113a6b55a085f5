"""One catalogue of what a reader sees (consult.i18n, with the report's sentences in
consult.report.i18n): every message used has its Korean, and the two parts never disagree."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from consult import i18n
from consult.report import i18n as report_i18n

ROOT = Path(__file__).resolve().parents[1] / "consult"
#: a call of a translator with a literal English message
_CALL = re.compile(r"""\b(?:t|tr|self\.t|rec\.t)(?:\.raw)?\(\s*((?:"(?:[^"\\]|\\.)*"\s*)+)""")


def _messages(path: Path) -> list[str]:
    out = []
    for m in _CALL.finditer(path.read_text(encoding="utf-8")):
        out.append("".join(ast.literal_eval(p) for p in re.findall(r'"(?:[^"\\]|\\.)*"', m.group(1))))
    return out


def test_every_message_outside_the_report_has_its_korean():
    sources = [*sorted((ROOT / "explore").glob("*.py")), *sorted((ROOT / "plots").glob("*.py"))]
    used = {msg: src.name for src in sources for msg in _messages(src)}
    assert len(used) > 40
    missing = {m: src for m, src in used.items() if m not in i18n.KO}
    assert not missing, missing


def test_the_two_parts_of_the_catalogue_agree():
    both = set(i18n.KO) & set(report_i18n.KO)
    assert {k: (i18n.KO[k], report_i18n.KO[k]) for k in both if i18n.KO[k] != report_i18n.KO[k]} == {}
    t = report_i18n.Translator("ko")
    assert t("Records") == "원문 기록" and t("reset") == "초기화"      # one translator, both parts


def test_workbook_words_cover_the_report_tables():
    """Every column of the tables a report or compare workbook holds has a Korean header."""
    from consult.comparison.result import (
        GROUP_COLUMNS,
        PAIR_COLUMNS,
        PREVALENCE_COLUMNS,
        TERM_COLUMNS,
    )
    from consult.findings import FINDING_COLUMNS, POSITION_COLUMNS, QUESTIONNAIRE_COLUMNS
    from consult.findings.summaries import SUMMARY_CHECK_COLUMNS
    from consult.schema import POINT_COLUMNS, QUESTION_COLUMNS, SUMMARY_COLUMNS, TRANSCRIPT_COLUMNS
    from consult.timeline import BY_YEAR_COLUMNS

    columns = {*GROUP_COLUMNS, *PAIR_COLUMNS, *PREVALENCE_COLUMNS, *TERM_COLUMNS, *FINDING_COLUMNS,
               *POSITION_COLUMNS, *QUESTIONNAIRE_COLUMNS, *SUMMARY_CHECK_COLUMNS, *POINT_COLUMNS,
               *QUESTION_COLUMNS, *SUMMARY_COLUMNS, *TRANSCRIPT_COLUMNS, *BY_YEAR_COLUMNS}
    missing = sorted(c for c in columns - i18n.KO_DROPPED if c not in i18n.COLUMNS)
    assert not missing, missing
    english = [h for h in i18n.COLUMNS.values() if re.search("[A-Za-z]{3,}", h.replace("PMI", ""))]
    assert not english, english
