"""Hangul in matplotlib without missing-glyph warnings on a fresh install.

matplotlib's default font (DejaVu Sans) has no Hangul, so every Korean label prints a
"Glyph … missing from font(s) DejaVu Sans" warning and renders as boxes. consult registers
NanumGothic and puts DejaVu Sans after it as a per-glyph fallback (Nanum lacks ``▪`` and the
minus sign ``−``; matplotlib ≥ 3.6 falls back glyph by glyph through ``font.family``).

Where the font comes from, in order:

1. the NanumGothic TTFs shipped inside the ``koreanize-matplotlib`` wheel (a dependency),
   located with :func:`importlib.util.find_spec` — the package itself is never imported (its import
   uses :mod:`distutils` and fails under ``-W error::DeprecationWarning``);
2. Debian/Ubuntu ``fonts-nanum`` (``/usr/share/fonts/truetype/nanum``) and other common paths.

    >>> from consult.fonts import setup_korean_font
    >>> setup_korean_font() in ("NanumGothic", None)
    True
"""

from __future__ import annotations

import glob
import os
from pathlib import Path

__all__ = ["setup_korean_font", "korean_font_files", "FONT_FAMILY"]

#: The family consult asks matplotlib for; DejaVu Sans covers ▪, − and other symbols.
FONT_FAMILY = ["NanumGothic", "DejaVu Sans"]

_SYSTEM_GLOBS = (
    "/usr/share/fonts/truetype/nanum/NanumGothic*.ttf",
    "/usr/share/fonts/nanum/NanumGothic*.ttf",
    "/usr/share/fonts/*/NanumGothic*.ttf",
    "/usr/local/share/fonts/NanumGothic*.ttf",
    os.path.expanduser("~/.local/share/fonts/NanumGothic*.ttf"),
    os.path.expanduser("~/.fonts/NanumGothic*.ttf"),
    "/Library/Fonts/NanumGothic*.ttf",
    os.path.expanduser("~/Library/Fonts/NanumGothic*.ttf"),
)

_DONE: str | None | bool = False  # False = not tried yet


def korean_font_files() -> list[Path]:
    """Paths of the NanumGothic TTF files found (wheel first, then system fonts)."""
    files: list[Path] = []
    try:
        import importlib.util

        # ``find_spec`` of a top-level package locates it without executing its ``__init__``
        # (``importlib.resources.files`` would import it, which is what must not happen).
        spec = importlib.util.find_spec("koreanize_matplotlib")
        for location in (spec.submodule_search_locations or []) if spec else []:
            files.extend(Path(location, "fonts").glob("NanumGothic*.ttf"))
    except (ImportError, ValueError, OSError):  # package missing or unusual install
        files = []
    if not files:
        for pattern in _SYSTEM_GLOBS:
            files.extend(Path(p) for p in sorted(glob.glob(pattern)))
    # the regular weight first
    return sorted(set(files), key=lambda p: (p.stem != "NanumGothic", p.name))


def setup_korean_font(rc: bool = True) -> str | None:
    """Register NanumGothic with matplotlib and (if ``rc``) make it the default family.

    Returns the family name, or ``None`` when no Korean font could be found (then Hangul
    renders as boxes; install ``koreanize-matplotlib`` or Debian ``fonts-nanum``). Safe to call
    many times: the font files are registered once per process.
    """
    global _DONE
    import matplotlib as mpl

    if _DONE is False:
        from matplotlib import font_manager

        family = None
        # regular and bold are enough for charts; every extra 4 MB face costs parse time
        wanted = [p for p in korean_font_files() if p.stem in ("NanumGothic", "NanumGothicBold")]
        for path in wanted or korean_font_files():
            try:
                font_manager.fontManager.addfont(str(path))
            except (OSError, RuntimeError, ValueError):  # unreadable file: try the next one
                continue
            family = "NanumGothic"
        _DONE = family
    if rc and _DONE:
        mpl.rcParams["font.family"] = list(FONT_FAMILY)
        mpl.rcParams["axes.unicode_minus"] = False
    elif rc:
        mpl.rcParams["axes.unicode_minus"] = False
    return _DONE or None
