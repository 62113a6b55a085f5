"""Exports for other tools: REFI-QDA projects (``.qdpx``), tables with themes, presence tables.

    >>> from consult.export import export, write_qdpx, presence_table   # doctest: +SKIP
"""

from __future__ import annotations

from .presence import PRESENCE_COLUMNS, presence_table
from .qdpx import build_project, transcript_sources, write_qdpx
from .tables import (
    FORMATS_OUT,
    export,
    fit_themes,
    point_theme_pairs,
    records_with_themes,
    theme_tables,
)

#: the name docs/cli/README.md gives the Python side of ``consult export --format qdpx``
export_qdpx = write_qdpx

__all__ = [
    "export",
    "FORMATS_OUT",
    "write_qdpx",
    "export_qdpx",
    "build_project",
    "transcript_sources",
    "presence_table",
    "PRESENCE_COLUMNS",
    "records_with_themes",
    "theme_tables",
    "point_theme_pairs",
    "fit_themes",
]
