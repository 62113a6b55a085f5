# %% [markdown]
# # consult walkthrough: from the sample report to a comparison report
#
# The bundled sample is the text of the KAIST 국가미래전략기술 정책연구소 2023 annual report: five
# technology areas, each with the minutes of its expert consultations (전문가 자문 회의록), plus a
# two-session forum. This walkthrough loads it, looks at the records, finds recurring themes,
# compares academic and industry experts area by area, draws the charts and writes the report.
#
# Run it as a script (`python examples/walkthrough.py`) or cell by cell in Jupyter / VS Code
# (`# %%` cells); in a notebook the tables and figures display inline. The test suite executes
# it, so every line here works.

# %%
import tempfile
import warnings
from pathlib import Path

import pandas as pd

import consult
from consult import plots
from consult.labels import area_label

HERE = Path(__file__).resolve().parent if "__file__" in globals() else Path("examples")
SAMPLE = HERE / "data" / "kaist_2023_annual_report.txt"
WORK = tempfile.TemporaryDirectory(prefix="consult-walkthrough-")  # removed at the end
OUT = Path(WORK.name)
pd.set_option("display.width", 160)
pd.set_option("display.max_colwidth", 60)

# %% [markdown]
# ## 1. Load: minutes → records
#
# `consult.load` reads files or folders (`.txt` in any encoding, `.pdf`, `.hwpx`, `.hwp`,
# `.docx`) and returns a `Corpus` of tables. Every record has a stable id:
# `<doc>#T07` (transcript = one expert), `#T07.Q2` (question), `#T07.Q2.P3` (answer point),
# and its source page and lines.

# %%
corpus = consult.load(SAMPLE)
print(corpus)
corpus.transcripts[["transcript_id", "area", "speaker", "role", "n_questions", "line_start"]].head(8)

# %% [markdown]
# Who was consulted, by area and role (a transcript is one expert):

# %%
experts = pd.crosstab(corpus.transcripts["area"].map(area_label), corpus.transcripts["role"])  # 포럼·기타
print(experts)

# %% [markdown]
# One question and its answer points, with the lines they come from:

# %%
q = corpus.questions.iloc[0]
print(q["question_id"], "—", q["question"])
corpus.points[corpus.points["question_id"] == q["question_id"]][["point_id", "text", "line_start"]]

# %% [markdown]
# The report's authors summarised each area in a table (주요 질문 / 전문가 의견); consult recovers
# those rows too, so the report can put them next to what the minutes say:

# %%
corpus.summaries[["area", "question_topic", "opinion"]].head(5)

# %% [markdown]
# ## 2. Recurring themes
#
# A theme is a concern that recurs across experts, found without naming it in advance. The
# model follows scikit-learn's conventions: parameters in the constructor, `fit` returns the
# model, learned tables end in `_`.

# %%
model = consult.ThemeModel(backend="sklearn", random_state=0).fit(corpus)
model.themes_[["theme_id", "label", "keywords", "size"]].head(10)

# %%
model.assignments_.head()

# %% [markdown]
# ## 3. Academic vs industry, per area
#
# Distinctive terms (weighted log-odds z; z > 0 leans to academia), theme prevalence with
# bootstrap intervals over experts, and the same question answered by both sides. Where the two
# sides agree or differ is said by the findings (`consult.analyze(...).findings`, below), on the
# questions both were asked. Areas with one or two industry experts are normal in minutes: consult
# warns, the tables carry `n` per group, and with fewer than three experts on a side there is no
# z-score — only how many experts of each side used a term.

# %%
with warnings.catch_warnings():
    warnings.simplefilter("ignore", consult.SmallSampleWarning)
    cmp = consult.compare(corpus, by="role", groups=("academic", "industry"), within="area", themes=model)
cmp.groups_summary[["within", "group", "n_transcripts", "small_sample"]].head(12)

# %%
battery = cmp.terms[cmp.terms["within"] == "이차전지"]
print(battery["statistic"].iloc[0], "—", battery["n_a"].iloc[0], "academic and", battery["n_b"].iloc[0],
      "industry experts in 이차전지: no z, only who used each term")
gap = battery["docs_a"] / battery["n_a"] - battery["docs_b"] / battery["n_b"]
leaning = battery.assign(gap=gap).sort_values(["gap", "term"])
pd.concat([leaning.head(5), leaning.tail(5)])[["term", "docs_a", "n_a", "docs_b", "n_b"]]

# %% [markdown]
# ## 4. Charts
#
# Each chart is a function that takes a result and returns a matplotlib `Figure` (Hangul in
# NanumGothic, no missing-glyph boxes; labels in Korean, `lang="en"` for English). In a notebook
# it displays inline; here we save it. No area of the sample has three experts on each side, so
# the distinctive-terms chart is drawn for every area pooled (20 academic, 13 industry experts):
# pooling mixes area with group, so read it as a first look, not a finding.

# %%
with warnings.catch_warnings():
    warnings.simplefilter("ignore", consult.SmallSampleWarning)
    pooled = consult.compare(corpus, by="role", groups=("academic", "industry"), within="none", themes=model)
figures = {
    "overview": plots.plot_overview(corpus),
    "themes": plots.plot_theme_heatmap(model, corpus, by=("area", "role")),
    "terms_pooled": plots.plot_terms(pooled),
    "prevalence_battery": plots.plot_prevalence(cmp, "이차전지"),
}
for name, fig in figures.items():
    fig.savefig(OUT / f"{name}.png", dpi=110)
print("charts in", OUT)

# %% [markdown]
# ## 5. The report
#
# `consult.build_report` collects every section; `write` picks the format from the suffix: one
# self-contained HTML page, Markdown with its charts in `<stem>_files/`, or an Excel workbook.
# The same from a shell: `consult report examples/data/kaist_2023_annual_report.txt -o report.html`.

# %%
report = consult.build_report(corpus, themes=model, comparison=cmp)
for suffix in (".html", ".md", ".xlsx"):
    path = report.write(OUT / f"report{suffix}")
    print(f"{path}  {path.stat().st_size / 1e6:.2f} MB")

# %% [markdown]
# To keep the report, write it to a folder of your own (`report.write("report.html")`) and open
# it in a browser. [docs/report.md](../docs/report.md) explains how to read it: every number and
# quote links to its record in the last section, so each claim can be checked against the source
# lines. The temporary folder goes:

# %%
WORK.cleanup()
print("removed", OUT, not OUT.exists())
