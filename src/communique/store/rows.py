"""Between a typed :class:`~communique.record.Document` and the store's rows.

:func:`document_rows` flattens a document into one list of rows per table;
:func:`build_document` rebuilds the typed record from those rows, so that
``build_document(*document_rows(doc))`` equals ``doc``. Rows carry their
position (``seq``) so every list comes back in its original order; actors and
events, which have document-scoped ids instead, come back in id order
("A2" before "A10"), and an actor's mentions in text order.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

from communique.calendar import parse_day
from communique.errors import DateError, StoreError
from communique.record import (
    Actor,
    DateMention,
    Document,
    Entity,
    Event,
    Heading,
    Mention,
    Place,
    Quote,
    Repair,
    Sentence,
    Span,
    record_meta,
)

Row = tuple[Any, ...]
_ID_NUMBER = re.compile(r"^(.*?)(\d+)$")


def document_rows(doc: Document, *, communique_version: str, ingested_at: dt.datetime) -> dict[str, list[Row]]:
    """Every row ``doc`` adds to the store, by table (tables with no rows map to ``[]``)."""
    rows: dict[str, list[Row]] = {
        "documents": [(
            doc.id, doc.source, doc.title, _date(doc, "published", doc.published),
            _date(doc, "reference_date", doc.reference_date), doc.reference_date_inferred, doc.language,
            doc.text, doc.raw_text, json.dumps(record_meta(doc), ensure_ascii=False, default=str),
            communique_version, doc.spacy_pipeline, doc.spacy_pipeline_version,
            ingested_at,
        )],
        "repairs": [
            (doc.id, i, r.kind, r.raw_start, r.raw_end, r.start, r.end, r.before, r.after)
            for i, r in enumerate(doc.repairs)
        ],
        "headings": [(doc.id, i, h.text, h.start, h.end, h.level) for i, h in enumerate(doc.headings)],
        "sentences": [(doc.id, i, s.start, s.end) for i, s in enumerate(doc.sentences)],
        "entities": [
            (doc.id, i, e.text, e.label, e.start, e.end, e.actor) for i, e in enumerate(doc.entities)
        ],
        "actors": [
            (doc.id, a.id, a.name, a.type, a.country, a.sector, a.title, a.kb_id, a.former) for a in doc.actors
        ],
        "actor_mentions": [
            (doc.id, a.id, m.start, m.end, m.text) for a in doc.actors for m in a.mentions
        ],
        "dates": [
            (doc.id, i, d.text, d.value, d.start, d.end, d.precision) for i, d in enumerate(doc.dates)
        ],
        "places": [
            (doc.id, i, p.text, p.name, p.country, p.lat, p.lon, p.start, p.end) for i, p in enumerate(doc.places)
        ],
        "quotes": [
            (doc.id, i, q.speaker, q.speaker_text, q.cue, q.text, q.kind, q.start, q.end)
            for i, q in enumerate(doc.quotes)
        ],
        "events": [
            (
                doc.id, e.id, e.type, e.mode, list(e.context), e.cameo, e.goldstein, e.quad_class,
                list(e.actor), list(e.recipient), e.date, e.date_text, e.location, e.negated, e.modality,
                e.evidence.start, e.evidence.end, e.evidence.text, e.confidence,
            )
            for e in doc.events
        ],
    }
    return rows


def build_document(document: Row, layers: Mapping[str, Sequence[Row]]) -> Document:
    """Rebuild the typed record from its ``documents`` row and its layer rows (``doc_id`` dropped).

    ``layers`` rows are in table-column order without the leading ``doc_id``;
    sequence tables must already be ordered by ``seq``.
    """
    (doc_id, source, title, published, reference_date, inferred, language, text, raw_text, meta, *_) = document
    mentions: dict[str, list[Mention]] = {}
    for actor_id, start, end, mention_text in layers.get("actor_mentions", ()):
        mentions.setdefault(actor_id, []).append(Mention(start, end, mention_text))
    actors = [
        Actor(
            id=r[0], name=r[1], type=r[2], country=r[3], sector=r[4], title=r[5], kb_id=r[6],
            mentions=tuple(sorted(mentions.get(r[0], ()), key=lambda m: (m.start, m.end))), former=bool(r[7]),
        )
        for r in layers.get("actors", ())
    ]
    events = [
        Event(
            id=r[0], type=r[1], mode=r[2], context=tuple(r[3] or ()), cameo=r[4], goldstein=r[5], quad_class=r[6],
            actor=tuple(r[7] or ()), recipient=tuple(r[8] or ()), date=r[9], date_text=r[10], location=r[11],
            negated=bool(r[12]), modality=r[13], evidence=Span(r[14], r[15], r[16]), confidence=r[17],
        )
        for r in layers.get("events", ())
    ]
    return Document(
        id=doc_id,
        source=source,
        raw_text=raw_text,
        text=text,
        title=title,
        published=_iso(published),
        reference_date=_iso(reference_date),
        reference_date_inferred=bool(inferred),
        language=language,
        repairs=tuple(Repair(*r[1:]) for r in layers.get("repairs", ())),
        headings=tuple(Heading(*r[1:]) for r in layers.get("headings", ())),
        sentences=tuple(Sentence(*r[1:]) for r in layers.get("sentences", ())),
        entities=tuple(Entity(*r[1:]) for r in layers.get("entities", ())),
        actors=tuple(sorted(actors, key=lambda a: id_order(a.id))),
        dates=tuple(DateMention(*r[1:]) for r in layers.get("dates", ())),
        places=tuple(Place(*r[1:]) for r in layers.get("places", ())),
        quotes=tuple(Quote(*r[1:]) for r in layers.get("quotes", ())),
        events=tuple(sorted(events, key=lambda e: id_order(e.id))),
        **_from_record_meta(json.loads(meta) if meta else {}),
    )


def _from_record_meta(meta: dict[str, Any]) -> dict[str, Any]:
    """The Document fields kept in the stored ``meta`` column (the JSON record's ``document.meta``)."""
    hints = meta.pop("heading_hints", ())
    pipeline, version = meta.pop("spacy_pipeline", None), meta.pop("spacy_pipeline_version", None)
    return {"heading_hints": tuple(hints or ()), "spacy_pipeline": _optional_str(pipeline),
            "spacy_pipeline_version": _optional_str(version), "meta": meta}


def id_order(identifier: str) -> tuple[str, int, str]:
    """Sort key for document-scoped ids: "A2" before "A10"; ids without a number sort by text."""
    match = _ID_NUMBER.match(identifier)
    if match is None:
        return (identifier, -1, identifier)
    return (match.group(1), int(match.group(2)), identifier)


def _date(doc: Document, name: str, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return parse_day(value, f"{doc.source}: {name}")
    except DateError as exc:
        raise StoreError(str(exc)) from None


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _optional_str(value: Any) -> str | None:
    return None if value is None else str(value)
