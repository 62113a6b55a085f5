"""``consult agree``: how well the theme model agrees with people's codes (a coded .qdpx)."""

from __future__ import annotations

import click

from ..themes.base import BACKENDS
from .common import check_outputs, handle_errors, inputs_argument, quiet_option, taxonomy_options


@click.command("agree")
@inputs_argument()
@click.option("--codes", required=True, type=click.Path(exists=True, dir_okay=False),
              metavar="PROJECT.qdpx",
              help="Coded REFI-QDA project (QualCoder, NVivo, MAXQDA, ATLAS.ti, or consult's "
                   "export recoded) made from the same minutes.")
@click.option("--coder", default=None, help="Only this coder's codes (default: every person's).")
@click.option("--themes-backend", type=click.Choice(BACKENDS), default="sklearn",
              show_default=True, help="Theme model compared with the codes.")
@click.option("--n-themes", type=click.IntRange(min=2), default=None,
              help="Number of themes (default: chosen by the theme model).")
@click.option("--n-boot", type=click.IntRange(min=0), default=1000, show_default=True,
              help="Bootstrap replicates over points for kappa's interval; 0: asymptotic SE.")
@click.option("--random-state", type=int, default=0, show_default=True,
              help="Seed of the theme model and the bootstrap.")
@click.option("--output", "-o", default="-", show_default=True, type=click.Path(dir_okay=False),
              help="Output file (.csv, .xlsx, .parquet, .json; '-' = CSV on stdout).")
@taxonomy_options
@quiet_option
@handle_errors
def agree(inputs, codes, coder, themes_backend, n_themes, n_boot, random_state, output, areas,
          roles, quiet):
    """Agreement between the theme model and the codes of a coded project, per code.

    For each code: the best-matching theme, precision/recall/F1 over answer points, Cohen's
    kappa with a 95% interval, and with two coders in the project their own kappa (the ceiling).
    """
    from .. import progress
    from ..analysis import analyze
    from ..corpus import load
    from ..output import FORMATS, write_table
    from ..qda import agreement, read_codes

    if quiet:
        progress.set_enabled(False)
    check_outputs([output], FORMATS)
    corpus = load(list(inputs), areas=areas, roles=roles)
    coded = read_codes(codes, corpus)  # before the theme model: a bad project fails fast
    analysis = analyze(corpus, themes=themes_backend, n_themes=n_themes,
                       compare_groups=False, random_state=random_state)
    table = agreement(analysis, coded, coder=coder, n_boot=n_boot, random_state=random_state)
    write_table(table, output)
