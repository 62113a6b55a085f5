"""Keyword in context (KWIC), split by group: every hit of a term in the answer points, with
its left and right context, speaker, role, area, record id and source line.

    >>> import consult                                                        # doctest: +SKIP
    >>> corpus = consult.load("examples/data/kaist_2023_annual_report.txt")  # doctest: +SKIP
    >>> corpus.kwic("인력", by="role", within="area").head()                  # doctest: +SKIP

A term is a phrase (whitespace inside it matches any spacing, ``산학 협력`` finds
``산학협력``; Latin letters match in any case), its synonyms from the project's synonym table
(``consult/data/synonyms.toml``, read by :mod:`consult.themes.synonyms`: ``인력`` also finds
``인재`` and ``인적자원``), or a regular expression (``regex=True``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd
from markupsafe import Markup

from ..display import Table, table_html
from ..errors import UsageError
from ..i18n import COLUMNS, Translator
from ..labels import area_label
from ..lexicon import BULLET_RANKS
from ..sanitize import clean_text
from ..themes.synonyms import load_synonyms
from .page import html_page

__all__ = ["KWIC_COLUMNS", "kwic", "term_pattern", "kwic_html"]

#: columns of the KWIC table (the ``by`` and ``within`` columns are added when they are others)
KWIC_COLUMNS = ["left", "match", "right", "speaker", "role", "area", "point_id", "doc", "line"]

_BULLETS = "".join(BULLET_RANKS) + "ㅇ"


def _phrase(text: str) -> str:
    """A phrase as a pattern: its words escaped, any spacing (or none) between them."""
    return r"\s*".join(re.escape(w) for w in text.split())


def term_pattern(term: str, *, regex: bool = False, synonyms: Any = True) -> re.Pattern[str]:
    """The compiled pattern KWIC searches for.

    ``regex=True``: ``term`` is a regular expression (a compile error is a one-line
    :class:`~consult.errors.UsageError`). Otherwise ``term`` is a phrase, widened by its
    synonym group when ``synonyms`` is true (``True``: the shipped table; a path or a dict adds
    to it, as in :func:`consult.themes.synonyms.load_synonyms`).

        >>> "인재" in term_pattern("인재").pattern.split("|")
        True
    """
    if not isinstance(term, str) or not term.strip():
        raise UsageError("kwic needs a non-empty term")
    if regex:
        try:
            return re.compile(term, re.IGNORECASE)
        except re.error as exc:
            raise UsageError(f"not a valid regular expression {term!r}: {exc}") from None
    words = {term.strip()}
    if synonyms is not False:
        table = load_synonyms(None if synonyms is True else synonyms)
        canon = table(term.strip())
        if canon in table.table:
            words |= {canon, *table.table[canon]}
    # longest first, so that a longer alternative wins at the same position
    alternatives = sorted({_phrase(w) for w in words if w.strip()}, key=lambda p: (-len(p), p))
    return re.compile("|".join(alternatives), re.IGNORECASE)


def _line_starts(cov_lines: Sequence[tuple[int, str]], text: str) -> list[tuple[int, int]]:
    """``(offset in text, source line)`` of each source line of a point (bullets stripped)."""
    out: list[tuple[int, int]] = []
    cursor = 0
    for line_no, raw in cov_lines:
        body = raw.strip().lstrip(_BULLETS).strip()
        if not body:
            continue
        pos = text.find(body[:24], cursor)
        if pos < 0:
            continue
        out.append((pos, line_no))
        cursor = pos + 1
    return out


def _point_lines(corpus: Any, wanted: set[str]) -> dict[str, list[tuple[int, str]]]:
    """The source lines (number, text) of each wanted point, from the corpus's coverage."""
    lines: dict[str, list[tuple[int, str]]] = {}
    for parsed in corpus:
        for row in parsed.coverage:
            if row.record_id in wanted:
                lines.setdefault(row.record_id, []).append((row.line, row.text))
    return lines


def _squash(text: str) -> str:
    return " ".join(text.split())


def _hits(points: pd.DataFrame, pattern: re.Pattern[str], window: int) -> list[dict[str, Any]]:
    rows = []
    for i, text in enumerate(points["text"].fillna("").astype(str).tolist()):
        for m in pattern.finditer(text):
            if m.end() == m.start():
                continue
            rows.append({
                "_row": i, "_start": m.start(),
                "left": _squash(text[max(0, m.start() - window): m.start()]),
                "match": m.group(0),
                "right": _squash(text[m.end(): m.end() + window]),
            })
    return rows


def kwic(
    corpus: Any,
    term: str,
    by: str | None = "role",
    within: str | None = "area",
    window: int = 30,
    regex: bool = False,
    synonyms: Any = True,
) -> pd.DataFrame:
    """Every hit of ``term`` in the corpus's answer points, as a table (:data:`KWIC_COLUMNS`).

    Rows are sorted by ``within`` (e.g. area), then ``by`` (e.g. role), then reading order, so
    that one group's uses of a term read together. ``line`` is the source line holding the
    start of the hit. ``by``/``within`` are any transcript columns of the points table
    (``None`` for no grouping).
    """
    if window < 0:
        raise UsageError(f"window must be >= 0, not {window}")
    pattern = term_pattern(term, regex=regex, synonyms=synonyms)
    points = corpus.points
    for col in (by, within):
        if col is not None and col not in points.columns:
            raise UsageError(f"unknown column {col!r}; use one of {', '.join(points.columns)}")
    extra = [c for c in (within, by) if c is not None and c not in KWIC_COLUMNS]
    hits = _hits(points, pattern, window)
    if not hits:
        return pd.DataFrame(columns=[*KWIC_COLUMNS, *extra])
    df = pd.DataFrame(hits)
    info = points.iloc[df["_row"].to_numpy()].reset_index(drop=True)
    for col in ["speaker", "role", "area", "point_id", "doc", *extra]:
        df[col] = info[col].to_numpy()
    df["line"] = _hit_lines(corpus, df, info)
    keys = [c for c in (within, by) if c is not None]
    df["_order"] = range(len(df))
    df = df.sort_values([*keys, "_order"], kind="stable") if keys else df
    return df[[*KWIC_COLUMNS, *extra]].reset_index(drop=True)


def _hit_lines(corpus: Any, df: pd.DataFrame, info: pd.DataFrame) -> list[int]:
    """Source line of each hit: the point's first line, or the wrapped line the hit starts on."""
    first = info["line_start"].astype("Int64").tolist()
    multi = info["line_end"].astype("Int64") > info["line_start"].astype("Int64")
    lines = _point_lines(corpus, set(info.loc[multi.fillna(False), "point_id"]))
    texts = info["text"].fillna("").astype(str).tolist()
    out = []
    starts_of: dict[str, list[tuple[int, int]]] = {}
    for pid, start, line, text in zip(info["point_id"], df["_start"], first, texts, strict=True):
        if pid not in lines:
            out.append(line)
            continue
        if pid not in starts_of:
            starts_of[pid] = _line_starts(lines[pid], text)
        found = [ln for pos, ln in starts_of[pid] if pos <= start]
        out.append(found[-1] if found else line)
    return pd.array(out, dtype="Int64")


# ----------------------------------------------------------------------------- HTML
_CSS = (
    "table.data{border-collapse:collapse;font-size:13px;margin-bottom:1.5em}"
    "th,td{border:1px solid #ddd;padding:3px 6px;vertical-align:top}"
    "td:nth-child(1){text-align:right;color:#555}td:nth-child(2){font-weight:700;"
    "text-align:center;background:#fff4c2}td:nth-child(3){color:#555}caption{text-align:left;"
    "font-weight:700;padding:6px 0}"
)
#: the columns of the page, in order
_PAGE_COLUMNS = ["left", "match", "right", "speaker", "point_id", "line"]


def _caption(key: Any, names: Sequence[str], n: int, t: Translator) -> str:
    parts = []
    for name, value in zip(names, key if isinstance(key, tuple) else (key,), strict=True):
        parts.append(area_label(value) if name == "area" else
                     t.role(value) if name == "role" else str(value))
    return f"{' · '.join(parts)} ({t('{n} hits', n=n)})"


def kwic_html(df: pd.DataFrame, term: str, groups: Iterable[str] = ("area", "role"), *,
              lang: str = "ko", embed_font: bool = True) -> str:
    """A self-contained, escaped HTML page of a KWIC table, one table per group, its words in
    ``lang`` (headers: :data:`consult.i18n.COLUMNS` in Korean, the table's names in English),
    with the NanumGothic subset of its characters embedded (``embed_font``)."""
    t = Translator(lang)
    header = [COLUMNS.get(c, c) if t.lang == "ko" else c for c in _PAGE_COLUMNS]
    term = clean_text(str(term))  # a term from a non-UTF-8 command line holds surrogates
    keys = [g for g in groups if g in df.columns] if len(df) else []
    blocks = []
    grouped = df.groupby(keys, sort=False) if keys else [((), df)]
    for key, part in grouped:
        rows = [[("" if pd.isna(v) else v) for v in rec]
                for rec in part[_PAGE_COLUMNS].itertuples(index=False, name=None)]
        caption = _caption(key, keys, len(part), t) if keys else t("{n} hits", n=len(part))
        blocks.append(table_html(Table(header, rows, caption=caption, numeric={5})))
    lead = t("{n} hits", n=len(df)) if len(df) else t("no hits: the term occurs in no answer point")
    body = Markup("<p>{}</p>").format(lead) + Markup("").join(blocks)
    return html_page(t("KWIC: {term}", term=term), body, _CSS, lang=t.lang, embed_font=embed_font)
