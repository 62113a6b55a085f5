"""Read a REFI-QDA project (``.qdpx`` zip or a bare ``project.qde``) safely.

Only what code round trips need: users, the codebook (names and paths), and each text source's
plain text with its coded selections (:mod:`.model`).

Safety, for a project file anyone may have made:

* ``project.qde`` is decoded as XML says, streamed, never expanded into entities and counted
  against :mod:`consult.limits` as it is read (:mod:`.qde`);
* every zip member is read with a size limit (the sizes in the zip's directory are not
  trusted), and each source member is read and decoded once however many sources name it;
* a damaged zip (bad CRC, truncated, encrypted, an unknown compression) or undecodable XML is
  one :class:`~consult.errors.UnsupportedInputError` line naming the file.

    >>> project = read_project("coded.qdpx")                     # doctest: +SKIP
    >>> project.sources[0].selections[0]                          # doctest: +SKIP
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import IO, Any

from .. import limits
from ..errors import ConsultError, InputLimitError, UnsupportedInputError
from .model import Project, Selection, Source
from .qde import Collector, parse_qde

__all__ = ["Selection", "Source", "Project", "read_project", "open_project", "decode_text",
           "MAX_XML_BYTES", "MAX_SOURCE_BYTES"]

_PERCENT = re.compile(rb"%([0-9A-Fa-f]{2})")

NAMESPACE = "urn:QDA-XML:project:1.0"
#: largest ``project.qde`` read (bytes, uncompressed)
MAX_XML_BYTES = 200 * 1024 * 1024
#: largest source text read (bytes, uncompressed); the whole zip may hold at most 20 times this
MAX_SOURCE_BYTES = 50 * 1024 * 1024
_CHUNK = 1 << 20
#: what breaks a zip member's reading: a damaged, truncated or encrypted zip, an unknown method
_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, RuntimeError, NotImplementedError,
               zlib.error, EOFError, OSError, ValueError)


# --------------------------------------------------------------------------- decoding
def decode_text(data: bytes) -> str:
    """Source bytes to text: UTF-8 (a BOM is dropped), UTF-16/32 with a BOM, else CP949.

    Never raises: a UTF-16 text of odd length or with a lone surrogate, or bytes that are
    neither UTF-8 nor CP949, get U+FFFD where they cannot be read.
    """
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return data.decode("utf-32", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp949", errors="replace")



# --------------------------------------------------------------------------- the zip
def _unquote(path: str) -> str:
    """Percent-decoding of a file name (``%20`` → space), without a network-module import."""
    raw = _PERCENT.sub(lambda m: bytes([int(m.group(1), 16)]), path.encode("utf-8", "surrogateescape"))
    return raw.decode("utf-8", errors="replace")


def _damaged(where: str, exc: BaseException, member: str | None = None) -> UnsupportedInputError:
    text = " ".join(str(exc).split())
    if isinstance(exc, RuntimeError) and ("encrypt" in text or "password" in text):
        what = "it is encrypted (password-protected); export the project again without a password"
    elif isinstance(exc, NotImplementedError):
        what = "it is compressed with a method Python's zip reader does not know"
    elif isinstance(exc, zlib.error | EOFError):
        what = "its compressed data is damaged or cut short"
    else:
        what = (text[:120] if "<ZipInfo" not in text else "") or type(exc).__name__
    inside = f" ({member})" if member else ""
    return UnsupportedInputError(f"damaged or unsupported .qdpx{inside}: {what}", path=where)


def _chunks(fh: IO[bytes], limit: int, what: str, where: str) -> Iterator[bytes]:
    total = 0
    while chunk := fh.read(_CHUNK):
        total += len(chunk)
        if total > limit:
            raise InputLimitError(f"{what} is larger than {limit // (1024 * 1024)} MB", path=where)
        yield chunk


def _read_member(z: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, path: str) -> bytes:
    try:
        with z.open(info) as fh:
            data = fh.read(limit + 1)
    except _ZIP_ERRORS as exc:
        raise _damaged(path, exc, info.filename) from None
    if len(data) > limit:
        raise InputLimitError(f"{info.filename} is larger than {limit // (1024 * 1024)} MB", path=path)
    return data


class ProjectFile:
    """An open project: :attr:`project` (sources without their member texts) and
    :meth:`text` (a source's text, each zip member read and decoded once)."""

    def __init__(self, path: str | Path):
        p = Path(path)
        self.path = p
        self.where = str(p)
        self.zip: zipfile.ZipFile | None = None
        self._text_cache: tuple[str, str] | None = None
        if not p.is_file():
            raise ConsultError("no such REFI-QDA project", path=self.where)
        try:
            if zipfile.is_zipfile(p):
                self.zip = zipfile.ZipFile(p)
                members = self.zip.infolist()
                if sum(i.file_size for i in members) > 20 * MAX_SOURCE_BYTES:
                    raise InputLimitError("project too large when unpacked", path=self.where)
                qde = [i for i in members if i.filename.lower().endswith(".qde")]
                if not qde:
                    raise UnsupportedInputError("no project.qde in the .qdpx file", path=self.where)
                try:
                    with self.zip.open(qde[0]) as fh:
                        found = self._collect(fh)
                except _ZIP_ERRORS as exc:
                    raise _damaged(self.where, exc, qde[0].filename) from None
            else:
                with open(p, "rb") as fh:
                    if fh.read(4) == b"PK\x03\x04":  # a zip, but its directory cannot be read
                        raise zipfile.BadZipFile("the zip's central directory is missing or cut short")
                try:
                    with open(p, "rb") as fh:
                        found = self._collect(fh)
                except OSError as exc:
                    raise UnsupportedInputError(f"cannot read the project ({exc.strerror})",
                                                path=self.where) from None
        except zipfile.BadZipFile as exc:
            self.close()
            raise _damaged(self.where, exc) from None
        except BaseException:
            self.close()
            raise
        self.project = self._project(found)

    def _collect(self, fh: IO[bytes]) -> Collector:
        """``project.qde`` read from ``fh``: at most MAX_XML_BYTES, a text in it at most
        MAX_SOURCE_BYTES characters (both looked up at the call)."""
        return parse_qde(_chunks(fh, MAX_XML_BYTES, "project.qde", self.where), self.where,
                         MAX_SOURCE_BYTES)

    def _project(self, found: Collector) -> Project:
        notes: list[str] = []
        sources = []
        for s in found.sources:
            text, member = s["text"], None
            if text is None:
                member = self._member(s, notes)
            if s["whole"]:  # a code on the whole source
                s["selections"].append(Selection(0, -1, "", tuple(s["whole"])))
            variables = {found.variables[ref]: value for ref, value in s["values"]
                         if ref in found.variables}
            sources.append(Source(guid=s["guid"], name=s["name"], text=text,
                                  selections=tuple(s["selections"]),
                                  description=s["description"] or "", variables=variables,
                                  member=member))
        if found.shortened:
            notes.append(f"{found.shortened} code name(s) or path(s) longer than "
                         f"{limits.MAX_CODE_PATH} characters were shortened (CONSULT_MAX_CODE_PATH)")
        return Project(users=found.users, codes=found.codes, sources=tuple(sources),
                       warnings=tuple(notes))

    def _member(self, s: dict[str, Any], notes: list[str]) -> str | None:
        where = s["path"]
        if not where.startswith("internal://") or self.zip is None:
            notes.append(f"source {s['name']!r}: text not inside the project ({where or 'no path'})")
            return None
        member = posixpath.normpath("sources/" + _unquote(where[len("internal://"):]))
        try:
            self.zip.getinfo(member)
        except KeyError:
            notes.append(f"source {s['name']!r}: {member} missing from the project")
            return None
        return member

    def text(self, source: Source) -> str | None:
        """The text of ``source``: inline, or its zip member (the last one read is kept, so
        sources naming the same member, taken together, read it once)."""
        if source.text is not None or source.member is None or self.zip is None:
            return source.text
        if self._text_cache is not None and self._text_cache[0] == source.member:
            return self._text_cache[1]
        self._text_cache = None  # the previous text is let go before the next is read
        data = _read_member(self.zip, self.zip.getinfo(source.member), MAX_SOURCE_BYTES, self.where)
        text = decode_text(data)
        del data
        self._text_cache = (source.member, text)
        return text

    def check_members(self) -> None:
        """Open (without reading) the zip member of every source: an encrypted member or an
        unknown compression is one error now, before any other work (a damaged CRC shows when
        the text is read)."""
        if self.zip is None:
            return
        for member in {s.member for s in self.project.sources if s.member is not None}:
            try:
                with self.zip.open(self.zip.getinfo(member)):
                    pass
            except _ZIP_ERRORS as exc:
                raise _damaged(self.where, exc, member) from None

    def close(self) -> None:
        if self.zip is not None:
            self.zip.close()
            self.zip = None
        self._text_cache = None


@contextmanager
def open_project(path: str | Path) -> Iterator[ProjectFile]:
    """The project at ``path``, open for reading its sources' texts one at a time."""
    pf = ProjectFile(path)
    try:
        yield pf
    finally:
        pf.close()


def read_project(path: str | Path) -> Project:
    """Read a ``.qdpx`` (zip with ``project.qde`` and ``sources/``) or a bare ``.qde`` file,
    every source with its text (:func:`open_project` reads them one at a time instead)."""
    with open_project(path) as pf:
        sources = tuple(replace(s, text=pf.text(s)) for s in pf.project.sources)
        return replace(pf.project, sources=sources)
