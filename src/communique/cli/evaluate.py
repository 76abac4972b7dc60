"""``communique evaluate``: score the pipeline on a dev set, or run the evaluation gate.

A thin shell over :mod:`communique.evaluate` and :mod:`communique.evaluate.gate`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any, cast

import click

from communique.cli import main
from communique.cli.options import config_option, model_option, user_errors
from communique.config import Config
from communique.evaluate import REGISTRY, Report, evaluate, fmt
from communique.evaluate.gate import FLOORS, Check, passed, run_gate
from communique.evaluate.gate import suggest_floors as _suggest
from communique.evaluate.split import PARTS, Part


def _cell(value: Any) -> str:
    return fmt(value) if isinstance(value, float) or value is None else str(value)


def table(rows: Sequence[dict[str, Any]]) -> str:
    """Rows of equal keys as an aligned plain-text table."""
    if not rows:
        return "(no rows)"
    columns = list(rows[0])
    cells = [[_cell(row.get(c)) for c in columns] for row in rows]
    widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    return "\n".join(lines)


def _gate_rows(checks: Sequence[Check]) -> list[dict[str, Any]]:
    return [{"task": c.task, "dataset": c.dataset, "metric": c.metric, "score": c.score, "floor": c.floor,
             "status": "ok" if c.ok else "FAIL", "note": c.note} for c in checks]


_KNOWN = ", ".join(f"{t} {d}" for t, d in sorted(REGISTRY))


@main.command(name="evaluate", epilog=f"Registered: {_KNOWN}.")
@click.argument("task", required=False)
@click.argument("dataset", required=False)
@click.option("--gate", is_flag=True,
              help="Score every registered task against evaluate/floors.json; exit 1 if any is below its floor "
                   "or a dataset changed.")
@click.option("--floors", type=click.Path(dir_okay=False, path_type=Path), default=FLOORS, show_default=False,
              help="Floors file for --gate (default: the package's evaluate/floors.json).")
@click.option("--part", type=click.Choice(["both", *PARTS]), default="both", show_default=True,
              help="Which side of the tune/validation split to score: both side by side, or one.")
@click.option("--details", is_flag=True,
              help="Also print the individual errors the scorer kept, of tune records only: validation "
                   "records are scored, never read.")
@click.option("--suggest-floors", is_flag=True,
              help="Also print floors 0.02 below the validation scores, to paste into floors.json by hand.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@model_option
@config_option
@user_errors
def evaluate_command(task: str | None, dataset: str | None, gate: bool, floors: Path, part: str, details: bool,
                     suggest_floors: bool, as_json: bool, model: str | None, config_file: str | None) -> None:
    """Score TASK (entities, dates, places, actors, events, quotes) on DATASET (a name such as gum-news, or a path).

    Prints the tune and validation scores side by side (the gap is validation minus tune) and a
    summary line for each. Named datasets are looked up in $COMMUNIQUE_DATA, else in
    ../shared/data/dev beside the repository.
    """
    config = Config.load(config_file, model=model)
    if gate:
        if task or dataset:
            raise click.UsageError("--gate scores every registered task; give no TASK or DATASET")
        checks = run_gate(floors, config=config)
        failed = [c for c in checks if not c.ok]
        if as_json:
            click.echo(json.dumps(_gate_rows(checks), indent=2))
        else:
            click.echo(table(_gate_rows(checks)))
        click.echo(f"gate: {'passed' if passed(checks) else 'FAILED'}: {len(checks) - len(failed)} checks ok, "
                   f"{len(failed)} failed")
        if failed:
            raise SystemExit(1)
        return
    if not task or not dataset:
        raise click.UsageError("give TASK and DATASET (e.g. `communique evaluate dates gum-news`) or --gate")
    if details and part not in ("both", "tune"):
        raise click.UsageError("--details prints tune records only: validation records are scored, never read")
    if suggest_floors and part not in ("both", "validation"):
        raise click.UsageError("--suggest-floors proposes floors for the validation part; use --part validation")
    sides: tuple[Part, ...] = ("tune", "validation") if part == "both" else (cast(Part, part),)
    reports = {side: evaluate(task, dataset, config, side) for side in sides}
    if as_json:
        payload = {side: _report_json(r, details and side == "tune") for side, r in reports.items()}
        click.echo(json.dumps(payload if part == "both" else payload[sides[0]], indent=2, default=str))
        return
    rows = side_by_side(reports["tune"], reports["validation"]) if part == "both" else reports[sides[0]].rows
    click.echo(table(rows))
    if details:
        for item in reports["tune"].details:
            click.echo(json.dumps(item, ensure_ascii=False, default=str))
    if suggest_floors:
        click.echo(json.dumps(_suggest(reports["validation"]), indent=2))
    for side, report in reports.items():
        click.echo(f"{side}: {report.summary}")


def _report_json(report: Report, details: bool) -> dict[str, Any]:
    return {"task": report.task, "dataset": report.dataset, "part": report.part, "documents": report.documents,
            "metrics": report.metrics, "rows": report.rows, "summary": report.summary,
            **({"details": report.details} if details else {})}


def side_by_side(tune: Report, validation: Report) -> list[dict[str, Any]]:
    """One row per metric: its tune and validation score and the gap (validation - tune)."""
    rows = []
    for metric in dict.fromkeys([*tune.metrics, *validation.metrics]):
        a, b = tune.metrics.get(metric), validation.metrics.get(metric)
        gap = f"{b - a:+.3f}" if a is not None and b is not None else "n/a"
        rows.append({"metric": metric, f"tune ({tune.documents})": a, f"validation ({validation.documents})": b,
                     "gap": gap})
    return rows
