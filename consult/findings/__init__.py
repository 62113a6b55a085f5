"""Findings: who was asked what, each side's stance in its own words, and where they differ.

    >>> from consult.findings import find_findings                  # doctest: +SKIP
    >>> findings, asked = find_findings(corpus)                     # doctest: +SKIP
    >>> findings[["within", "topic", "kind", "a_k", "a_asked", "b_k", "b_asked"]]  # doctest: +SKIP

See :mod:`consult.findings.build` for the kinds and :mod:`consult.findings.stance` for the rules.
"""

from __future__ import annotations

from .build import FINDING_COLUMNS, KINDS, find_findings, finding_sentence
from .questionnaire import QUESTIONNAIRE_COLUMNS, question_gist, questionnaire
from .stance import Stance, StanceRules
from .summaries import SUMMARY_CHECK_COLUMNS, check_summaries, claimed_count

__all__ = ["find_findings", "finding_sentence", "questionnaire", "question_gist", "Stance", "StanceRules",
           "FINDING_COLUMNS", "KINDS", "QUESTIONNAIRE_COLUMNS", "check_summaries",
           "claimed_count", "SUMMARY_CHECK_COLUMNS"]
