"""The QDA-XML words every part of a ``.qdpx`` export shares: namespace, GUIDs, values, elements.

GUIDs are UUID5s of a kind and a key (a record id), so the same corpus gives the same project;
values are written as text (``None`` and NaN as ``""``); every element goes through
:func:`sub_element`, which cleans the document text XML 1.0 cannot hold; the timestamp written
on every element is :func:`created_for` (``SOURCE_DATE_EPOCH``, else the newest input file).

    >>> guid("source", "a#T01") == guid("source", "a#T01")
    True
    >>> as_text(float("nan")), int_or_none("3.0"), iso(created_for(None, "2024-05-01T09:30:00Z"))
    ('', 3, '2024-05-01T09:30:00Z')
"""

from __future__ import annotations

import math
import os
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from ... import __version__
from ...sanitize import clean_text

__all__ = ["NAMESPACE", "guid", "qname", "as_text", "int_or_none", "created_for", "iso",
           "sub_element", "variable_value", "consult_version"]

#: QDA-XML project namespace.
NAMESPACE = "urn:QDA-XML:project:1.0"

#: UUID5 namespace of every GUID consult writes (a fixed, arbitrary UUID).
_GUID_NAMESPACE = uuid.UUID("6f1c2b8e-8d7a-5b7e-9c1e-3a0f5d2c4b61")

#: Fallback timestamp when nothing better is known (also the zip epoch floor).
_DEFAULT_CREATED = datetime(2000, 1, 1, tzinfo=UTC)


def guid(kind: str, key: object) -> str:
    """Deterministic GUID for an object of ``kind`` identified by ``key``.

    >>> guid("source", "a#T01") == guid("source", "a#T01")
    True
    """
    return str(uuid.uuid5(_GUID_NAMESPACE, f"{kind}:{key}"))


def qname(tag: str) -> str:
    """``tag`` in the QDA-XML namespace (ElementTree's ``{namespace}tag``)."""
    return f"{{{NAMESPACE}}}{tag}"


def as_text(value: Any) -> str:
    """A table value as text: ``None``, NaN and pandas' missing values are ``""``."""
    if value is None:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return str(value)


def int_or_none(value: Any) -> int | None:
    """A table value as a whole number (``"3.0"`` → 3), or ``None`` when it is not one."""
    text = as_text(value)
    if not text:
        return None
    try:
        return int(float(text))
    except ValueError:
        return None


def created_for(corpus: Any, created: datetime | str | None) -> datetime:
    """The project's timestamp: ``created``, else ``SOURCE_DATE_EPOCH``, else the newest input
    file's modification time, else 2000-01-01; in UTC, whole seconds, never before 1980 (zip)."""
    if isinstance(created, str):
        created = datetime.fromisoformat(created.replace("Z", "+00:00"))
    if created is None:
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        if epoch and epoch.strip().isdigit():
            created = datetime.fromtimestamp(int(epoch), tz=UTC)
    if created is None:
        mtimes: list[float] = []
        documents = getattr(corpus, "documents", None)
        if isinstance(documents, pd.DataFrame) and "path" in documents.columns:
            for p in documents["path"].tolist():
                try:
                    mtimes.append(Path(str(p)).stat().st_mtime)
                except OSError:
                    pass
        created = (datetime.fromtimestamp(int(max(mtimes)), tz=UTC) if mtimes
                   else _DEFAULT_CREATED)
    if created.tzinfo is None:
        created = created.replace(tzinfo=UTC)
    created = created.astimezone(UTC).replace(microsecond=0)
    return max(created, datetime(1980, 1, 2, tzinfo=UTC))


def iso(dt: datetime) -> str:
    """``dt`` as QDA-XML writes a time: ``2024-05-01T09:30:00Z``."""
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def sub_element(parent: ET.Element, tag: str, attrs: Mapping[str, str] | None = None,
                text: str | None = None) -> ET.Element:
    """A child ``tag`` of ``parent`` with ``attrs`` and ``text``, cleaned for XML."""
    # document text may hold C0 controls (invalid XML 1.0) or lone surrogates (not UTF-8)
    clean = {k: clean_text(v, keep_length=True) if isinstance(v, str) else v for k, v in (attrs or {}).items()}
    el = ET.SubElement(parent, qname(tag), clean)
    if text is not None:
        el.text = clean_text(text, keep_length=True)
    return el


def variable_value(parent: ET.Element, var_guid: str, kind: str, value: Any) -> None:
    """A ``VariableValue`` of the variable ``var_guid`` (``kind`` ``"Integer"`` or ``"Text"``)."""
    vv = sub_element(parent, "VariableValue")
    sub_element(vv, "VariableRef", {"targetGUID": var_guid})
    if kind == "Integer":
        n = int_or_none(value)
        sub_element(vv, "IntegerValue", text=str(n if n is not None else 0))
    else:
        sub_element(vv, "TextValue", text=as_text(value))


def consult_version() -> str:
    """The running consult's version (``consult.__version__``, the one the distribution
    ``consult-minutes`` is built with)."""
    return __version__
