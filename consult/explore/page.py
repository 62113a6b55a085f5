"""The frame of explore's script-free HTML pages (KWIC, co-occurrence): a strict
Content-Security-Policy, the page's language, and the NanumGothic subset of its characters, so
Hangul shows on a machine without a Korean font (:mod:`consult.fontembed`).

    >>> from markupsafe import Markup
    >>> page = html_page("검색", Markup("<p>인력</p>"), lang="ko", embed_font=False)
    >>> page.startswith('<!DOCTYPE html><html lang="ko">'), "default-src 'none'" in page
    (True, True)
"""

from __future__ import annotations

from markupsafe import Markup

from ..fontembed import font_face_css
from ..i18n import check_lang
from ..sanitize import clean_text

__all__ = ["html_page", "FONT_STACK"]

#: local Korean fonts first; the embedded subset (``consult-nanum``) where none is installed
FONT_STACK = ('"Noto Sans KR","Nanum Gothic","NanumGothic","Malgun Gothic","Apple SD Gothic Neo",'
              '"consult-nanum",sans-serif')


def html_page(title: str, body: Markup, css: str = "", *, lang: str = "ko",
              images: bool = False, embed_font: bool = True) -> str:
    """A self-contained page: ``body`` (escaped markup) under an ``<h1>`` of ``title``.

    No script may run and nothing is loaded (``default-src 'none'``); inline styles, the
    embedded font and, with ``images``, ``data:`` images are allowed."""
    check_lang(lang)
    title = clean_text(str(title))  # a title from a non-UTF-8 command line holds surrogates
    csp = "default-src 'none'; style-src 'unsafe-inline'; font-src data:" + (
        "; img-src data:" if images else "")
    base = f"body{{font-family:{FONT_STACK};margin:1.5em;color:#222}}"
    top = Markup("<h1>{}</h1>").format(title) + body
    face = font_face_css(title + str(top)) if embed_font else ""
    head = Markup(
        '<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" content="{csp}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>{title}</title><style>{style}</style></head><body>"
    ).format(lang=lang, csp=Markup(csp), title=title, style=Markup(face + base + css))
    return clean_text(str(head + top + Markup("</body></html>")))
