"""Exports for other tools: REFI-QDA projects (``.qdpx``) and theme presence tables."""

from __future__ import annotations

from .presence import PRESENCE_COLUMNS, presence_table
from .qdpx import build_project, transcript_sources, write_qdpx

__all__ = [
    "write_qdpx",
    "build_project",
    "transcript_sources",
    "presence_table",
    "PRESENCE_COLUMNS",
]
