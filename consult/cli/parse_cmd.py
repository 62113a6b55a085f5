"""``consult parse``: minutes into records (points, questions, transcripts, …).

One file is loaded whole and written with :func:`consult.output.write_table`. Several files or a
folder are streamed (:func:`consult.stream.stream_parse`): each file is read, parsed and its
rows appended to the output before the next is read, so memory stays bounded whatever the
number of files; a file that fails is one warning line and the others go on (exit status 0 when
anything was parsed, 1 when nothing was). The records are the same either way.
"""

from __future__ import annotations

import click

from ..schema import PARSE_LEVELS
from .common import (
    check_outputs,
    handle_errors,
    inputs_argument,
    quiet_option,
    say,
    taxonomy_options,
    terminal_text,
)


@click.command("parse")
@inputs_argument()
@click.option(
    "-o", "--output", default="-", show_default=True,
    help="Output file; its suffix picks the format (.csv .parquet .xlsx .json). '-' = CSV on stdout.",
)
@click.option(
    "--level", type=click.Choice(PARSE_LEVELS), default="point", show_default=True,
    help="One row per answer point, question, transcript, summary-table row, or source line "
    "(coverage: every non-blank line; residue: lines in no record, with the reason).",
)
@click.option(
    "--summary", "show_summary", is_flag=True,
    help="Print transcripts, questions and points per area and role instead of the records.",
)
@taxonomy_options
@quiet_option
@handle_errors
def parse(inputs, output, level, show_summary, areas, roles, quiet):  # noqa: ANN001
    """Parse consultation minutes (.txt .pdf .hwpx .hwp .docx, files or folders) into records.

    \b
    Examples:
      consult parse report.txt -o records.csv
      consult parse report.pdf --level question -o questions.xlsx
      consult parse reports/ --summary
    """
    from pathlib import Path

    from ..corpus import load
    from ..output import FORMATS, write_table
    from ..progress import set_enabled

    set_enabled(not quiet)
    if not show_summary:
        check_outputs([output], FORMATS)  # before any file is read
    if len(inputs) > 1 or any(Path(i).is_dir() for i in inputs):
        _parse_streaming(list(inputs), output, level, show_summary, areas, roles)
        return
    corpus = load(list(inputs), areas=areas, roles=roles)
    if show_summary:
        _echo_summary(corpus.summary(), len(corpus.documents))
        return
    table = corpus.table(level)
    write_table(table, output)
    if output not in ("-", None):
        say(f"consult: wrote {len(table)} {level} rows to {output}")


def _parse_streaming(inputs, output, level, show_summary, areas, roles) -> None:  # noqa: ANN001
    """Several files or folders: file by file, each file's rows appended to the output."""
    from ..stream import stream_parse

    result = stream_parse(
        inputs, None if show_summary else output, level=level, areas=areas, roles=roles
    )
    if show_summary:
        _echo_summary(result.summary, result.parsed)
        return
    failed = len(result.failures)
    note = f" ({failed} of {result.files} files failed; see the warnings above)" if failed else ""
    if output not in ("-", None):
        say(f"consult: wrote {result.rows} {level} rows to {output}{note}")
    elif failed:
        say(f"consult: {failed} of {result.files} files failed; see the warnings above")


def _echo_summary(table, n_documents: int) -> None:  # noqa: ANN001 - a DataFrame
    """Print the per-area × role counts and their totals."""
    click.echo(terminal_text(table.to_string(index=False)))
    totals = table[["transcripts", "questions", "points"]].sum()
    click.echo(
        f"total: {n_documents} document(s), {totals['transcripts']} transcripts, "
        f"{totals['questions']} questions, {totals['points']} points"
    )
