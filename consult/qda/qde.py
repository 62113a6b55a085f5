"""Reading ``project.qde`` (QDA-XML) safely, as it streams: users, codes, sources, selections.

For a project file anyone may have made:

* the bytes are decoded the way XML says — a byte-order mark, else the first bytes, else the
  ``encoding`` of the XML declaration (UTF-8, UTF-16, UTF-32, CP949 …) — and streamed to expat
  in pieces; a document type declaration (``<!DOCTYPE``, where entities are declared) is
  refused in any encoding, so no entity is ever expanded or fetched;
* the XML is read as it streams, never as a tree: elements open at once, codes, the depth of
  the code hierarchy and coded selections are counted against :mod:`consult.limits`, a text
  held in the file against the caller's bound, and a code's path (``parent / child``) is held
  to :data:`~consult.limits.MAX_CODE_PATH` characters (so a deep hierarchy of long names costs
  linear memory, not quadratic);
* undecodable or ill-formed XML is one :class:`~consult.errors.UnsupportedInputError` line.

    >>> xml_encoding(b'<?xml version="1.0" encoding="EUC-KR"?><Project/>')
    'cp949'
    >>> found = parse_qde(iter([b'<Project xmlns="urn:QDA-XML:project:1.0"/>']), "p.qde", 1000)
    >>> found.root, found.sources
    ('Project', [])
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from typing import Any
from xml.parsers import expat

from .. import limits
from ..errors import ConsultError, InputLimitError, UnsupportedInputError
from .model import Selection

__all__ = ["xml_encoding", "Collector", "parse_qde"]

_DECLARED = re.compile(rb"^<\?xml[^>]{0,200}?\sencoding\s*=\s*[\"']([A-Za-z][A-Za-z0-9._-]{0,40})[\"']")


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


class _Stop(Exception):
    """Raised inside an expat handler to end the reading with a one-line error."""

    def __init__(self, error: ConsultError):
        super().__init__(error.message)
        self.error = error


def _clip_tail(text: str, cap: int) -> str:
    return text if len(text) <= cap else text[:cap - 1] + "…"


class Collector:
    """expat handlers that keep what read_codes needs, with the limits of the module docstring;
    a text held in the file (a description, a source's text, a value) may hold at most
    ``max_text`` characters."""

    def __init__(self, where: str, max_text: int):
        self.where = where
        self.max_text = max_text
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
            if self.text_size > self.max_text:  # a text held in project.qde: a source's bound
                where = f"source {self.src['name']!r}: " if self.src is not None else ""
                raise _Stop(InputLimitError(
                    f"{where}a text in project.qde is larger than "
                    f"{self.max_text // (1024 * 1024)} MB", path=self.where))

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


def parse_qde(chunks: Iterator[bytes], where: str, max_text: int) -> Collector:
    """Decode ``chunks`` (the bytes of project.qde) as XML says and collect them; a text in
    the file may hold at most ``max_text`` characters."""
    out = Collector(where, max_text)
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
