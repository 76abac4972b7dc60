"""The extraction record: typed, frozen values and their one JSON serialisation.

Every offset is a character offset into ``Document.text`` (the repaired text),
except ``Repair.raw_start``/``raw_end``, which index ``Document.raw_text``.
The JSON shape is the contract of DESIGN.md; change it only by adding fields,
and only in :func:`to_dict`.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from typing import Any, Literal

ActorType = Literal["person", "state", "organization", "group"]
Modality = Literal["asserted", "intended", "hypothetical", "reported", "conditional"]
QuoteKind = Literal["direct", "indirect", "mixed"]


@dataclass(frozen=True)
class Span:
    """A half-open character range ``[start, end)`` with the text it covers."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Repair:
    """One change made by a repair step.

    ``raw_start``/``raw_end`` locate the changed characters in ``raw_text``;
    ``start``/``end`` locate their replacement in the repaired ``text``.
    """

    kind: str
    raw_start: int
    raw_end: int
    start: int
    end: int
    before: str
    after: str


@dataclass(frozen=True)
class Heading:
    """A title or section heading, kept apart from body sentences."""

    text: str
    start: int
    end: int
    level: int  # 0 = document title, 1 = section heading


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int


@dataclass(frozen=True)
class Entity:
    text: str
    label: str
    start: int
    end: int
    actor: str | None = None


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    type: ActorType
    country: str | None
    sector: str | None
    title: str | None
    kb_id: str | None
    mentions: tuple[Mention, ...] = ()
    former: bool = False  # the title is one the actor no longer holds on the reference date


@dataclass(frozen=True)
class DateMention:
    text: str
    value: str  # YYYY-MM-DD, YYYY-MM or YYYY
    start: int
    end: int
    # week: the value is that week's Monday; weekend: its Saturday
    precision: Literal["day", "month", "year", "week", "weekend"] = "day"


@dataclass(frozen=True)
class Place:
    text: str
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    start: int
    end: int


@dataclass(frozen=True)
class Quote:
    speaker: str | None
    speaker_text: str | None
    cue: str | None
    text: str
    kind: QuoteKind
    start: int
    end: int


@dataclass(frozen=True)
class Event:
    id: str
    type: str
    mode: str | None
    context: tuple[str, ...]
    cameo: str | None
    goldstein: float | None
    quad_class: int | None
    actor: tuple[str, ...]
    recipient: tuple[str, ...]
    date: str | None
    date_text: str | None
    location: str | None
    negated: bool
    modality: Modality
    evidence: Span
    confidence: float


@dataclass(frozen=True)
class Document:
    """One document as it flows through the pipeline; each stage adds a layer.

    Ingest fills ``id``, ``source``, ``raw_text``, ``title``, ``published``, ``language``,
    ``heading_hints`` (heading strings known from the file's structure, for the repair stage)
    and ``meta`` (what the reader learnt of the file: format, encoding, ...). ``parsed`` holds the
    spaCy ``Doc`` the parse stage made and is never serialised; ``spacy_pipeline`` and
    ``spacy_pipeline_version`` name the pipeline that made it.
    """

    id: str
    source: str
    raw_text: str
    text: str = ""
    title: str | None = None
    published: str | None = None
    reference_date: str | None = None
    reference_date_inferred: bool = False
    language: str = "en"
    heading_hints: tuple[str, ...] = ()
    spacy_pipeline: str | None = None
    spacy_pipeline_version: str | None = None
    repairs: tuple[Repair, ...] = ()
    headings: tuple[Heading, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    entities: tuple[Entity, ...] = ()
    actors: tuple[Actor, ...] = ()
    dates: tuple[DateMention, ...] = ()
    places: tuple[Place, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    meta: dict[str, Any] = field(default_factory=dict, compare=False)  # JSON-serialisable
    parsed: Any = field(default=None, compare=False, repr=False)

    def with_(self, **changes: Any) -> Document:
        """Return a copy with ``changes`` applied (the way a stage adds its layer)."""
        return dataclasses.replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        return to_dict(self)

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(to_dict(self), ensure_ascii=False, indent=indent)


_DOCUMENT_FIELDS = (
    "id", "source", "title", "published", "reference_date", "reference_date_inferred",
    "language", "text", "raw_text", "repairs", "headings", "meta",
)
LAYERS = ("sentences", "entities", "actors", "dates", "places", "quotes", "events")


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def record_meta(doc: Document) -> dict[str, Any]:
    """``document.meta`` of the JSON record: the reader's metadata, with the heading hints after the
    format and encoding and the spaCy pipeline at the end, where version 1 of the record put them."""
    meta = {key: doc.meta[key] for key in _READER_KEYS if key in doc.meta}
    meta["heading_hints"] = list(doc.heading_hints)
    meta.update((key, value) for key, value in doc.meta.items() if key not in _READER_KEYS)
    if doc.spacy_pipeline is not None:
        meta["spacy_pipeline"] = doc.spacy_pipeline
        meta["spacy_pipeline_version"] = doc.spacy_pipeline_version
    return meta


# The keys every reader writes first into ``Document.meta``.
_READER_KEYS = ("format", "encoding")


def to_dict(doc: Document) -> dict[str, Any]:
    """The JSON contract of DESIGN.md: ``document`` plus one list per layer."""
    document = {name: _plain(getattr(doc, name)) for name in _DOCUMENT_FIELDS}
    document["meta"] = _plain(record_meta(doc))
    out: dict[str, Any] = {"document": document}
    for layer in LAYERS:
        out[layer] = _plain(getattr(doc, layer))
    return out
