"""Shared pieces of the CLI commands: error handling, input options, progress settings."""

from __future__ import annotations

import functools
import signal
import sys
import threading
import warnings
from collections.abc import Callable
from typing import Any

import click

from ..errors import ConsultError, ConsultWarning


def one_line(message: str) -> str:
    """Collapse a message to a single line."""
    return " ".join(str(message).split())


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


def quiet_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--quiet``: no progress bars (they are also off when stderr is not a terminal)."""
    return click.option("--quiet", "-q", is_flag=True, help="Do not show progress bars.")(func)
