"""The one reader of the TOML files a user hands consult, checked against a schema.

Every TOML option — ``--areas``, ``--roles``, ``--hints``, ``--codebook``, ``--seed-themes``,
``--synonyms`` (and the files of the same layout shipped in ``consult/data``) — is read by
:func:`load_toml`, so they all behave alike:

* a UTF-8 BOM is accepted (Windows editors write one); UTF-16 or bytes that are not UTF-8 are
  one error saying so;
* the file must be a regular file of at most :data:`MAX_TOML_BYTES`; nesting is bounded
  (:data:`MAX_DEPTH` brackets or braces, :data:`MAX_KEY_PARTS` parts of a dotted key) by a
  linear scan *before* the TOML parser runs, so no file makes it recurse or go quadratic;
* the values are checked against the file's schema (:data:`AREAS`, :data:`ROLES`,
  :data:`HINTS`, :data:`CODEBOOK`, :data:`SEED_THEMES`, :data:`SYNONYMS`), and a wrong type is
  one line naming the file and the key::

      my_areas.toml: areas."로봇".aliases[1]: expected a string, got an integer (7)

    >>> import tempfile, os
    >>> p = os.path.join(tempfile.mkdtemp(), "areas.toml")
    >>> _ = open(p, "w", encoding="utf-8-sig").write('[areas."로봇"]\\naliases = ["로봇", 7]\\n')
    >>> load_toml(p, AREAS, what="area taxonomy")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    consult.errors.UsageError: ...areas.toml: area taxonomy: areas."로봇".aliases[1]: expected a string, got an integer (7)
"""

from __future__ import annotations

import os
import re
import stat
import tomllib
from collections.abc import Mapping, Sequence
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from .errors import ConsultError, UsageError

__all__ = ["load_toml", "Schema", "Str", "Int", "Bool", "List", "Table", "Map", "OneOf",
           "AREAS", "ROLES", "HINTS", "CODEBOOK", "SEED_THEMES", "SYNONYMS",
           "MAX_TOML_BYTES", "MAX_DEPTH", "MAX_KEY_PARTS"]

#: largest user TOML file read (bytes); the shipped tables are a few KB
MAX_TOML_BYTES = 2 * 1024 * 1024
#: brackets and braces open at once (an array in an inline table in an array …)
MAX_DEPTH = 16
#: dots outside strings on one line (``a.b.c = 1`` has two; tomllib is quadratic in them)
MAX_KEY_PARTS = 32


# --------------------------------------------------------------------------- schemas
def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, Mapping):
        return "a table"
    if isinstance(value, datetime | date | time):
        return "a date or time"
    return type(value).__name__  # pragma: no cover - tomllib gives nothing else


def _brief(value: Any) -> str:
    if isinstance(value, list | Mapping):
        return ""
    text = repr(value)
    return f" ({text[:40]}…)" if len(text) > 41 else f" ({text})"


_BARE = re.compile(r"[A-Za-z0-9_-]+")


def _key(where: str, key: str) -> str:
    part = key if _BARE.fullmatch(key) else '"' + key.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return f"{where}.{part}" if where else part


class _Invalid(Exception):
    def __init__(self, where: str, message: str):
        super().__init__(message)
        self.where, self.message = where, message


class Schema:
    """A check of one TOML value; ``check(value, where)`` returns it or raises."""

    expected = "a value"
    plural = "values"

    def check(self, value: Any, where: str) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def fail(self, value: Any, where: str) -> _Invalid:
        return _Invalid(where, f"expected {self.expected}, got {_kind(value)}{_brief(value)}")


class Str(Schema):
    """A string, optionally one of ``choices``."""

    expected = "a string"
    plural = "strings"

    def __init__(self, choices: Sequence[str] | None = None):
        self.choices = tuple(choices) if choices else None
        if self.choices:
            self.expected = "one of " + ", ".join(repr(c) for c in self.choices)

    def check(self, value: Any, where: str) -> Any:
        if not isinstance(value, str) or (self.choices and value not in self.choices):
            raise self.fail(value, where)
        return value


class Int(Schema):
    expected = "an integer"
    plural = "integers"

    def check(self, value: Any, where: str) -> Any:
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(value, where)
        return value


class Bool(Schema):
    expected = "true or false"
    plural = "true/false values"

    def check(self, value: Any, where: str) -> Any:
        if not isinstance(value, bool):
            raise self.fail(value, where)
        return value


class List(Schema):
    """A list of ``item``, at least ``min_len`` long."""

    plural = "lists"

    def __init__(self, item: Schema, min_len: int = 0):
        self.item, self.min_len = item, min_len
        noun = item.plural
        self.expected = (f"a list of at least {min_len} {noun}" if min_len > 1 else
                         f"a non-empty list of {noun}" if min_len == 1 else f"a list of {noun}")

    def check(self, value: Any, where: str) -> Any:
        if not isinstance(value, list) or len(value) < self.min_len:
            raise self.fail(value, where)
        return [self.item.check(v, f"{where}[{i}]") for i, v in enumerate(value)]


class Map(Schema):
    """A table whose keys are the user's own (area names, labels …), each value ``value``."""

    plural = "tables"

    def __init__(self, value: Schema, min_len: int = 0):
        self.value, self.min_len = value, min_len
        self.expected = "a table" if not min_len else "a non-empty table"

    def check(self, value: Any, where: str) -> Any:
        if not isinstance(value, Mapping) or len(value) < self.min_len:
            raise self.fail(value, where)
        return {k: self.value.check(v, _key(where, k)) for k, v in value.items()}


class Table(Schema):
    """A table of known keys; ``required`` must be present; other keys are refused when
    ``extra`` is false, else kept as they are."""

    expected = "a table"
    plural = "tables"

    def __init__(self, fields: Mapping[str, Schema], required: Sequence[str] = (), extra: bool = True):
        self.fields, self.required, self.extra = dict(fields), tuple(required), extra

    def check(self, value: Any, where: str) -> Any:
        if not isinstance(value, Mapping):
            raise self.fail(value, where)
        for key in self.required:
            if key not in value:
                raise _Invalid(_key(where, key), f"missing (needs {self.fields[key].expected})")
        out = {}
        for key, v in value.items():
            if key in self.fields:
                out[key] = self.fields[key].check(v, _key(where, key))
            elif self.extra:
                out[key] = v
            else:
                raise _Invalid(_key(where, key), "unknown key; use one of "
                               + ", ".join(self.fields))
        return out


class OneOf(Schema):
    """The first of ``options`` that accepts the value."""

    def __init__(self, *options: Schema):
        self.options = options
        self.expected = " or ".join(o.expected for o in options)
        self.plural = " or ".join(o.plural for o in options)

    def check(self, value: Any, where: str) -> Any:
        for option in self.options:
            try:
                return option.check(value, where)
            except _Invalid as exc:
                if exc.where != where:  # the right shape, a wrong value inside: say where
                    raise
        raise self.fail(value, where)


_WORDS = List(Str())
#: ``consult/data/areas.toml`` and ``--areas``
AREAS = Table({"areas": Map(Table({"aliases": _WORDS}))}, required=["areas"])
#: ``consult/data/roles.toml`` and ``--roles``
ROLES = Table({"roles": Map(Table({"titles": _WORDS, "organizations": _WORDS})),
               "order": _WORDS, "firm_markers": _WORDS, "aliases": Map(Str()),
               "person_titles": _WORDS, "chair_titles": _WORDS, "organization_endings": _WORDS,
               "sides": _WORDS, "groups": Map(Str())}, required=["roles"])
_PATTERNS = OneOf(Str(), _WORDS)
#: ``--hints``
HINTS = Table({"shape": Str(("meeting", "blocks", "report", "verbatim")), "speaker": _PATTERNS,
               "question": _PATTERNS, "closing": _PATTERNS}, extra=False)
_SEED = OneOf(List(Str(), min_len=1), Table({"words": List(Str(), min_len=1)}, required=["words"]))
#: ``--codebook``
CODEBOOK = Table({
    "concern": List(Table({"label": Str(), "words": List(Str(), min_len=1)}, required=["label", "words"])),
    "themes": Map(_SEED),
    "rename": Map(Str()),
    "merge": List(Table({"labels": List(OneOf(Str(), Int()), min_len=2), "label": Str()},
                        required=["labels"])),
})
#: ``--seed-themes``
SEED_THEMES = Table({"themes": Map(_SEED, min_len=1)}, required=["themes"])
#: ``consult/data/synonyms.toml`` and ``--synonyms``
SYNONYMS = Table({"synonyms": Map(OneOf(Str(), _WORDS))})


# --------------------------------------------------------------------------- reading
_SPECIAL = re.compile(r"[\"'#\[\]{}.\n]")


def _escaped(text: str, at: int, start: int) -> bool:
    """Whether the quote at ``at`` follows an odd run of backslashes (after ``start``)."""
    k = at - 1
    while k >= start and text[k] == "\\":
        k -= 1
    return (at - 1 - k) % 2 == 1


def _basic_end(text: str, start: int, quotes: str) -> int:
    """The end of a basic string (``"…"`` or ``\"\"\"…\"\"\"``) whose body starts at ``start``, or -1;
    a one-line string may not pass the end of its line. One pass: each ``find`` moves on."""
    stop = text.find("\n", start) if quotes == '"' else -1
    at = start
    while True:
        j = text.find(quotes, at)
        if j < 0 or 0 <= stop < j:
            return -1
        if not _escaped(text, j, start):
            return j + len(quotes)
        at = j + 1


def _check_nesting(text: str) -> tuple[int, str] | None:
    """``(line, problem)`` when brackets nest deeper than :data:`MAX_DEPTH` or a line holds
    more than :data:`MAX_KEY_PARTS` dots outside strings; ``None`` otherwise. Linear: strings
    and comments are skipped with one search each (an unterminated one ends the scan and is
    left for the TOML parser to report)."""
    depth = dots = 0
    line = 1
    pos = 0
    while (m := _SPECIAL.search(text, pos)) is not None:
        c, i = m.group(), m.start()
        pos = i + 1
        if c == "\n":
            line, dots = line + 1, 0
        elif c == "#":
            j = text.find("\n", i)
            if j < 0:
                return None
            pos = j
        elif c in "\"'":
            if text.startswith(c * 3, i):
                if c == '"':
                    j = _basic_end(text, i + 3, '"""')
                else:
                    j = text.find("'''", i + 3)
                    j = j + 3 if j >= 0 else -1
                if j < 0:
                    return None
                line += text.count("\n", i, j)
            else:
                if c == '"':
                    j = _basic_end(text, i + 1, '"')
                else:
                    j = text.find("'", i + 1)
                    j = j + 1 if j >= 0 and "\n" not in text[i + 1:j] else -1
                if j < 0:
                    return None
            pos = j
        elif c in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return line, f"brackets nested more than {MAX_DEPTH} deep"
        elif c in "]}":
            depth = max(depth - 1, 0)
        else:  # "."
            dots += 1
            if dots > MAX_KEY_PARTS:
                return line, f"more than {MAX_KEY_PARTS} dotted key parts on one line"
    return None


def _read_bytes(path: Path, what: str, error: type[ConsultError], missing: str) -> bytes:
    where = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise error(f"{what} {missing}", path=where) from None
    except OSError as exc:
        raise error(f"cannot read the {what} ({exc.strerror})", path=where) from None
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        raise error(f"the {what} is a folder, not a file" if stat.S_ISDIR(st.st_mode) else
                    f"the {what} is not a regular file (a pipe or device)", path=where)
    with os.fdopen(fd, "rb") as fh:
        if st.st_size > MAX_TOML_BYTES:
            raise error(f"the {what} is {st.st_size / 1e6:.1f} MB; a TOML file of settings is "
                        f"at most {MAX_TOML_BYTES // (1024 * 1024)} MB", path=where)
        try:
            data = fh.read(MAX_TOML_BYTES + 1)
        except OSError as exc:
            raise error(f"cannot read the {what} ({exc.strerror})", path=where) from None
    if len(data) > MAX_TOML_BYTES:
        raise error(f"the {what} is larger than {MAX_TOML_BYTES // (1024 * 1024)} MB", path=where)
    return data


def _decode(data: bytes, what: str, where: str, error: type[ConsultError]) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise error(f"the {what} is UTF-16; save it as UTF-8", path=where)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise error(f"the {what} is not UTF-8 text (byte 0x{data[exc.start]:02x} on line {line}); "
                    "save it as UTF-8", path=where) from None


def load_toml(path: str | Path, schema: Schema | None = None, *, what: str = "TOML file",
              error: type[ConsultError] = UsageError, missing: str = "not found") -> dict[str, Any]:
    """Read the user TOML file at ``path`` and check it against ``schema``.

    Every problem is one ``error`` (a :class:`~consult.errors.ConsultError`) naming the file —
    and for a wrong value the key — e.g. ``codebook.toml: codebook: merge[0].labels: expected a
    list of at least 2 strings or integers, got a string ('x')``. ``what`` names the file's
    role in messages; ``missing`` ends the message for a file that does not exist.
    """
    p = Path(path)
    where = str(p)
    text = _decode(_read_bytes(p, what, error, missing), what, where, error)
    bad = _check_nesting(text)
    if bad is not None:
        raise error(f"{what}: line {bad[0]}: {bad[1]}", path=where)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise error(f"{what}: not a valid TOML file ({' '.join(str(exc).split())})", path=where) from None
    except RecursionError:  # pragma: no cover - the nesting scan comes first
        raise error(f"{what}: nested too deeply", path=where) from None
    if schema is None:
        return data
    try:
        return schema.check(data, "")
    except _Invalid as exc:
        key = exc.where or "(the file)"
        raise error(f"{what}: {key}: {exc.message}", path=where) from None
