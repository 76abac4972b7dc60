"""The docs stay honest: every CLI command has help text and is shown in the README."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from communique.cli import main

REPO = Path(__file__).resolve().parents[1]

COMMANDS = sorted(main.commands)


def test_the_cli_has_the_commands_the_issues_ask_for() -> None:
    wanted = {"extract", "ingest", "documents", "show", "actors", "events", "quotes", "dyad", "export",
              "serve", "evaluate"}
    assert wanted <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help(name: str) -> None:
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0
    summary = result.output.split("\n\n")[1].strip()
    assert len(summary) > 20, f"`communique {name} --help` says too little: {summary!r}"


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_is_shown_in_the_readme(name: str) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"communique {name}\b", readme), f"README never shows `communique {name}`"


def test_the_readme_names_the_test_command_that_ci_runs() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in readme and "make test" in ci
