"""``consult cooccur``: which words each group's experts use together, as tables or a figure."""

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

#: output suffix -> format: the edges table, both tables as sheets, the side-by-side figure, or
#: a page of the figures and tables
COOCCUR_FORMATS = {".csv": "csv", ".json": "json", ".parquet": "parquet", ".xlsx": "xlsx",
                   ".png": "png", ".html": "html", ".htm": "html"}


@click.command("cooccur")
@inputs_argument()
@click.option("-o", "--output", required=True,
              help="Output file; its suffix picks the format: .csv/.json/.parquet (the edges), "
                   ".xlsx (edges and nodes sheets), .png (the groups' networks side by side), "
                   ".html (a page with each block's networks and the groups' words and links).")
@click.option("--by", default="role", show_default=True, help="Group column (a transcript column).")
@click.option("--within", default=None, help="Also split by this column (e.g. area).")
@click.option("--measure", type=click.Choice(["jaccard", "pmi"]), default="jaccard",
              show_default=True, help="Edge weight of two words used in the same answer point.")
@click.option("--min-count", type=click.IntRange(min=1), default=2, show_default=True,
              help="Leave out words used in fewer answer points than this.")
@click.option("--top", type=click.IntRange(min=1), default=60, show_default=True,
              help="Strongest edges kept per group (and block).")
@click.option("--themes", "with_themes", is_flag=True,
              help="Also fit the themes and write theme x theme co-occurrence (same answer point, "
                   "same expert) and the theme x expert matrix (.xlsx sheets).")
@lang_option
@taxonomy_options
@quiet_option
@handle_errors
def cooccur(inputs, output, by, within, measure, min_count, top, with_themes, lang, areas,  # noqa: ANN001
            roles, quiet):
    """Co-occurrence networks per group: words used together in the same answer point.

    \b
    Examples:
      consult cooccur report.txt -o network.png
      consult cooccur report.txt --within area -o network.html
      consult cooccur reports/ --within area --measure pmi -o network.xlsx
      consult cooccur report.txt --themes -o matrices.xlsx
    """
    from pathlib import Path

    from ..corpus import load
    from ..explore import cooccurrence, network_html, plot_cooccurrence
    from ..output import write_output, write_table, write_tables
    from ..plots import figure_png
    from ..progress import set_enabled

    set_enabled(not quiet)
    check_outputs([output], COOCCUR_FORMATS)
    corpus = load(list(inputs), areas=areas, roles=roles)
    net = cooccurrence(corpus, by=by, within=within or None, min_count=min_count, top=top,
                       measure=measure)
    fmt = COOCCUR_FORMATS[Path(output).suffix.lower()]
    if fmt == "png":
        write_output(output, figure_png(plot_cooccurrence(net, lang=lang)))
    elif fmt == "html":
        write_output(output, network_html(net, lang=lang))
    elif fmt == "xlsx":
        sheets = {"edges": net.edges, "nodes": net.nodes}
        if with_themes:
            from ..explore import theme_cooccurrence, theme_expert_matrix
            from ..themes import ThemeModel

            model = ThemeModel(random_state=0).fit(corpus)
            sheets["theme_x_theme_points"] = theme_cooccurrence(model, "point").reset_index()
            sheets["theme_x_theme_experts"] = theme_cooccurrence(model, "expert").reset_index()
            sheets["theme_x_expert"] = theme_expert_matrix(model, corpus).reset_index()
        write_tables(sheets, output, lang=lang)
    else:
        write_table(net.edges, output)
    if not quiet:
        say(f"consult: wrote {len(net.edges)} edges, {len(net.nodes)} nodes to {output}")
