"""Configuration: the user's data files (kb, lexicon, reporting_verbs) come in the same three ways."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from communique.config import FILE_LISTS, Config
from communique.errors import ConfigError
from communique.resources import Resources

KEYS = sorted(FILE_LISTS)


@pytest.fixture(autouse=True)
def _no_user_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in FILE_LISTS.values():
        monkeypatch.delenv(variable, raising=False)


def _toml(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "communique.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("key", KEYS)
def test_file_list_from_the_config_file_is_a_config_field(key: str, tmp_path: Path) -> None:
    config = Config.load(_toml(tmp_path, f'{key} = ["a.json", "b.json"]\n'))
    assert getattr(config, key) == ("a.json", "b.json")
    assert key not in config.extra


@pytest.mark.parametrize("key", KEYS)
def test_one_file_name_in_the_config_file_is_a_list_of_one(key: str, tmp_path: Path) -> None:
    assert getattr(Config.load(_toml(tmp_path, f'{key} = "a.json"\n')), key) == ("a.json",)


@pytest.mark.parametrize("key", KEYS)
def test_environment_replaces_the_config_files_list(key: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(FILE_LISTS[key], os.pathsep.join(["x.json", "y.tsv"]))
    config = Config.load(_toml(tmp_path, f'{key} = ["a.json"]\n'))
    assert getattr(config, key) == ("x.json", "y.tsv")


@pytest.mark.parametrize("key", KEYS)
def test_a_file_list_that_is_not_file_names_is_a_one_line_error(key: str, tmp_path: Path) -> None:
    path = _toml(tmp_path, f"{key} = [1, 2]\n")
    with pytest.raises(ConfigError, match=rf"^{path}: {key} must be a file name or a list of file names"):
        Config.load(path)


def test_resources_load_the_users_files_named_by_the_config_fields(tmp_path: Path) -> None:
    cues = tmp_path / "cues.json"
    cues.write_text(json.dumps({"kind": "communique-reporting-verbs", "schema_version": 1, "verbs": ["grumble"]}))
    verbs = tmp_path / "verbs.json"
    verbs.write_text(json.dumps({"kind": "communique-verb-lexicon", "schema_version": 1,
                                 "verbs": {"042": ["drop +by"]}}))
    resources = Resources(Config.load(_toml(tmp_path, f'reporting_verbs = ["{cues}"]\nlexicon = ["{verbs}"]\n')))
    assert "grumble" in resources.reporting_verbs.verbs
    assert any(p.source == str(verbs) for p in resources.lexicon.verbs["drop"])
