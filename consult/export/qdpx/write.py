"""Writing a ``.qdpx`` file: ``project.qde`` and the sources in one deterministic zip.

Every member carries the project's timestamp and the same attributes, so the same corpus gives
the same bytes; the file is written atomically (:func:`consult.output.atomic_output`).

    >>> write_qdpx(corpus, "project.qdpx", themes=model.themes_,          # doctest: +SKIP
    ...            assignments=model.assignments_)
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd

from ...errors import ConsultError
from ...output import atomic_output
from .elements import created_for
from .project import build_project

__all__ = ["write_qdpx"]


def write_qdpx(
    corpus: Any,
    path: str | Path,
    *,
    themes: pd.DataFrame | None = None,
    assignments: pd.DataFrame | None = None,
    question_codes: bool = False,
    level: str = "point",
    name: str | None = None,
    created: datetime | str | None = None,
) -> Path:
    """Write a REFI-QDA ``.qdpx`` project; see :func:`build_project` for the arguments."""
    out = Path(path)
    if not out.parent.exists():
        raise ConsultError("output folder does not exist", path=str(out.parent))
    when = created_for(corpus, created)
    xml, files = build_project(
        corpus, themes=themes, assignments=assignments, question_codes=question_codes,
        level=level, name=name, created=when,
    )
    stamp = when.timetuple()[:6]
    with atomic_output(out) as tmp, zipfile.ZipFile(tmp, "w") as z:
        for arcname, data in _entries(xml, files):
            info = zipfile.ZipInfo(arcname, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # unix, so the attributes above hold on every platform
            z.writestr(info, data)
    return out


def _entries(xml: bytes, files: Mapping[str, bytes]) -> Iterable[tuple[str, bytes]]:
    yield "project.qde", xml
    yield from files.items()
