"""Word's automatic list labels: the ``1.``, ``가.``, ``●`` a ``.docx`` draws but does not store.

A paragraph numbered or bulleted by Word (not typed) gets the label Word draws, then a space,
so ``1. 질문`` reads the same whether the author typed the number or let Word count. Levels,
formats (decimal, Roman, letters, 가나다, ㄱㄴㄷ, circled numbers …), start values and overrides
come from the document's numbering part; counters run per abstract list, as Word's do. A
one-level bullet list indented as a sub-list gets a lower-ranked glyph (``-``, ``·``) so its
items stay sub-points. Numbers are clamped to :data:`~consult.limits.MAX_LIST_NUMBER`.

    >>> format_number(4, "upperRoman"), format_number(2, "ganada"), format_number(3, "chosung")
    ('IV', '나', 'ㄷ')
    >>> labelled = DocxNumbering(document).labelled(paragraph)        # doctest: +SKIP
"""

from __future__ import annotations

import re
from typing import Any

from .. import limits
from ..lexicon import LIST_BULLET_GLYPHS

__all__ = ["DocxNumbering", "format_number"]

_LEVEL_REF = re.compile(r"%([1-9])")

_BULLET_GLYPHS = LIST_BULLET_GLYPHS

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_GANADA = "가나다라마바사아자차카타파하"
_CHOSUNG = "ㄱㄴㄷㄹㅁㅂㅅㅇㅈㅊㅋㅌㅍㅎ"


def _roman(n: int) -> str:
    out = []
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                       (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def _letters(n: int) -> str:
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _int(raw: object, default: int) -> int:
    """A list attribute as a number: ``default`` when not one, clamped to ±MAX_LIST_NUMBER."""
    try:
        n = int(str(raw).strip())
    except ValueError:
        return default
    cap = limits.MAX_LIST_NUMBER or 10**9
    return max(-cap, min(n, cap))


def format_number(n: int, fmt: str) -> str:
    """``n`` as a list label of the format ``fmt`` (Word's ``w:numFmt``), without its text."""
    if limits.MAX_LIST_NUMBER and n > limits.MAX_LIST_NUMBER:
        return str(n)  # no 10¹²-long Roman numeral, no 77 MB letter label
    if fmt in ("lowerRoman", "upperRoman"):
        s = _roman(n)
        return s.lower() if fmt == "lowerRoman" else s
    if fmt in ("lowerLetter", "upperLetter"):
        s = _letters(n)
        return s.lower() if fmt == "lowerLetter" else s
    if fmt in ("ganada", "koreanLegal") and 1 <= n <= len(_GANADA):
        return _GANADA[n - 1]
    if fmt == "chosung" and 1 <= n <= len(_CHOSUNG):
        return _CHOSUNG[n - 1]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= len(_CIRCLED):
        return _CIRCLED[n - 1]
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)


#: left indents (twips) of a one-level bullet list that Word draws as a second or third level
_SUB_INDENT, _SUB_SUB_INDENT = 700, 1060


class DocxNumbering:
    """Draws Word's automatic list labels (``1.``, ``가.``, ``●``) in front of paragraphs."""

    def __init__(self, document: Any):
        from docx.oxml.ns import qn

        self._qn = qn
        self._levels: dict[str, dict[int, dict[str, Any]]] = {}  # numId -> ilvl -> level spec
        self._counters: dict[str, dict[int, int]] = {}
        self._abstract_of: dict[str, str] = {}
        self._style_num_pr: dict[str | None, Any] = {}  # paragraph style id -> its numPr
        try:
            numbering = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            return
        abstract: dict[str, dict[int, dict[str, Any]]] = {}
        for an in numbering.findall(qn("w:abstractNum")):
            abstract[an.get(qn("w:abstractNumId"))] = self._read_levels(an)
        for num in numbering.findall(qn("w:num")):
            num_id = num.get(qn("w:numId"))
            ref = num.find(qn("w:abstractNumId"))
            abs_id = ref.get(qn("w:val")) if ref is not None else None
            levels = {k: dict(v) for k, v in abstract.get(abs_id, {}).items()}
            for override in num.findall(qn("w:lvlOverride")):
                ilvl = _int(override.get(qn("w:ilvl"), "0"), 0)
                lvl = override.find(qn("w:lvl"))
                if lvl is not None:
                    levels[ilvl] = self._read_level(lvl)
                start = override.find(qn("w:startOverride"))
                if start is not None and ilvl in levels:
                    levels[ilvl]["start"] = _int(start.get(qn("w:val"), "1"), 1)
            self._levels[num_id] = levels
            self._abstract_of[num_id] = abs_id or num_id

    def _read_levels(self, abstract_num: Any) -> dict[int, dict[str, Any]]:
        qn = self._qn
        return {_int(lvl.get(qn("w:ilvl"), "0"), 0): self._read_level(lvl)
                for lvl in abstract_num.findall(qn("w:lvl"))}

    def _read_level(self, lvl: Any) -> dict[str, Any]:
        qn = self._qn

        def val(tag: str, default: str) -> str:
            el = lvl.find(qn(tag))
            return el.get(qn("w:val"), default) if el is not None else default

        ind = lvl.find(qn("w:pPr") + "/" + qn("w:ind"))
        left = (ind.get(qn("w:left")) or ind.get(qn("w:start"))) if ind is not None else None
        return {
            "fmt": val("w:numFmt", "decimal"),
            "text": val("w:lvlText", "%1."),
            "start": _int(val("w:start", "1"), 1),
            "indent": _int(left or "0", 0),
        }

    def _num_pr(self, paragraph: Any) -> tuple[str, int] | None:
        qn = self._qn
        pPr = paragraph._p.pPr  # noqa: N806
        num_pr = pPr.find(qn("w:numPr")) if pPr is not None else None
        if num_pr is None:
            # numbering from the style, looked up once per style (python-docx finds a style by
            # scanning them all: per paragraph that was O(paragraphs × styles))
            p_style = pPr.find(qn("w:pStyle")) if pPr is not None else None
            key = p_style.get(qn("w:val")) if p_style is not None else None
            if key not in self._style_num_pr:
                self._style_num_pr[key] = self._style_chain_num_pr(paragraph.style)
            num_pr = self._style_num_pr[key]
        if num_pr is None:
            return None
        num_id_el = num_pr.find(qn("w:numId"))
        ilvl_el = num_pr.find(qn("w:ilvl"))
        if num_id_el is None:
            return None
        num_id = num_id_el.get(qn("w:val"))
        if num_id in (None, "0"):
            return None
        ilvl = _int(ilvl_el.get(qn("w:val"), "0"), 0) if ilvl_el is not None else 0
        return num_id, ilvl

    def _style_chain_num_pr(self, style: Any) -> Any:
        qn = self._qn
        seen = 0
        while style is not None and seen < 10:
            spPr = style.element.pPr  # noqa: N806
            num_pr = spPr.find(qn("w:numPr")) if spPr is not None else None
            if num_pr is not None:
                return num_pr
            style = style.base_style
            seen += 1
        return None

    def labelled(self, paragraph: Any) -> str:
        text = paragraph.text
        if not self._levels:
            return text
        try:
            found = self._num_pr(paragraph)
        except Exception:  # pragma: no cover - odd styles
            found = None
        if found is None or not text.strip():
            return text
        num_id, ilvl = found
        levels = self._levels.get(num_id)
        if not levels or ilvl not in levels:
            return text
        label = self._label(num_id, ilvl, levels)
        return f"{label} {text}" if label else text

    def _label(self, num_id: str, ilvl: int, levels: dict[int, dict[str, Any]]) -> str:
        spec = levels[ilvl]
        if spec["fmt"] == "bullet":
            glyph = "".join(_BULLET_GLYPHS.get(ch, ch) for ch in spec["text"]).strip()
            if ilvl == 0 and spec.get("indent", 0) >= _SUB_INDENT:
                # a one-level list indented as a sub-list (Word's "List Bullet 2"/"3" styles draw
                # the same glyph, deeper): a lower-ranked glyph, so its items stay sub-points
                return "·" if spec["indent"] >= _SUB_SUB_INDENT else "-"
            return glyph
        key = self._abstract_of.get(num_id, num_id)
        counters = self._counters.setdefault(key, {})
        counters[ilvl] = counters.get(ilvl, spec["start"] - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]

        def number(match: re.Match[str]) -> str:
            level = int(match.group(1)) - 1
            lspec = levels.get(level, spec)
            n = counters.get(level, lspec["start"])
            return format_number(n, lspec["fmt"])

        return _LEVEL_REF.sub(number, spec["text"]).strip()
