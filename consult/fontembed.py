"""A subset of NanumGothic embedded in every HTML page consult writes (the report, the evidence
browser, the KWIC and co-occurrence pages), so Hangul shows on any machine.

Only the characters the page uses are kept (≈900 syllables for the sample: ≈80 KB as WOFF),
so the file stays self-contained without shipping the 4.6 MB font. The page lists local Korean
fonts first; the embedded face is the fallback. Subsets are cached per character set in memory
and beside the token cache (``$CONSULT_CACHE_DIR/fonts``; off with ``CONSULT_CACHE_DIR=off``),
under the token cache's rules: each entry checksummed and checked to be plain base64 before it
reaches the page's ``<style>``, the folder private and owner-checked, files written atomically
and removed by ``consult cache clear``.
"""

from __future__ import annotations

import base64
import hashlib
import io
import logging

from .cache import BlobCache, cache_dir

_CACHE: dict[str, str] = {}


def font_face_css(text: str, family: str = "consult-nanum") -> str:
    """An ``@font-face`` rule with a base64 WOFF subset covering ``text``'s non-ASCII letters,
    or ``""`` when no NanumGothic file or fontTools is available."""
    chars = sorted({c for c in text if ord(c) > 0x7F and not c.isspace()})
    if not chars:
        return ""
    key = hashlib.sha1(("v2:" + "".join(chars)).encode("utf-8")).hexdigest()
    if key not in _CACHE:
        _CACHE[key] = _read_disk(key) or _write_disk(key, _subset(chars))
    data = _CACHE[key]
    if not data:
        return ""
    return (
        f'@font-face{{font-family:"{family}";font-style:normal;font-weight:400;'
        f'src:url(data:font/woff;base64,{data}) format("woff");}}'
    )


def _disk() -> BlobCache:
    """The font subsets on disk: ``<consult cache>/fonts`` under the token cache's rules
    (:class:`consult.cache.BlobCache`: checksummed, private, atomic), or off with the cache."""
    return BlobCache(cache_dir(), "fonts")


def _read_disk(key: str) -> str:
    return _disk().get(key) or ""


def _write_disk(key: str, data: str) -> str:
    if data:
        _disk().put(key, data)  # a read-only or foreign cache folder only costs time
    return data


def _subset(chars: list[str]) -> str:
    try:
        from fontTools import subset
        from fontTools.ttLib import TTFont
    except ImportError:  # pragma: no cover - fontTools ships with matplotlib
        return ""
    from .fonts import korean_font_files

    regular = [p for p in korean_font_files() if p.stem == "NanumGothic"]
    if not regular:
        return ""
    for name in ("fontTools", "fontTools.subset", "fontTools.ttLib"):
        logging.getLogger(name).setLevel(logging.ERROR)
    opts = subset.Options()
    opts.hinting = False
    opts.desubroutinize = True
    opts.layout_features = []
    opts.name_IDs = [1, 2]
    opts.notdef_outline = True
    opts.drop_tables += ["TSI0", "TSI1", "TSI2", "TSI3", "TSI5", "DSIG"]
    opts.flavor = "woff"
    font = None
    try:
        # the font's own dates kept (not "now"): the same page's bytes on any day, on any machine
        font = TTFont(str(regular[0]), lazy=True, recalcTimestamp=False)
        subsetter = subset.Subsetter(opts)
        subsetter.populate(unicodes=[ord(c) for c in chars])
        subsetter.subset(font)
        font.flavor = "woff"
        buf = io.BytesIO()
        font.save(buf)
    except Exception:  # noqa: BLE001 - a font problem must never break the report
        return ""
    finally:
        if font is not None:
            font.close()  # the lazily read font file (else a ResourceWarning when collected)
    return base64.b64encode(buf.getvalue()).decode("ascii")
