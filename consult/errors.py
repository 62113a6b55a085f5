"""Exceptions and warnings raised by consult.

Every error that concerns an input names the file (and line, where known) so that the
CLI can print it as one line::

    >>> str(MinutesParseError("no transcripts found", path="a.txt", line=3))
    'a.txt:3: no transcripts found'
"""

from __future__ import annotations

__all__ = [
    "ConsultError",
    "InputError",
    "UnsupportedInputError",
    "EmptyInputError",
    "DecodeError",
    "InputLimitError",
    "MinutesParseError",
    "NoTranscriptsError",
    "NotFittedError",
    "UsageError",
    "OutputError",
    "CompareError",
    "ThemeError",
    "EmptyCorpusError",
    "CorpusTooSmallError",
    "UnknownBackendError",
    "MissingDependencyError",
    "EmbeddingModelError",
    "ConsultWarning",
    "ParseWarning",
    "SmallSampleWarning",
]


class ConsultError(Exception):
    """Base class of every error consult raises on purpose."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = None if path is None else str(path)
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = self.path + (f":{self.line}" if self.line else "") + ": "
        return where + self.message


class InputError(ConsultError):
    """The input file cannot be read as minutes at all."""


class UnsupportedInputError(InputError):
    """The file type or content is not one consult can read (binary, scanned PDF, …)."""


class EmptyInputError(InputError):
    """The file holds no text."""


class DecodeError(InputError):
    """The bytes could not be decoded as text in any supported encoding."""


class InputLimitError(UnsupportedInputError):
    """The file is over one of the limits in :mod:`consult.limits` (size, unpacked size, pages, …)."""


class MinutesParseError(ConsultError):
    """The text was read but its structure could not be parsed."""


class NoTranscriptsError(MinutesParseError):
    """The text holds no numbered Q&A transcript (e.g. a news article)."""


class NotFittedError(ConsultError, ValueError):
    """A model was used before ``fit``."""


class UsageError(ConsultError, ValueError):
    """An argument is not one consult accepts (a bad option value, an unknown group, …)."""


class OutputError(ConsultError):
    """An output cannot be written (a folder, a read-only folder, a full disk, …); the earlier
    file of that name, if any, is left as it was."""


class CompareError(UsageError):
    """The comparison cannot be made as asked (unknown column or group, a single group, …)."""


class ThemeError(ConsultError):
    """Themes could not be learned or used."""


class EmptyCorpusError(ThemeError):
    """The corpus holds no question with any content words."""


class CorpusTooSmallError(ThemeError):
    """Too few transcripts or answers to find themes that recur across experts."""


class UnknownBackendError(ThemeError, ValueError):
    """``backend=`` names no known backend."""


class MissingDependencyError(ThemeError, ImportError):
    """An optional package the chosen backend needs is not installed."""


class EmbeddingModelError(ThemeError):
    """The embedding model could not be loaded (offline, not installed, wrong name)."""


class ConsultWarning(UserWarning):
    """Base class of consult's warnings."""


class ParseWarning(ConsultWarning):
    """Something in the input was odd but parsing went on (a truncated transcript, …)."""


class SmallSampleWarning(ConsultWarning):
    """A group or corpus is too small for the statistic to mean much."""
