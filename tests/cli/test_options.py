"""The shared options: the knowledge files go together, and add to what the config file and environment name."""

from __future__ import annotations

import os
from pathlib import Path

import click
import pytest

from communique.cli import main
from communique.cli.options import load_config

KNOWLEDGE = {"--kb", "--lexicon", "--reporting-verbs"}


def _options(command: click.Command) -> set[str]:
    return {name for param in command.params for name in getattr(param, "opts", ())}


def test_every_command_that_takes_a_knowledge_file_takes_all_three() -> None:
    taking = {name for name, command in main.commands.items() if _options(command) & KNOWLEDGE}
    assert taking == {"extract", "ingest"}
    for name in taking:
        assert _options(main.commands[name]) >= KNOWLEDGE, name


def test_knowledge_files_of_the_options_add_to_the_config_file_and_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config_file = tmp_path / "communique.toml"
    config_file.write_text('kb = "a.json"\nlexicon = ["verbs.json"]\nreporting_verbs = "cues.json"\n',
                           encoding="utf-8")
    monkeypatch.setenv("COMMUNIQUE_LEXICON", os.pathsep.join(["env1.json", "env2.json"]))
    monkeypatch.delenv("COMMUNIQUE_REPORTING_VERBS", raising=False)
    monkeypatch.delenv("COMMUNIQUE_KB", raising=False)
    config = load_config(str(config_file), ("b.json",), ("mine.json",), ())
    assert config.kb == ("a.json", "b.json")
    assert config.lexicon == ("env1.json", "env2.json", "mine.json")  # the environment overrides the file
    assert config.reporting_verbs == ("cues.json",)
