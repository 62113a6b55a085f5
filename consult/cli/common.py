"""Shared pieces of the CLI commands: error handling, input options, progress settings."""

from __future__ import annotations

import functools
import os
import signal
import sys
import threading
import warnings
from collections.abc import Callable
from typing import Any

import click

from ..errors import ConsultError, ConsultWarning, UsageError
from ..sanitize import clean_text, shown

#: options whose value is text shown in outputs (a non-UTF-8 command line gives surrogates)
_TEXT_OPTIONS = ("title", "term", "by", "within", "groups", "coder")


def one_line(message: str) -> str:
    """Collapse a message to a single line that is safe on a terminal: controls (ESC, OSC,
    BEL), bidirectional overrides and the undecodable bytes of a file name are escaped."""
    return shown(" ".join(str(message).split()))


def say(message: str) -> None:
    """One line on stderr (``consult: wrote …``), escaped like the error lines."""
    click.echo(one_line(message), err=True)


def terminal_text(text: str) -> str:
    """Several lines for stdout, each escaped (tabs kept) so that document text or a file
    name cannot send control sequences to the terminal."""
    return "\n".join(shown(line.replace("\t", "    ")) for line in str(text).split("\n"))


#: TOML options -> (schema name in consult.usertoml, what the file is): checked before any work
_TOML_OPTIONS = {
    "areas": ("AREAS", "area taxonomy (--areas)"),
    "roles": ("ROLES", "role lexicon (--roles)"),
    "hints": ("HINTS", "layout hints (--hints)"),
    "codebook": ("CODEBOOK", "codebook (--codebook)"),
    "seed_themes": ("SEED_THEMES", "seed themes (--seed-themes)"),
    "synonym_files": ("SYNONYMS", "synonyms (--synonyms)"),
    "synonyms_file": ("SYNONYMS", "synonyms (--synonyms-file)"),
}


def check_user_files(options: dict[str, Any]) -> None:
    """Read every TOML option given (``--areas``, ``--roles``, ``--hints``, ``--codebook``,
    ``--seed-themes``, ``--synonyms``) with the one checked loader, so that a bad file is one
    line naming it and the key — before any input is read, never blamed on the minutes — and
    the XML of a ``--codes`` project (DTD, nesting, limits) likewise."""
    from .. import usertoml

    for name, (schema, what) in _TOML_OPTIONS.items():
        value = options.get(name)
        for path in (value if isinstance(value, list | tuple) else [value]):
            if path:
                usertoml.load_toml(path, getattr(usertoml, schema), what=what)
    if options.get("codes"):  # a coded project's XML and zip, streamed (its texts come later)
        from ..qda.project import open_project

        with open_project(options["codes"]) as project:
            project.check_members()


class Terminated(BaseException):
    """SIGTERM arrived: unwinds like Ctrl-C so that temporary files are removed."""


def _raise_terminated(*_args: object) -> None:
    raise Terminated


def _catch_sigterm() -> Any:
    """Turn SIGTERM into :class:`Terminated` (main thread only); return the old handler."""
    if threading.current_thread() is not threading.main_thread():
        return None
    try:
        return signal.signal(signal.SIGTERM, _raise_terminated)
    except (ValueError, OSError):  # pragma: no cover - no signals here
        return None


def handle_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn consult errors into ``consult: <file>:<line>: message`` and exit status 1.

    consult warnings are printed as ``consult: warning: …`` (one line each).
    """

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        def show(message, category, filename, lineno, file=None, line=None):  # noqa: ANN001
            if issubclass(category, ConsultWarning):
                click.echo(f"consult: warning: {one_line(str(message))}", err=True)
            else:  # pragma: no cover - third-party warnings
                click.echo(f"consult: warning: {category.__name__}: {one_line(str(message))}", err=True)

        old = warnings.showwarning
        warnings.showwarning = show
        old_term = _catch_sigterm()
        try:
            check_user_files(kwargs)
            for name in _TEXT_OPTIONS:  # text for pages and tables, not a path: valid Unicode
                if isinstance(kwargs.get(name), str):
                    kwargs[name] = clean_text(kwargs[name])
            return func(*args, **kwargs)
        except ConsultError as exc:
            click.echo(f"consult: error: {one_line(str(exc))}", err=True)
            sys.exit(1)
        except Terminated:  # temporary .part files were removed on the way out
            click.echo("consult: terminated (SIGTERM); no output was written", err=True)
            sys.exit(143)
        except KeyboardInterrupt:
            click.echo("consult: interrupted; no output was written", err=True)
            sys.exit(130)
        except BrokenPipeError:  # pragma: no cover
            sys.exit(1)
        except MemoryError:
            click.echo("consult: error: out of memory; the input is too large for this machine "
                       "(see the limits in docs/security.md)", err=True)
            sys.exit(1)
        except OSError as exc:  # the environment (a full disk, a permission), not an input
            where = f"{exc.filename}: " if exc.filename else ""
            click.echo(f"consult: error: {one_line(where + (exc.strerror or str(exc)))}", err=True)
            sys.exit(1)
        finally:
            warnings.showwarning = old
            if old_term is not None:
                signal.signal(signal.SIGTERM, old_term)

    return wrapper


def inputs_argument() -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The ``INPUTS...`` argument: files and/or folders."""
    return click.argument("inputs", nargs=-1, required=True, type=click.Path())


def taxonomy_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--areas`` and ``--roles``: the user's own taxonomy/lexicon TOML files."""
    func = click.option(
        "--roles", "roles", type=click.Path(exists=True, dir_okay=False),
        help="TOML role lexicon overriding the built-in one (see docs/schema.md).",
    )(func)
    func = click.option(
        "--areas", "areas", type=click.Path(exists=True, dir_okay=False),
        help="TOML area taxonomy extending the built-in five areas.",
    )(func)
    return func


def lang_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--lang ko|en``: the language of what a command writes for people (pages, charts,
    workbooks); tables for programs (CSV, Parquet, JSON) keep the data's names."""
    return click.option(
        "--lang", type=click.Choice(["ko", "en"]), default="ko", show_default=True,
        help="Language of the page, chart or workbook: Korean (default) or English.",
    )(func)


def quiet_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--quiet``: no progress bars (they are also off when stderr is not a terminal)."""
    return click.option("--quiet", "-q", is_flag=True, help="Do not show progress bars.")(func)


def check_outputs(paths: Any, formats: Any, what: str = "output") -> None:
    """Fail before any work when an output cannot be written: its suffix names no format, its
    folder is missing or read-only, it names a folder or a device (:func:`consult.output.check_output`),
    or two outputs are the same file."""
    from ..output import check_output, output_format  # lazy: consult.output imports pandas

    seen: set[str] = set()
    for path in paths:
        if path in (None, "-"):
            continue
        check_output(path)  # a folder, a device, an unwritable folder: said before the suffix
        if formats is not None:
            output_format(path, formats, what)
        key = os.path.realpath(path)
        if key in seen:
            raise UsageError("named twice as an output", path=str(path))
        seen.add(key)


def group_list(value: str | None) -> tuple[str, ...] | None:
    """``"academic, industry"`` → ``("academic", "industry")``; empty → ``None`` (the default)."""
    if value is None:
        return None
    return tuple(g.strip() for g in value.split(",") if g.strip()) or None


def theme_backend_choices() -> tuple[str, ...]:
    """The values of ``--backend`` / ``--themes-backend``: the library's backends, then ``none``."""
    from ..themes.base import BACKENDS  # lazy: the themes package imports numpy

    return (*BACKENDS, "none")


def theme_steering_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--seed-themes`` and ``--codebook``: the user's own theme seeds, renames and merges."""
    func = click.option(
        "--codebook", type=click.Path(exists=True, dir_okay=False), default=None,
        help="TOML codebook: [[concern]] label/words (seeds), [rename], [[merge]] labels.",
    )(func)
    func = click.option(
        "--seed-themes", type=click.Path(exists=True, dir_okay=False), default=None,
        help="TOML file of seeded themes (label = [words]); the rest is discovered.",
    )(func)
    return func


def codes_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--codes project.qdpx``: analysts' own codes (a coded REFI-QDA project) as the themes."""
    return click.option(
        "--codes", type=click.Path(exists=True, dir_okay=False), default=None,
        metavar="PROJECT.qdpx",
        help="Use the codes of this coded REFI-QDA project (QualCoder, NVivo, MAXQDA, ATLAS.ti, "
             "or consult's own export recoded) as the themes instead of the theme model.",
    )(func)
