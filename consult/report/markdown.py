"""Markdown rendering of report cells and tables.

Document text is escaped for Markdown *and* HTML (``<`` → ``&lt;``), because Markdown
renderers pass raw HTML through: a transcript containing ``<script>`` must stay text.

    >>> md("<script>*x*</script> | y")
    '&lt;script&gt;\\\\*x\\\\*&lt;/script&gt; \\\\| y'
"""

from __future__ import annotations

import re
from typing import Any

from ..display import Link, Table, cell_text, is_missing
from ..sanitize import clean_text

__all__ = ["md", "md_cell", "md_table"]

_SPECIAL = re.compile(r"([\\`*_\[\]|#])")


def md(text: Any) -> str:
    """Escape text for inline Markdown (one line: newlines become spaces)."""
    if is_missing(text):
        return ""
    s = clean_text(str(text))  # no C0 controls or ESC sequences reach a terminal or renderer
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    s = _SPECIAL.sub(r"\\\1", s)
    return " ".join(s.split())


def md_cell(value: Any) -> str:
    if is_missing(value):
        return ""
    if isinstance(value, Link):
        return f"[{md(value.text)}]({value.href})"
    if isinstance(value, tuple):
        return "".join(md_cell(v) for v in value)
    if isinstance(value, list):
        return ", ".join(md_cell(v) for v in value if not (isinstance(v, str) and v == ""))
    if isinstance(value, str):
        return md(value)
    return md(cell_text(value))


def md_table(table: Table, *, max_rows: int | None = None) -> str:
    """A pipe table (with the caption as an italic line above)."""
    if not table.columns:
        return ""
    lines = []
    if table.caption:
        lines += [f"*{md(table.caption)}*", ""]
    lines.append("| " + " | ".join(md(c) for c in table.columns) + " |")
    lines.append("|" + "|".join("---:" if i in table.numeric else "---" for i in range(len(table.columns))) + "|")
    rows = table.rows if max_rows is None else table.rows[:max_rows]
    for r, row in enumerate(rows):
        cells = [md_cell(v) for v in row]
        rid = table.row_ids[r] if table.row_ids else None
        if rid:
            cells[0] = f'<a id="{rid}"></a>{cells[0]}'
        lines.append("| " + " | ".join(cells) + " |")
    if max_rows is not None and len(table.rows) > max_rows:
        lines += ["", f"… {len(table.rows) - max_rows} more rows"]
    return "\n".join(lines) + "\n"
