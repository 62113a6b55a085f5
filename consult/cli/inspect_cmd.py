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

    \b
    Examples:
      consult inspect minutes.hwpx
      consult inspect minutes.txt --hints my_layout.toml
    """
    from ..parse import inspect_file

    click.echo(terminal_text(inspect_file(file, hints=hints, areas=areas, roles=roles).text()))
