"""REFI-QDA project export (``.qdpx``) for NVivo, MAXQDA, ATLAS.ti and QualCoder.

A ``.qdpx`` file is a zip holding ``project.qde`` (QDA-XML, namespace
``urn:QDA-XML:project:1.0``) and a ``sources/`` folder with one UTF-8 plain-text file per
source. What consult puts in it:

* **Sources** — one ``TextSource`` per transcript. Its text is the transcript rebuilt from the
  records: the speaker line, then each question (``1. …``) followed by its points
  (``● …``, sub-points as they were). Running headers, page numbers and PDF wraps are gone, so a
  point's span is exactly its ``text`` column.
* **Cases** — one per transcript (one expert speaking), with the variables ``speaker``,
  ``organization``, ``department``, ``role``, ``area``, ``transcript_kind``, ``report``, ``doc``,
  ``transcript_id`` and the counts ``n_questions`` / ``n_points``; the same values are attached
  to the source as ``source_speaker``, ``source_organization``, … (names of their own, since
  QualCoder gives each attribute name one type and would not show source values of case names). Sets group the sources by role and by area.
* **Codes** — one per theme under a ``주제 (themes)`` parent (the description holds the theme's
  keywords), applied to the exact character span of every point the theme was assigned to
  (``PlainTextSelection startPosition/endPosition``, counted in Unicode code points, end
  exclusive); optionally ``질문 번호 (question numbers)`` codes ``Q1``, ``Q2`` … applied to each
  question's block (the question and its answer).
* Each selection's description cites the record: ``point_id``, file, lines and page.

Output is deterministic: GUIDs are UUID5s of the record ids, the timestamps are fixed (see
:func:`write_qdpx`) and so is the zip layout, so the same corpus gives the same bytes.
The parts, from the top: :mod:`.write` (the zip) › :mod:`.project` (``project.qde``:
:func:`build_project`, step by step) › :mod:`.codes` (the codebook, where each theme goes) and
:mod:`.sources` (each transcript's text and the spans of its records) › :mod:`.elements`
(namespace, GUIDs, values, timestamps).

    >>> write_qdpx(corpus, "project.qdpx", themes=model.themes_,          # doctest: +SKIP
    ...            assignments=model.assignments_)
"""

from __future__ import annotations

from .codes import theme_code_name
from .elements import NAMESPACE, guid
from .project import ANALYST, LEVELS, build_project
from .sources import SourceText, transcript_sources
from .write import write_qdpx

__all__ = [
    "NAMESPACE",
    "SourceText",
    "build_project",
    "write_qdpx",
    "transcript_sources",
    "theme_code_name",
    "guid",
    "ANALYST",
    "LEVELS",
]
