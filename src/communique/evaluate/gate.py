"""The evaluation gate: every registered score must stay at or above its recorded floor.

``floors.json`` (beside this module) records, per ``(task, dataset)``, the sha256 of the dataset
file the floors were measured on and one floor per metric. The gate scores every registered task
and fails when

* a score is below its floor (or could not be computed although it has a floor),
* the dataset file's sha256 differs from the recorded one: floors measured on other data mean
  nothing, and re-recording them is a deliberate, reviewed change (see ``floors.json``'s
  ``how_to_raise``), never something the gate does by itself, or
* a registered task's scoring module is not written (or was deleted or renamed): a score that
  cannot be computed is not a score that held.

A task without a floors entry is reported and not failed. Scores and floors are those of the
validation side of each dev set (:mod:`communique.evaluate.split`): the records that no rule
was written from.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from communique.evaluate import REGISTRY, EvaluationError, Report, load_target, resolve_dataset, sha256_file, written
from communique.evaluate.split import Part

if TYPE_CHECKING:
    from communique.config import Config

FLOORS = Path(__file__).with_name("floors.json")
# What `suggest_floors` leaves between a measured score and the floor it proposes: enough for the
# run-to-run noise of a changed spaCy or dateparser patch release, small enough to catch a real
# regression (one GUM date of 167 is 0.006).
MARGIN = 0.02

# Every scorer takes the side of the split to score (communique.evaluate.split); the gate scores
# the validation side only, the records no rule was written from.
Scorer = Callable[[Path, "Config | None", Part], Report]
GATED_PART: Part = "validation"


@dataclass(frozen=True)
class Check:
    task: str
    dataset: str
    metric: str  # a metric name, "sha256" for the data check, or "-" for a skipped task
    score: float | None
    floor: float | None
    ok: bool
    note: str = ""


def load_floors(path: Path = FLOORS) -> dict[tuple[str, str], dict[str, Any]]:
    """``(task, dataset) -> {"sha256": ..., "floors": {metric: floor}}``; one-line error when malformed."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        entries = {(str(e["task"]), str(e["dataset"])): e for e in data["entries"]}
        for entry in entries.values():
            if not isinstance(entry["sha256"], str) or not all(
                isinstance(v, (int, float)) for v in entry["floors"].values()
            ):
                raise TypeError("sha256 must be a string and every floor a number")
    except OSError as exc:
        raise EvaluationError(f"{path}: cannot read floors ({exc.strerror})") from None
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise EvaluationError(f"{path}: not a floors file ({type(exc).__name__}: {exc})") from None
    return entries


def _resolve(target: str | Scorer, task: str, dataset: str) -> Scorer:
    return target if callable(target) else load_target(target, f"{task} on {dataset}")


def check_entry(task: str, dataset: str, run: Scorer, entry: Mapping[str, Any] | None,
                config: Config | None = None) -> list[Check]:
    """Score one registered pair against its floors entry."""
    try:
        path = resolve_dataset(dataset)
    except EvaluationError as exc:
        return [Check(task, dataset, "-", None, None, False, str(exc))]
    if entry is None:
        return [Check(task, dataset, "-", None, None, True, "no floors recorded")]
    digest = sha256_file(path)
    checks = [Check(task, dataset, "sha256", None, None, digest == entry["sha256"],
                     f"{digest[:12]}… as recorded" if digest == entry["sha256"] else
                     f"{path}: dataset changed (sha256 {digest[:12]}…, floors were measured on "
                     f"{str(entry['sha256'])[:12]}…); re-measure and re-record its floors on purpose")]
    report = run(path, config, GATED_PART)
    for metric, floor in entry["floors"].items():
        score = report.metrics.get(metric)
        ok = score is not None and score >= floor
        note = "" if ok else ("not computed" if score is None else f"below floor by {floor - score:.3f}")
        checks.append(Check(task, dataset, metric, score, float(floor), ok, note))
    return checks


def run_gate(floors: Path = FLOORS, registry: Mapping[tuple[str, str], str | Scorer] | None = None,
             only: Iterable[tuple[str, str]] | None = None, config: Config | None = None) -> list[Check]:
    """Check every registered ``(task, dataset)`` (or ``only`` those); an unwritten module fails."""
    entries = load_floors(floors)
    registry = dict(REGISTRY if registry is None else registry)
    wanted = set(only) if only is not None else set(registry)
    checks: list[Check] = []
    for (task, dataset), target in sorted(registry.items(), key=lambda kv: kv[0]):
        if (task, dataset) not in wanted:
            continue
        if isinstance(target, str) and not written(target):
            checks.append(Check(task, dataset, "-", None, None, False, f"{target}: module not written"))
            continue
        checks.extend(check_entry(task, dataset, _resolve(target, task, dataset), entries.get((task, dataset)), config))
    return checks


def passed(checks: Iterable[Check]) -> bool:
    return all(check.ok for check in checks)


def suggest_floors(report: Report, margin: float = MARGIN) -> dict[str, float]:
    """Floors a maintainer may record for ``report``: each score less ``margin``, rounded down."""
    return {
        name: max(0.0, int((score - margin) * 100) / 100)
        for name, score in report.metrics.items()
        if score is not None
    }
