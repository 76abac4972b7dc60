"""Exports that other tools open: Parquet/CSV of every table, PLOVER JSONL, GDELT 2.0 event TSV.

* ``parquet`` / ``csv``: a directory with one file per store table (``events.parquet``, ...).
* ``plover-jsonl``: one PLOVER event record per line, with the field names of the PLOVER manual's
  "Data Fields" chapter (``id``, ``date``, ``actor``/``recipient`` entity objects with ``code``,
  ``sector``, ``entity_text``, ``identifier_id``/``identifier_text``, ``event``, ``mode``, ``context``,
  ``event_loc``, ``event_text``, ``quad_code``, ``text``, ``text_info``, ``cite_info``, ``coder``, ...)
  plus communique's own fields (``cameo``, ``goldstein``, ``negated``, ``modality``, ``confidence``).
* ``gdelt-tsv``: the 61 columns of the GDELT 2.0 event table in GDELT's order, no header (as GDELT
  ships it; ``header=True`` adds one). GDELT rows are dyadic, so an event with several actors or
  recipients becomes one row per actor-recipient pair. Fields we do not have are empty; the geo
  country and ADM1 codes (FIPS 10-4 in GDELT) are left empty, as we only know ISO codes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlparse

from communique.errors import ExportError
from communique.record import Actor, Document, Event, Place
from communique.store import queries
from communique.version import __version__

Format = Literal["parquet", "csv", "plover-jsonl", "gdelt-tsv"]
FORMATS: tuple[str, ...] = ("parquet", "csv", "plover-jsonl", "gdelt-tsv")
PLOVER_CODEBOOK = "plover-base"  # the manual in ../shared/data/dev/plover_ontology is the base ontology

_ACTOR_COLUMNS = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
                  "Religion2Code", "Type1Code", "Type2Code", "Type3Code")
_GEO_COLUMNS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in _ACTOR_COLUMNS), *(f"Actor2{c}" for c in _ACTOR_COLUMNS),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{c}" for c in _GEO_COLUMNS), *(f"Actor2Geo_{c}" for c in _GEO_COLUMNS),
    *(f"ActionGeo_{c}" for c in _GEO_COLUMNS),
    "DATEADDED", "SOURCEURL",
)


@dataclass(frozen=True)
class ExportResult:
    paths: tuple[Path, ...]
    rows: int  # table rows (parquet, csv) or records (plover-jsonl, gdelt-tsv) written


def export(store: Any, fmt: str, out: str | Path) -> ExportResult:
    """Write the whole store in ``fmt`` to ``out`` (a directory for parquet/csv, a file otherwise)."""
    out = Path(out)
    if fmt in ("parquet", "csv"):
        return export_tables(store.connection, out, fmt)  # type: ignore[arg-type]
    if fmt not in FORMATS:
        raise ExportError(f"{out}: unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")
    _parent(out)
    writer = write_plover_jsonl if fmt == "plover-jsonl" else write_gdelt_tsv
    try:
        with out.open("w", encoding="utf-8", newline="") as fh:
            rows = writer(_documents(store), fh)
    except OSError as exc:
        raise ExportError(f"{out}: cannot write ({exc.strerror})") from None
    return ExportResult((out,), rows)


def export_tables(con: Any, out: Path, fmt: Literal["parquet", "csv"]) -> ExportResult:
    """One file per table of the store in directory ``out`` (created if needed)."""
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"{out}: cannot create the directory ({exc.strerror})") from None
    paths, rows = [], 0
    for table in queries.table_names(con):
        path = out / f"{table}.{fmt}"
        rows += queries.copy_table(con, table, path, fmt)
        paths.append(path)
    return ExportResult(tuple(paths), rows)


def _parent(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"{path}: cannot create its directory ({exc.strerror})") from None


def _documents(store: Any) -> Iterator[tuple[Document, str | None]]:
    """Every stored document (in id order) with its ingestion time, ``YYYYMMDDHHMMSS``."""
    added = queries.ingestion_times(store.connection)
    for doc_id in store.ids():
        yield store.get(doc_id), added.get(doc_id)


def event_day(event: Event, doc: Document) -> str | None:
    """The event's day: its own date (a month or year taken at its first day), else the document's."""
    value = event.date
    if value and len(value) in (4, 7):
        value += "-01-01" if len(value) == 4 else "-01"
    return value or doc.published or doc.reference_date


def _sentence(doc: Document, offset: int) -> tuple[int | None, str | None]:
    for seq, sentence in enumerate(doc.sentences):
        if sentence.start <= offset < sentence.end:
            return seq, doc.text[sentence.start:sentence.end].strip()
    return None, None


def _place(doc: Document, event: Event) -> Place | None:
    if not event.location:
        return None
    for place in doc.places:
        if event.location in (place.name, place.text):
            return place
    return None


def _entity(actor: Actor) -> dict[str, Any]:
    return {
        "code": actor.country, "sector": actor.sector,
        "entity_text": actor.mentions[0].text if actor.mentions else actor.name,
        "identifier_id": actor.kb_id, "identifier_text": actor.name, "office": actor.title,
    }


def plover_record(doc: Document, event: Event, added: str | None = None) -> dict[str, Any]:
    """One event as a PLOVER JSON record (field names from the PLOVER manual's Data Fields chapter)."""
    actors = {a.id: a for a in doc.actors}
    seq, sentence = _sentence(doc, event.evidence.start)
    place = _place(doc, event)
    url = doc.source if urlparse(doc.source).scheme in ("http", "https") else None
    return {
        "id": f"{doc.id[:16]}-{event.id}",
        "has_event": True,
        "date": event_day(event, doc),
        "actor": [_entity(actors[i]) for i in event.actor if i in actors],
        "recipient": [_entity(actors[i]) for i in event.recipient if i in actors],
        "event": [event.type],
        "event_loc": None if place is None else {
            "extracted_place": place.text, "resolved_place": place.name, "lat": place.lat, "lon": place.lon,
            "country_code": place.country,
        },
        "event_text": [event.evidence.text],
        "quad_code": event.quad_class,
        "event_scale": event.goldstein,  # CAMEO Goldstein score, the scale PLOVER scores are spliced with
        "mode": [event.mode] if event.mode else [],
        "context": list(event.context),
        "text": sentence,
        "text_info": {"sequence": seq, "start": event.evidence.start, "end": event.evidence.end},
        "cite_info": {
            "corpus": "communique", "citation": doc.id, "url": url, "title": doc.title, "language": doc.language,
            "publication": doc.meta.get("publication") or (urlparse(url).hostname if url else None),
            "coder": f"communique {__version__}", "codebook": PLOVER_CODEBOOK,
        },
        "coder": f"communique {__version__}",
        "coded_date": f"{added[:4]}-{added[4:6]}-{added[6:8]}" if added else None,
        # communique's own fields
        "cameo": event.cameo, "goldstein": event.goldstein, "negated": event.negated, "modality": event.modality,
        "confidence": event.confidence, "date_text": event.date_text, "doc_id": doc.id, "event_id": event.id,
    }


def write_plover_jsonl(docs: Iterator[tuple[Document, str | None]], fh: Any) -> int:
    n = 0
    for doc, added in docs:
        for event in doc.events:
            fh.write(json.dumps(plover_record(doc, event, added), ensure_ascii=False) + "\n")
            n += 1
    return n


def cameo_actor_code(actor: Actor | None) -> str:
    """A CAMEO actor code: country then sector (``JPNGOV``), either part alone, or empty."""
    if actor is None:
        return ""
    return (actor.country or "") + (actor.sector or "")


def _global_id(doc: Document, event: Event, pair: int) -> int:
    """A stable integer id (GDELT ids are integers): 60 bits of a hash of document, event and pair."""
    return int(hashlib.sha256(f"{doc.id}:{event.id}:{pair}".encode()).hexdigest()[:15], 16)


def _fraction(day: date) -> str:
    return f"{day.year + (day.timetuple().tm_yday - 1) / 365.25:.4f}"


def _actor_cells(actor: Actor | None) -> list[str]:
    if actor is None:
        return [""] * len(_ACTOR_COLUMNS)
    return [cameo_actor_code(actor), actor.name.upper(), actor.country or "", "", "", "", "",
            actor.sector or "", "", ""]


def gdelt_rows(doc: Document, event: Event, added: str | None = None) -> list[list[str]]:
    """The GDELT 2.0 event-table rows of one event: one per actor-recipient pair."""
    actors = {a.id: a for a in doc.actors}
    sources: list[Actor | None] = [actors[i] for i in event.actor if i in actors] or [None]
    targets: list[Actor | None] = [actors[i] for i in event.recipient if i in actors] or [None]
    text_day = event_day(event, doc)
    day = date.fromisoformat(text_day) if text_day else None
    cameo = event.cameo or ""
    first_body = next((s for s in doc.sentences if not any(h.start <= s.start < h.end for h in doc.headings)), None)
    root = "1" if first_body and first_body.start <= event.evidence.start < first_body.end else "0"
    place = _place(doc, event)
    action_geo = [""] * len(_GEO_COLUMNS)
    if place is not None and place.lat is not None and place.lon is not None:
        action_geo = ["4", place.name, "", "", "", f"{place.lat:.4f}", f"{place.lon:.4f}", ""]
    rows = []
    for pair, (source, target) in enumerate((s, t) for s in sources for t in targets):
        rows.append([
            str(_global_id(doc, event, pair)),
            day.strftime("%Y%m%d") if day else "", day.strftime("%Y%m") if day else "",
            str(day.year) if day else "", _fraction(day) if day else "",
            *_actor_cells(source), *_actor_cells(target),
            root, cameo, cameo[:3], cameo[:2], str(event.quad_class or ""),
            "" if event.goldstein is None else f"{event.goldstein:.1f}",
            "1", "1", "1", "",
            *([""] * len(_GEO_COLUMNS)), *([""] * len(_GEO_COLUMNS)), *action_geo,
            added or "", doc.source,
        ])
    return rows


def write_gdelt_tsv(docs: Iterator[tuple[Document, str | None]], fh: Any, header: bool = False) -> int:
    if header:
        fh.write("\t".join(GDELT_COLUMNS) + "\n")
    n = 0
    for doc, added in docs:
        for event in doc.events:
            for row in gdelt_rows(doc, event, added):
                fh.write("\t".join(_clean(cell) for cell in row) + "\n")
                n += 1
    return n


def _clean(cell: str) -> str:
    """GDELT cells hold no tabs or line breaks."""
    return " ".join(cell.split()) if any(c in cell for c in "\t\r\n") else cell
