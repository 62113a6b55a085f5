"""Bounds on what reading one PDF may cost, enforced inside pdfminer as it works.

A PDF of a few KB can make pdfminer work without end: objects that are only references to
each other (``4 0 obj 5 0 R``, ``5 0 obj 4 0 R``) are resolved in a loop that never ends;
form XObjects that each draw the next twice, or arrays of references to arrays of
references, expand exponentially; one compressed line of a million characters becomes a
million layout objects of ~2.4 KB each. None of these is a big stream, so the stream limit
does not see them, and before this module only the per-file timer ended them (300 s each).

:class:`Budget` holds the work one file may ask for, in proportion to its size
(:data:`consult.limits.MAX_PDF_EXPANSION` per byte, with floors that any real PDF stays far
below) and per page (:data:`consult.limits.MAX_PDF_PAGE_OBJECTS`):

* **references** — :func:`guarded` makes pdfminer's ``PDFObjRef.resolve`` follow a chain of
  references to its end, refusing a cycle at once (a set of the objects seen), and count
  every resolution against the budget (exponential sharing is caught by the count);
* **content** — :func:`page_layout` interprets a page with an interpreter that counts the
  bytes of every content stream it runs (a form XObject each time it is drawn, at least 1 KB);
* **characters and shapes** — its device counts every glyph, path and image drawn.

Over a budget, or on a cycle, reading stops with :class:`Refused` (a ``BaseException``, so
that no ``except Exception`` inside pdfminer or pdfplumber swallows it); ``read_pdf`` turns it
into one :class:`~consult.errors.InputLimitError` or :class:`~consult.errors.UnsupportedInputError`
line. Time is then bounded by the file's size, not by the timer.

``guarded`` replaces ``PDFObjRef.resolve`` while a PDF is read (restored after the last
concurrent read); outside a read the replacement only adds the cycle check.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from .. import limits

__all__ = ["Budget", "Refused", "guarded", "page_layout"]

_MB = 1 << 20
#: what drawing a form XObject costs at least, in content bytes (an empty form is not free)
_FORM_COST = 1024


class Refused(BaseException):
    """Reading a PDF stops here: ``message``; ``limit`` names the variable, or ``None`` for a
    cycle (a damaged file, not a limit)."""

    def __init__(self, message: str, limit: str | None = None):
        super().__init__(message)
        self.message, self.limit = message, limit


class Budget:
    """The work one PDF of ``size`` bytes may ask for (see the module docstring)."""

    def __init__(self, size: int):
        ratio = limits.MAX_PDF_EXPANSION
        self.page_cap = limits.MAX_PDF_PAGE_OBJECTS
        self.content = max(4 * _MB, ratio * size) if ratio else None
        self.objects = max(self.page_cap or 0, ratio * size // 16) if ratio else None
        self.references = max(100_000, ratio * size // 64) if ratio else None
        self.page_objects = 0
        self.page = 0

    def new_page(self, number: int) -> None:
        self.page, self.page_objects = number, 0

    def _over(self, what: str) -> Refused:
        return Refused(f"the PDF asks for more work than a file of its size can need ({what}; "
                       f"CONSULT_MAX_PDF_EXPANSION): a damaged or hostile file?",
                       "CONSULT_MAX_PDF_EXPANSION")

    def reference(self) -> None:
        if self.references is not None:
            self.references -= 1
            if self.references < 0:
                raise self._over("too many object references followed")

    def stream(self, nbytes: int) -> None:
        if self.content is not None:
            self.content -= max(nbytes, _FORM_COST)
            if self.content < 0:
                raise self._over("too much page content to interpret")

    def drawn(self) -> None:
        self.page_objects += 1
        if self.page_cap and self.page_objects > self.page_cap:
            raise Refused(f"page {self.page} draws more than {self.page_cap:,} characters and "
                          "shapes (CONSULT_MAX_PDF_PAGE_OBJECTS)", "CONSULT_MAX_PDF_PAGE_OBJECTS")
        if self.objects is not None:
            self.objects -= 1
            if self.objects < 0:
                raise self._over("too many characters and shapes")


# --------------------------------------------------------------------------- references
_local = threading.local()
_lock = threading.Lock()
_users = 0
_original: Any = None


def _resolve(self: Any, default: object = None) -> Any:
    """``PDFObjRef.resolve`` that follows a chain of references to its end, refusing a cycle,
    and counts each step against the budget of the read in progress (if any)."""
    budget: Budget | None = getattr(_local, "budget", None)
    if budget is not None:
        budget.reference()
    x = _original(self, default)
    if type(x) is type(self):  # a reference to a reference: follow it here, watching for a loop
        seen = {self.objid}
        while type(x) is type(self):
            if x.objid in seen:
                raise Refused(f"objects refer to each other in a cycle (object {x.objid})")
            seen.add(x.objid)
            if budget is not None:
                budget.reference()
            x = _original(x, default)
    return x


@contextmanager
def guarded(budget: Budget) -> Iterator[Budget]:
    """Count this thread's reference resolutions against ``budget`` and refuse cycles."""
    global _users, _original
    from pdfminer.pdftypes import PDFObjRef  # heavy: imported when a PDF is read

    with _lock:
        if _users == 0:
            _original = PDFObjRef.resolve
            PDFObjRef.resolve = _resolve
        _users += 1
    old = getattr(_local, "budget", None)
    _local.budget = budget
    try:
        yield budget
    finally:
        _local.budget = old
        with _lock:
            _users -= 1
            if _users == 0:
                PDFObjRef.resolve = _original


# --------------------------------------------------------------------------- pages
@lru_cache(maxsize=1)
def _bounded_classes() -> tuple[type, type]:
    """pdfplumber's page device and pdfminer's interpreter, counting what they do."""
    from pdfminer.pdfinterp import PDFPageInterpreter  # heavy: imported when a PDF is read
    from pdfminer.pdftypes import list_value, stream_value
    from pdfplumber.page import PDFPageAggregatorWithMarkedContent

    class Device(PDFPageAggregatorWithMarkedContent):
        budget: Budget

        def render_char(self, *args: Any, **kwargs: Any) -> Any:
            self.budget.drawn()
            return super().render_char(*args, **kwargs)

        def paint_path(self, *args: Any, **kwargs: Any) -> Any:
            self.budget.drawn()
            return super().paint_path(*args, **kwargs)

        def render_image(self, *args: Any, **kwargs: Any) -> Any:
            self.budget.drawn()
            return super().render_image(*args, **kwargs)

    class Interpreter(PDFPageInterpreter):
        budget: Budget

        def dup(self) -> Interpreter:
            twin = self.__class__(self.rsrcmgr, self.device)
            twin.budget = self.budget
            return twin

        def render_contents(self, resources: Any, streams: Any, *args: Any, **kwargs: Any) -> Any:
            for s in list_value(streams):
                try:
                    size = len(stream_value(s).get_data())
                except Exception:  # noqa: BLE001 - pdfminer judges a broken stream itself
                    size = 0
                self.budget.stream(size)
            return super().render_contents(resources, streams, *args, **kwargs)

    return Device, Interpreter


def page_layout(pdf: Any, page: Any, budget: Budget) -> None:
    """Lay out pdfplumber ``page`` of ``pdf`` within ``budget``, as ``page.layout`` would (the
    result is left where pdfplumber looks for it, so ``extract_text`` uses it)."""
    Device, Interpreter = _bounded_classes()
    budget.new_page(page.page_number)
    device = Device(pdf.rsrcmgr, pageno=page.page_number, laparams=pdf.laparams)
    device.budget = budget
    interpreter = Interpreter(pdf.rsrcmgr, device)
    interpreter.budget = budget
    interpreter.process_page(page.page_obj)
    page._layout = device.get_result()  # pdfplumber's cache of Page.layout
