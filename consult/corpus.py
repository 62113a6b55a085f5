"""The :class:`Corpus`: parsed records of one or more documents, as pandas DataFrames.

    >>> import consult
    >>> corpus = consult.load("examples/data/kaist_2023_annual_report.txt")   # doctest: +SKIP
    >>> corpus.transcripts.groupby(["area", "role"]).size()                   # doctest: +SKIP

``load`` accepts a path, a list of paths or a folder (read recursively, in name order). With
several files, a file that cannot be read or holds no transcripts is reported (a warning and a
row of ``corpus.failures``) and the others are kept; with one file, its error is raised.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Iterator, Sequence
from functools import cached_property
from pathlib import Path

import pandas as pd

from .corpus_tables import build_tables, frame
from .display import corpus_html
from .errors import ConsultError, InputError, NoTranscriptsError, ParseWarning, UsageError
from .ingest import SUFFIXES, Document, document_from_text, read_document
from .labels import area_label
from .parse import ParsedDocument, parse_document, seen_summary
from .people import RoleLexicon, load_roles
from .progress import progress
from .records import transcript_id
from .sanitize import shown
from .schema import COVERAGE_COLUMNS
from .taxonomy import AreaTaxonomy, load_areas
from .years import parse_year_overrides

__all__ = ["Corpus", "load", "iter_parsed", "expand_inputs", "parse_file", "check_minutes"]


def expand_inputs(inputs: str | Path | Iterable[str | Path]) -> list[Path]:
    """Files named by ``inputs``: files as given, folders expanded recursively (sorted)."""
    if isinstance(inputs, (str, Path)):
        inputs = [inputs]
    out: list[Path] = []
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            found = sorted(
                f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES
            )
            out.extend(found)
        else:
            out.append(p)
    return out


def parse_file(
    path: str | Path,
    areas: AreaTaxonomy | None = None,
    roles: RoleLexicon | None = None,
    name: str | None = None,
) -> ParsedDocument:
    """Read and parse one file; raise :class:`NoTranscriptsError` when it holds no minutes.

    This is the per-document unit of work: run it in parallel over files (Dask, Ray,
    multiprocessing) and combine the results with :meth:`Corpus.from_parsed`.
    """
    try:
        doc = read_document(path)
        if name is not None:
            doc = _renamed(doc, name)
        parsed = parse_document(doc, areas, roles)
    except ConsultError:
        raise
    except (Exception, RecursionError, MemoryError) as exc:  # a reader's bug on a hostile file
        detail = " ".join(str(exc).split())[:120]
        raise InputError(f"cannot read this file ({type(exc).__name__}: {detail})", path=str(path)) from None
    check_minutes(parsed)
    return parsed


def check_minutes(parsed: ParsedDocument, *, hint: bool = True) -> None:
    """Raise :class:`NoTranscriptsError` when a document yields no transcript, or transcripts
    without a single question (``hint``: name ``consult inspect`` in the message)."""
    path = parsed.doc.path
    verbatim = parsed.conventions.get("verbatim")
    if not parsed.transcripts and verbatim and not verbatim["turns"]:
        raise NoTranscriptsError("read as a verbatim record, but no turn (◯<label>  <speech>) names a "
                                 f"speaker; run `consult inspect {path}` to see how it was read", path=path)
    if not parsed.transcripts and verbatim:
        spoke = ", ".join(f"{k} ×{n}" for k, n in verbatim["speakers"].items())
        first = next((c.line for c in parsed.coverage if c.text.lstrip()[:1] in "◯○"), None)
        raise NoTranscriptsError(
            f"a verbatim record of {verbatim['turns']} turns ({spoke}) in which no question is put "
            "to a witness, the nominee or an official who answers; "
            f"run `consult inspect {path}` to see how it was read",
            path=path,
            line=first,
        )
    if not parsed.transcripts:
        raise NoTranscriptsError(
            "no numbered Q&A transcripts found (no header like '전문가 자문 회의록 (1)' "
            f"followed by a speaker and numbered questions; seen: {seen_summary(parsed)})"
            + (f"; run `consult inspect {path}` to see how it was read" if hint else ""),
            path=path,
        )
    if not any(t.questions for t in parsed.transcripts):
        first = parsed.transcripts[0].header.no
        raise NoTranscriptsError(
            f"{len(parsed.transcripts)} transcript header(s) but no numbered questions or answer "
            "points under them (truncated minutes?)",
            path=path,
            line=first,
        )


def _renamed(doc: Document, name: str) -> Document:
    import dataclasses

    return dataclasses.replace(doc, name=name)


class Corpus:
    """Records parsed from one or more documents.

    Tables (pandas DataFrames with the columns of :mod:`consult.schema`):
    ``transcripts``, ``questions``, ``points``, ``summaries`` and ``coverage()``; ``residue``
    is the part of the coverage not in any record, ``failures`` the files that could not be
    parsed, ``warnings`` the parser's messages.

    A Corpus never changes after it is made; methods that select return a new one.
    """

    def __init__(self, parsed: Sequence[ParsedDocument], failures: Sequence[tuple[str, str]] = (),
                 years: dict[str, int] | None = None):
        self._parsed = list(parsed)
        self._failures = list(failures)
        self._years = dict(years or {})

    def with_years(self, years: dict[str, int] | Sequence[str]) -> Corpus:
        """A new corpus whose ``year`` column takes these values per document (``{doc: year}``
        or ``["doc=year", …]``) instead of the year read from the document's title or date
        line (:func:`consult.years.doc_year`)."""
        return type(self)(self._parsed, self._failures,
                          {**self._years, **parse_year_overrides(years)})

    # -- construction -------------------------------------------------------------------
    @classmethod
    def from_parsed(cls, parsed: Iterable[ParsedDocument]) -> Corpus:
        """A corpus of already parsed documents (e.g. parsed in parallel by :func:`parse_file`)."""
        return cls(list(parsed))

    @classmethod
    def from_text(
        cls,
        text: str,
        name: str = "text",
        areas: str | Path | AreaTaxonomy | None = None,
        roles: str | Path | RoleLexicon | None = None,
    ) -> Corpus:
        """Parse minutes held in a string (handy in notebooks and tests).

        >>> c = Corpus.from_text("전문가 자문 회의록 (1)\\n<LG 관계자>\\n1. 질문?\\n● 답")
        >>> c.points[["role", "question_no", "text"]].values.tolist()
        [['industry', 1, '답']]
        """
        parsed = parse_document(
            document_from_text(text, path=f"<{name}>", name=name), load_areas(areas), load_roles(roles)
        )
        check_minutes(parsed)
        return cls([parsed])

    # -- tables -------------------------------------------------------------------------
    @property
    def documents(self) -> pd.DataFrame:
        """One row per document: name, path, source type, encoding, lines, transcripts."""
        return pd.DataFrame(
            [
                {
                    "doc": p.doc.name,
                    "path": p.doc.path,
                    "source_type": p.doc.source_type,
                    "encoding": p.doc.encoding,
                    "n_lines": p.doc.n_lines,
                    "n_transcripts": len(p.transcripts),
                    "n_summary_rows": len(p.summaries),
                }
                for p in self._parsed
            ],
            columns=["doc", "path", "source_type", "encoding", "n_lines", "n_transcripts", "n_summary_rows"],
        )

    @cached_property
    def _tables(self) -> dict[str, pd.DataFrame]:
        return build_tables(self._parsed, self._years)

    @property
    def transcripts(self) -> pd.DataFrame:
        """One row per transcript (an expert's minutes)."""
        return self._tables["transcripts"].copy()

    @property
    def questions(self) -> pd.DataFrame:
        """One row per question; ``answer`` is its points joined by newlines."""
        return self._tables["questions"].copy()

    @property
    def points(self) -> pd.DataFrame:
        """One row per answer point (with its sub-points in ``text``)."""
        return self._tables["points"].copy()

    @property
    def participants(self) -> pd.DataFrame:
        """Attendees listed in meeting minutes (name, title, organization, role, source line)."""
        return self._tables["participants"].copy()

    @property
    def summaries(self) -> pd.DataFrame:
        """Rows recovered from the authors' summary tables (주요 질문 / 전문가 의견)."""
        return self._tables["summaries"].copy()

    def coverage(self) -> pd.DataFrame:
        """Every non-blank source line: the record holding it, or the reason it is residue."""
        rows = [
            {"doc": p.doc.name, "line": c.line, "page": c.page, "text": c.text,
             "record_id": c.record_id, "part": c.part, "reason": c.reason}
            for p in self._parsed
            for c in p.coverage
        ]
        return frame(rows, COVERAGE_COLUMNS)

    @property
    def residue(self) -> pd.DataFrame:
        """The source lines that are in no record, each with its reason."""
        cov = self.coverage()
        return cov[cov["record_id"] == ""].reset_index(drop=True)

    @property
    def failures(self) -> pd.DataFrame:
        """Files that could not be parsed when loading several: ``path``, ``error``."""
        return pd.DataFrame(self._failures, columns=["path", "error"])

    @property
    def warnings(self) -> list[str]:
        """The parser's warnings, ``path:line: message``."""
        return [
            f"{p.doc.path}:{line}: {msg}" if line else f"{p.doc.path}: {msg}"
            for p in self._parsed
            for line, msg in p.warnings
        ]

    def table(self, level: str) -> pd.DataFrame:
        """The table of ``level``: ``point``, ``question``, ``transcript``, ``summary``, ``coverage``."""
        tables = {
            "point": self.points, "points": self.points,
            "question": self.questions, "questions": self.questions,
            "transcript": self.transcripts, "transcripts": self.transcripts,
            "summary": self.summaries, "summaries": self.summaries,
        }
        if level in ("coverage", "residue"):
            return self.coverage() if level == "coverage" else self.residue
        if level not in tables:
            raise ConsultError(
                f"unknown level {level!r}; use point, question, transcript, summary or coverage"
            )
        return tables[level]

    # -- selection and summary ----------------------------------------------------------
    def select(self, **criteria: str | Sequence[str]) -> Corpus:
        """A new corpus with the transcripts whose columns match, e.g. ``select(area="양자")``.

        Values may be a single value or a list of accepted values.
        """
        tr = self.transcripts
        for col, val in criteria.items():
            if col not in tr.columns:
                raise ConsultError(f"unknown column {col!r}; transcripts have {', '.join(tr.columns)}")
            vals = [val] if isinstance(val, str) or not isinstance(val, Sequence) else list(val)
            tr = tr[tr[col].isin(vals)]
        keep = set(tr["transcript_id"])
        out = []
        for p in self._parsed:
            kept = [t for t in p.transcripts if transcript_id(p.doc.name, t.seq) in keep]
            if kept:
                out.append(ParsedDocument(p.doc, kept, p.summaries, p.coverage, p.warnings,
                                          p.participants, p.conventions))
        return Corpus(out, self._failures, self._years)

    def summary(self) -> pd.DataFrame:
        """Transcripts, questions and points per area and role (records without an area, the
        forum talks, under ``포럼·기타`` as everywhere else)."""
        tr = self.transcripts
        if tr.empty:
            return pd.DataFrame(columns=["area", "role", "transcripts", "questions", "points"])
        tr["area"] = tr["area"].map(area_label)
        return (
            tr.groupby(["area", "role"], sort=True)
            .agg(transcripts=("transcript_id", "size"), questions=("n_questions", "sum"),
                 points=("n_points", "sum"))
            .reset_index()
        )

    def kwic(self, term: str, by: str | None = "role", within: str | None = "area",
             window: int = 30, regex: bool = False, synonyms: object = True) -> pd.DataFrame:
        """Every hit of ``term`` in the answer points with its context, by group (see
        :func:`consult.explore.kwic`: phrases, synonyms, regular expressions)."""
        from .explore.kwic import kwic  # the one upward import: explore renders the corpus

        return kwic(self, term, by=by, within=within, window=window, regex=regex,
                    synonyms=synonyms)

    def __len__(self) -> int:
        return sum(len(p.transcripts) for p in self._parsed)

    def __iter__(self) -> Iterator[ParsedDocument]:
        return iter(self._parsed)

    def __repr__(self) -> str:
        return (
            f"<Corpus: {len(self._parsed)} document(s), {len(self)} transcripts, "
            f"{len(self._tables['questions'])} questions, {len(self._tables['points'])} points>"
        )

    def _repr_html_(self) -> str:
        """Jupyter view, in the report's look (escaped)."""
        return str(corpus_html(self))


def load(
    inputs: str | Path | Iterable[str | Path],
    areas: str | Path | AreaTaxonomy | None = None,
    roles: str | Path | RoleLexicon | None = None,
) -> Corpus:
    """Read and parse files into a :class:`Corpus`.

    Args:
        inputs: a file, a folder (read recursively) or a list of them. ``.txt`` in any common
            Korean encoding, ``.pdf`` with a text layer, ``.hwpx``/``.hwp``/``.docx``.
        areas: a TOML file extending the area taxonomy (see ``consult/data/areas.toml``).
        roles: a TOML file replacing the role lexicon (see ``consult/data/roles.toml``).

    Raises:
        ConsultError: with one file, whatever stops it being parsed (no transcripts, binary,
            undecodable, scanned PDF…); with several, only when none can be parsed.
    """
    paths = expand_inputs(inputs)
    if len(paths) == 1:  # one file: its error is the answer
        result = parse_file(paths[0], load_areas(areas), load_roles(roles))
        _warn_messages(paths[0], result)
        return Corpus([result])
    failures: list[tuple[str, str]] = []
    errors: list[ConsultError] = []
    parsed = list(iter_parsed(paths, areas, roles, failures=failures, errors=errors))
    if not parsed:
        raise NoTranscriptsError(
            f"none of the {len(paths)} files could be parsed (first: {errors[0]})",
            path=str(paths[0].parent),
        )
    if failures:  # one count after the per-file lines, so a long run's end says it
        warnings.warn(ParseWarning(
            f"{len(failures)} of {len(paths)} files could not be read and were skipped "
            f"(listed above; Corpus.failures); the results hold the other {len(parsed)}"), stacklevel=2)
    return Corpus(parsed, failures)


def iter_parsed(
    inputs: str | Path | Iterable[str | Path],
    areas: str | Path | AreaTaxonomy | None = None,
    roles: str | Path | RoleLexicon | None = None,
    failures: list[tuple[str, str]] | None = None,
    show_progress: bool | None = None,
    errors: list[ConsultError] | None = None,
) -> Iterator[ParsedDocument]:
    """Parse the files named by ``inputs`` one by one, yielding each parsed document.

    Names (the ``doc`` column and the prefix of record ids) are the file stems, made unique in
    input order (``name``, ``name~2``, …). A file that fails is reported as a
    :class:`ParseWarning` and appended to ``failures`` (and its error to ``errors``); the
    parser's own warnings are issued as :class:`ParseWarning` lines naming file and line.
    """
    tax, lex = load_areas(areas), load_roles(roles)
    paths = expand_inputs(inputs)
    if not paths:
        names = [inputs] if isinstance(inputs, str | Path) else list(inputs)
        raise UsageError("no input files found (.txt .pdf .hwpx .hwp .docx)",
                         path=", ".join(map(str, names)) or "(no input)")
    names: dict[str, int] = {}
    with progress(total=len(paths), desc="parsing", enabled=show_progress) as bar:
        for path in paths:
            stem = path.stem
            names[stem] = names.get(stem, 0) + 1
            name = stem if names[stem] == 1 else f"{stem}~{names[stem]}"
            try:
                result = parse_file(path, tax, lex, name=name)
            except ConsultError as exc:
                if failures is not None:
                    failures.append((shown(str(path)), exc.message))  # a table: text only
                if errors is not None:
                    errors.append(exc)
                warnings.warn(ParseWarning(f"skipped: {exc}"), stacklevel=2)
                bar.update()
                continue
            _warn_messages(path, result)
            bar.update()
            yield result


def _warn_messages(path: Path, result: ParsedDocument) -> None:
    for line, msg in result.warnings:
        where = f"{path}:{line}" if line else str(path)
        warnings.warn(ParseWarning(f"{where}: {msg}"), stacklevel=3)
    for msg in result.doc.warnings:
        warnings.warn(ParseWarning(f"{path}: {msg}"), stacklevel=3)
