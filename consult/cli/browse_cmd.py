"""``consult browse``: the interactive evidence browser, one self-contained HTML file."""

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

BROWSE_FORMATS = {".html": "html", ".htm": "html"}


@click.command("browse")
@inputs_argument()
@click.option("-o", "--output", default="evidence.html", show_default=True,
              help="The HTML file to write.")
@click.option("--themes/--no-themes", default=True, show_default=True,
              help="Fit themes (and the findings) so the points can be filtered by them.")
@click.option("--n-themes", type=click.IntRange(min=2), default=None,
              help="Number of themes (default: chosen from the corpus size).")
@click.option("--title", default=None, help="The page title (default: 증거 탐색기, or "
              "Evidence browser with --lang en).")
@lang_option
@taxonomy_options
@quiet_option
@handle_errors
def browse(inputs, output, themes, n_themes, title, lang, areas, roles, quiet):  # noqa: ANN001
    """Write the evidence browser of INPUTS: every answer point, filterable by area, role,
    theme and finding, with a search box; no script or file is loaded from elsewhere.

    \b
    Examples:
      consult browse report.txt -o evidence.html
      consult browse reports/ --no-themes -o evidence.html
      consult browse report.txt -o evidence_en.html --lang en
    """
    from ..analysis import analyze
    from ..corpus import load
    from ..explore.browser import write_browser
    from ..progress import set_enabled

    set_enabled(not quiet)
    check_outputs([output], BROWSE_FORMATS)
    corpus = load(list(inputs), areas=areas, roles=roles)
    analysis = analyze(corpus, themes="auto" if themes else "none", n_themes=n_themes,
                       compare_groups=themes, random_state=0)
    path = write_browser(analysis, output, title=title, lang=lang)
    say(f"consult: wrote {len(corpus.points)} points to {path}")
