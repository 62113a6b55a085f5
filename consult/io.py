"""Moved to :mod:`consult.output` (``io`` shadowed the standard library's name); this name stays
while ``consult.report.builder`` still imports it (to be removed once it imports
``consult.output``)."""

from .output import (
    FORMATS,
    REPORT_FORMATS,
    atomic_output,
    check_parent,
    csv_ready,
    format_of,
    output_format,
    raw_csv,
    write_table,
    write_tables,
)

__all__ = ["write_table", "write_tables", "format_of", "output_format", "check_parent", "FORMATS",
           "csv_ready", "raw_csv", "atomic_output", "REPORT_FORMATS"]
