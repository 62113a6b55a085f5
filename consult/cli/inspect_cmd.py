"""``consult inspect``: what the parser found in a file and the conventions it detected."""

from __future__ import annotations

import click

from .common import handle_errors, taxonomy_options, terminal_text


@click.command("inspect")
@click.argument("file", type=click.Path())
@click.option(
    "--hints", type=click.Path(exists=True, dir_okay=False),
    help="Layout-hints TOML: speaker, question or closing patterns, or a forced shape "
    "(see docs/cli/inspect.md).",
)
@taxonomy_options
@handle_errors
def inspect(file, hints, areas, roles):  # noqa: ANN001
    """Show how FILE was read: shape, conventions, transcripts with speakers and counts, residue.

    A file without minutes is shown too (what was seen), then the error `consult parse` gives,
    with exit status 1.

    \b
    Examples:
      consult inspect minutes.hwpx
      consult inspect minutes.txt --hints my_layout.toml
    """
    from ..corpus import check_minutes
    from ..parse import inspect_file

    found = inspect_file(file, hints=hints, areas=areas, roles=roles)
    click.echo(terminal_text(found.text()))
    check_minutes(found.parsed, hint=False)  # no minutes: one error line, exit status 1
