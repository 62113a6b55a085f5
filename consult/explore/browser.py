"""The interactive evidence browser: one self-contained HTML file of the answer points with
filters by area, role, theme and finding and a search box (Hangul and Latin).

    >>> import consult                                                     # doctest: +SKIP
    >>> a = consult.analyze(consult.load("minutes.txt"), random_state=0)  # doctest: +SKIP
    >>> consult.explore.write_browser(a, "evidence.html")                 # doctest: +SKIP

Safety: the page loads nothing (no CDN, no font, no image); its one script and one style sheet
are inline and allowed by their SHA-256 hashes in a strict Content-Security-Policy
(``default-src 'none'``); the data is JSON in a ``<script type="application/json">`` block with
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
from ..labels import area_label, group_label
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


def _findings(findings: Any) -> list[dict[str, Any]]:
    if not isinstance(findings, pd.DataFrame) or findings.empty:
        return []
    out = []
    for rec in findings.to_dict("records"):
        ids = [i for col in ("a_evidence", "b_evidence", "a_dissent_ids", "b_dissent_ids")
               for i in str(rec.get(col) or "").split(";") if i.strip()]
        kind = KIND_NAMES.get(str(rec.get("kind", "")), (rec.get("kind", ""),))[0]
        label = f"{rec.get('finding_id') or area_label(rec.get('within', ''))} · {kind} · {clip(rec.get('topic', ''), 40)}"
        out.append({"label": label, "points": sorted({i.strip() for i in ids})})
    return out


def browser_data(analysis: Any) -> dict[str, Any]:
    """The browser's data as plain Python (what the page embeds as JSON)."""
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
        "areas": [["*", "all areas"], *[[a, area_label(a)] for a in areas]],
        "roles": [["*", "all roles"], *[[r, group_label(r)] for r in roles]],
        "themes": [["*", "all themes"], *themes],
        "findings": _findings(getattr(analysis, "findings", None)),
        "areaNames": {a: area_label(a) for a in areas},
        "roleNames": {r: group_label(r) for r in roles},
        "themeNames": {str(t): lab for t, lab in themes},
    }


def _json_for_script(data: Any) -> str:
    """JSON that cannot end its ``<script>`` block or open markup (``<``, ``>``, ``&`` escaped)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") \
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


_BODY = Markup(
    '<header><h1>{title}</h1><div class="controls">'
    '<input id="q" type="search" placeholder="검색 / search" aria-label="search">'
    '<select id="f-area" aria-label="area"></select><select id="f-role" aria-label="role"></select>'
    '<select id="f-theme" aria-label="theme"></select>'
    '<select id="f-finding" aria-label="finding"><option value="*">all findings</option></select>'
    '<button type="button" data-role="academic">학계</button>'
    '<button type="button" data-role="industry">산업계</button>'
    '<button type="button" id="reset">reset</button><span id="count"></span></div></header>'
    '<ul id="list"></ul><button type="button" id="more" hidden>more</button>'
)


def browser_html(analysis: Any, title: str = "Evidence browser") -> str:
    """The browser page as a string (see the module docstring for its safety rules)."""
    data = browser_data(analysis)
    title = clean_text(str(title))  # a title from a non-UTF-8 command line holds surrogates
    script, style = _asset("browser.js"), _asset("browser.css")
    csp = (f"default-src 'none'; script-src {_csp_hash(script)}; style-src {_csp_hash(style)}; "
           "img-src 'none'; base-uri 'none'; form-action 'none'")
    head = Markup(
        '<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" content="{csp}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>{title}</title><style>{style}</style></head><body>"
    ).format(csp=Markup(csp), title=title, style=Markup(style))  # csp: our own text
    return "".join([
        str(head), str(_BODY.format(title=title)),
        '<script type="application/json" id="consult-data">', _json_for_script(data), "</script>",
        "<script>", script, "</script></body></html>",
    ])


def write_browser(analysis: Any, path: str | Path, title: str = "Evidence browser") -> Path:
    """Write the evidence browser of ``analysis`` (a :class:`consult.Analysis`) to ``path``."""
    path = Path(path)
    if path.suffix.lower() not in (".html", ".htm"):
        raise UsageError("the evidence browser is an .html file", path=str(path))
    check_output(path)
    return write_output(path, browser_html(analysis, title))
