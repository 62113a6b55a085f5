"""The report as a word processor sees it: headings, paragraphs, tables and pictures.

One walk over a report's data (``report.data``, the sections of ``report.md.j2`` in the same
order and words) gives a :class:`DocModel`, which each editable format's writer renders:
``docx_writer`` (Word) and ``hwpx_writer`` (Hangul). Text is plain: the writers style it by
block kind and run flags, and make a run with a ``ref`` a link to the block with that anchor.
The blocks themselves and the text helpers are :mod:`consult.report.docblocks`.

    >>> from consult.report.docmodel import inline
    >>> [(r.text, r.bold) for r in inline("n = experts; **small n**")]
    [('n = experts; ', False), ('small n', True)]
    >>> model = document_model(report)                       # doctest: +SKIP
    >>> [b.text for b in model.blocks if isinstance(b, Heading)][:2]   # doctest: +SKIP
    ['국가미래전략기술 정책연구소 연차보고서', '한눈에 보기']
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..display import Table, anchor, cell_text
from .docblocks import (
    Block,
    DocModel,
    Heading,
    Paragraph,
    Picture,
    Run,
    TableBlock,
    bookmark_name,
    cell_runs,
    inline,
    plain,
    png_size,
    xml_text,
)
from .i18n import Translator

__all__ = ["Run", "Heading", "Paragraph", "TableBlock", "Picture", "DocModel", "document_model",
           "inline", "bookmark_name", "xml_text"]



#: the first page's and section 5's messages, as the HTML and Markdown templates write them
CONCERNS_LEAD = "Listed here, at most ten: concerns that at least three experts of two or more areas put in the same phrase — a phrase with a specific word, whose answers also share words beyond it, that reappears when a tenth of the answers is left out, no one area holding more than two thirds of those experts; all others are in section 4. Counts are experts of the areas (forum speakers apart) whose answers use the phrase's words (synonyms and inflected forms included; experts who write only a variant are shown with it in section 4). Where a question itself contains the phrase, its areas are noted."
COMPARISON_LEAD = "Each finding compares the two sides' answers to one question (answers to different questions are never compared; where the two sides had different questionnaires, two similar questions are marked as such). Numbers read \"experts / experts asked the question\". An agreement is said only when at least half of each side named the same thing (a side of one person: more than once, or in a point's heading) and nobody said otherwise; the whole rules are in section 3 and the appendix. A thing counts as named when an expert writes it, not when it is one item of a passing list or an example given of something else — the words are matched, not their meaning. ⚠ one person and ⚠ two people mark a side of one or two experts: read those as individual views, not as a difference between groups. Check the linked source before citing a line."
NO_FINDING = "No finding here is an agreement, opposite views or a split. What both sides mention and what each mentions alone are in section 3. These verdicts compare words: the two sides may say the same thing in different words, which they cannot see; read the answers in section 3."
CHECKS_POINTER = "The {n} claims of the report authors' summary tables are checked against the answers in section 5, word by word: a claim said in other words is missed, and a word used in another sense can be taken as support, so read the linked answers behind each verdict."
CHECKS_COUNTS = "Of {n} claims in the summary tables, the words of {confirmed} are found in the answers, of {partly} only in part; {overstated} give a head count (\"5인 공통\", \"다수\") that fewer experts bear out, or that someone on the question contradicts; for {not_found} no answer in the same words was found (they may be said in other words: read the answers before calling a claim unsupported). The check matches words, not meaning."

# ----------------------------------------------------------------------------- the walk
class _Walk:
    """Builds the blocks section by section, as ``report.md.j2`` lays them out."""

    def __init__(self, data: dict, pngs: dict[str, bytes], lang: str):
        self.d = data
        self.pngs = pngs
        self._ = Translator(lang)
        self.blocks: list[Block] = []

    # -- block helpers
    def heading(self, text: str, level: int, anchor: str | None = None) -> None:
        self.blocks.append(Heading(plain(text), level, anchor))

    def para(self, runs: Iterable[Run] | str, kind: str = "body", level: int = 1,
             anchors: Iterable[str] = ()) -> None:
        runs = inline(runs) if isinstance(runs, str) else [r for r in runs if r.text]
        if runs:
            self.blocks.append(Paragraph(list(runs), kind, level, [a for a in anchors if a]))

    def table(self, table: Table | None, anchor: str | None = None) -> None:
        if table is None or not table.columns:
            return
        self.blocks.append(TableBlock([plain(c) for c in table.columns],
                                      [[cell_runs(v) for v in row] for row in table.rows],
                                      set(table.numeric), plain(table.caption),
                                      list(table.row_ids) if table.row_ids else None, anchor))

    def picture(self, name: str | None, caption: str) -> None:
        if name and name in self.pngs:
            w, h = png_size(self.pngs[name])
            self.blocks.append(Picture(self.pngs[name], plain(caption), w, h))

    def quote(self, q: dict) -> None:
        """A quote and, under it, who said it and the record it comes from."""
        self.para([Run("“" + plain(q.get("text")) + "”")], "quote")
        who = [plain(q.get("speaker"))] + [plain(q[k]) for k in ("role_label", "area", "where") if q.get(k)]
        runs = [Run("— " + " · ".join(w for w in who if w))]
        if q.get("id"):
            runs += [Run(" · "), Run(plain(q["id"]), ref=anchor(q["id"]) if q.get("found") else None)]
        self.para(runs, "quote")

    # -- the sections
    def walk(self) -> list[Block]:
        d, _ = self.d, self._
        ov = d["overview"]
        self.heading(d["title"], 1)
        self.para([Run(", ".join(plain(x) for x in ov["documents"]) + " — "),
                   *inline(_("consult {version}. Every number and quote links to the record it comes from (ids like `T07.Q2.P3`: transcript 7, question 2, point 3).", version=d["version"]))])
        for n in d["notes"]:
            self.para([Run(_("Note:") + " ", bold=True), Run(plain(n))], "note")
        if d.get("summary"):
            self.summary(d["summary"])
        self.contents()
        self.overview(ov)
        if d.get("themes"):
            self.themes(d["themes"])
        if d.get("areas"):
            self.areas(d["areas"])
        if d.get("concerns"):
            self.concerns(d["concerns"])
        elif d.get("cross"):
            self.heading(_("4. Themes across areas"), 2, "cross")
            self.para(_("Which concerns recur in several technology areas (k experts of n in the area). Themes at the top are shared problems rather than one field's issue."))
            self.table(d["cross"])
        self.summaries(d.get("summaries") or [])
        self.records(d.get("records") or [])
        if d.get("settings"):
            self.heading(_("Methods and settings"), 2, "settings")
            self.para(_("How the numbers of this report were made, to repeat or to change them."))
            self.table(d["settings"])
        return self.blocks

    def summary(self, sm: dict) -> None:
        d, _ = self.d, self._
        self.heading(_("At a glance"), 2, "summary")
        if sm.get("concerns"):
            self.heading(_("Concerns that recur across areas"), 3)
            if sm["concerns"][0].get("chosen_by_phrase"):
                self.para(_(CONCERNS_LEAD))
            for c in sm["concerns"]:
                ref = c["anchor"] if c.get("anchor") and d.get("concerns") else None
                areas = ", ".join(plain(a) for a in c["areas"])
                counts = (_("{n} experts ({roles}), {k} areas ({areas})", n=c["n_experts"], k=len(c["areas"]),
                            roles="·".join(_("{role} {n}", role=r, n=n) for r, n in c["roles"]), areas=areas)
                          if c.get("roles") else
                          _("{n} experts, {k} areas ({areas})", n=c["n_experts"], k=len(c["areas"]), areas=areas))
                runs = [Run(plain(c["label"]), bold=True, ref=ref), Run(" — " + counts)]
                if c.get("unstable"):
                    runs.append(Run(" ⚠ " + _("unstable across seeds ({s})", s=c.get("stability"))))
                if c.get("facets"):
                    runs.append(Run("; " + _("with") + " "))
                    for i, f in enumerate(c["facets"]):
                        runs += [Run(", ")] if i else []
                        runs.append(Run(plain(f["label"]), ref=f["anchor"] if d.get("concerns") else None))
                    if c.get("more_facets"):
                        runs.append(Run(" " + _("and {n} more", n=c["more_facets"])))
                if c.get("asked_in"):
                    runs.append(Run("; " + _("the questions in {areas} contain the phrase",
                                             areas=", ".join(plain(a) for a in c["asked_in"]))))
                self.para(runs, "bullet")
        if sm.get("areas"):
            a_, b_ = sm["groups"][0], sm["groups"][1]
            self.heading(_("{a} and {b}, area by area", a=plain(a_), b=plain(b_)), 3)
            self.para(_(COMPARISON_LEAD))
            for a in sm["areas"]:
                self.blocks.append(Heading(plain(a["name"]), 4))
                self.para(plain(a["intro"]))
                if a.get("not_comparable"):
                    self.para(plain(a["not_comparable"]))
                for f in a["shown"]:
                    self.para([Run(plain(f["kind_label"]) + " ", bold=True),
                               Run(plain(f["sentence"]), ref=f.get("anchor"))], "bullet")
                    for q in f["quotes"]:
                        runs = [Run(_("otherwise:") + " ", italic=True)] if q.get("dissent") else []
                        runs += [Run(plain(q["who"]) + " “" + plain(q["text"]) + "” "), *cell_runs(q.get("link"))]
                        self.para(runs, "bullet", 2)
                if not a["shown"] and not a.get("not_comparable"):
                    self.para(_(NO_FINDING))
                if a.get("more", 0):
                    more = (_("{n} more findings in section 3, {m} of them on questions asked of one side only",
                             n=a["more"], m=a["more_one_asked"]) if a.get("more_one_asked")
                           else _("{n} more findings in section 3", n=a["more"]))
                    self.para([Run(more, ref=a.get("anchor"))])
        checks = sm.get("checks")
        if checks:
            self.heading(_("The authors' summary tables, checked"), 3)
            self.para([Run(_(CHECKS_POINTER, n=checks["n"]) + " "), Run(_("section 5"), ref="summaries")])

    def checks(self, checks: dict) -> None:
        """The counts of the summary-table check and its overstated claims (top of section 5)."""
        _ = self._
        self.para(_(CHECKS_COUNTS, n=checks["n"], confirmed=checks["confirmed"], partly=checks["partly"],
                    overstated=checks["overstated"], not_found=checks["not_found"]))
        for c in checks["doubtful"]:
            runs = [Run(plain(c["verdict"]) + " ", bold=True),
                    Run(f"{plain(c['area'])}: “{plain(c['claim'])}” — {plain(c['note'])} ")]
            for link in c.get("links") or []:
                runs += [*cell_runs(link), Run(" ")]
            self.para(runs, "bullet")

    def contents(self) -> None:
        d, _ = self.d, self._
        items = [(_("At a glance"), "summary")] if d.get("summary") else []
        items.append((_("1. Overview"), "overview"))
        if d.get("themes"):
            items.append((_("2. Recurring themes"), "themes"))
        if d.get("areas"):
            items.append((_("3. {a} vs {b}, per area", a=plain(d["areas"][0]["label_a"]),
                             b=plain(d["areas"][0]["label_b"])), "compare"))
        if d.get("concerns"):
            items.append((_("4. Concerns across areas"), "cross"))
        elif d.get("cross"):
            items.append((_("4. Themes across areas"), "cross"))
        items += [(_("5. The authors' summary tables"), "summaries"), (_("6. Records"), "records")]
        if d.get("settings"):
            items.append((_("Methods and settings"), "settings"))
        for text, target in items:
            self.para([Run(text, ref=target)], "bullet")

    def overview(self, ov: dict) -> None:
        _ = self._
        self.heading(_("1. Overview"), 2, "overview")
        for label, value, _href in ov["stats"]:
            self.para([Run(cell_text(value), bold=True), Run(" " + plain(label))], "bullet")
        if ov.get("coverage"):
            cov = ov["coverage"]
            self.para(_("{in_records} of {lines} non-blank source lines ({share}) belong to a record.",
                        in_records=cell_text(cov["in_records"]), lines=cell_text(cov["lines"]),
                        share=_pct(cov["share"])))
        self.table(ov.get("role_table"))
        self.picture("overview", _("Experts by area and role"))
        self.table(ov.get("experts"), anchor="experts")

    def themes(self, th: dict) -> None:
        _ = self._
        self.heading(_("2. Recurring themes"), 2, "themes")
        text = _("{n} themes over {m} answers", n=len(th["cards"]), m=cell_text(th["n_assigned"]))
        if th.get("n_outliers"):
            text += "; " + _("{k} answers fit no theme", k=cell_text(th["n_outliers"]))
        self.para(inline(text + ". ") + inline(_("A number is the count of experts (transcripts) who raise the theme, out of n in the group. Theme numbers are the `theme_id` of the Excel workbook and of Python.")))
        self.picture("themes", _("Theme × area and role"))
        for c in th["cards"]:
            self.heading(_("Theme {id}", id=c["theme_id"]) + " · " + plain(c["label"]), 3, c["anchor"])
            self._card(c, _("experts: {n} · answers: {m}", n=c["n_experts"], m=c["n_questions"]),
                       [(a, k, n) for a, k, n, _link in c["areas"]])
            for q in c["quotes"]:
                self.quote(q)
            self.para([Run(_("All answers") + ": "), *cell_runs(c.get("questions"))],
                      anchors=[c["anchor"] + "-q"])

    def _card(self, c: dict, counts: str, areas: list, flags: list[str] = ()) -> None:
        _ = self._
        if c.get("keywords"):
            self.para(_("keywords") + ": " + ", ".join(plain(k) for k in c["keywords"]))
        by_area = ", ".join(f"{plain(a)} {k}/{n}" for a, k, n in areas)
        by_role = ", ".join(f"{plain(r)} {k}/{n}" for r, k, n, _code in c["roles"])
        text = f"{counts}. {_('By area')}: {by_area}. {_('By role')}: {by_role}."
        self.para(" ".join([text, *flags]))

    def areas(self, areas: list[dict]) -> None:
        _ = self._
        la, lb = plain(areas[0]["label_a"]), plain(areas[0]["label_b"])
        self.heading(_("3. {a} vs {b}, per area", a=la, b=lb), 2, "compare")
        self.para(_("n = experts per group; blocks with fewer than two experts on a side are marked **small n** (read them as individual views)."))
        for a in areas:
            self.heading(plain(a["name"]), 3, a["anchor"])
            if a.get("reports"):
                self.para([Run(" · ".join(plain(r) for r in a["reports"]), italic=True)])
            runs = [Run(f"{plain(a['label_a'])} n={a['n_a']} · {plain(a['label_b'])} n={a['n_b']}")]
            if a.get("small"):
                runs += [Run(" · "), Run(_("small n"), bold=True)]
            self.para(runs)
            for label, experts in ((a["label_a"], a.get("experts_a")), (a["label_b"], a.get("experts_b"))):
                self.para([Run(plain(label) + ": "), *(cell_runs(experts) if experts else [Run("—")])], "bullet")
            if a["n_a"] == 0 or a["n_b"] == 0:
                group = a["label_a"] if a["n_b"] == 0 else a["label_b"]
                self.para(_("Only {group} experts were consulted here: there is nothing to compare. Their answers are in the theme and records sections.", group=plain(group)))
                continue
            if a.get("findings"):
                self.heading(_("Findings"), 4)
                self.table(a["findings"])
            if a.get("said"):
                self.heading(_("What each side named, question by question"), 4)
                self.table(a["said"])
            if a.get("has_terms"):
                self.heading(_("Distinctive terms"), 4)
                self.picture(a.get("chart_terms"), _("Distinctive terms — {name}", name=plain(a["name"])))
                self.table(a["terms"])
            elif a.get("terms"):
                self.heading(_("Terms by experts using them"), 4)
                self.para(_("A side has fewer than 3 experts here: no z-score, only who used each term (k of n experts)."))
                self.table(a["terms"])
            if a.get("has_prevalence"):
                self.heading(_("Theme prevalence"), 4)
                self.picture(a.get("chart_prev"), _("Theme prevalence — {name}", name=plain(a["name"])))
                self.table(a["prevalence"])
            if a.get("pairs"):
                self.heading(_("Same question, both answers"), 4)
                for p in a["pairs"]:
                    q = plain(p["question"]) + (f" (≈ {plain(p['question_b'])})" if p.get("question_b") else "")
                    self.para([Run(_("Q:") + " ", bold=True), Run(q)])
                    rows = []
                    for i in range(max(len(p["a"]), len(p["b"]))):
                        rows.append([self._answer(side[i]) if i < len(side) else [] for side in (p["a"], p["b"])])
                    self.blocks.append(TableBlock([plain(a["label_a"]), plain(a["label_b"])], rows))

    @staticmethod
    def _answer(x: dict) -> list[Run]:
        return [*cell_runs(x.get("speaker")), Run(" · "), *cell_runs(x.get("link")),
                Run(": " + plain(x.get("answer")))]

    def concerns(self, cs: dict) -> None:
        _ = self._
        self.heading(_("4. Concerns across areas"), 2, "cross")
        if cs.get("from_codes"):
            self.para(_("The analysts' codes (a coded project, --codes) that at least two experts in at least two areas carry, each with the areas, experts and quotes of the points it codes; k experts of n in the area."))
        else:
            self.para(_("The themes of the areas rolled up into concerns that cross them: the policy problem or lever an expert talks about, whatever the technology (words that only mark an area do not decide the grouping). A concern is listed when at least two experts in at least two areas raise it; k experts of n in the area."))
        self.table(cs["table"])
        for c in cs["cards"]:
            self.heading(_("Concern {id}", id=c["concern_id"]) + " · " + plain(c["label"]), 3, c["anchor"])
            flags = []
            if c.get("unstable"):
                flags.append("⚠ " + _("unstable across seeds ({s})", s=c.get("stability")) + ".")
            if c.get("monologue"):
                flags.append("⚠ " + _("mostly one expert") + ".")
            if c.get("residual"):
                flags.append("(" + _("from one word") + ")")
            counts = _("experts: {n} · answer points: {m}", n=c["n_experts"], m=c["n_points"])
            if c.get("label_users"):
                counts += "; " + _("of them, {n} write the words of {label} ({areas}); the others only {words}",
                                   n=c["label_users"], label=f"「{plain(c['label'])}」",
                                   areas=", ".join(plain(a) for a in c["label_user_areas"]),
                                   words=", ".join(f"「{plain(w)}」" for w in c["variants"]))
            self._card(c, counts, c["areas"], flags)
            if c.get("near"):
                self.para([Run(_("Shares most of its answers with") + ": "), *cell_runs(list(c["near"]))])
            for q in c["quotes"]:
                self.quote(q)

    def summaries(self, summaries: list[dict]) -> None:
        _ = self._
        self.heading(_("5. The authors' summary tables next to the minutes"), 2, "summaries")
        self.para(_("Each area's appendix condenses the consultations in a table (주요 질문 / 전문가 의견). Under each row: its claims one by one, each looked for in the answers of the area: confirmed (someone states it, and a head count such as \"5인 공통\" holds), partly (only part of it is said), overstated (a head count such as \"5인 공통\" that fewer experts bear out, or that someone on the question contradicts; without a head count, who says otherwise is named beside the verdict) or not found (no answer says it in these words; it may be said in others). The claims are looked for by their words — first in the answers to the row's own questions — not by their meaning: read the linked records before citing a verdict."))
        if (self.d.get("summary") or {}).get("checks"):
            self.checks(self.d["summary"]["checks"])
        if not summaries:
            self.para(_("No summary table rows were recovered from these documents."))
        for s in summaries:
            self.heading(plain(s["area"]), 3, s["anchor"])
            for r in s["rows"]:
                self.para([Run(f"{plain(r['row'])} {plain(r['topic'])}", bold=True), Run(f" ({plain(r['where'])})")])
                self.para(plain(r["opinion"]), "quote")
                if r.get("claims"):
                    self.table(r["claims"])
                else:
                    self.para(_("No claim was read from this row."))

    def records(self, records: list[dict]) -> None:
        _ = self._
        self.heading(_("6. Records"), 2, "records")
        for t in records:
            self.heading(f"{t['short']} · {plain(t['speaker'])} ({plain(t['role'])}, {plain(t['area'])})",
                         3, t["anchor"])
            meta = [plain(t["id"]), plain(t["kind"])] + ([plain(t["report"])] if t.get("report") else [])
            self.para(" · ".join([*meta, plain(t["where"])]).replace("`", ""))
            for q in t["questions"]:
                runs = [Run(f"{plain(q['no'])}. " + (f"({plain(q['topic'])}) " if q.get("topic") else "")
                            + plain(q["question"]), bold=True),
                        Run(f" {q['short']} {plain(q['where'])}", code=False)]
                if q.get("theme"):
                    runs.append(Run(f" — {_('theme:')} {plain(q['theme'])}"))
                self.para(runs, anchors=[q["anchor"]])
                for p in q["points"]:
                    runs = [Run(f"({plain(p['label'])}) ", bold=True)] if p.get("label") else []
                    runs += [Run(plain(p["text"])), Run(f" {p['short']} {plain(p['where'])}")]
                    self.para(runs, "bullet", anchors=[p["anchor"]])
                if not q["points"] and q.get("answer"):
                    self.para(plain(q["answer"]))


def _pct(value: Any) -> str:
    try:
        return f"{100 * float(value):.0f}%"
    except (TypeError, ValueError):
        return ""


def document_model(report: Any, *, progress: bool | None = None) -> DocModel:
    """The blocks of ``report`` (a :class:`~consult.report.Report`), its charts drawn as PNG."""
    pngs = report.png(progress=progress)
    blocks = _Walk(report.data, pngs, report.lang).walk()
    return DocModel(plain(report.title), report.lang, blocks, dpi=report.dpi)
