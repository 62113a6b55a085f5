"""Every CLI command has a page in docs/cli/, listed in docs/cli/README.md, documenting every option."""

from __future__ import annotations

import importlib
from pathlib import Path

import click
import pytest

from consult.cli import COMMANDS, main

DOCS = Path(__file__).resolve().parents[1] / "docs" / "cli"


def _command(name: str) -> click.Command:
    module_name, attr = COMMANDS[name].split(":")
    cmd = getattr(importlib.import_module(module_name), attr)  # a missing module fails
    assert isinstance(cmd, click.Command)
    return cmd


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_command_page_documents_every_option(name):
    cmd = _command(name)
    assert cmd.name == name, "CLI command names match the module map"
    page = DOCS / f"{name}.md"
    assert page.is_file(), f"docs/cli/{name}.md is missing"
    text = page.read_text(encoding="utf-8")
    assert f"consult {name}" in text
    missing = []
    for param in cmd.params:
        if isinstance(param, click.Argument):
            if param.human_readable_name.upper() not in text:
                missing.append(param.human_readable_name.upper())
            continue
        for opt in [*param.opts, *param.secondary_opts]:
            if f"`{opt}`" not in text:
                missing.append(opt)
    for opt in ("-h", "--help"):
        if f"`{opt}`" not in text:
            missing.append(opt)
    assert not missing, f"docs/cli/{name}.md does not document {missing}"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_index_lists_every_command(name):
    index = (DOCS / "README.md").read_text(encoding="utf-8")
    assert f"`consult {name}`" in index and f"({name}.md)" in index


def test_no_page_for_a_command_that_does_not_exist():
    pages = {p.stem for p in DOCS.glob("*.md")} - {"README"}
    assert pages <= set(COMMANDS), f"pages without a command: {sorted(pages - set(COMMANDS))}"


def test_group_lists_built_commands():
    ctx = click.Context(main)
    listed = main.list_commands(ctx)
    assert "report" in listed and "parse" in listed
