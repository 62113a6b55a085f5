"""``consult compare``: academic vs industry (or any groups) — terms, themes, same-question pairs."""

from __future__ import annotations

import click

from .common import handle_errors, inputs_argument, quiet_option, taxonomy_options

BACKENDS = ("sklearn", "bertopic", "none")


@click.command("compare")
@inputs_argument()
@click.option("--by", default="role", show_default=True,
              help="Grouping column: role, organization, area, or a transcript metadata column.")
@click.option("--groups", default=None, metavar="A,B[,C...]",
              help="Groups to compare, comma-separated (default for role: academic,industry). "
                   "Three or more: each group against the rest.")
@click.option("--within", default="area", show_default=True, metavar="area|theme|none|COLUMN",
              help="Compare separately within each value of this (plus the pooled '(all)').")
@click.option("--min-count", type=click.IntRange(min=1), default=3, show_default=True,
              help="Leave out terms used fewer times than this in a block (both groups).")
@click.option("--text", "text", type=click.Choice(["answer", "question+answer"]), default="answer",
              show_default=True, help="Which text's tokens the term statistics count.")
@click.option("--themes-backend", type=click.Choice(BACKENDS), default="sklearn",
              show_default=True,
              help="Theme model for prevalence/consensus/divergence; 'none' skips themes.")
@click.option("--n-themes", type=click.IntRange(min=2), default=None,
              help="Number of themes (default: chosen by the theme model).")
@click.option("--n-boot", type=click.IntRange(min=1), default=1000, show_default=True,
              help="Bootstrap replicates (resampling transcripts) for the prevalence intervals.")
@click.option("--random-state", type=int, default=0, show_default=True,
              help="Seed of the theme model and the bootstrap (same seed, same output).")
@click.option("--output", "-o", default="-", show_default=True, type=click.Path(dir_okay=False),
              help="Output file: .xlsx writes every table as a sheet; .csv/.parquet/.json the "
                   "terms table; '-' writes the terms as CSV to stdout.")
@taxonomy_options
@quiet_option
@handle_errors
def compare(inputs, by, groups, within, min_count, text, themes_backend, n_themes, n_boot,
            random_state, output, areas, roles, quiet):
    """Compare groups of experts in the minutes of INPUTS (files or folders).

    Distinctive terms (weighted log-odds z, z > 0 leans to the first group), theme prevalence
    with bootstrap intervals over transcripts, consensus and divergence themes with quotes,
    and the same question answered by both groups side by side.
    """
    import warnings

    from .. import progress
    from ..compare import compare as run_compare
    from ..corpus import load
    from ..errors import ConsultWarning
    from ..io import write_table, write_tables

    if quiet:
        progress.set_enabled(False)
    corpus = load(list(inputs), areas=areas, roles=roles)
    model = None
    if themes_backend != "none":
        from ..themes import CorpusTooSmallError, EmptyCorpusError, ThemeModel

        kwargs = {"backend": themes_backend, "random_state": random_state}
        if n_themes is not None:
            kwargs["n_themes"] = n_themes
        try:
            model = ThemeModel(**kwargs).fit(corpus)
        except (CorpusTooSmallError, EmptyCorpusError) as exc:
            if within == "theme":
                raise
            # the terms and the pairs do not need themes: go on without them, and say so
            warnings.warn(f"themes skipped ({exc}); prevalence, consensus and divergence are "
                          "empty", ConsultWarning, stacklevel=2)
    result = run_compare(
        corpus, by=by, groups=groups, within=within, themes=model, text=text,
        min_count=min_count, n_boot=n_boot, random_state=random_state,
    )
    if str(output).lower().endswith(".xlsx"):
        write_tables(result.tables(), output)
    else:
        write_table(result.terms, output)
