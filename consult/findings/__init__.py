"""Findings: who was asked what, what each side named in its own words, and where academia and
industry agree, differ or are split — claims with their evidence.

    >>> from consult.findings import build_claims                     # doctest: +SKIP
    >>> claims = build_claims(corpus)                                  # doctest: +SKIP
    >>> claims.table[["within", "topic", "kind", "a_k", "a_asked", "b_k", "b_asked", "sentence"]]  # doctest: +SKIP

:mod:`~consult.findings.build` makes the findings by the rules of ``consult/data/claims.toml``
(:class:`ClaimRules`); :mod:`~consult.findings.stance` reads stances (``stance.toml``);
:mod:`~consult.findings.summaries` checks the authors' summary tables against the minutes.
"""

from __future__ import annotations

from .build import Claims, build_claims, find_findings
from .model import KIND_NAMES, KINDS, Finding, Side
from .questionnaire import QUESTIONNAIRE_COLUMNS, question_gist, questionnaire
from .rules import ClaimRules
from .sentences import sentence
from .stance import Stance, StanceRules
from .summaries import SUMMARY_CHECK_COLUMNS, check_summaries, claimed_count, texts_to_tokenize
from .table import AREA_COLUMNS, FINDING_COLUMNS, POSITION_COLUMNS

__all__ = ["build_claims", "find_findings", "Claims", "Finding", "Side", "ClaimRules", "sentence",
           "questionnaire", "question_gist", "Stance", "StanceRules", "FINDING_COLUMNS",
           "POSITION_COLUMNS", "AREA_COLUMNS", "KINDS", "KIND_NAMES", "QUESTIONNAIRE_COLUMNS", "check_summaries",
           "claimed_count", "SUMMARY_CHECK_COLUMNS", "texts_to_tokenize"]
