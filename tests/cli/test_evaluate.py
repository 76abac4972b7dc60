"""`communique evaluate`: a table and a summary, one-line errors, and the gate's exit status."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from communique.cli import main


def _run(*args: str) -> Any:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def toy_gum(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data root whose ``gum-news`` is one short document with one gold date."""
    text = "Officials met on Tuesday in Tokyo."
    start = text.index("Tuesday")
    row = {"doc": "d1", "meta": {"dateCreated": "2022-12-28"}, "text": text, "entities": [],
           "dates": [{"attrs": {"when": "2022-12-27"}, "start": start, "end": start + 7, "text": "Tuesday"}]}
    path = tmp_path / "gum_news" / "derived" / "gum_news.jsonl"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps(row) + "\n")
    monkeypatch.setenv("COMMUNIQUE_DATA", str(tmp_path))
    return path


def test_help_lists_the_registered_evaluations() -> None:
    result = _run("evaluate", "--help")
    assert result.exit_code == 0
    assert "dates gum-news" in result.output and "--gate" in result.output


def test_evaluate_prints_table_and_summary(toy_gum: Path, nlp: Any) -> None:
    result = _run("evaluate", "dates", "gum-news")
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert lines[0].split() == ["metric", "score", "counts"]
    assert any(line.split()[:3] == ["value_accuracy", "1.000", "1/1"] for line in lines)
    assert lines[-1].startswith("dates on gum_news.jsonl: 1 documents")


def test_unknown_task_is_one_line_error() -> None:
    result = CliRunner().invoke(main, ["evaluate", "horoscopes", "gum-news"])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert "no evaluation for task 'horoscopes'" in result.stderr


@pytest.mark.parametrize("args", [["evaluate", "dates"], ["evaluate", "--gate", "dates", "gum-news"]])
def test_wrong_arguments_are_usage_errors(args: list[str]) -> None:
    assert CliRunner().invoke(main, args).exit_code == 2


def test_gate_exits_1_when_dataset_hash_differs(toy_gum: Path, tmp_path: Path, nlp: Any) -> None:
    floors = tmp_path / "floors.json"
    entry = {"task": "dates", "dataset": "gum-news", "sha256": "0" * 64, "floors": {"value_accuracy": 0.5}}
    floors.write_text(json.dumps({"entries": [entry]}))
    result = CliRunner().invoke(main, ["evaluate", "--gate", "--floors", str(floors)])
    assert result.exit_code == 1
    assert "dataset changed" in result.output
    assert result.output.strip().splitlines()[-1].startswith("gate: FAILED")
