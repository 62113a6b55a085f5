"""Hard limits on what one input file may cost, and the checks that enforce them.

Each limit keeps one hostile file from hanging a run or exhausting memory; a file over a
limit ends in an :class:`~consult.errors.InputLimitError` naming the file and the limit (the
other files of a batch go on). The defaults fit any real minutes with a wide margin and keep
memory under about 1 GB per file; each can be changed with an environment variable (a
number; ``0`` lifts the limit) or, in Python, by assigning the module attribute::

    >>> import consult.limits as limits
    >>> limits.MAX_INPUT_MB
    200

See ``docs/security.md`` for the full list.
"""

from __future__ import annotations

import os
import re
import signal
import stat
import threading
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import InputLimitError, UnsupportedInputError

__all__ = [
    "MAX_INPUT_MB",
    "MAX_UNPACKED_MB",
    "MAX_XML_ELEMENTS",
    "MAX_PARAGRAPHS",
    "MAX_LIST_NUMBER",
    "MAX_PDF_PAGES",
    "MAX_PDF_STREAM_MB",
    "MAX_SECONDS_PER_FILE",
    "MAX_WARNINGS",
    "MAX_PDF_PAGE_OBJECTS",
    "MAX_PDF_EXPANSION",
    "MAX_XML_DEPTH",
    "MAX_CODES",
    "MAX_CODE_DEPTH",
    "MAX_CODE_PATH",
    "MAX_SELECTIONS",
    "MAX_CODE_ROWS",
    "check_input_file",
    "check_package",
    "check_pdf_streams",
    "deadline",
    "PackageInfo",
]


def _env(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    try:
        return int(raw) if raw else default
    except ValueError:
        return default


#: bytes of one input file, in MB (text is about 6× its size in memory once parsed)
MAX_INPUT_MB = _env("CONSULT_MAX_INPUT_MB", 200)
#: total unpacked size of an office (zip) package's parts, in MB, checked before inflating
MAX_UNPACKED_MB = _env("CONSULT_MAX_UNPACKED_MB", 256)
#: XML elements in an office package's XML parts (an XML tree costs ~150 bytes an element)
MAX_XML_ELEMENTS = _env("CONSULT_MAX_XML_ELEMENTS", 3_000_000)
#: body paragraphs (and table rows) of one office document
MAX_PARAGRAPHS = _env("CONSULT_MAX_PARAGRAPHS", 500_000)
#: a Word list counter beyond this is written in decimal (no 10¹²-long Roman numerals)
MAX_LIST_NUMBER = _env("CONSULT_MAX_LIST_NUMBER", 10_000)
#: pages of one PDF
MAX_PDF_PAGES = _env("CONSULT_MAX_PDF_PAGES", 5_000)
#: unpacked size of one PDF stream (Flate), in MB
MAX_PDF_STREAM_MB = _env("CONSULT_MAX_PDF_STREAM_MB", 64)
#: characters and shapes drawn on one PDF page (pdfminer holds ~2.4 KB for each)
MAX_PDF_PAGE_OBJECTS = _env("CONSULT_MAX_PDF_PAGE_OBJECTS", 60_000)
#: work one PDF may ask for, per byte of the file: content-stream bytes interpreted (at least
#: 4 MB), characters and shapes drawn (a sixteenth of it: 4 a byte, at least one page's worth)
#: and object references followed (a 64th: 1 a byte, at least 100,000) — so reading time
#: grows with the file, not with what a small file can make pdfminer do
MAX_PDF_EXPANSION = _env("CONSULT_MAX_PDF_EXPANSION", 64)
#: seconds for reading one PDF (a last resort: cycles and expansions are caught before)
MAX_SECONDS_PER_FILE = _env("CONSULT_MAX_SECONDS_PER_FILE", 300)
#: parser warnings kept per document; the rest are counted in one last warning
MAX_WARNINGS = _env("CONSULT_MAX_WARNINGS", 100)
#: elements open at once in a REFI-QDA ``project.qde``
MAX_XML_DEPTH = _env("CONSULT_MAX_XML_DEPTH", 256)
#: codes in a REFI-QDA codebook
MAX_CODES = _env("CONSULT_MAX_CODES", 200_000)
#: levels of a code hierarchy (a code inside a code inside …)
MAX_CODE_DEPTH = _env("CONSULT_MAX_CODE_DEPTH", 64)
#: characters of a code's name and of its path (``parent / child``); longer ones are shortened
#: (the path loses its first ancestors, the name its end, both marked with ``…``)
MAX_CODE_PATH = _env("CONSULT_MAX_CODE_PATH", 500)
#: coded selections in a REFI-QDA project
MAX_SELECTIONS = _env("CONSULT_MAX_SELECTIONS", 500_000)
#: rows of the codes table (coded span × answer point it covers × code)
MAX_CODE_ROWS = _env("CONSULT_MAX_CODE_ROWS", 1_000_000)

_MB = 1 << 20


def _over(limit: int, value: int | float) -> bool:
    return bool(limit) and value > limit


def check_input_file(path: str | Path) -> int:
    """Refuse anything but a regular file within :data:`MAX_INPUT_MB`; return its size.

    FIFOs, devices (``/dev/zero``) and sockets would hang or read without end.
    """
    where = str(path)
    try:
        st = os.stat(path)
    except OSError as exc:
        raise UnsupportedInputError(f"cannot read file ({exc.strerror})", path=where) from None
    if stat.S_ISDIR(st.st_mode):
        raise UnsupportedInputError("is a directory, not a file", path=where)
    if not stat.S_ISREG(st.st_mode):
        raise UnsupportedInputError(
            "not a regular file (a pipe, device or socket); copy it to a file first", path=where
        )
    if _over(MAX_INPUT_MB, st.st_size / _MB):
        raise InputLimitError(
            f"file is {st.st_size / _MB:.0f} MB, over the {MAX_INPUT_MB} MB limit "
            "(CONSULT_MAX_INPUT_MB)",
            path=where,
        )
    return st.st_size


class PackageInfo:
    """What :func:`check_package` learned about a zip package's XML parts."""

    def __init__(self) -> None:
        self.unpacked = 0  # declared bytes of all parts
        self.elements = 0  # ``<`` in the XML parts: an upper bound on elements
        self.entity_parts: list[str] = []  # XML parts that declare entities (<!ENTITY)


def check_package(path: str | Path) -> PackageInfo:
    """Check a zip package (DOCX, HWPX) before any reader inflates it.

    The declared sizes bound what Python's ``zipfile`` will inflate (it stops at the declared
    size and fails the CRC beyond), so their sum is checked first; then the XML parts are
    streamed in chunks to count their elements and find entity declarations.
    """
    where = str(path)
    info = PackageInfo()
    try:
        with zipfile.ZipFile(path) as z:
            members = z.infolist()
            info.unpacked = sum(m.file_size for m in members)
            if _over(MAX_UNPACKED_MB, info.unpacked / _MB):
                raise InputLimitError(
                    f"the package unpacks to {info.unpacked / _MB:.0f} MB, over the "
                    f"{MAX_UNPACKED_MB} MB limit (CONSULT_MAX_UNPACKED_MB): a decompression bomb?",
                    path=where,
                )
            for m in members:
                if m.filename.lower().endswith((".xml", ".rels", ".hpf")):
                    _scan_xml(z, m, info, where)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as exc:
        raise UnsupportedInputError(f"the zip package is damaged ({type(exc).__name__})", path=where) from None
    return info


def _scan_xml(z: zipfile.ZipFile, member: zipfile.ZipInfo, info: PackageInfo, where: str) -> None:
    head = b""
    with z.open(member) as fh:
        while chunk := fh.read(1 << 20):
            if len(head) < 65536:
                head += chunk[:65536]
            info.elements += chunk.count(b"<")
            if _over(MAX_XML_ELEMENTS, info.elements):
                raise InputLimitError(
                    f"the package's XML holds more than {MAX_XML_ELEMENTS:,} elements "
                    "(CONSULT_MAX_XML_ELEMENTS)",
                    path=where,
                )
    if b"<!ENTITY" in head:
        info.entity_parts.append(member.filename)


class _Expired(BaseException):
    """Raised by the alarm; a BaseException so that a reader's ``except Exception`` cannot swallow it."""


@contextmanager
def deadline(path: str | Path, seconds: float | None = None) -> Iterator[None]:
    """Stop reading ``path`` after ``seconds`` (default :data:`MAX_SECONDS_PER_FILE`).

    Uses ``SIGALRM``, so it acts in the main thread of a Unix process with no other timer
    running; elsewhere it does nothing (page and size limits still apply).
    """
    seconds = MAX_SECONDS_PER_FILE if seconds is None else seconds
    usable = (
        seconds
        and hasattr(signal, "SIGALRM")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL)[0] == 0
    )
    if not usable:
        yield
        return

    def _expire(*_args: object) -> None:
        raise _Expired

    old = signal.signal(signal.SIGALRM, _expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _Expired:
        raise InputLimitError(
            f"reading took longer than {seconds:g} s (CONSULT_MAX_SECONDS_PER_FILE): "
            "a damaged or hostile file?",
            path=str(path),
        ) from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


_STREAM = re.compile(rb"stream\r?\n")


def check_pdf_streams(data: bytes, path: str | Path) -> None:
    """Refuse a PDF with a Flate stream that unpacks past :data:`MAX_PDF_STREAM_MB`.

    Every ``stream`` body is inflated in bounded steps (nothing is kept), so a "bomb" of a few
    KB that would unpack to GBs in pdfminer is caught at the limit.
    """
    if not MAX_PDF_STREAM_MB:
        return
    cap = MAX_PDF_STREAM_MB * _MB
    view = memoryview(data)
    for m in _STREAM.finditer(data):
        d = zlib.decompressobj()
        out, pos = 0, m.end()
        try:
            while pos < len(view) and not d.eof:
                out += len(d.decompress(view[pos:pos + 65536], 1 << 20))
                pos += 65536
                while d.unconsumed_tail and not d.eof and out <= cap:  # (after the end the
                    out += len(d.decompress(d.unconsumed_tail, 1 << 20))  # tail stays: no loop)
                if out > cap:
                    raise InputLimitError(
                        f"a PDF stream unpacks to more than {MAX_PDF_STREAM_MB} MB "
                        "(CONSULT_MAX_PDF_STREAM_MB): a decompression bomb?",
                        path=str(path),
                    )
        except zlib.error:
            continue  # not Flate data (or damaged): pdfminer will judge it
