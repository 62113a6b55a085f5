"""Read a REFI-QDA project (``.qdpx`` zip or a bare ``project.qde``) safely.

Only what code round trips need: users, the codebook (names and paths), and each text source's
plain text with its coded selections.

Safety, for a project file anyone may have made:

* ``project.qde`` is decoded the way XML says — a byte-order mark, else the first bytes, else
  the ``encoding`` of the XML declaration (UTF-8, UTF-16, UTF-32, CP949 …) — and streamed to
  expat in pieces; a document type declaration (``<!DOCTYPE``, where entities are declared) is
  refused in any encoding, so no entity is ever expanded or fetched;
* the XML is read as it streams, never as a tree: elements open at once, codes, the depth of
  the code hierarchy and coded selections are counted against :mod:`consult.limits`, and a
  code's path (``parent / child``) is held to :data:`~consult.limits.MAX_CODE_PATH` characters
  (so a deep hierarchy of long names costs linear memory, not quadratic);
* every zip member is read with a size limit (the sizes in the zip's directory are not
  trusted), and each source member is read and decoded once however many sources name it;
* a damaged zip (bad CRC, truncated, encrypted, an unknown compression) or undecodable XML is
  one :class:`~consult.errors.UnsupportedInputError` line naming the file.

    >>> project = read_project("coded.qdpx")                     # doctest: +SKIP
    >>> project.sources[0].selections[0]                          # doctest: +SKIP
"""

from __future__ import annotations

import codecs
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any
from xml.parsers import expat

from .. import limits
from ..errors import ConsultError, InputLimitError, UnsupportedInputError

__all__ = ["Selection", "Source", "Project", "read_project", "open_project", "decode_text",
           "MAX_XML_BYTES", "MAX_SOURCE_BYTES"]

_PERCENT = re.compile(rb"%([0-9A-Fa-f]{2})")
_DECLARED = re.compile(rb"^<\?xml[^>]{0,200}?\sencoding\s*=\s*[\"']([A-Za-z][A-Za-z0-9._-]{0,40})[\"']")

NAMESPACE = "urn:QDA-XML:project:1.0"
#: largest ``project.qde`` read (bytes, uncompressed)
MAX_XML_BYTES = 200 * 1024 * 1024
#: largest source text read (bytes, uncompressed); the whole zip may hold at most 20 times this
MAX_SOURCE_BYTES = 50 * 1024 * 1024
_CHUNK = 1 << 20
#: what breaks a zip member's reading: a damaged, truncated or encrypted zip, an unknown method
_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, RuntimeError, NotImplementedError,
               zlib.error, EOFError, OSError, ValueError)


@dataclass(frozen=True)
class Selection:
    """One coded span of a source: ``[start, end)`` as written in the file, its name (tools
    often store the selected text there) and its codings ``[(code_guid, user_guid), …]``."""

    start: int
    end: int
    name: str
    codings: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Source:
    """A text source: its GUID, name, plain text (``None`` when not in the file, or not read
    yet: see ``member``) and selections; ``variables`` are its attribute values by variable
    name; ``member`` is the zip member holding its text."""

    guid: str
    name: str
    text: str | None
    selections: tuple[Selection, ...]
    description: str = ""
    variables: dict[str, str] = field(default_factory=dict)
    member: str | None = None


@dataclass(frozen=True)
class Project:
    """Users (GUID → name), codes (GUID → ``(name, path)``) and text sources."""

    users: dict[str, str]
    codes: dict[str, tuple[str, str]]
    sources: tuple[Source, ...]
    warnings: tuple[str, ...] = ()


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


def xml_encoding(head: bytes) -> str:
    """The encoding of an XML document from its first bytes (XML 1.0, appendix F): a BOM,
    else the pattern of ``<?`` in UTF-16/32, else the declaration's ``encoding``, else UTF-8.
    Raises ``LookupError`` for an encoding Python does not know."""
    for bom, name in ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
                      (b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if head.startswith(bom):
            return name
    for pattern, name in ((b"<\x00\x00\x00", "utf-32-le"), (b"\x00\x00\x00<", "utf-32-be"),
                          (b"<\x00?\x00", "utf-16-le"), (b"\x00<\x00?", "utf-16-be")):
        if head.startswith(pattern):
            return name
    m = _DECLARED.match(head)
    if m is None:
        return "utf-8"
    name = codecs.lookup(m.group(1).decode("ascii")).name
    if name.startswith(("utf-16", "utf-32")):  # declared so, but the bytes are ASCII-like
        return "utf-8"
    return "cp949" if name == "euc_kr" else name  # EUC-KR: read as its superset


# --------------------------------------------------------------------------- the XML
class _Stop(Exception):
    """Raised inside an expat handler to end the reading with a one-line error."""

    def __init__(self, error: ConsultError):
        super().__init__(error.message)
        self.error = error


def _clip_tail(text: str, cap: int) -> str:
    return text if len(text) <= cap else text[:cap - 1] + "…"


class _Collector:
    """expat handlers that keep what read_codes needs, with the limits of the module docstring."""

    def __init__(self, where: str):
        self.where = where
        self.stack: list[str] = []
        self.elements = 0
        self.root = ""
        self.default_user = ""
        self.users: dict[str, str] = {}
        self.codes: dict[str, tuple[str, str]] = {}
        self.code_stack: list[str] = []  # paths of the open codes
        self.code_at: list[int] = []  # the element depth of each open code
        self.variables: dict[str, str] = {}
        self.sources: list[dict[str, Any]] = []
        self.n_selections = 0
        self.shortened = 0
        self.src: dict[str, Any] | None = None
        self.sel: dict[str, Any] | None = None
        self.coding_user: str | None = None
        self.vv: dict[str, Any] | None = None
        self.text: list[str] | None = None  # character data being collected
        self.text_size = 0

    # -- limits
    def _limit(self, what: str, limit: int, variable: str) -> _Stop:
        return _Stop(InputLimitError(f"project.qde holds more than {limit:,} {what} ({variable})",
                                     path=self.where))

    # -- expat handlers
    def doctype(self, *_args: object) -> None:
        raise _Stop(UnsupportedInputError(
            "project.qde declares a DTD or entities; refused (not REFI-QDA)", path=self.where))

    def start(self, name: str, attrs: dict[str, str]) -> None:
        tag = name.rsplit("}", 1)[-1]
        depth = len(self.stack)
        self.elements += 1
        if limits.MAX_XML_ELEMENTS and self.elements > limits.MAX_XML_ELEMENTS:
            raise self._limit("elements", limits.MAX_XML_ELEMENTS, "CONSULT_MAX_XML_ELEMENTS")
        if limits.MAX_XML_DEPTH and depth >= limits.MAX_XML_DEPTH:
            raise self._limit("levels of nested elements", limits.MAX_XML_DEPTH, "CONSULT_MAX_XML_DEPTH")
        parent = self.stack[-1] if self.stack else ""
        self.stack.append(tag)
        if depth == 0:
            self.root = tag
            if tag != "Project":
                raise _Stop(UnsupportedInputError(f"not a REFI-QDA project (root element {tag})",
                                                  path=self.where))
            self.default_user = attrs.get("creatingUserGUID") or ""
        elif tag == "User" and parent == "Users" and depth == 2:
            guid = attrs.get("guid")
            self.users[guid] = attrs.get("name") or attrs.get("id") or guid  # type: ignore[index]
        elif tag == "Code" and parent in ("Codes", "Code") and self._in_codebook():
            self._code(attrs)
        elif tag == "Variable" and parent == "Variables" and depth == 2:
            self.variables[attrs.get("guid") or ""] = attrs.get("name") or ""
        elif tag == "TextSource" and parent == "Sources" and depth == 2:
            self.src = {"guid": attrs.get("guid") or "", "name": attrs.get("name") or "",
                        "path": attrs.get("plainTextPath") or "", "selections": [],
                        "whole": [], "description": None, "text": None, "values": []}
        elif self.src is not None and depth == 3:
            self._source_child(tag, attrs)
        elif self.sel is not None and depth == 4 and tag == "Coding":
            self.coding_user = attrs.get("creatingUser") or self.sel["user"]
        elif depth == 5 and tag == "CodeRef" and self.sel is not None and self.coding_user is not None:
            if attrs.get("targetGUID"):
                self.sel["codings"].append((attrs["targetGUID"], self.coding_user))
        elif depth == 4 and self.src is not None and self.coding_user is not None and tag == "CodeRef":
            self.src["whole"].append((attrs.get("targetGUID"), self.coding_user))
        elif depth == 4 and self.vv is not None:
            if tag == "VariableRef":
                self.vv["ref"] = attrs.get("targetGUID")
            elif self.vv["value"] is None:
                self.vv["value"], self.text, self.text_size = "", [], 0

    def _in_codebook(self) -> bool:
        return len(self.stack) >= 4 and self.stack[1] == "CodeBook" and self.stack[2] == "Codes"

    def _code(self, attrs: dict[str, str]) -> None:
        if limits.MAX_CODE_DEPTH and len(self.code_stack) >= limits.MAX_CODE_DEPTH:
            raise self._limit("levels of codes inside codes", limits.MAX_CODE_DEPTH,
                              "CONSULT_MAX_CODE_DEPTH")
        if limits.MAX_CODES and len(self.codes) >= limits.MAX_CODES:
            raise self._limit("codes", limits.MAX_CODES, "CONSULT_MAX_CODES")
        cap = limits.MAX_CODE_PATH or 10**9
        raw = attrs.get("name") or ""
        name = _clip_tail(raw, cap)
        prefix = self.code_stack[-1] if self.code_stack else ""
        path = f"{prefix} / {name}" if prefix else name
        if len(path) > cap:  # the first ancestors give way: "… / parent / child"
            path = "…" + path[len(path) - cap + 1:]
        self.shortened += name != raw or path.startswith("…")
        self.codes[attrs.get("guid") or name] = (name, path)
        self.code_stack.append(path)
        self.code_at.append(len(self.stack) - 1)

    def _source_child(self, tag: str, attrs: dict[str, str]) -> None:
        src = self.src
        assert src is not None
        if tag == "Description" and src["description"] is None:
            src["description"], self.text, self.text_size = "", [], 0
        elif tag == "PlainTextContent" and src["text"] is None:
            src["text"], self.text, self.text_size = "", [], 0
        elif tag == "PlainTextSelection":
            self.n_selections += 1
            if limits.MAX_SELECTIONS and self.n_selections > limits.MAX_SELECTIONS:
                raise self._limit("coded selections", limits.MAX_SELECTIONS, "CONSULT_MAX_SELECTIONS")
            try:
                start, end = int(attrs.get("startPosition", "")), int(attrs.get("endPosition", ""))
            except ValueError:
                return
            self.sel = {"start": start, "end": end, "name": attrs.get("name") or "",
                        "user": attrs.get("creatingUser") or self.default_user, "codings": []}
        elif tag == "Coding":
            self.coding_user = attrs.get("creatingUser") or self.default_user
        elif tag == "VariableValue":
            self.vv = {"ref": None, "value": None}

    def data(self, text: str) -> None:
        if self.text is not None:
            self.text.append(text)
            self.text_size += len(text)
            if self.text_size > MAX_SOURCE_BYTES:  # a text held in project.qde: a source's bound
                where = f"source {self.src['name']!r}: " if self.src is not None else ""
                raise _Stop(InputLimitError(
                    f"{where}a text in project.qde is larger than "
                    f"{MAX_SOURCE_BYTES // (1024 * 1024)} MB", path=self.where))

    def end(self, name: str) -> None:
        tag = self.stack.pop()
        depth = len(self.stack)
        if self.code_at and self.code_at[-1] == depth:
            self.code_stack.pop()
            self.code_at.pop()
        if self.text is not None and depth in (3, 4):
            value = "".join(self.text)
            if depth == 3 and self.src is not None and tag == "Description":
                self.src["description"], self.text = value, None
            elif depth == 3 and self.src is not None and tag == "PlainTextContent":
                self.src["text"], self.text = value, None
            elif depth == 4 and self.vv is not None:
                self.vv["value"], self.text = value, None
        if depth == 3 and tag == "PlainTextSelection" and self.sel is not None:
            if self.sel["codings"] and self.src is not None:
                s, e = self.sel["start"], self.sel["end"]
                self.src["selections"].append(Selection(min(s, e), max(s, e), self.sel["name"],
                                                        tuple(self.sel["codings"])))
            self.sel = None
        elif depth == 3 and tag == "Coding" or depth == 4 and tag == "Coding":
            self.coding_user = None
        elif depth == 3 and tag == "VariableValue" and self.vv is not None:
            if self.src is not None and self.vv["ref"]:
                self.src["values"].append((self.vv["ref"], self.vv["value"] or ""))
            self.vv = None
        elif depth == 2 and tag == "TextSource" and self.src is not None:
            self.sources.append(self.src)
            self.src = None


def _parse(chunks: Iterator[bytes], where: str) -> _Collector:
    """Decode ``chunks`` (the bytes of project.qde) as XML says and collect them."""
    out = _Collector(where)
    parser = expat.ParserCreate("UTF-8", namespace_separator="}")
    parser.StartDoctypeDeclHandler = out.doctype
    parser.EntityDeclHandler = out.doctype
    parser.ExternalEntityRefHandler = out.doctype
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartElementHandler = out.start
    parser.EndElementHandler = out.end
    parser.CharacterDataHandler = out.data
    parser.buffer_text = True
    decoder = None
    head = b""
    try:
        for chunk in chunks:
            if decoder is None:
                head += chunk
                if len(head) < 1024:
                    continue
                decoder = codecs.getincrementaldecoder(xml_encoding(head[:1024]))()
                chunk, head = head, b""
            parser.Parse(decoder.decode(chunk), False)
        if decoder is None:
            decoder = codecs.getincrementaldecoder(xml_encoding(head[:1024]))()
        parser.Parse(decoder.decode(head, True), True)
    except _Stop as stop:
        raise stop.error from None
    except LookupError as exc:
        raise UnsupportedInputError(f"project.qde is in an encoding Python does not know ({exc})",
                                    path=where) from None
    except UnicodeDecodeError as exc:
        raise UnsupportedInputError(f"project.qde is not valid {exc.encoding} text", path=where) from None
    except expat.ExpatError as exc:
        raise UnsupportedInputError(f"project.qde is not well-formed XML: {exc}", path=where) from None
    except RecursionError:  # pragma: no cover - expat does not recurse
        raise UnsupportedInputError("project.qde is nested too deeply", path=where) from None
    if not out.root:
        raise UnsupportedInputError("project.qde holds no XML element", path=where)
    return out


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
                        found = _parse(_chunks(fh, MAX_XML_BYTES, "project.qde", self.where), self.where)
                except _ZIP_ERRORS as exc:
                    raise _damaged(self.where, exc, qde[0].filename) from None
            else:
                with open(p, "rb") as fh:
                    if fh.read(4) == b"PK\x03\x04":  # a zip, but its directory cannot be read
                        raise zipfile.BadZipFile("the zip's central directory is missing or cut short")
                try:
                    with open(p, "rb") as fh:
                        found = _parse(_chunks(fh, MAX_XML_BYTES, "project.qde", self.where), self.where)
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

    def _project(self, found: _Collector) -> Project:
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
