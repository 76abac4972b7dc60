"""Evaluation: score the pipeline against the dev sets in ``../shared/data/dev``.

A registry maps ``(task, dataset)`` to a scoring function named by ``"module:function"``; the
module is imported only when that pair is scored, so a task whose module is not written yet
fails with one line instead of breaking the others. Every scoring function has the signature::

    def evaluate_something(path: Path, config: Config | None = None, part: Part = "all") -> Report

where ``path`` is the dataset's JSONL file (``derived/*.jsonl`` of the dataset folder) and
``part`` the side of the tune/validation split to score (:mod:`communique.evaluate.split`). The
evaluation gate (:mod:`communique.evaluate.gate`) holds a floor per validation metric beside the
sha256 of that file.

Datasets are named like ``gum-news`` (the folder ``gum_news`` under the data root: the environment
variable ``COMMUNIQUE_DATA``, else ``../shared/data/dev`` beside the repository) or given as a path.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from communique.config import Config
from communique.errors import EvaluationError
from communique.evaluate.split import PARTS, Part, select
from communique.pipeline import Context, Stage
from communique.record import Document


@dataclass(frozen=True)
class Report:
    """The outcome of scoring one task on one dataset.

    ``metrics`` holds the numbers the gate checks (``None`` = not computable, reported as n/a);
    ``rows`` is the table printed by the CLI, one dict per row with the same keys in every row.
    """

    task: str
    dataset: str
    metrics: dict[str, float | None]
    rows: list[dict[str, Any]] = field(default_factory=list)
    summary: str = ""
    documents: int = 0
    details: list[dict[str, Any]] = field(default_factory=list)  # e.g. the errors, for --details
    part: Part = "all"  # the side of the tune/validation split scored (communique.evaluate.split)


# (task, dataset) -> "module:function". Modules owned by other parts of the project are listed
# here too; they are imported at call time.
REGISTRY: dict[tuple[str, str], str] = {
    ("entities", "gum-news"): "communique.evaluate.entities:evaluate_entities",
    ("dates", "gum-news"): "communique.evaluate.dates:evaluate_dates",
    ("places", "gum-news"): "communique.evaluate.places:evaluate_places",
    ("actors", "plover-gsr"): "communique.evaluate.actors:evaluate_actors",
    ("events", "plover-gsr"): "communique.evaluate.events:evaluate_events_gsr",
    ("events", "cameo-examples"): "communique.evaluate.events:evaluate_events_cameo",
    ("quotes", "gum-news"): "communique.evaluate.quotes:evaluate_quotes",
}

# Dataset names whose folder is not simply the name with "-" turned into "_".
_FOLDERS = {"cameo-examples": "cameo_manual_examples"}


def data_root() -> Path:
    """Where named datasets live: ``$COMMUNIQUE_DATA`` or ``../shared/data/dev`` beside the repo."""
    env = os.environ.get("COMMUNIQUE_DATA")
    if env:
        return Path(env)
    repo = Path(__file__).resolve().parents[3]  # src/communique/evaluate/__init__.py -> repo
    return repo.parent / "shared" / "data" / "dev"


def resolve_dataset(name_or_path: str | Path) -> Path:
    """The JSONL file of a dataset given by name (``gum-news``), folder or file."""
    candidate = Path(name_or_path)
    if not candidate.exists():
        folder = _FOLDERS.get(str(name_or_path), str(name_or_path).replace("-", "_"))
        candidate = data_root() / folder
    if candidate.is_file():
        return candidate
    if candidate.is_dir():
        found = sorted((candidate / "derived").glob("*.jsonl")) or sorted(candidate.glob("*.jsonl"))
        if len(found) == 1:
            return found[0]
        reason = "no derived/*.jsonl file" if not found else "several JSONL files; name one"
        raise EvaluationError(f"{candidate}: {reason}")
    raise EvaluationError(f"{name_or_path}: no such dataset (looked in {data_root()}; set COMMUNIQUE_DATA)")


def dataset_name(path: Path) -> str:
    """The registry name of a dataset file (``.../gum_news/derived/gum_news.jsonl`` -> ``gum-news``)."""
    folder = path.parent.parent if path.parent.name == "derived" else path.parent
    for name, known in _FOLDERS.items():
        if folder.name == known:
            return name
    return folder.name.replace("_", "-")


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def scorer(task: str, dataset: str) -> Callable[..., Report]:
    """Import the scoring function of ``(task, dataset)``; one-line error when it does not exist."""
    target = REGISTRY.get((task, dataset))
    if target is None:
        known = ", ".join(f"{t} {d}" for t, d in sorted(REGISTRY))
        raise EvaluationError(f"no evaluation for task {task!r} on dataset {dataset!r} (known: {known})")
    return load_target(target, f"{task} on {dataset}")


def load_target(target: str, what: str) -> Callable[..., Report]:
    """The function named by ``"module:function"``; ``what`` names it in the one-line error."""
    module_name, _, function = target.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name and module_name.startswith(exc.name):
            raise EvaluationError(f"{what}: module {module_name} is not written yet") from None
        raise
    fn = getattr(module, function, None)
    if fn is None:
        raise EvaluationError(f"{what}: {module_name} has no function {function}")
    return fn


def written(target: str) -> bool:
    """Is the module of a ``"module:function"`` target importable (written)?"""
    try:
        return importlib.util.find_spec(target.partition(":")[0]) is not None
    except ModuleNotFoundError:  # a parent package is missing
        return False


def available(task: str, dataset: str) -> bool:
    """Is the scoring module of the registered ``(task, dataset)`` written?"""
    return written(REGISTRY[(task, dataset)])


def evaluate(task: str, dataset: str | Path, config: Config | None = None, part: Part = "all") -> Report:
    """Score ``task`` on ``part`` of ``dataset`` (a registry name, folder or JSONL file)."""
    if part not in PARTS:
        raise EvaluationError(f"no part {part!r} of a dataset (known: {', '.join(PARTS)})")
    if task not in {t for t, _ in REGISTRY}:
        raise EvaluationError(f"no evaluation for task {task!r} (known: {', '.join(sorted({t for t, _ in REGISTRY}))})")
    path = resolve_dataset(dataset)
    name = str(dataset) if (task, str(dataset)) in REGISTRY else dataset_name(path)
    formats = [d for t, d in REGISTRY if t == task]
    if (task, name) not in REGISTRY and len(formats) == 1:
        name = formats[0]  # a file of the one format this task reads, under another name
    return replace(scorer(task, name)(path, config, part), part=part)


def read_text_records(path: Path, what: str, part: Part = "all") -> list[dict[str, Any]]:
    """The JSON Lines records of ``path`` that each carry a ``text`` string (blank lines skipped),
    those on ``part`` of the split.

    A file that cannot be read, a line that is not such a record (the message calls it ``what``)
    or a file without records is an :class:`EvaluationError` naming the file (and line).
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise EvaluationError(f"{path}: cannot read ({exc})") from None
    out = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            if not isinstance(row.get("text"), str):
                raise ValueError("no text")
        except (ValueError, AttributeError) as exc:
            raise EvaluationError(f"{path}:{number}: not {what} ({exc})") from None
        out.append(row)
    if not out:
        raise EvaluationError(f"{path}: no records")
    return select(out, part, lambda row: row["text"])


def text_runner(stages: Sequence[Stage], source: str, config: Config | None = None) -> Callable[[str], Document]:
    """A function that runs ``stages`` over a bare text (``source`` names it in the record).

    Each distinct text is run once; the record is kept without its spaCy parse, so a dataset
    that repeats a text costs one run and no parse is held.
    """
    ctx = Context(config or Config())
    cache: dict[str, Document] = {}

    def run(text: str) -> Document:
        if text not in cache:
            doc = Document(id=str(abs(hash(text))), source=source, raw_text=text, text=text)
            for stage in stages:
                doc = stage(doc, ctx)
            cache[text] = doc.with_(parsed=None)
        return cache[text]

    return run


def f1(precision: float | None, recall: float | None) -> float | None:
    if precision is None or recall is None:
        return None
    return 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)


def ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def fmt(value: float | None) -> str:
    """A score as printed: three decimals, or n/a."""
    return "n/a" if value is None else f"{value:.3f}"


__all__ = [
    "REGISTRY",
    "EvaluationError",
    "Report",
    "available",
    "data_root",
    "evaluate",
    "read_text_records",
    "resolve_dataset",
    "scorer",
    "sha256_file",
    "text_runner",
]
