"""Commands about documents: ``extract``, ``ingest``, ``documents``, ``show``.

Each command parses its arguments and calls one library function. A
:class:`~communique.errors.CommuniqueError` becomes one line on stderr
(``communique: <message>``) and exit status 1; usage errors exit with 2
(:func:`communique.cli.options.user_errors`).
"""

from __future__ import annotations

import json

import click

from communique.cli import main
from communique.cli.options import config_option, db_option, knowledge_options, load_config, model_option, user_errors
from communique.errors import PublishedDateError
from communique.library import check_published, extract_many, ingest
from communique.record import Document
from communique.store import Store

# How many entity texts the human summary of `extract` lists per document.
_SUMMARY_ENTITIES = 12
# Width of the title column of `communique documents`.
_TITLE_WIDTH = 60


def _published(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    try:
        return check_published(value)
    except PublishedDateError as exc:
        raise click.BadParameter(str(exc)) from None


def _fail(source: str, reason: str) -> None:
    click.echo(f"communique: {source}: {reason}", err=True)


@main.command()
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
@click.option("--published", metavar="YYYY-MM-DD", callback=_published,
              help="Publication date; dates in the text are resolved against it.")
@click.option("--json", "as_json", is_flag=True,
              help="Print the extraction record as JSON (an array when there are several documents).")
@click.option("--jsonl", is_flag=True, help="Read every FILE as a JSON Lines batch ({id, text, title?, published?}).")
@model_option
@knowledge_options
@config_option
@user_errors
def extract(
    files: tuple[str, ...], published: str | None, as_json: bool, jsonl: bool, model: str | None,
    kb: tuple[str, ...], lexicon: tuple[str, ...], reporting_verbs: tuple[str, ...], config_file: str | None,
) -> None:
    """Extract the record of each FILE (txt, md, html, pdf, jsonl; a directory; - for stdin) and print it.

    Nothing is stored. Exit status 1 when any document failed.
    """
    config = load_config(config_file, kb, lexicon, reporting_verbs, model=model)
    records: list[Document] = []
    failed = 0
    for item in extract_many(files, published=published, config=config, jsonl=jsonl):
        if not isinstance(item, Document):
            failed += 1
            click.echo(f"communique: {item}", err=True)
            continue
        records.append(item)
        if not as_json:
            click.echo(_summary(item))
    if as_json:
        if len(files) == 1 and len(records) == 1 and not jsonl:
            click.echo(records[0].to_json())
        else:
            click.echo(json.dumps([r.to_dict() for r in records], ensure_ascii=False, indent=2))
    if failed:
        raise click.exceptions.Exit(1)


@main.command(name="ingest")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@db_option
@model_option
@click.option("--max-bytes", type=click.IntRange(min=1), metavar="N",
              help="Largest input accepted, in bytes (default 50 MB; env COMMUNIQUE_MAX_BYTES).")
@click.option("--jsonl", is_flag=True, help="Read every PATH as a JSON Lines batch.")
@click.option("--progress/--no-progress", default=True, show_default=True, help="Progress bar on stderr.")
@knowledge_options
@config_option
@user_errors
def ingest_command(
    paths: tuple[str, ...], db: str | None, model: str | None, max_bytes: int | None, jsonl: bool,
    progress: bool, kb: tuple[str, ...], lexicon: tuple[str, ...], reporting_verbs: tuple[str, ...],
    config_file: str | None,
) -> None:
    """Extract every document under PATH... and store it (files, directories, - for stdin).

    Documents already in the store are skipped; a run that was interrupted
    resumes where it stopped. Exit status 1 when any document failed.
    """
    config = load_config(config_file, kb, lexicon, reporting_verbs, model=model, db=db, max_bytes=max_bytes)
    with Store(config.db) as store:
        summary = ingest(paths, store, config, progress=progress, jsonl=jsonl)
    for source, reason in summary.failed:
        _fail(source, reason)
    click.echo(
        f"read {summary.read}, stored {summary.stored}, already present {summary.already_present}, "
        f"failed {len(summary.failed)} (store: {config.db})"
    )
    if summary.failed:
        raise click.exceptions.Exit(1)


@main.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the list as JSON.")
@config_option
@user_errors
def documents(db: str | None, as_json: bool, config_file: str | None) -> None:
    """List the documents in the store."""
    config = load_config(config_file, db=db)
    with Store(config.db, read_only=True) as store:
        summaries = store.documents()
    if as_json:
        click.echo(json.dumps([vars(s) for s in summaries], ensure_ascii=False, indent=2))
        return
    if not summaries:
        click.echo(f"no documents in {config.db}")
        return
    click.echo(f"{'ID':<12}  {'PUBLISHED':<10}  {'SENT':>5}  {'ENT':>5}  {'ACT':>4}  {'EVT':>4}  {'QUO':>4}  TITLE")
    for s in summaries:
        title = _clip(s.title or s.source, _TITLE_WIDTH)
        click.echo(
            f"{s.id[:12]:<12}  {s.published or '-':<10}  {s.sentences:>5}  {s.entities:>5}  {s.actors:>4}  "
            f"{s.events:>4}  {s.quotes:>4}  {title}"
        )
    click.echo(f"{len(summaries)} document{'s' if len(summaries) != 1 else ''} in {config.db}")


@main.command()
@click.argument("doc_id", metavar="ID")
@db_option
@config_option
@user_errors
def show(doc_id: str, db: str | None, config_file: str | None) -> None:
    """Print the stored record of document ID as JSON (a unique start of the id is enough)."""
    config = load_config(config_file, db=db)
    with Store(config.db, read_only=True) as store:
        record = store.get(store.resolve(doc_id))
    click.echo(record.to_json())


def _summary(doc: Document) -> str:
    """A few human-readable lines about one record."""
    counts = ", ".join(
        f"{len(getattr(doc, layer))} {layer}"
        for layer in ("sentences", "entities", "actors", "dates", "places", "quotes", "events")
    )
    lines = [f"{doc.id[:12]}  {doc.source}"]
    if doc.title:
        lines.append(f"  title:     {doc.title}")
    date = doc.published or "unknown"
    if doc.reference_date and doc.reference_date != doc.published:
        date += f" (reference date {doc.reference_date}{', inferred' if doc.reference_date_inferred else ''})"
    lines.append(f"  published: {date}")
    lines.append(f"  found:     {counts}")
    if doc.repairs:
        lines.append(f"  repairs:   {len(doc.repairs)}")
    if doc.entities:
        shown = ", ".join(f"{e.text} ({e.label})" for e in doc.entities[:_SUMMARY_ENTITIES])
        more = f", … {len(doc.entities) - _SUMMARY_ENTITIES} more" if len(doc.entities) > _SUMMARY_ENTITIES else ""
        lines.append(f"  entities:  {shown}{more}")
    return "\n".join(lines)


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
