"""Command-line interface: ``consult parse|inspect|themes|compare|report|export|agree|kwic|cooccur|browse``.

A thin layer: each command parses its options, makes one library call and writes the result.
consult's own errors become a one-line message on stderr and exit status 1 (2 for usage errors).
Commands live in their own modules and are imported only when invoked, so ``consult --help``
and ``consult parse`` start fast.
"""

from __future__ import annotations

import importlib

import click

from .. import __version__

#: command name -> "module:function" (each module defines one click command)
COMMANDS = {
    "parse": "consult.cli.parse_cmd:parse",
    "themes": "consult.cli.themes_cmd:themes",
    "compare": "consult.cli.compare_cmd:compare",
    "report": "consult.cli.report_cmd:report",
    "export": "consult.cli.export_cmd:export",
    "inspect": "consult.cli.inspect_cmd:inspect",
    "kwic": "consult.cli.kwic_cmd:kwic",
    "browse": "consult.cli.browse_cmd:browse",
    "cooccur": "consult.cli.cooccur_cmd:cooccur",
    "agree": "consult.cli.agree_cmd:agree",
    "cache": "consult.cli.cache_cmd:cache",
}


class LazyGroup(click.Group):
    """A click group whose subcommands are imported on first use."""

    def main(self, args=None, *rest, **kwargs):  # noqa: ANN001, ANN002, ANN003 - click's signature
        """Run a command; as the process's own command line (``args`` from ``sys.argv``), skip
        the interpreter's last garbage collection on the way out (``gc.freeze``): with pandas,
        scikit-learn and matplotlib loaded it takes about half a second and frees nothing the
        exiting process needs (outputs are written and closed, atexit handlers still run)."""
        try:
            return super().main(args, *rest, **kwargs)
        finally:
            if args is None:
                import gc

                gc.freeze()

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name in COMMANDS if self._load(name) is not None]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return self._load(cmd_name)

    @staticmethod
    def _load(name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:  # command not built yet
                return None
            raise
        return getattr(module, attr)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(version=__version__, prog_name="consult")
def main() -> None:
    """consult: Korean expert-consultation minutes into records, themes and comparisons."""


if __name__ == "__main__":  # pragma: no cover
    main()
