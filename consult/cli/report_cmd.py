"""``consult report``: the comparison report as one HTML page, Markdown, an Excel workbook, or an
editable Word (``.docx``) or Hangul (``.hwpx``) document."""

from __future__ import annotations

import click

from ..output import REPORT_FORMATS
from .common import (
    check_outputs,
    codes_option,
    group_list,
    handle_errors,
    inputs_argument,
    quiet_option,
    say,
    taxonomy_options,
    theme_backend_choices,
    theme_steering_options,
)

THEME_BACKENDS = theme_backend_choices()


def _check_output(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> tuple[str, ...]:
    for v in value:
        if not any(v.lower().endswith(s) for s in REPORT_FORMATS):
            raise click.BadParameter(
                f"{v!r}: the suffix picks the format; use one of {', '.join(REPORT_FORMATS)}", ctx, param
            )
    return value


@click.command("report")
@inputs_argument()
@click.option("--output", "-o", "outputs", multiple=True, required=True, callback=_check_output,
              type=click.Path(dir_okay=False),
              help="Output file; the suffix picks the format: .html (one self-contained page), "
                   ".md (Markdown, charts in <stem>_files/), .xlsx (every table as a sheet), "
                   ".docx (Word) or .hwpx (Hangul), editable documents. Repeat to write several "
                   "formats from one run.")
@click.option("--backend", type=click.Choice(THEME_BACKENDS), default="sklearn", show_default=True,
              help="Theme model backend; 'none' leaves the theme sections out.")
@click.option("--n-themes", type=click.IntRange(min=2), default=None, metavar="K",
              help="Number of themes (default: chosen by the theme model for the corpus size).")
@click.option("--by", default="role", show_default=True,
              help="Grouping column compared in each area (role, organization, …).")
@click.option("--groups", default=None, metavar="A,B",
              help="The two groups compared in each area, comma-separated (default for role: "
                   "academic,industry when both are present).")
@click.option("--title", default=None, help="Title of the report (default: the documents' own title line, when they share one).")
@click.option("--lang", type=click.Choice(["ko", "en"]), default="ko", show_default=True,
              help="Language of the report's headings, captions and sentences: Korean (ko) or English "
                   "(en). Quotes, areas and theme labels stay as the minutes write them.")
@click.option("--random-state", type=int, default=0, show_default=True,
              help="Seed of the theme model and the bootstrap (same seed, same report).")
@click.option("--embed-font/--no-embed-font", default=True, show_default=True,
              help="Embed a NanumGothic subset in the HTML so Hangul shows on machines without "
                   "a Korean font (adds about 100 KB).")
@click.option("--browser", is_flag=True,
              help="With an .html output, also write the interactive evidence browser beside it "
                   "(<stem>_evidence.html) and link the report to it.")
@theme_steering_options
@codes_option
@taxonomy_options
@quiet_option
@handle_errors
def report(inputs, outputs, backend, n_themes, by, groups, title, lang, random_state, embed_font, browser,
           seed_themes, codebook, areas, roles, quiet, codes=None):
    """Write the comparison report of the minutes in INPUTS (files or folders).

    Overview of experts by area and role, recurring themes with quotes, academic vs industry
    per area (the findings on the questions both sides were asked, what each side named,
    distinctive terms, theme prevalence, same-question answers side by side), concerns across
    areas, the report authors' own summary tables checked claim by claim, and every record, each
    number and quote linked to its record.

    \b
    Examples:
      consult report examples/data/kaist_2023_annual_report.txt -o report.html
      consult report minutes/ -o report.md -o report.xlsx --n-themes 12
      consult report minutes/ -o report.hwpx -o report.docx
      consult report examples/data/kaist_2023_annual_report.txt -o report_en.html --lang en
    """
    from .. import progress
    from ..tokens import default_tokenizer

    if quiet:
        progress.set_enabled(False)
    chosen = group_list(groups)
    if chosen is not None and len(chosen) != 2:
        raise click.BadParameter("give exactly two groups, e.g. academic,industry", param_hint="--groups")
    check_outputs(outputs, REPORT_FORMATS, "report")
    _check_not_inputs(outputs, inputs)
    # a first run: Kiwi loads in a forked child while the libraries are imported and the
    # minutes read; the texts are then analysed there (same tokens) while this process imports
    # what the later stages use (docs/scaling.md)
    default_tokenizer().prefetch(while_waiting=_import_later_stages)
    from ..report.builder import check_writer  # lazy: the CLI loads the stage it runs

    for out in outputs:
        check_writer(out)
    _check_companions(outputs, browser)
    _report(inputs, outputs, backend, n_themes, by, chosen, title, lang, random_state, embed_font,
            browser, seed_themes, codebook, areas, roles, quiet, codes)


#: the libraries (and consult's modules) the stages after tokenizing import: themes, compare,
#: charts, the HTML page and its font subset
LATER_STAGE_MODULES = (
    "sklearn.feature_extraction.text", "sklearn.decomposition", "sklearn.metrics",
    "wordfreq", "matplotlib.figure", "matplotlib.backends.backend_agg", "fontTools.subset", "jinja2",
    "consult.themes", "consult.comparison", "consult.findings", "consult.plots", "consult.report",
)


def _import_later_stages() -> None:
    """Import :data:`LATER_STAGE_MODULES` and register the charts' Korean font: what a first run
    does while its texts are tokenized in the prefetch child (otherwise a wait). A module that
    does not import is left to its stage, which says so."""
    import importlib

    for name in LATER_STAGE_MODULES:
        try:
            importlib.import_module(name)
        except ImportError:
            continue
    from ..fonts import setup_korean_font

    setup_korean_font(rc=False)


def _check_not_inputs(outputs: tuple[str, ...], inputs: tuple[str, ...]) -> None:
    """An output that is one of the minutes read (``minutes.hwpx -o minutes.hwpx``) would replace
    them: refused before any work."""
    import os

    from ..errors import UsageError

    read = {os.path.realpath(p) for p in inputs}
    for out in outputs:
        if os.path.realpath(out) in read:
            raise UsageError("is one of the inputs: writing the report there would replace the "
                             "minutes; choose another output name", path=str(out))


def _check_companions(outputs: tuple[str, ...], browser: bool) -> None:
    """The files a report writes beside itself, checked like the outputs: ``<stem>_evidence.html``
    (``--browser``) and the Markdown report's ``<stem>_files/`` folder of charts."""
    from pathlib import Path

    from ..errors import UsageError
    from ..output import check_output

    for out in outputs:
        path = Path(out)
        if browser and path.suffix.lower() in (".html", ".htm"):
            check_output(path.with_name(f"{path.stem}_evidence.html"))
        if path.suffix.lower() in (".md", ".markdown"):
            charts = path.with_name(f"{path.stem}_files")
            if charts.is_symlink() or (charts.exists() and not charts.is_dir()):
                raise UsageError("the Markdown report's chart folder is a file or a symlink; "
                                 "remove it or choose another output name", path=str(charts))


def _report(inputs, outputs, backend, n_themes, by, chosen, title, lang, random_state, embed_font,
            browser, seed_themes, codebook, areas, roles, quiet, codes) -> None:
    from .. import progress
    from ..analysis import analyze
    from ..corpus import load
    from ..report import build_report
    from ..tokens import default_tokenizer

    with progress.stage("parse"):
        corpus = load(list(inputs), areas=areas, roles=roles)
    analysis = analyze(  # its stages: tokenize (one batch), themes, compare
        corpus, themes="none" if backend == "none" else ("auto" if backend == "sklearn" else backend),
        n_themes=n_themes, seed_themes=seed_themes, codebook=codebook, by=by, groups=chosen,
        random_state=random_state, areas=areas, roles=roles,
        codes=codes,
    )
    built = build_report(analysis, title=title, embed_font=embed_font, lang=lang, browser=browser)
    default_tokenizer().end_prefetch()  # every text is analysed by now
    html = any(str(out).lower().endswith((".html", ".htm")) for out in outputs)
    # the charts every format shows, drawn once (stage "charts"); meanwhile the page's font subset
    built.png(meanwhile=built.prepare_font if html else None)
    with progress.stage("write"):
        for out in outputs:
            path = built.write(out)
            if not quiet:
                say(f"consult: wrote {path}")
