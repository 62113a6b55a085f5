"""``consult export``: minutes to a REFI-QDA project (.qdpx), tables with themes, or presence."""

from __future__ import annotations

import click

from ..schema import EXPORT_FORMATS, RECORD_LEVELS
from .common import (
    check_outputs,
    handle_errors,
    inputs_argument,
    quiet_option,
    say,
    taxonomy_options,
)


@click.command("export")
@inputs_argument()
@click.option(
    "-o", "--output", default="-", show_default=True,
    help="Output file. Its suffix picks the format unless --format is given "
    "(.qdpx .csv .parquet .xlsx .json); '-' = CSV on stdout (not for qdpx).",
)
@click.option(
    "--format", "fmt", type=click.Choice(EXPORT_FORMATS), default=None,
    help="qdpx: REFI-QDA project for NVivo/MAXQDA/ATLAS.ti/QualCoder; csv/parquet/xlsx/json: "
    "the records at --level with their theme; presence: transcript x theme table "
    "(0/1 and counts; .xlsx also gets the wide form).",
)
@click.option(
    "--level", type=click.Choice(RECORD_LEVELS), default="point", show_default=True,
    help="Table formats: one row per point, question or transcript (transcripts get one "
    "column per theme). qdpx: theme codes go on each point's span, each question block, "
    "or the whole transcript.",
)
@click.option(
    "--themes/--no-themes", default=True, show_default=True,
    help="Fit themes (ThemeModel, sklearn backend, random_state=0) and include them as codes "
    "/ columns. --no-themes exports the records and speakers only.",
)
@click.option(
    "--question-codes", is_flag=True,
    help="qdpx: also code each question block with its number (Q1, Q2, ...).",
)
@taxonomy_options
@quiet_option
@handle_errors
def export(inputs, output, fmt, level, themes, question_codes, areas, roles, quiet):  # noqa: ANN001
    """Export minutes (.txt .pdf .hwpx .hwp .docx, files or folders) for other tools.

    \b
    Examples:
      consult export report.hwpx -o project.qdpx
      consult export report.pdf --format qdpx --question-codes -o project.qdpx
      consult export reports/ --format presence -o presence.xlsx
      consult export report.txt --level question -o questions.parquet
      consult export report.txt --no-themes -o points.csv
    """
    from ..export import export as run_export
    from ..progress import set_enabled

    set_enabled(not quiet)
    check_outputs([output], None)  # the format is checked by the export itself, first
    summary = run_export(
        list(inputs), output, format=fmt, level=level, themes=themes,
        question_codes=question_codes, areas=areas, roles=roles,
    )
    if output not in ("-", None):
        what = "transcripts" if summary["format"] == "qdpx" else "rows"
        themes_note = f", {summary['themes']} themes" if summary["themes"] else ""
        say(f"consult: wrote {summary['rows']} {what}{themes_note} ({summary['format']}) to {output}")
