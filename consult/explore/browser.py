"""The interactive evidence browser: one self-contained HTML file of the answer points with
filters by area, role, theme and finding and a search box (Hangul and Latin).

    >>> import consult                                                     # doctest: +SKIP
    >>> a = consult.analyze(consult.load("minutes.txt"), random_state=0)  # doctest: +SKIP
    >>> consult.explore.write_browser(a, "evidence.html")                 # doctest: +SKIP

The interface speaks Korean (``lang="ko"``, the default) or English (``lang="en"``), from
:mod:`consult.i18n`; finding kinds are named by the findings' own ``KIND_NAMES``. A NanumGothic
subset of the page's characters is embedded (:mod:`consult.fontembed`), so Hangul shows on a
machine without a Korean font.

Safety: the page loads nothing (no CDN, no font file, no image); its one script and its style
sheets are inline and allowed by their SHA-256 hashes in a strict Content-Security-Policy
(``default-src 'none'``; fonts only as ``data:``); the data is JSON in a ``<script type="application/json">`` block with
``<``, ``>`` and ``&`` written as ``\\u`` escapes, and the script puts every text in the page with
``textContent`` (never as HTML). ``evidence.html#<text>`` opens with ``<text>`` (e.g. a point's
record id) in the search box, so other pages can link to a point.
"""

from __future__ import annotations

import base64
import hashlib
import json
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd
from markupsafe import Markup

from ..errors import UsageError
from ..findings import KIND_NAMES
from ..fontembed import font_face_css
from ..i18n import Translator, pick
from ..labels import area_label
from ..output import check_output, write_output
from ..records import clip, is_theme
from ..sanitize import clean_text

__all__ = ["browser_data", "browser_html", "write_browser"]


def _asset(name: str) -> str:
    return (resources.files("consult.explore") / "assets" / name).read_text(encoding="utf-8")


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def _point_themes(model: Any) -> dict[str, list[int]]:
    table = getattr(model, "point_themes_", None)
    if table is None:
        table = getattr(model, "point_assignments_", None)
    if not isinstance(table, pd.DataFrame) or not {"point_id", "theme_id"} <= set(table.columns):
        return {}
    table = table[table["theme_id"].map(is_theme)]
    out: dict[str, list[int]] = {}
    for pid, tid in zip(table["point_id"], table["theme_id"], strict=True):
        themes = out.setdefault(pid, [])
        if int(tid) not in themes:
            themes.append(int(tid))
    return out


def _themes(model: Any) -> list[list[Any]]:
    info = getattr(model, "themes_", None)
    if not isinstance(info, pd.DataFrame) or "theme_id" not in info:
        return []
    col = "label" if "label" in info else "theme_label"
    return [[int(t), f"{t}: {lab}"] for t, lab in zip(info["theme_id"], info[col], strict=False)
            if is_theme(t)]


def _findings(findings: Any, lang: str) -> list[dict[str, Any]]:
    if not isinstance(findings, pd.DataFrame) or findings.empty:
        return []
    out = []
    for rec in findings.to_dict("records"):
        ids = [i for col in ("a_evidence", "b_evidence", "a_dissent_ids", "b_dissent_ids")
               for i in str(rec.get(col) or "").split(";") if i.strip()]
        kind = str(rec.get("kind", ""))
        kind = pick(KIND_NAMES[kind], lang) if kind in KIND_NAMES else kind
        label = f"{rec.get('finding_id') or area_label(rec.get('within', ''))} · {kind} · {clip(rec.get('topic', ''), 40)}"
        out.append({"label": label, "points": sorted({i.strip() for i in ids})})
    return out


def browser_data(analysis: Any, lang: str = "ko") -> dict[str, Any]:
    """The browser's data as plain Python (what the page embeds as JSON), its interface words
    in ``lang``."""
    t = Translator(lang)
    corpus = getattr(analysis, "corpus", None)
    if corpus is None or not hasattr(corpus, "points"):
        raise UsageError("write_browser needs a consult.Analysis (from consult.analyze)")
    pts = corpus.points
    themes_of = _point_themes(getattr(analysis, "themes", None))
    cols = ["point_id", "doc", "area", "role", "speaker", "organization", "question", "text",
            "line_start"]
    questions: dict[str, int] = {}  # each question's text once; points refer to it by index
    points = [
        {"id": pid, "doc": doc, "area": str(area or ""), "role": str(role), "speaker": str(spk),
         "org": str(org or ""), "q": questions.setdefault(clip(q or "", 120), len(questions)),
         "text": str(text or ""), "line": int(line) if pd.notna(line) else 0,
         "themes": themes_of.get(pid, [])}
        for pid, doc, area, role, spk, org, q, text, line in pts[cols].itertuples(index=False, name=None)
    ]
    areas = sorted({p["area"] for p in points})
    roles = sorted({p["role"] for p in points})
    themes = _themes(getattr(analysis, "themes", None))
    return {
        "points": points,
        "questions": list(questions),
        "areas": [["*", t("all areas")], *[[a, area_label(a)] for a in areas]],
        "roles": [["*", t("all roles")], *[[r, t.role(r)] for r in roles]],
        "themes": [["*", t("all themes")], *themes],
        "findings": _findings(getattr(analysis, "findings", None), t.lang),
        "areaNames": {a: area_label(a) for a in areas},
        "roleNames": {r: t.role(r) for r in roles},
        "themeNames": {str(tid): lab for tid, lab in themes},
        "ui": {"count": t.raw("{hits} / {total} points"), "first": t.raw(" (first {n} shown)")},
    }


def _json_for_script(data: Any) -> str:
    """JSON that cannot end its ``<script>`` block or open markup (``<``, ``>``, ``&`` escaped)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") \
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


_BODY = Markup(
    '<header><h1>{title}</h1><div class="controls">'
    '<input id="q" type="search" placeholder="{search}" aria-label="{search}">'
    '<select id="f-area" aria-label="{area}"></select>'
    '<select id="f-role" aria-label="{role}"></select>'
    '<select id="f-theme" aria-label="{theme}"></select>'
    '<select id="f-finding" aria-label="{finding}"><option value="*">{all_findings}</option></select>'
    '<button type="button" data-role="academic">{academic}</button>'
    '<button type="button" data-role="industry">{industry}</button>'
    '<button type="button" id="reset">{reset}</button><span id="count"></span></div></header>'
    '<ul id="list"></ul><button type="button" id="more" hidden>{more}</button>'
)


def browser_html(analysis: Any, title: str | None = None, *, lang: str = "ko",
                 embed_font: bool = True) -> str:
    """The browser page as a string (see the module docstring for its safety rules).

    ``title``: the page title (default: "Evidence browser" in ``lang``); ``embed_font``: embed
    the NanumGothic subset of the page's characters."""
    t = Translator(lang)
    data = browser_data(analysis, lang)
    # a title from a non-UTF-8 command line holds surrogates
    title = clean_text(str(title)) if title is not None else t("Evidence browser")
    script, style = _asset("browser.js"), _asset("browser.css")
    body = str(_BODY.format(
        title=title, search=t("search"), area=t("area"), role=t("role"), theme=t("theme"),
        finding=t("finding"), all_findings=t("all findings"), academic=t.role("academic"),
        industry=t.role("industry"), reset=t("reset"), more=t("more")))
    blob = _json_for_script(data)
    face = font_face_css(title + body + blob) if embed_font else ""
    styles = [style, *([face] if face else [])]
    csp = (f"default-src 'none'; script-src {_csp_hash(script)}; "
           f"style-src {' '.join(_csp_hash(s) for s in styles)}; font-src data:; "
           "img-src 'none'; base-uri 'none'; form-action 'none'")
    head = Markup(
        '<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" content="{csp}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>{title}</title>{styles}</head><body>"
    ).format(lang=t.lang, csp=Markup(csp), title=title,  # csp, styles: our own text
             styles=Markup("".join(f"<style>{s}</style>" for s in styles)))
    return "".join([
        str(head), body,
        '<script type="application/json" id="consult-data">', blob, "</script>",
        "<script>", script, "</script></body></html>",
    ])


def write_browser(analysis: Any, path: str | Path, title: str | None = None, *,
                  lang: str = "ko", embed_font: bool = True) -> Path:
    """Write the evidence browser of ``analysis`` (a :class:`consult.Analysis`) to ``path``
    (options as :func:`browser_html`)."""
    path = Path(path)
    if path.suffix.lower() not in (".html", ".htm"):
        raise UsageError("the evidence browser is an .html file", path=str(path))
    check_output(path)
    return write_output(path, browser_html(analysis, title, lang=lang, embed_font=embed_font))
