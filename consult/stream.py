"""Parse many files one at a time, appending each file's records to one output file.

``consult.load`` keeps every parsed document in memory, which is what themes and comparisons
need. To turn a folder of thousands of reports into one table, :func:`stream_parse` reads,
parses and writes one file at a time, so memory stays bounded by the largest single file
(plus, for Parquet, one row group of at most ``row_group_rows`` rows)::

    >>> from consult.stream import stream_parse
    >>> result = stream_parse(["reports/"], "all.parquet", level="point")  # doctest: +SKIP
    >>> result.parsed, result.rows, len(result.failures)                    # doctest: +SKIP
    (2981, 512344, 19)

How each format is written:

* ``.csv`` — one header, the UTF-8 BOM once at the start, then each file's rows appended;
* ``.parquet``/``.pq`` — a ``pyarrow.parquet.ParquetWriter``; rows are buffered into row
  groups of ``row_group_rows`` rows (default 65,536) and written as each group fills;
* ``.json`` — one JSON array written incrementally (the same layout as ``write_table``);
* ``.xlsx`` — collected in memory and written at the end (openpyxl cannot append; Excel
  also stops at 1,048,576 rows): use CSV or Parquet for large corpora;
* ``-`` — CSV on standard output, one header.

The output is the same table ``consult.load(inputs).table(level)`` written by
:func:`consult.output.write_table` would give: same rows in the same order, same record ids
(files with the same name get ``name~2`` …), byte for byte for CSV and JSON. It is written to
a temporary file next to the output and renamed at the end, so a failed run never leaves a
half-written file or clobbers an earlier output. A file that cannot be read or holds no
minutes is reported as one :class:`~consult.errors.ParseWarning` line (and listed in
``result.failures``) and the others go on; :class:`~consult.errors.NoTranscriptsError` is
raised only when no file at all could be parsed.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import pandas as pd

from .corpus import Corpus, expand_inputs, iter_parsed
from .errors import ConsultError, NoTranscriptsError
from .labels import area_label
from .output import (
    commit_part,
    csv_ready,
    discard_part,
    format_of,
    new_part,
    output_error,
    raw_csv,
    write_table,
)
from .parse import ParsedDocument
from .people import RoleLexicon
from .taxonomy import AreaTaxonomy

__all__ = ["stream_parse", "iter_parsed", "StreamResult", "LEVELS"]

#: the levels a stream can write (the ``--level`` choices of ``consult parse``)
LEVELS = ("point", "question", "transcript", "summary", "coverage", "residue")

_SUMMARY_COLUMNS = ["area", "role", "transcripts", "questions", "points"]


@dataclass
class StreamResult:
    """What a streamed parse did.

    Attributes:
        output: where the table went (``None`` when only counting).
        level: the table level written.
        files: input files tried.
        parsed: files parsed into at least one transcript.
        rows: rows written.
        failures: ``(path, message)`` of each file that could not be parsed.
        summary: transcripts, questions and points per area and role (as ``Corpus.summary()``).
    """

    output: str | None
    level: str
    files: int = 0
    parsed: int = 0
    rows: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    summary: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=_SUMMARY_COLUMNS))


# ------------------------------------------------------------------------------ writing
class _Sink:
    """Appends tables to one output; ``close`` finishes it, ``abort`` removes it."""

    def __init__(self, output: str | None):
        self.output = output
        self.fmt = None if output is None else format_of(output)
        self.to_stdout = output is not None and str(output) == "-"
        self.tmp: Path | None = None
        self.wrote_rows = False
        self.empty: pd.DataFrame | None = None  # a zero-row table with the right columns
        if output is not None and not self.to_stdout:
            # checked, created exclusively beside the output (its name comes from the output
            # path only, never from the documents), renamed over it by close()
            self.tmp = new_part(output)

    def write(self, df: pd.DataFrame) -> None:
        if self.empty is None:
            self.empty = df.iloc[:0]
        if len(df) == 0 or self.fmt is None:
            return
        getattr(self, f"_write_{self.fmt}")(df)
        self.wrote_rows = True

    def close(self) -> None:
        if self.fmt is None:
            return
        if not self.wrote_rows:
            if self.empty is not None:  # no rows at all: exactly what write_table gives
                write_table(self.empty, "-" if self.to_stdout else self.tmp)
        else:
            getattr(self, f"_close_{self.fmt}", lambda: None)()
        if self.tmp is not None:
            commit_part(self.tmp, self.output)  # type: ignore[arg-type]
            self.tmp = None

    def abort(self) -> None:
        for name in ("_fh", "_writer"):
            obj = getattr(self, name, None)
            if obj is not None and obj is not sys.stdout:
                try:
                    obj.close()
                except Exception:  # pragma: no cover - already broken
                    pass
        discard_part(self.tmp)

    # -- CSV: one header, the BOM once (files; stdout gets none, as write_table does)
    _fh: IO[str] | None = None

    def _write_csv(self, df: pd.DataFrame) -> None:
        first = self._fh is None
        if first:
            if self.to_stdout:
                self._fh = sys.stdout
            else:
                self._fh = open(self.tmp, "w", encoding="utf-8-sig", newline="")  # noqa: SIM115
        df = csv_ready(df, formulas=not self.to_stdout and not raw_csv())  # as write_table does
        df.to_csv(self._fh, index=False, header=first, lineterminator="\n")

    def _close_csv(self) -> None:
        if self._fh is not None and self._fh is not sys.stdout:
            self._fh.close()
        elif self._fh is sys.stdout:
            sys.stdout.flush()

    # -- JSON: one array, records written as they come
    def _write_json(self, df: pd.DataFrame) -> None:
        text = df.to_json(orient="records", force_ascii=False, indent=1)
        inner = text[2:-2]  # without the "[\n" … "\n]" that wrap the records
        if self._fh is None:
            self._fh = open(self.tmp, "w", encoding="utf-8", newline="")  # noqa: SIM115
            self._fh.write("[\n")
        elif inner:
            self._fh.write(",\n")
        self._fh.write(inner)

    def _close_json(self) -> None:
        if self._fh is not None:
            self._fh.write("\n]")
            self._fh.close()

    # -- Parquet: a ParquetWriter with a schema fixed by the first table, row groups buffered
    _writer: Any = None
    _schema: Any = None
    _buffer: list[Any] | None = None
    _buffered = 0
    row_group_rows = 65_536

    def _write_parquet(self, df: pd.DataFrame) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if self._schema is None:
            schema = pa.Schema.from_pandas(df, preserve_index=False)
            for i, f in enumerate(schema):
                if pa.types.is_null(f.type):  # a column without values in the first rows
                    schema = schema.set(i, pa.field(f.name, pa.string()))
            self._schema = schema
            self._writer = pq.ParquetWriter(str(self.tmp), schema)
            self._buffer = []
        table = pa.Table.from_pandas(df, schema=self._schema, preserve_index=False)
        self._buffer.append(table)  # type: ignore[union-attr]
        self._buffered += table.num_rows
        if self._buffered >= self.row_group_rows:
            self._flush_parquet()

    def _flush_parquet(self) -> None:
        import pyarrow as pa

        if not self._buffer:
            return
        table = pa.concat_tables(self._buffer)
        self._writer.write_table(table, row_group_size=self.row_group_rows)
        self._buffer, self._buffered = [], 0

    def _close_parquet(self) -> None:
        if self._writer is not None:
            self._flush_parquet()
            self._writer.close()

    # -- Excel: openpyxl cannot append; collect and write at the end
    _frames: list[pd.DataFrame] | None = None

    def _write_xlsx(self, df: pd.DataFrame) -> None:
        if self._frames is None:
            self._frames = []
        self._frames.append(df)

    def _close_xlsx(self) -> None:
        frames = self._frames or []
        table = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
        write_table(table, self.tmp)


def _add_counts(counts: dict[tuple[str, str], list[int]], parsed: ParsedDocument) -> None:
    """Add a document's transcripts, questions and points per (area, role) to ``counts``."""
    for tr in parsed.transcripts:
        key = (area_label(tr.area), tr.speaker.role)
        c = counts.setdefault(key, [0, 0, 0])
        c[0] += 1
        c[1] += len(tr.questions)
        c[2] += sum(len(q.points) for q in tr.questions)


def _counts_frame(counts: dict[tuple[str, str], list[int]]) -> pd.DataFrame:
    """The counts as ``Corpus.summary()`` lays them out (sorted by area, then role)."""
    rows = [[area, role, *c] for (area, role), c in counts.items()]
    df = pd.DataFrame(rows, columns=_SUMMARY_COLUMNS)
    if len(df):
        df = df.sort_values(["area", "role"], kind="stable").reset_index(drop=True)
    for col in ("transcripts", "questions", "points"):
        df[col] = df[col].astype("int64")
    return df


def stream_parse(
    inputs: str | Path | Iterable[str | Path],
    output: str | Path | None,
    level: str = "point",
    areas: str | Path | AreaTaxonomy | None = None,
    roles: str | Path | RoleLexicon | None = None,
    show_progress: bool | None = None,
    row_group_rows: int = 65_536,
) -> StreamResult:
    """Parse ``inputs`` file by file and append each file's ``level`` table to ``output``.

    Args:
        inputs: files and/or folders (read recursively, in name order).
        output: a ``.csv``/``.parquet``/``.json``/``.xlsx`` path, ``-`` for CSV on stdout, or
            ``None`` to write nothing (only the counts in ``result.summary``).
        level: ``point``, ``question``, ``transcript``, ``summary``, ``coverage`` or ``residue``.
        show_progress: a progress bar over files (default: on a terminal, unless disabled).
        row_group_rows: rows per Parquet row group (the most rows held in memory at once).

    Raises:
        NoTranscriptsError: no file could be parsed (nothing is written).
        ConsultError: no input files, an unknown output format or a missing output folder.
    """
    if level not in LEVELS:
        raise ConsultError(f"unknown level {level!r}; use one of {', '.join(LEVELS)}")
    inputs = [inputs] if isinstance(inputs, (str, Path)) else list(inputs)
    out = None if output is None else str(output)
    result = StreamResult(out, level)
    sink = _Sink(out)
    sink.row_group_rows = row_group_rows
    counts: dict[tuple[str, str], list[int]] = {}
    errors: list[ConsultError] = []
    try:
        for parsed in iter_parsed(inputs, areas, roles, result.failures, show_progress, errors):
            table = Corpus([parsed]).table(level)
            sink.write(table)
            result.parsed += 1
            result.rows += len(table)
            _add_counts(counts, parsed)
            del table, parsed
        result.files = result.parsed + len(result.failures)
        if result.parsed == 0:
            paths = expand_inputs(inputs)
            raise NoTranscriptsError(
                f"none of the {result.files} files could be parsed (first: {errors[0]})",
                path=str(paths[0].parent),
            )
        sink.close()
    except BaseException as exc:
        sink.abort()
        if isinstance(exc, OSError) and out not in (None, "-"):  # the output, not an input
            raise output_error(Path(out), exc) from None
        raise
    result.summary = _counts_frame(counts)
    return result
