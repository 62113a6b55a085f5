"""Plain-text input in any common Korean encoding (UTF-8 with or without BOM, UTF-16, CP949/EUC-KR).

Decoding order: strict ``utf-8-sig``; a UTF-16 BOM; strict ``cp949`` (a superset of EUC-KR);
then line by line (files that mix UTF-8 and CP949 lines), each undecodable line reported by
number; then charset-normalizer's best guess. Form feeds (``\\f``) start a new page.

    >>> decode_bytes("가나".encode("cp949"))[1]
    'cp949'
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import DecodeError, EmptyInputError, UnsupportedInputError
from ..limits import check_input_file
from .document import Document

_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_NEWLINES = re.compile(r"\r\n|\r|\n")


def _looks_binary(data: bytes) -> bool:
    head = data[:65536]
    if b"\x00" in head:
        return True
    controls = len(_CONTROL.findall(head))
    return controls > max(8, len(head) // 50)


def decode_bytes(data: bytes, path: str = "<bytes>") -> tuple[str, str, list[str]]:
    """Decode ``data`` to text; return ``(text, encoding, warnings)``.

    Raises:
        EmptyInputError: no bytes, or only whitespace.
        UnsupportedInputError: the bytes are binary (NUL or many control bytes).
        DecodeError: no encoding fits.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16", []
        except UnicodeDecodeError as exc:
            raise DecodeError(f"invalid UTF-16 text ({exc.reason})", path=path) from None
    if not data.strip():
        raise EmptyInputError("file is empty", path=path)
    if _looks_binary(data):
        raise UnsupportedInputError("binary file, not text", path=path)
    for enc in ("utf-8-sig", "cp949"):
        try:
            return data.decode(enc), enc, []
        except UnicodeDecodeError:
            pass
    text, warnings = _decode_per_line(data, path)
    if text is not None:
        return text, "mixed (utf-8/cp949)", warnings
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
    except Exception:  # pragma: no cover - charset-normalizer internals
        best = None
    if best is not None and best.encoding:
        enc = "cp949" if best.encoding.lower().replace("-", "_") in ("euc_kr", "euckr") else best.encoding
        try:
            return data.decode(enc), enc, []
        except (UnicodeDecodeError, LookupError):
            pass
    raise DecodeError("cannot decode the bytes as UTF-8, CP949/EUC-KR or UTF-16", path=path)


def _decode_per_line(data: bytes, path: str) -> tuple[str | None, list[str]]:
    """Decode each line on its own (UTF-8, else CP949); tolerate a few bad lines, with warnings."""
    raw_lines = data.split(b"\n")
    out: list[str] = []
    bad: list[int] = []
    for i, raw in enumerate(raw_lines, start=1):
        for enc in ("utf-8", "cp949"):
            try:
                out.append(raw.decode(enc))
                break
            except UnicodeDecodeError:
                continue
        else:
            out.append(raw.decode("utf-8", errors="replace"))
            bad.append(i)
    if len(bad) > max(3, len(raw_lines) // 20):
        return None, []
    warnings = [f"line {n}: undecodable bytes replaced with U+FFFD" for n in bad]
    return "\n".join(out), warnings


def document_from_text(
    text: str,
    *,
    path: str = "<text>",
    name: str | None = None,
    encoding: str | None = None,
    warnings: list[str] | tuple[str, ...] = (),
    source_type: str = "txt",
) -> Document:
    """Make a :class:`Document` from already decoded text (pages split at form feeds).

    >>> document_from_text("a\\n\\fb\\nc").pages
    (1, 2, 2)
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = _NEWLINES.split(text)
    if lines and lines[-1] == "" and len(lines) > 1:
        lines.pop()
    has_pages = "\f" in text
    pages: list[int | None] = []
    page = 1
    clean: list[str] = []
    for line in lines:
        if "\f" in line:
            # a form feed starts a new page; text after it belongs to the new page
            page += line.count("\f")
            line = line.replace("\f", "")
        clean.append(line)
        pages.append(page)
    if name is None:
        name = Path(path).stem if path and not path.startswith("<") else "text"
    return Document(
        path=path,
        name=name,
        lines=tuple(clean),
        pages=tuple(pages) if has_pages else None,
        source_type=source_type,
        encoding=encoding,
        warnings=tuple(warnings),
    )


def read_text_file(path: str | Path) -> Document:
    """Read a text file in any supported encoding into a :class:`Document`."""
    p = Path(path)
    check_input_file(p)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise UnsupportedInputError(f"cannot read file ({exc.strerror})", path=str(path)) from None
    text, enc, warnings = decode_bytes(data, path=str(path))
    if not text.strip():
        raise EmptyInputError("file is empty", path=str(path))
    return document_from_text(text, path=str(path), encoding=enc, warnings=warnings)
