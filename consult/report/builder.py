"""Build the comparison report and write it as HTML, Markdown, Excel, Word or Hangul.

    report = build_report(corpus)                    # fits themes and the comparison if not given
    report.write("report.html")                      # or .md / .xlsx / .docx / .hwpx (by suffix)
    build_report(corpus, lang="en")                  # the report in English (default: Korean)
    html = report.to_html()                          # the self-contained HTML as a string

``write_report(corpus, path, ...)`` does both in one call.
"""

from __future__ import annotations

import base64
import importlib.util
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ..analysis import Analysis, analyze, with_comparison
from ..distribution import install_hint
from ..errors import ConsultError
from ..findings import KIND_NAMES
from ..findings.summaries import VERDICT_LABELS
from ..labels import NO_AREA, area_label
from ..output import (
    REPORT_FORMATS,
    atomic_output,
    check_parent,
    output_format,
    write_output,
    write_tables,
)
from ..sanitize import clean_text
from ._chart_png import render_charts
from .i18n import LANGS, Translator, check_lang
from .summary import collect_summary, document_title

__all__ = ["Report", "build_report", "write_report", "FORMATS", "LANGS", "SHEET_VALUES"]

#: output suffix → format
FORMATS = REPORT_FORMATS
#: the findings' own names of their values, for a Korean workbook (``consult.i18n.workbook_words``)
SHEET_VALUES = {"kind": KIND_NAMES, "verdict": VERDICT_LABELS}
_TEMPLATES = Path(__file__).parent / "templates"


#: the package each editable format is written with (both in the ``office`` extra)
WRITERS = {"docx": "docx", "hwpx": "hwpx"}


def _format_of(path: str | Path) -> str:
    return output_format(path, FORMATS, "report")


def check_writer(path: str | Path) -> str:
    """The report format of ``path``; a one-line error, before any work, when it is an editable
    document whose writer (python-docx, python-hwpx) is not installed."""
    fmt = _format_of(path)
    if fmt in WRITERS and importlib.util.find_spec(WRITERS[fmt]) is None:
        package = {"docx": "python-docx", "hwpx": "python-hwpx"}[fmt]
        raise ConsultError(f"writing .{fmt} needs {package}: {install_hint('office')}", path=str(path))
    return fmt


class Report:
    """The collected report: sections as plain data, charts drawn on demand.

    Make one with :func:`build_report`. ``to_html()``, ``to_markdown()`` and ``tables()`` give
    the three formats of text and tables; ``write(path)`` picks one by suffix, and also writes
    the editable documents ``.docx`` (Word) and ``.hwpx`` (한글).
    """

    def __init__(self, data: dict, charts: dict[str, Callable], tables: dict[str, Any], *, dpi: int = 110,
                 embed_font: bool = True, workers: int | None = None):
        self.data = data
        self.workers = workers
        self._charts = charts
        self._tables = tables
        self._png: dict[str, bytes] | None = None
        self.dpi = dpi
        self.embed_font = embed_font

    # -- pieces
    @property
    def title(self) -> str:
        return self.data["title"]

    @property
    def lang(self) -> str:
        """The report's language: ``ko`` or ``en``."""
        return self.data.get("lang", "ko")

    def chart_names(self) -> list[str]:
        return list(self._charts)

    def figure(self, name: str):
        """Draw one chart (a matplotlib ``Figure``)."""
        return self._charts[name]()

    def png(self, *, progress: bool | None = None, meanwhile: Callable[[], Any] | None = None
            ) -> dict[str, bytes]:
        """Every chart as PNG bytes (drawn once, then cached). ``meanwhile()`` is called here while
        worker processes draw (or after drawing, without workers)."""
        if self._png is None:
            from ..progress import progress as bar
            from ..progress import stage

            with stage("charts", enabled=progress), bar(total=len(self._charts), desc="charts",
                                                         enabled=progress) as b:
                self._png = render_charts(self._charts, self.dpi, b.update, workers=self.workers,
                                           meanwhile=meanwhile)
        elif meanwhile is not None:
            meanwhile()
        return self._png

    def prepare_font(self) -> None:
        """Make the embedded font subset of the HTML page now (kept for :meth:`to_html`): the
        page's characters do not depend on the charts (base64 is ASCII), so this can run while
        the charts are drawn (``png(meanwhile=report.prepare_font)``)."""
        if not self.embed_font:
            return
        from markupsafe import Markup

        from ..fontembed import font_face_css

        images = dict.fromkeys(self._charts, "data:image/png;base64,")
        data = {**self.data, "browser": self.data.get("browser")}
        css = Markup((_TEMPLATES / "report.css").read_text(encoding="utf-8"))
        html = self._env().get_template("report.html.j2").render(d=data, img=images, css=css, font_css="")
        font_face_css(html)  # cached by character set: to_html finds it (or makes its own)

    def tables(self) -> dict[str, Any]:
        """The report's tables as DataFrames, by sheet name (what ``.xlsx`` holds)."""
        return dict(self._tables)

    # -- formats
    def _env(self, markdown: bool = False):
        """The templates' environment for HTML or Markdown, made once per report (jinja2 keeps
        the compiled templates in it: the page is rendered twice, for its font and for good)."""
        envs = self.__dict__.setdefault("_envs", {})
        key = (markdown, self.lang)
        if key not in envs:
            envs[key] = self._new_env(markdown)
        return envs[key]

    def _new_env(self, markdown: bool):
        import jinja2

        from ..display import anchor, cell_html, cell_text, table_html
        from .markdown import md, md_cell, md_table

        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(_TEMPLATES)),
            autoescape=not markdown,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            undefined=jinja2.StrictUndefined,
        )
        env.globals.update(table=md_table if markdown else table_html, cell=md_cell if markdown else cell_html,
                           text=cell_text, anchor=anchor, _=_gettext(Translator(self.lang), markdown),
                           lang=self.lang)
        t = Translator(self.lang)
        env.filters.update(md=md, num=_num, pct=_pct,
                           role_count=lambda rc: t("{role} {n}", role=rc[0], n=rc[1]))
        return env

    def to_html(self, *, progress: bool | None = None) -> str:
        """The whole report as one self-contained HTML page (charts as base64 PNG)."""
        pngs = self.png(progress=progress)
        images = {k: "data:image/png;base64," + base64.b64encode(v).decode("ascii") for k, v in pngs.items()}
        from markupsafe import Markup

        css = Markup((_TEMPLATES / "report.css").read_text(encoding="utf-8"))  # our own file
        html = self._env().get_template("report.html.j2").render(d=self.data, img=images, css=css, font_css="")
        if self.embed_font:
            from ..fontembed import font_face_css

            face = font_face_css(html)
            if face:
                html = html.replace("/*@font-face*/", face, 1)
        return clean_text(html)  # no C0 control or ESC character of a document reaches the page

    def to_markdown(self, images_dir: str = "report_files", *, progress: bool | None = None) -> tuple[str, dict[str, bytes]]:
        """The report as Markdown plus its images: ``(text, {relative_path: png_bytes})``."""
        pngs = self.png(progress=progress)
        files = {f"{images_dir}/{name}.png": data for name, data in pngs.items()}
        images = {name: f"{images_dir}/{name}.png" for name in pngs}
        text = self._env(markdown=True).get_template("report.md.j2").render(d=self.data, img=images)
        return clean_text(text), files

    def write(self, path: str | Path, *, progress: bool | None = None) -> Path:
        """Write ``.html`` (one file), ``.md`` (+ ``<stem>_files/`` with PNGs), ``.xlsx``, or an
        editable ``.docx`` / ``.hwpx`` (see :mod:`consult.report.docx_writer`, ``hwpx_writer``)."""
        path = Path(path)
        fmt = _format_of(path)
        check_parent(path)
        if fmt == "html":
            self.data["browser"] = self._write_browser(path) if self.with_browser else None
            html = self.to_html(progress=progress)
            with atomic_output(path) as tmp:
                tmp.write_text(html, encoding="utf-8")
        elif fmt == "markdown":
            images_dir = f"{path.stem}_files"
            text, files = self.to_markdown(images_dir, progress=progress)
            (path.parent / images_dir).mkdir(exist_ok=True)
            for rel, data in files.items():
                write_output(path.parent / rel, data)  # never through a planted symlink
            with atomic_output(path) as tmp:
                tmp.write_text(text, encoding="utf-8")
        elif fmt == "docx":
            from .docx_writer import write_docx  # python-docx: imported when a .docx is written

            write_docx(self, path, progress=progress)
        elif fmt == "hwpx":
            from .hwpx_writer import write_hwpx  # python-hwpx: imported when a .hwpx is written

            write_hwpx(self, path, progress=progress)
        else:
            write_tables(self.tables(), path, charts=self.png(progress=progress), lang=self.lang,
                         values=SHEET_VALUES)
        return path

    def _write_browser(self, path: Path) -> str | None:
        """Write the interactive evidence browser beside an HTML report; its file name."""
        from ..explore import write_browser  # the explorer sits beside the report

        target = path.with_name(f"{path.stem}_evidence.html")
        write_browser(self.analysis, target, title=self.title, lang=self.lang,
                      embed_font=self.embed_font)
        return target.name

    def _repr_html_(self) -> str:
        d = self.data
        stats = " · ".join(f"<b>{v}</b> {k}" for k, v, _ in d["overview"]["stats"])
        from markupsafe import escape

        return (
            f"<p><b>Report</b> {escape(d['title'])}: {stats}; {len(d['themes']['cards']) if d['themes'] else 0}"
            f" themes; {len(d['areas'])} comparison blocks. Write it with <code>.write('report.html')</code>.</p>"
        )

    def __repr__(self) -> str:
        return f"Report({self.title!r}; {len(self._charts)} charts, {len(self.data['areas'])} blocks)"


def _gettext(t: Translator, markdown: bool) -> Callable[..., Any]:
    """The templates' ``_(message, **fields)``: the English message in the report's language.

    HTML: the catalogue's text is markup (ours), the fields are escaped (``Markup.format``).
    Markdown: plain text; the template escapes document text itself (``| md``).
    """
    if markdown:
        return t
    from markupsafe import Markup

    def _(message: str, /, **fields: Any) -> Any:
        return Markup(t.raw(message)).format(**fields) if fields else Markup(t.raw(message))

    return _


def _num(value: Any) -> str:
    from ..display import fmt_number

    return fmt_number(value)


def _pct(value: Any) -> str:
    try:
        return f"{100 * float(value):.0f}%"
    except (TypeError, ValueError):
        return ""


# ----------------------------------------------------------------------------- build
def _analysis_of(source: Any, themes: Any, comparison: Any, *, groups: Any, by: str, backend: str,
                 n_themes: int | None, random_state: int, progress: bool | None) -> Analysis:
    """``source`` itself when it is an :class:`Analysis`, else :func:`analyze` of it."""
    if isinstance(source, Analysis):
        return source
    if themes is None:
        themes = "auto" if backend == "sklearn" else backend
    elif themes is False:
        themes = "none"
    analysis = analyze(source, themes=themes, n_themes=n_themes, by=by, groups=groups,
                       random_state=random_state, compare_groups=comparison is None,
                       progress_bar=progress)
    if comparison not in (None, False):  # a ready comparison: its findings are made here
        analysis = with_comparison(analysis, comparison)
    return analysis


def build_report(
    source: Any,
    themes: Any = None,
    comparison: Any = None,
    *,
    title: str | None = None,
    groups: Sequence[str] | str | None = None,
    by: str = "role",
    backend: str = "sklearn",
    n_themes: int | None = None,
    random_state: int = 0,
    max_quotes: int = 3,
    n_terms: int = 10,
    dpi: int = 110,
    embed_font: bool = True,
    progress: bool | None = None,
    lang: str = "ko",
    browser: bool = False,
) -> Report:
    """Collect the comparison report of an :class:`~consult.Analysis` (or of a corpus).

    Parameters
    ----------
    source:
        an :class:`~consult.Analysis` from :func:`consult.analyze` (rendered as it is), or a
        :class:`consult.Corpus` / paths, which are analysed first with the options below.
    themes, comparison:
        only with a corpus: a fitted ``ThemeModel`` (``None``: fit one with ``backend`` and
        ``n_themes``; ``False``: no themes) and a ``Comparison`` (``None``: compare ``groups``
        by ``by`` within each area; ``False``: no comparison).
    title:
        the page title (default: the documents' names).
    max_quotes, n_terms:
        quotes per theme; distinctive terms shown per side.
    dpi, embed_font:
        chart resolution; whether the HTML embeds a NanumGothic subset for Hangul.
    progress:
        show progress bars (``None``: only on a terminal, see :mod:`consult.progress`).
    lang:
        the report's language: ``"ko"`` (default) or ``"en"``. Quotes, area names and theme
        labels stay as the minutes write them.
    browser:
        when written as HTML, also write the interactive evidence browser beside it
        (``<stem>_evidence.html``, see :mod:`consult.explore`) and link the report to it.
    """
    check_lang(lang)
    analysis = _analysis_of(source, themes, comparison, groups=groups, by=by, backend=backend,
                            n_themes=n_themes, random_state=random_state, progress=progress)
    report = _collect(analysis, title=title or document_title(analysis.corpus),
                      notes=[Translator(lang).note(w) for w in analysis.warnings], max_quotes=max_quotes,
                      n_terms=n_terms, dpi=dpi, embed_font=embed_font, lang=lang)
    from ._concerns import complete_summary  # pandas: imported when built

    report.data["summary"] = complete_summary(collect_summary(analysis, report.records))
    report.data["settings"] = _settings_table(analysis, Translator(lang))
    report.analysis, report.with_browser = analysis, browser
    report.data["browser"] = None
    for name in ("findings", "positions", "questionnaire", "summary_checks"):
        table = getattr(analysis, name)
        if table is not None:
            report._tables[name] = table
    return report


def _settings_table(analysis: Analysis, tr: Translator) -> Any:
    """The appendix "methods and settings": the analysis's arguments and the rule files."""
    from ..display import Table

    rows = [[_setting_name(k, tr), str(v)] for k, v in analysis.settings.items() if v is not None and v != ""]
    rows += [[tr("claims rules"), "consult/data/claims.toml"], [tr("stance cues"), "consult/data/stance.toml"],
             [tr("theme backend"), getattr(analysis.themes, "backend", "") or "—"]]
    return Table([tr("setting"), tr("value")], rows, css="settings")


#: the analysis's settings as a reader would name them (English; Korean in the catalogue)
SETTING_NAMES = {
    "themes": "themes", "by": "grouped by", "groups": "groups compared", "compare": "groups compared at all",
    "n_themes": "number of themes", "seed_words": "seed themes", "codebook": "codebook",
    "random_state": "random seed", "within": "compared within", "text": "text counted",
    "min_count": "minimum term count", "n_boot": "bootstrap replicates",
}


def _setting_name(key: str, tr: Translator) -> str:
    """``"n_boot"`` → ``"부트스트랩 반복 수 (n_boot)"``: the reader's name and the argument's."""
    name = SETTING_NAMES.get(key)
    return f"{tr(name)} ({key})" if name else key


def _collect(analysis: Analysis, *, title, notes, max_quotes, n_terms, dpi, embed_font,
             lang="ko") -> Report:
    from .. import __version__ as version
    from . import _areas, _charts, _concerns, _data, _summary_rows  # pandas: imported when built

    corpus, themes, comparison = analysis.corpus, analysis.themes, analysis.comparison
    tr = Translator(lang)
    rec = _data.Records(corpus, tr)
    overview = _data.collect_overview(corpus, rec)
    th = _data.collect_themes(themes, rec, max_quotes=max_quotes) if themes is not None else None
    if themes is not None and th is None:
        notes.append(tr("The theme model assigned no questions."))
    areas = _areas.collect_areas(comparison, rec, th, overview["areas"], n_terms=n_terms,
                                 findings=analysis.findings, positions=analysis.positions)
    docs = ", ".join(overview["documents"][:3])
    data = {
        "title": title or (tr("Expert consultations: {docs}", docs=docs) if docs else tr("Expert consultations")),
        "lang": lang,
        "version": version,
        "notes": notes,
        "overview": overview,
        "themes": th,
        "cross": _data.collect_cross_area(th, tr),
        "concerns": _concerns.collect_concerns(themes, rec, th, max_quotes=max_quotes)
        if themes is not None else None,
        "areas": areas,
        "comparison": None if comparison is None else {
            "by": getattr(comparison, "by", "role"),
            "groups": [str(g) for g in getattr(comparison, "groups", ())],
            "params": {k: v for k, v in (getattr(comparison, "params", {}) or {}).items()
                       if isinstance(v, int | float | str | bool)},
        },
        "summaries": _summary_rows.collect_summaries(corpus, rec, analysis.summary_checks),
        "settings": None,  # the appendix, filled by build_report
        "records": _data.collect_records(rec, th),
    }
    charts = _charts.chart_specs(rec, th, areas, comparison, overview["areas"])
    tables = {  # the forum talks' empty area named as everywhere else (포럼·기타)
        "transcripts": _named_area(rec.transcripts),
        "questions": _named_area(rec.questions),
        "points": _named_area(rec.points),
    }
    if themes is not None:
        table, assign = _data._theme_frames(themes)
        if table is not None:
            tables["themes"] = _named_area(table)
        if assign is not None:
            tables["assignments"] = _named_area(assign)
    if comparison is not None:
        for name in ("groups_summary", "terms", "prevalence", "pairs"):
            df = _data._frame(comparison, name)
            if df is not None:
                tables["groups" if name == "groups_summary" else name] = df
    summaries = _data._frame(corpus, "summaries")
    if summaries is not None:
        tables["summaries"] = _named_area(summaries)
    tables = {k: v for k, v in tables.items() if v is not None}
    report = Report(data, charts, tables, dpi=dpi, embed_font=embed_font)
    report.records = rec
    return report


def _named_area(df: Any) -> Any:
    """A table for the workbook: an empty ``area`` (or a key of ``areas``) is ``포럼·기타``."""
    if df is None:
        return df
    if "areas" in getattr(df, "columns", ()):  # a theme's experts per area: {area: n}
        df = df.assign(areas=[{area_label(k): v for k, v in a.items()} if isinstance(a, dict) else a
                              for a in df["areas"]])
    if "area" not in getattr(df, "columns", ()):
        return df
    area = df["area"]
    empty = area.isna() | (area.astype(str) == "")
    return df.assign(area=area.where(~empty, NO_AREA)) if empty.any() else df


def write_report(source: Any, path: str | Path, themes: Any = None, comparison: Any = None,
                 **options: Any) -> Path:
    """Build the report of an Analysis or corpus (see :func:`build_report` for ``options``) and
    write it to ``path``: ``.html`` (self-contained), ``.md`` (+ ``<stem>_files/``), ``.xlsx``,
    ``.docx`` (Word) or ``.hwpx`` (한글)."""
    progress = options.get("progress")
    check_writer(path)  # fail before the work on an unknown suffix or a missing writer
    return build_report(source, themes, comparison, **options).write(path, progress=progress)
