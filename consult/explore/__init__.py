"""Exploring the evidence: keyword in context, co-occurrence networks, theme matrices and an
interactive evidence browser; every page in Korean (``lang="ko"``, the default) or English, with
the NanumGothic subset of its characters embedded.

This package sits at the level of the report and the export: it reads a ``Corpus``, a fitted
``ThemeModel`` or an ``Analysis`` and renders; nothing below it imports it.
"""

from __future__ import annotations

from .browser import browser_data, browser_html, write_browser
from .cooccurrence import EDGE_COLUMNS, NODE_COLUMNS, Network, cooccurrence
from .kwic import KWIC_COLUMNS, kwic, kwic_html, term_pattern
from .matrices import theme_cooccurrence, theme_expert_matrix
from .network_page import network_html
from .network_plot import plot_cooccurrence

__all__ = ["KWIC_COLUMNS", "kwic", "kwic_html", "term_pattern", "Network", "cooccurrence",
           "EDGE_COLUMNS", "NODE_COLUMNS", "plot_cooccurrence", "network_html", "theme_cooccurrence",
           "theme_expert_matrix", "browser_data", "browser_html", "write_browser"]
