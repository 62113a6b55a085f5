"""Bullet glyphs of Korean minutes: one home for the sets the layout and the parser read.

    >>> BULLET_RANKS["●"], BULLET_RANKS["-"]
    (0, 2)
    >>> "○" in MARK_GLYPHS and "ㅇ" in DASH_GLYPHS
    True
"""

from __future__ import annotations

__all__ = ["BULLET_RANKS", "MARK_GLYPHS", "DASH_GLYPHS", "LIST_BULLET_GLYPHS"]

#: bullet glyph -> rank (0 = highest level)
BULLET_RANKS: dict[str, int] = {
    **dict.fromkeys("●■□◆◇▶►◼", 0),
    **dict.fromkeys("○◦ㅇ•◎▪➢✓", 1),
    **dict.fromkeys("-–—‐−→⇒➔➜", 2),
    **dict.fromkeys("ㆍ·∙▸", 3),
}
#: glyphs that open a bullet with or without a space after them
MARK_GLYPHS = "●■□◆◇▶►◼○◦◎▪➢✓•→⇒➔➜"
#: dash-like glyphs (and the letter ㅇ) that open a bullet only when a space follows
DASH_GLYPHS = "-–—ㆍ·∙‐−▸ㅇ"
#: a Word list level's bullet text (Symbol/Wingdings private-use code points, Courier "o") ->
#: the glyph it draws
LIST_BULLET_GLYPHS = {
    "\uf0b7": "•",  # Symbol bullet
    "\uf0a7": "▪",  # Wingdings square
    "\uf06c": "●",  # Wingdings filled circle
    "\uf06e": "■",
    "\uf0a8": "□",
    "\uf0d8": "➢",
    "\uf076": "❖",
    "\uf0fc": "✓",
    "\uf0e0": "➔",
    "o": "○",  # Courier New "o", Word's default second-level bullet
}
