"""Read a REFI-QDA project (``.qdpx`` zip or a bare ``project.qde``) safely.

Only what code round trips need: users, the codebook (names and paths), and each text source's
plain text with its coded selections. The XML is parsed by the standard library after a check
that it declares no DTD (so no entity can be expanded or fetched), and every member of the zip
is read with a size limit (the sizes in the zip's directory are not trusted).

    >>> project = read_project("coded.qdpx")                     # doctest: +SKIP
    >>> project.sources[0].selections[0]                          # doctest: +SKIP
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ConsultError

__all__ = ["Selection", "Source", "Project", "read_project", "MAX_XML_BYTES", "MAX_SOURCE_BYTES"]

_PERCENT = re.compile(rb"%([0-9A-Fa-f]{2})")

NAMESPACE = "urn:QDA-XML:project:1.0"
#: largest ``project.qde`` read (bytes, uncompressed)
MAX_XML_BYTES = 200 * 1024 * 1024
#: largest source text read (bytes, uncompressed); the whole zip may hold at most 20 times this
MAX_SOURCE_BYTES = 50 * 1024 * 1024


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
    """A text source: its GUID, name, plain text (``None`` when not in the file) and
    selections; ``variables`` are its attribute values by variable name."""

    guid: str
    name: str
    text: str | None
    selections: tuple[Selection, ...]
    description: str = ""
    variables: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Project:
    """Users (GUID → name), codes (GUID → ``(name, path)``) and text sources."""

    users: dict[str, str]
    codes: dict[str, tuple[str, str]]
    sources: tuple[Source, ...]
    warnings: tuple[str, ...] = ()


def _tag(el: ET.Element) -> str:
    return el.tag.rsplit("}", 1)[-1]


def _children(el: ET.Element, name: str) -> list[ET.Element]:
    return [c for c in el if _tag(c) == name]


def _read_member(z: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, path: str) -> bytes:
    with z.open(info) as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise ConsultError(f"{info.filename} is larger than {limit // (1024 * 1024)} MB", path=path)
    return data


def _unquote(path: str) -> str:
    """Percent-decoding of a file name (``%20`` → space), without a network-module import."""
    raw = _PERCENT.sub(lambda m: bytes([int(m.group(1), 16)]), path.encode())
    return raw.decode("utf-8", errors="replace")


def _parse_xml(data: bytes, path: str) -> ET.Element:
    head = data[:4096].lstrip(b"\xef\xbb\xbf").lower()
    if b"<!doctype" in data.lower() or b"<!entity" in head:
        raise ConsultError("project.qde declares a DTD or entities; refused (not REFI-QDA)",
                           path=path)
    try:
        return ET.fromstring(data)
    except ET.ParseError as exc:
        raise ConsultError(f"project.qde is not well-formed XML: {exc}", path=path) from None


def decode_text(data: bytes) -> str:
    """Source bytes to text: UTF-8 (a BOM is dropped), UTF-16 with a BOM, else CP949."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp949", errors="replace")


def _codes(root: ET.Element) -> dict[str, tuple[str, str]]:
    out: dict[str, tuple[str, str]] = {}

    def walk(el: ET.Element, prefix: str) -> None:
        for code in _children(el, "Code"):
            name = code.get("name") or ""
            path = f"{prefix} / {name}" if prefix else name
            out[code.get("guid") or name] = (name, path)
            walk(code, path)

    for book in _children(root, "CodeBook"):
        for codes in _children(book, "Codes"):
            walk(codes, "")
    return out


def _variables(root: ET.Element, el: ET.Element) -> dict[str, str]:
    names = {v.get("guid"): v.get("name") or "" for vs in _children(root, "Variables")
             for v in _children(vs, "Variable")}
    out: dict[str, str] = {}
    for vv in _children(el, "VariableValue"):
        ref = next(iter(_children(vv, "VariableRef")), None)
        if ref is None or ref.get("targetGUID") not in names:
            continue
        value = next((c.text or "" for c in vv if _tag(c) != "VariableRef"), "")
        out[names[ref.get("targetGUID")]] = value
    return out


def _selections(ts: ET.Element, default_user: str) -> tuple[Selection, ...]:
    out: list[Selection] = []
    for sel in _children(ts, "PlainTextSelection"):
        try:
            start, end = int(sel.get("startPosition", "")), int(sel.get("endPosition", ""))
        except ValueError:
            continue
        sel_user = sel.get("creatingUser") or default_user
        codings = []
        for coding in _children(sel, "Coding"):
            ref = next(iter(_children(coding, "CodeRef")), None)
            if ref is not None and ref.get("targetGUID"):
                codings.append((ref.get("targetGUID"), coding.get("creatingUser") or sel_user))
        if codings:
            out.append(Selection(min(start, end), max(start, end), sel.get("name") or "",
                                 tuple(codings)))
    whole = [(ref.get("targetGUID"), c.get("creatingUser") or default_user)
             for c in _children(ts, "Coding") for ref in _children(c, "CodeRef")]
    if whole:  # a code on the whole source
        out.append(Selection(0, -1, "", tuple(whole)))
    return tuple(out)


def _source_text(ts: ET.Element, z: zipfile.ZipFile | None, path: str,
                 notes: list[str]) -> str | None:
    inline = next(iter(_children(ts, "PlainTextContent")), None)
    if inline is not None and inline.text is not None:
        return inline.text
    where = ts.get("plainTextPath") or ""
    if not where.startswith("internal://") or z is None:
        notes.append(f"source {ts.get('name')!r}: text not inside the project ({where or 'no path'})")
        return None
    member = posixpath.normpath("sources/" + _unquote(where[len("internal://"):]))
    try:
        info = z.getinfo(member)
    except KeyError:
        notes.append(f"source {ts.get('name')!r}: {member} missing from the project")
        return None
    return decode_text(_read_member(z, info, MAX_SOURCE_BYTES, path))


def read_project(path: str | Path) -> Project:
    """Read a ``.qdpx`` (zip with ``project.qde`` and ``sources/``) or a bare ``.qde`` file."""
    p = Path(path)
    if not p.is_file():
        raise ConsultError("no such REFI-QDA project", path=str(p))
    z: zipfile.ZipFile | None = None
    if zipfile.is_zipfile(p):
        z = zipfile.ZipFile(p)
        total = sum(i.file_size for i in z.infolist())
        if total > 20 * MAX_SOURCE_BYTES:
            raise ConsultError("project too large when unpacked", path=str(p))
        qde = [i for i in z.infolist() if i.filename.lower().endswith(".qde")]
        if not qde:
            raise ConsultError("no project.qde in the .qdpx file", path=str(p))
        data = _read_member(z, qde[0], MAX_XML_BYTES, str(p))
    else:
        if p.stat().st_size > MAX_XML_BYTES:
            raise ConsultError("project.qde is too large", path=str(p))
        data = p.read_bytes()
    try:
        root = _parse_xml(data, str(p))
        if _tag(root) != "Project":
            raise ConsultError(f"not a REFI-QDA project (root element {_tag(root)})", path=str(p))
        notes: list[str] = []
        users = {u.get("guid"): u.get("name") or u.get("id") or u.get("guid")
                 for us in _children(root, "Users") for u in _children(us, "User")}
        default_user = root.get("creatingUserGUID") or ""
        sources = []
        for srcs in _children(root, "Sources"):
            for ts in _children(srcs, "TextSource"):
                desc = next((d.text or "" for d in _children(ts, "Description")), "")
                sources.append(Source(
                    guid=ts.get("guid") or "", name=ts.get("name") or "",
                    text=_source_text(ts, z, str(p), notes),
                    selections=_selections(ts, default_user), description=desc,
                    variables=_variables(root, ts)))
    finally:
        if z is not None:
            z.close()
    return Project(users=users, codes=_codes(root), sources=tuple(sources), warnings=tuple(notes))
