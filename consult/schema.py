"""Fixed column names of the tables consult hands to users.

Every table is a pandas DataFrame with these columns, in this order (extra columns may follow).
``docs/schema.md`` explains each column.

    >>> "transcript_id" in POINT_COLUMNS
    True
"""

from __future__ import annotations

from typing import Any

#: Columns describing the transcript a record belongs to (shared by every level).
TRANSCRIPT_KEYS = [
    "doc",
    "area",
    "report",
    "transcript_id",
    "transcript_kind",
    "transcript_no",
    "speaker",
    "organization",
    "role",
]

#: One row per transcript (``Corpus.transcripts``).
TRANSCRIPT_COLUMNS = TRANSCRIPT_KEYS + [
    "department",
    "role_evidence",
    "n_questions",
    "n_points",
    "page",
    "line_start",
    "line_end",
    "year",
]

#: Columns describing the question a record belongs to.
QUESTION_KEYS = [
    "question_id",
    "question_no",
    "question_label",
    "question_kind",
    "question_topic",
    "question",
    "question_line",
]

#: One row per question (``Corpus.questions``); ``answer`` is its points joined by newlines.
QUESTION_COLUMNS = TRANSCRIPT_KEYS + QUESTION_KEYS + [
    "answer",
    "n_points",
    "page",
    "line_start",
    "line_end",
]

#: One row per answer point (``Corpus.points``).
POINT_COLUMNS = TRANSCRIPT_KEYS + QUESTION_KEYS + [
    "point_id",
    "point_no",
    "point_label",
    "text",
    "page",
    "line_start",
    "line_end",
    # appended for meetings: the point's own speaker fills speaker/organization/role above
    "role_evidence",
    "speaker_source",
    "year",
]

#: One row per attendee listed in meeting minutes (``Corpus.participants``).
PARTICIPANT_COLUMNS = [
    "doc",
    "transcript_id",
    "name",
    "title",
    "organization",
    "role",
    "role_evidence",
    "group",
    "line",
]

#: One row per non-blank source line (``Corpus.coverage()``).
COVERAGE_COLUMNS = ["doc", "line", "page", "text", "record_id", "part", "reason"]

#: One row per recovered row of the authors' summary tables (``Corpus.summaries``).
SUMMARY_COLUMNS = [
    "doc",
    "area",
    "table_no",
    "row_no",
    "question_topic",
    "opinion",
    "page",
    "line_start",
    "line_end",
]

#: Record levels a table can be written at (``consult export --level``, the .qdpx code spans).
RECORD_LEVELS = ("point", "question", "transcript")

#: Tables ``consult parse --level`` writes.
PARSE_LEVELS = (*RECORD_LEVELS, "summary", "coverage", "residue")

#: Formats ``consult export`` writes.
EXPORT_FORMATS = ("qdpx", "csv", "parquet", "xlsx", "json", "presence")

#: Which text of a question the themes and the term statistics read.
TEXT_UNITS = ("answer", "question+answer")

#: Values of ``role``: 산·학·연·관, then the roles beyond them that hearings and minutes also hear
#: (a law firm, a union, a civic group, a student, a member of a legislature), then ``unknown``.
ROLES = ("academic", "industry", "research", "government", "law", "union", "civil_society", "student",
         "legislator", "unknown")

#: Values of ``transcript_kind``: ``testimony`` and ``official`` are one person's answers in a
#: verbatim record (a witness's; the nominee's or an official's, kept apart from the experts').
TRANSCRIPT_KINDS = ("consultation", "forum", "meeting", "testimony", "official")

#: Values of ``question_kind``: a numbered prompt, a numbered section of a forum talk, or a
#: question from the floor in a forum's discussion section, or a topic of a meeting.
QUESTION_KINDS = ("prompt", "section", "floor", "topic")


def frame_of(obj: Any, name: str, *, passthrough: bool = False, error: type[Exception] | None = None):
    """The table ``obj.<name>`` (a method is called), or ``None`` when it has none.

    ``passthrough``: a DataFrame given as ``obj`` is returned as it is (chart functions take a
    result object or its table). ``error``: raise this class instead of returning ``None``.

        >>> import pandas as pd
        >>> frame_of(pd.DataFrame({"a": [1]}), "terms", passthrough=True).shape
        (1, 1)
        >>> frame_of(object(), "terms") is None
        True
    """
    import pandas as pd  # lazy: ``consult.schema`` is imported by modules that avoid pandas

    if passthrough and isinstance(obj, pd.DataFrame):
        return obj
    value = getattr(obj, name, None)
    if callable(value):
        try:
            value = value()
        except Exception:  # noqa: BLE001 - an optional table that cannot be built counts as absent
            value = None
    if isinstance(value, pd.DataFrame):
        return value
    if error is not None:
        raise error(f"expected an object with a .{name} table (a consult Corpus or result), "
                    f"got {type(obj).__name__}")
    return None
