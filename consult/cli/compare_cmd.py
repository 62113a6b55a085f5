"""``consult compare``: academic vs industry (or any groups) — terms, themes, same-question pairs."""

from __future__ import annotations

import click

from ..errors import UsageError
from ..schema import TEXT_UNITS
from .common import (
    check_outputs,
    codes_option,
    group_list,
    handle_errors,
    inputs_argument,
    lang_option,
    quiet_option,
    taxonomy_options,
    theme_backend_choices,
    theme_steering_options,
)

THEME_BACKENDS = theme_backend_choices()
#: tables ``--level`` can write (``groups`` is the groups summary)
COMPARE_LEVELS = ("terms", "findings", "positions", "questionnaire", "summary_checks", "groups",
                  "prevalence", "pairs", "by_year")


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
@click.option("--text", "text", type=click.Choice(TEXT_UNITS), default="answer",
              show_default=True, help="Which text's tokens the term statistics count.")
@click.option("--themes-backend", type=click.Choice(THEME_BACKENDS), default="sklearn",
              show_default=True,
              help="Theme model for the theme prevalence; 'none' skips themes.")
@click.option("--n-themes", type=click.IntRange(min=2), default=None,
              help="Number of themes (default: chosen by the theme model).")
@click.option("--n-boot", type=click.IntRange(min=1), default=1000, show_default=True,
              help="Bootstrap replicates (resampling transcripts) for the prevalence intervals.")
@click.option("--random-state", type=int, default=0, show_default=True,
              help="Seed of the theme model and the bootstrap (same seed, same output).")
@click.option("--level", type=click.Choice(COMPARE_LEVELS), default="terms", show_default=True,
              help="Table written to .csv/.parquet/.json/stdout: findings (where the groups agree "
                   "or differ on the questions both were asked, k of n asked, quoted), positions "
                   "(what each side named on each question), questionnaire (who was asked what), "
                   "summary_checks (the authors' summary tables against the minutes), or a "
                   "statistics table. .xlsx writes them all.")
@click.option("--output", "-o", default="-", show_default=True, type=click.Path(dir_okay=False),
              help="Output file: .xlsx writes every table as a sheet; .csv/.parquet/.json the "
                   "table named by --level; '-' writes that table as CSV to stdout.")
@click.option("--year", "years", multiple=True, metavar="DOC=YEAR",
              help="Year of a document (its file stem), overriding the year read from its title "
                   "or date line; repeatable. With several years the by_year table is written.")
@lang_option
@theme_steering_options
@codes_option
@taxonomy_options
@quiet_option
@handle_errors
def compare(inputs, by, groups, within, min_count, text, themes_backend, n_themes, n_boot,
            random_state, level, output, seed_themes, codebook, areas, roles, quiet, codes=None, years=(),
            lang="ko"):
    """Compare groups of experts in the minutes of INPUTS (files or folders).

    Where the groups agree, differ or are split on the questions both were asked (findings,
    quoted, k of n asked), what each side named on each question, distinctive terms (weighted
    log-odds z, z > 0 leans to the first group), theme prevalence with bootstrap intervals over
    experts, and the same question answered by both groups side by side.
    """
    from .. import progress
    from ..analysis import analyze
    from ..output import FORMATS, write_table, write_tables

    if quiet:
        progress.set_enabled(False)
    check_outputs([output], FORMATS)
    analysis = analyze(
        list(inputs), themes="none" if themes_backend == "none" else (
            "auto" if themes_backend == "sklearn" and within != "theme" else themes_backend),
        n_themes=n_themes, seed_themes=seed_themes, codebook=codebook, by=by,
        groups=group_list(groups), within=within, text=text,
        min_count=min_count, n_boot=n_boot, random_state=random_state, areas=areas, roles=roles,
        codes=codes,
    )
    result = analysis.comparison
    if result is None:  # the default groups are not both present
        raise UsageError("nothing to compare: " + "; ".join(analysis.warnings))
    tables = {**result.tables(), **{k: v for k, v in analysis.tables().items()
                                    if k in ("findings", "positions", "questionnaire",
                                             "summary_checks")}}
    if years or analysis.corpus.transcripts["year"].nunique() > 1:
        from ..timeline import by_year

        tables["by_year"] = by_year(analysis, list(years))
    if str(output).lower().endswith(".xlsx"):
        from ..report.builder import SHEET_VALUES

        write_tables({**tables, "points": analysis.corpus.points}, output,  # points: id links
                     lang=lang, values=SHEET_VALUES)
        return
    if level not in tables:
        raise UsageError(f"no {level} table: the comparison has "
                         f"{', '.join(tables)} (findings need two groups)")
    write_table(tables[level], output)
