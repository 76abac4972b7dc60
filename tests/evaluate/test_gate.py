"""The evaluation gate: mechanics on tiny synthetic data, then the real floors on the dev sets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from communique.evaluate import REGISTRY, EvaluationError, Report, available, sha256_file
from communique.evaluate.gate import FLOORS, load_floors, passed, run_gate, suggest_floors
from communique.evaluate.split import Part, part_of, select


def _toy_scorer(path: Path, config: object = None, part: Part = "all") -> Report:
    """Accuracy = share of lines whose ``ok`` is true, over the lines on ``part`` of the split."""
    rows = select([json.loads(line) for line in path.read_text().splitlines() if line.strip()], part,
                  lambda row: row["text"])
    return Report("toy", "toy-set", {"accuracy": sum(r["ok"] for r in rows) / len(rows)}, documents=len(rows),
                  part=part)


def _texts(side: str, count: int) -> list[str]:
    """The first ``count`` sentences ``Toy sentence N.`` that the split puts on ``side``."""
    found = (f"Toy sentence {n}." for n in range(1000))
    return [text for text in found if part_of(text) == side][:count]


@pytest.fixture
def toy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data root holding ``toy_set/derived/toy.jsonl``: validation accuracy 0.75, tune accuracy 0."""
    data = tmp_path / "toy_set" / "derived" / "toy.jsonl"
    data.parent.mkdir(parents=True)
    rows = [{"text": t, "ok": ok} for t, ok in zip(_texts("validation", 4), (True, True, True, False), strict=True)]
    rows += [{"text": t, "ok": False} for t in _texts("tune", 4)]
    data.write_text("".join(json.dumps(row) + "\n" for row in rows))
    monkeypatch.setenv("COMMUNIQUE_DATA", str(tmp_path))
    return data


def _floors(tmp_path: Path, sha: str, floor: float) -> Path:
    path = tmp_path / "floors.json"
    entry = {"task": "toy", "dataset": "toy-set", "sha256": sha, "floors": {"accuracy": floor}}
    path.write_text(json.dumps({"entries": [entry]}))
    return path


def _gate(floors: Path) -> list:
    return run_gate(floors, registry={("toy", "toy-set"): _toy_scorer})


def test_gate_passes_when_scores_reach_their_floors(toy: Path, tmp_path: Path) -> None:
    checks = _gate(_floors(tmp_path, sha256_file(toy), 0.75))
    assert passed(checks)
    assert [(c.metric, c.score) for c in checks] == [("sha256", None), ("accuracy", 0.75)]  # tune rows unscored


def test_gate_fails_when_a_floor_is_above_the_score(toy: Path, tmp_path: Path) -> None:
    checks = _gate(_floors(tmp_path, sha256_file(toy), 0.8))
    assert not passed(checks)
    failed = [c for c in checks if not c.ok]
    assert [(c.metric, c.floor) for c in failed] == [("accuracy", 0.8)]
    assert "below floor" in failed[0].note


def test_gate_fails_when_the_dataset_changed(toy: Path, tmp_path: Path) -> None:
    floors = _floors(tmp_path, sha256_file(toy), 0.5)
    toy.write_text(toy.read_text() + json.dumps({"text": _texts("validation", 5)[-1], "ok": True}) + "\n")
    checks = _gate(floors)
    assert not passed(checks)
    assert [c.metric for c in checks if not c.ok] == ["sha256"]
    assert "dataset changed" in next(c.note for c in checks if not c.ok)


def test_gate_fails_when_a_floored_metric_is_not_computed(toy: Path, tmp_path: Path) -> None:
    path = tmp_path / "floors.json"
    entry = {"task": "toy", "dataset": "toy-set", "sha256": sha256_file(toy), "floors": {"f1": 0.1}}
    path.write_text(json.dumps({"entries": [entry]}))
    checks = _gate(path)
    assert [(c.metric, c.ok, c.note) for c in checks if not c.ok] == [("f1", False, "not computed")]


def test_gate_reports_task_without_floors_and_passes(toy: Path, tmp_path: Path) -> None:
    path = tmp_path / "floors.json"
    path.write_text(json.dumps({"entries": []}))
    checks = _gate(path)
    assert passed(checks) and checks[0].note == "no floors recorded"


def test_gate_fails_when_the_dataset_is_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMMUNIQUE_DATA", str(tmp_path / "nowhere"))
    checks = _gate(_floors(tmp_path, "0" * 64, 0.5))
    assert not passed(checks) and "no such dataset" in checks[0].note


@pytest.mark.parametrize("target", ["communique.evaluate.not_written_yet:score", "communique.not_a_package.x:score"])
def test_gate_fails_when_a_registered_module_is_not_written(tmp_path: Path, target: str) -> None:
    floors = _floors(tmp_path, "0" * 64, 0.5)
    checks = run_gate(floors, registry={("toy", "toy-set"): target, ("toy", "other-set"): _toy_scorer},
                      only=[("toy", "toy-set")])
    assert not passed(checks)
    assert [(c.task, c.dataset, c.ok, c.note) for c in checks] == [("toy", "toy-set", False,
                                                                    f"{target}: module not written")]


def test_malformed_floors_file_is_a_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "floors.json"
    path.write_text(json.dumps({"entries": [{"task": "toy", "dataset": "toy-set", "floors": {}}]}))
    with pytest.raises(EvaluationError, match=r"floors.json: not a floors file"):
        load_floors(path)


def test_suggested_floors_stay_below_the_scores() -> None:
    report = Report("toy", "toy-set", {"a": 0.976, "b": 0.5, "c": None})
    assert suggest_floors(report) == {"a": 0.95, "b": 0.48}


def test_recorded_floors_never_exceed_recorded_measurements() -> None:
    for (task, dataset), entry in load_floors(FLOORS).items():
        for metric, floor in entry["floors"].items():
            assert floor <= entry["measured"][metric], (task, dataset, metric)


_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "dev"
_ENTRIES = sorted(load_floors(FLOORS))


@pytest.mark.parametrize(("task", "dataset"), _ENTRIES, ids=[f"{t}-{d}" for t, d in _ENTRIES])
def test_dev_set_scores_stay_above_their_floors(task: str, dataset: str, monkeypatch: pytest.MonkeyPatch) -> None:
    if not _DATA.is_dir():
        pytest.skip(f"dev data not present at {_DATA}")
    if (task, dataset) not in REGISTRY:
        pytest.skip(f"{task} {dataset}: not a registered task")
    assert available(task, dataset), f"{task} {dataset}: scoring module not written"
    monkeypatch.setenv("COMMUNIQUE_DATA", str(_DATA))
    checks = run_gate(FLOORS, only=[(task, dataset)])
    assert passed(checks), [c for c in checks if not c.ok]
