"""Query commands: ``events``, ``actors``, ``quotes``, ``dyad``, ``export``.

Thin shells over :mod:`communique.store.queries` and :mod:`communique.export`. Output is a
table when standard output is a terminal and JSON when it is piped or redirected;
``--format table|json|csv`` chooses explicitly.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any

import click

from communique.cli import main
from communique.cli.options import config_option, db_option, user_errors
from communique.config import Config
from communique.export import FORMATS, export
from communique.store import Store
from communique.store import queries as q
from communique.store.filters import parse_country, parse_event_filter

_FORMAT_HELP = "Output: a table on a terminal, JSON when piped (default); or say which."
_format_option = click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), help=_FORMAT_HELP)
_limit_option = click.option("--limit", type=click.IntRange(min=1), metavar="N", help="Print at most N rows.")
# Width at which the table clips a long cell (evidence, quote text, titles).
_CELL_WIDTH = 70


def _open(db: str | None, config_file: str | None) -> Store:
    return Store(Config.load(config_file, db=db).db, read_only=True)


def _emit(rows: Sequence[Any], fmt: str | None, columns: Sequence[tuple[str, Callable[[Any], Any]]]) -> None:
    """Print ``rows`` as a table, JSON (their full typed shape) or CSV (the table's columns)."""
    fmt = fmt or ("table" if sys.stdout.isatty() else "json")
    if fmt == "json":
        click.echo(json.dumps(q.as_dict(list(rows)), ensure_ascii=False, indent=2))
        return
    cells = [[_text(get(row)) for _, get in columns] for row in rows]
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow([name.lower() for name, _ in columns])
        writer.writerows(cells)
        click.echo(buffer.getvalue(), nl=False)
        return
    if not rows:
        click.echo("no results")
        return
    clipped = [[_clip(c) for c in line] for line in cells]
    widths = [max(len(name), *(len(line[i]) for line in clipped)) for i, (name, _) in enumerate(columns)]
    click.echo("  ".join(name.ljust(w) for (name, _), w in zip(columns, widths, strict=True)).rstrip())
    for line in clipped:
        click.echo("  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip())


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return " ".join(str(value).split())


def _clip(text: str) -> str:
    return text if len(text) <= _CELL_WIDTH else text[: _CELL_WIDTH - 1] + "…"


def _names(refs: Sequence[q.ActorRef]) -> str:
    return "; ".join(f"{r.name} ({r.country})" if r.country else r.name for r in refs)


_EVENT_COLUMNS: list[tuple[str, Callable[[Any], Any]]] = [
    ("DAY", lambda e: e.day), ("DOC", lambda e: e.doc_id[:8]), ("ID", lambda e: e.id), ("TYPE", lambda e: e.type),
    ("CAMEO", lambda e: e.cameo), ("QC", lambda e: e.quad_class), ("GS", lambda e: e.goldstein),
    ("ACTOR", lambda e: _names(e.actors)), ("RECIPIENT", lambda e: _names(e.recipients)),
    ("NEG", lambda e: "yes" if e.negated else ""), ("MODALITY", lambda e: e.modality),
    ("EVIDENCE", lambda e: e.evidence_text),
]


@main.command()
@click.option("--actor", metavar="NAME", help="Actor or recipient whose name contains NAME (or its key or id).")
@click.option("--country", metavar="ISO3", help="Actor or recipient from this country (e.g. JPN).")
@click.option("--dyad", nargs=2, metavar="A B",
              help="Events between A and B, either direction; a three-capital term is a country code, "
                   "anything else part of an actor's name.")
@click.option("--type", "event_type", metavar="PLOVER", help="PLOVER event type (e.g. CONSULT).")
@click.option("--cameo", metavar="CODE", help="CAMEO code or prefix (e.g. 04).")
@click.option("--since", metavar="YYYY-MM-DD", help="Events on or after this day.")
@click.option("--until", metavar="YYYY-MM-DD", help="Events on or before this day.")
@click.option("--text", metavar="WORDS", help="Evidence text contains WORDS (case-insensitive).")
@click.option("--document", metavar="ID", help="Events of the document whose id starts with ID.")
@_limit_option
@_format_option
@db_option
@config_option
@user_errors
def events(
    actor: str | None, country: str | None, dyad: tuple[str, str] | None, event_type: str | None,
    cameo: str | None, since: str | None, until: str | None, text: str | None, document: str | None,
    limit: int | None, fmt: str | None, db: str | None, config_file: str | None,
) -> None:
    """List coded events, oldest first, with the evidence each was coded from.

    An event's day is its own date, else its document's publication date.
    """
    flt = parse_event_filter(actor=actor, country=country, dyad=dyad, type=event_type, cameo=cameo, since=since,
                             until=until, text=text, document=document)
    with _open(db, config_file) as store:
        rows = q.events(store.connection, flt, limit=limit)
    _emit(rows, fmt, _EVENT_COLUMNS)


@main.command()
@click.option("--name", metavar="NAME", help="Actors whose name contains NAME.")
@click.option("--country", metavar="ISO3", help="Actors from this country.")
@_limit_option
@_format_option
@db_option
@config_option
@user_errors
def actors(name: str | None, country: str | None, limit: int | None, fmt: str | None, db: str | None,
           config_file: str | None) -> None:
    """List actors across documents (grouped by knowledge-base id, else name and country), most mentioned first."""
    code = parse_country(country)
    with _open(db, config_file) as store:
        rows = q.actors(store.connection, name=name, country=code, limit=limit)
    _emit(rows, fmt, [
        ("NAME", lambda a: a.name), ("TYPE", lambda a: a.type), ("COUNTRY", lambda a: a.country),
        ("SECTOR", lambda a: a.sector), ("MENTIONS", lambda a: a.mentions), ("DOCS", lambda a: a.documents),
        ("EVENTS", lambda a: a.events), ("KEY", lambda a: a.key),
    ])


@main.command()
@click.option("--speaker", metavar="NAME", help="Quotes whose speaker's name (or the words naming them) contain NAME.")
@click.option("--document", metavar="ID", help="Quotes of the document whose id starts with ID.")
@_limit_option
@_format_option
@db_option
@config_option
@user_errors
def quotes(speaker: str | None, document: str | None, limit: int | None, fmt: str | None, db: str | None,
           config_file: str | None) -> None:
    """List quotes and statements with their speakers: who said what, where."""
    with _open(db, config_file) as store:
        rows = q.quotes(store.connection, speaker=speaker, document=document, limit=limit)
    _emit(rows, fmt, [
        ("PUBLISHED", lambda r: r.published), ("DOC", lambda r: r.doc_id[:8]),
        ("SPEAKER", lambda r: r.speaker.name if r.speaker else r.speaker_text), ("KIND", lambda r: r.kind),
        ("CUE", lambda r: r.cue), ("TEXT", lambda r: r.text),
    ])


@main.command()
@click.argument("a")
@click.argument("b")
@click.option("--by", type=click.Choice(["week", "month"]), default="month", show_default=True,
              help="Length of a period.")
@_format_option
@db_option
@config_option
@user_errors
def dyad(a: str, b: str, by: str, fmt: str | None, db: str | None, config_file: str | None) -> None:
    """How A and B interacted per period: events per QuadClass (both directions) and mean Goldstein score.

    A and B are country codes (three capitals: TWN, JPN) or parts of actor names (Seko). An event
    counts when one acts on the other or both act together; its day is its own date, else its
    document's date; events with neither are counted in a last row, "undated".
    """
    with _open(db, config_file) as store:
        points = q.dyad(store.connection, a, b, by=by)  # type: ignore[arg-type]
    _emit(points, fmt, [
        ("PERIOD", lambda p: p.period or "undated"), ("VERBAL_COOP", lambda p: p.verbal_cooperation),
        ("MATERIAL_COOP", lambda p: p.material_cooperation), ("VERBAL_CONFLICT", lambda p: p.verbal_conflict),
        ("MATERIAL_CONFLICT", lambda p: p.material_conflict), (f"{a}>{b}", lambda p: p.a_to_b),
        (f"{b}>{a}", lambda p: p.b_to_a), ("JOINT", lambda p: p.joint), ("GOLDSTEIN", lambda p: p.goldstein),
    ])


@main.command(name="export")
@click.argument("out", metavar="OUT")
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), required=True,
              help="parquet/csv: a directory OUT with one file per table; plover-jsonl, gdelt-tsv: a file OUT.")
@db_option
@config_option
@user_errors
def export_command(out: str, fmt: str, db: str | None, config_file: str | None) -> None:
    """Write the store for other tools: Parquet or CSV tables, PLOVER JSONL, GDELT 2.0 event TSV."""
    with _open(db, config_file) as store:
        result = export(store, fmt, out)
    unit = "rows" if fmt in ("parquet", "csv") else "records"
    click.echo(f"wrote {result.rows} {unit} to {len(result.paths)} file{'s' if len(result.paths) != 1 else ''} "
               f"in {out}")
