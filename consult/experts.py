"""Moved to :mod:`consult.people.experts`; this name stays while ``consult.analysis``,
``consult.findings`` and ``consult.report`` still import it (to be removed once they import
``consult.people``)."""

from .people.experts import EXPERT_SEP, ExpertView, expert_view

__all__ = ["expert_view", "ExpertView", "EXPERT_SEP"]
