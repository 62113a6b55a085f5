"""``consult kwic``: every hit of a term in the answer points, with its context, by group."""

from __future__ import annotations

import click

from .common import (
    check_outputs,
    handle_errors,
    inputs_argument,
    lang_option,
    quiet_option,
    say,
    taxonomy_options,
)

#: output suffix -> format (tables as in ``consult parse``, plus an escaped HTML page)
KWIC_FORMATS = {".csv": "csv", ".xlsx": "xlsx", ".json": "json", ".parquet": "parquet",
                ".html": "html", ".htm": "html"}


@click.command("kwic")
@click.argument("term")
@inputs_argument()
@click.option(
    "-o", "--output", default="-", show_default=True,
    help="Output file; its suffix picks the format (.csv .xlsx .html .json .parquet). "
    "'-' = CSV on stdout.",
)
@click.option("--by", default="role", show_default=True,
              help="Group column (a transcript column: role, organization, speaker…); '' = none.")
@click.option("--within", default="area", show_default=True,
              help="Block column the groups are split in (area by default); '' = none.")
@click.option("--window", type=click.IntRange(0, 500), default=30, show_default=True,
              help="Characters of context on each side of a hit.")
@click.option("--regex", is_flag=True, help="TERM is a regular expression (Python syntax).")
@click.option("--synonyms/--no-synonyms", default=True, show_default=True,
              help="Also find TERM's synonyms from the synonym table (consult/data/synonyms.toml).")
@click.option("--synonyms-file", type=click.Path(exists=True, dir_okay=False), default=None,
              help="TOML file of more synonyms ([synonyms] canonical = [variants]).")
@lang_option
@taxonomy_options
@quiet_option
@handle_errors
def kwic(term, inputs, output, by, within, window, regex, synonyms, synonyms_file,  # noqa: ANN001
         lang, areas, roles, quiet):
    """Keyword in context: every hit of TERM in the answer points of INPUTS, by group.

    \b
    Examples:
      consult kwic 인력 report.txt -o kwic.csv
      consult kwic "산학 협력" reports/ --by role --within area -o kwic.html
      consult kwic "AI|인공\\s*지능" report.txt --regex -o kwic.xlsx
      consult kwic 인력 report.txt -o kwic_en.html --lang en
    """
    from pathlib import Path

    from ..corpus import load
    from ..explore.kwic import kwic as run_kwic
    from ..explore.kwic import kwic_html
    from ..output import write_output, write_table, write_tables
    from ..progress import set_enabled

    set_enabled(not quiet)
    check_outputs([output], KWIC_FORMATS)
    corpus = load(list(inputs), areas=areas, roles=roles)
    syn = False if not synonyms else (synonyms_file or True)
    table = run_kwic(corpus, term, by=by or None, within=within or None, window=window,
                     regex=regex, synonyms=syn)
    fmt = "csv" if output in ("-", None) else KWIC_FORMATS[Path(output).suffix.lower()]
    if fmt == "html":
        groups = [c for c in (within, by) if c]
        write_output(output, kwic_html(table, term, groups, lang=lang))
    elif fmt == "xlsx":
        write_tables({"data": table}, output, lang=lang)
    else:
        write_table(table, output)
    if not len(table):
        say(f"consult: warning: no hit of {term!r} in the {len(corpus.points)} answer points")
    if output not in ("-", None):
        say(f"consult: wrote {len(table)} hits of {term!r} to {output}")
