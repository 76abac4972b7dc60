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
    """A data root whose ``gum-news`` is two short documents with one gold date each: d1 falls on the
    validation side of the split, d2 on the tune side."""
    rows = []
    for doc, text in (("d1", "Officials met on Tuesday in Tokyo."), ("d2", "Officials met on Tuesday in Tokyo 0.")):
        start = text.index("Tuesday")
        rows.append({"doc": doc, "meta": {"dateCreated": "2022-12-28"}, "text": text, "entities": [],
                     "dates": [{"attrs": {"when": "2022-12-27"}, "start": start, "end": start + 7,
                                "text": "Tuesday"}]})
    path = tmp_path / "gum_news" / "derived" / "gum_news.jsonl"
    path.parent.mkdir(parents=True)
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    monkeypatch.setenv("COMMUNIQUE_DATA", str(tmp_path))
    return path


def test_help_lists_the_registered_evaluations() -> None:
    result = _run("evaluate", "--help")
    assert result.exit_code == 0
    assert "dates gum-news" in result.output and "--gate" in result.output


def test_evaluate_prints_tune_and_validation_side_by_side(toy_gum: Path, nlp: Any) -> None:
    result = _run("evaluate", "dates", "gum-news")
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert lines[0].split() == ["metric", "tune", "(1)", "validation", "(1)", "gap"]
    assert any(line.split() == ["value_accuracy", "1.000", "1.000", "+0.000"] for line in lines)
    assert lines[-2].startswith("tune: dates on gum_news.jsonl: 1 documents")
    assert lines[-1].startswith("validation: dates on gum_news.jsonl: 1 documents")


def test_one_side_prints_its_own_table(toy_gum: Path, nlp: Any) -> None:
    result = _run("evaluate", "dates", "gum-news", "--part", "all")
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert lines[0].split() == ["metric", "score", "counts"]
    assert any(line.split()[:3] == ["value_accuracy", "1.000", "2/2"] for line in lines)


@pytest.mark.parametrize("part", ["validation", "all"])
def test_details_of_validation_records_are_refused(part: str) -> None:
    result = CliRunner().invoke(main, ["evaluate", "dates", "gum-news", "--details", "--part", part])
    assert result.exit_code == 2
    assert "validation records are scored, never read" in result.output


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
