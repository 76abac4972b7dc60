"""Read-only queries over the store: the one place the CLI, HTTP API, dashboard and exports ask questions.

Every function takes an open DuckDB connection (``Store(path).connection``) and returns
frozen dataclasses, never loose dicts. Actor and event ids are document-scoped; across
documents an actor is the group ``coalesce(kb_id, name || '|' || country)`` (its *key*).

Event filters are an :class:`~communique.store.filters.EventFilter`, parsed from a shell's strings
by :func:`~communique.store.filters.parse_event_filter` (``EventFilter`` is importable from here too).

A *side term* (``--dyad A B``, ``dyad A B``) is read as an ISO 3166-1 alpha-3 or IGO code
when it is exactly three capital letters (``TWN``, ``JPN``, ``IGO``), otherwise as a
case-insensitive substring of an actor's name, or an exact actor key.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Literal

import duckdb

from communique.store.filters import EventFilter

Period = Literal["week", "month"]
Connection = duckdb.DuckDBPyConnection

_CODE = re.compile(r"^[A-Z]{3}$")
# The event's calendar day: its own date padded to a day, else the document's dates.
DAY_SQL = """TRY_CAST(coalesce(
    CASE length(CAST(e.date AS VARCHAR)) WHEN 10 THEN CAST(e.date AS VARCHAR)
        WHEN 7 THEN CAST(e.date AS VARCHAR) || '-01' WHEN 4 THEN CAST(e.date AS VARCHAR) || '-01-01' END,
    CAST(d.published AS VARCHAR), CAST(d.reference_date AS VARCHAR)) AS DATE)"""
KEY_SQL = "coalesce(a.kb_id, a.name || '|' || coalesce(a.country, ''))"


@dataclass(frozen=True)
class ActorRef:
    """An actor of one document, as it appears on an event or quote."""

    id: str
    name: str
    country: str | None
    sector: str | None
    key: str


@dataclass(frozen=True)
class EventRow:
    doc_id: str
    id: str
    type: str
    mode: str | None
    context: tuple[str, ...]
    cameo: str | None
    goldstein: float | None
    quad_class: int | None
    actors: tuple[ActorRef, ...]
    recipients: tuple[ActorRef, ...]
    day: str | None  # YYYY-MM-DD: the event's date, else the document's publication/reference date
    date: str | None  # the date as extracted (YYYY-MM-DD, YYYY-MM or YYYY)
    date_text: str | None
    location: str | None
    negated: bool
    modality: str
    evidence_start: int
    evidence_end: int
    evidence_text: str
    confidence: float
    title: str | None


@dataclass(frozen=True)
class ActorSummary:
    key: str
    name: str
    type: str | None
    country: str | None
    sector: str | None
    mentions: int
    documents: int
    events: int


@dataclass(frozen=True)
class QuoteRow:
    doc_id: str
    seq: int
    speaker: ActorRef | None
    speaker_text: str | None
    cue: str | None
    text: str
    kind: str
    start: int
    end: int
    title: str | None
    published: str | None


@dataclass(frozen=True)
class DyadPoint:
    """One period of a dyad's series; counts are indexed by QuadClass 1..4."""

    period: str | None  # YYYY-MM-DD, the first day of the week (Monday) or month; None: events with no date
    verbal_cooperation: int
    material_cooperation: int
    verbal_conflict: int
    material_conflict: int
    a_to_b: int
    b_to_a: int
    joint: int  # A and B acting together (both on the actor side)
    goldstein: float | None  # mean Goldstein score of the period's events that have one

    @property
    def total(self) -> int:
        return self.verbal_cooperation + self.material_cooperation + self.verbal_conflict + self.material_conflict


@dataclass(frozen=True)
class DocumentRow:
    id: str
    title: str | None
    source: str
    published: str | None
    language: str | None
    events: int
    actors: int
    quotes: int


def as_dict(value: Any) -> Any:
    """The JSON shape of a query result (lists of results included)."""
    if isinstance(value, list | tuple):
        return [as_dict(v) for v in value]
    return dataclasses.asdict(value)


def _term(term: str, a: str = "a") -> tuple[str, list[Any]]:
    """SQL true when actor row ``a`` matches the side term ``term``."""
    if _CODE.match(term):
        return f"{a}.country = ?", [term]
    key = f"coalesce({a}.kb_id, {a}.name || '|' || coalesce({a}.country, ''))"
    return f"(contains(lower({a}.name), lower(?)) OR {key} = ?)", [term, term]


def _side_condition(term: str, column: str) -> tuple[str, list[Any]]:
    """SQL true when an actor of ``column`` (``actor`` or ``recipient``) of event ``e`` matches ``term``."""
    cond, params = _term(term)
    sql = f"EXISTS (SELECT 1 FROM actors a WHERE a.doc_id = e.doc_id AND list_contains(e.{column}, a.id) AND {cond})"
    return sql, params


def _dyad_condition(left: str, right: str) -> tuple[str, list[Any]]:
    """A acts on B, B acts on A, or A and B act together (two different actors of the ``actor`` side).

    Two recipients of a third party's act are not a dyad ("China warned Japan and Taiwan").
    """
    a_src, p1 = _side_condition(left, "actor")
    b_tgt, p2 = _side_condition(right, "recipient")
    b_src, p3 = _side_condition(right, "actor")
    a_tgt, p4 = _side_condition(left, "recipient")
    c1, p5 = _term(left, "x")
    c2, p6 = _term(right, "y")
    joint = ("EXISTS (SELECT 1 FROM actors x, actors y WHERE x.doc_id = e.doc_id AND y.doc_id = e.doc_id "
             f"AND x.id <> y.id AND list_contains(e.actor, x.id) AND list_contains(e.actor, y.id) AND {c1} AND {c2})")
    return f"(({a_src} AND {b_tgt}) OR ({b_src} AND {a_tgt}) OR {joint})", p1 + p2 + p3 + p4 + p5 + p6


def _where(flt: EventFilter) -> tuple[str, list[Any]]:
    conds: list[str] = []
    params: list[Any] = []
    either = "(list_contains(e.actor, a.id) OR list_contains(e.recipient, a.id))"
    if flt.actor:
        conds.append(
            f"EXISTS (SELECT 1 FROM actors a WHERE a.doc_id = e.doc_id AND {either} "
            f"AND (contains(lower(a.name), lower(?)) OR {KEY_SQL} = ? OR a.id = ?))"
        )
        params += [flt.actor, flt.actor, flt.actor]
    if flt.country:
        conds.append(f"EXISTS (SELECT 1 FROM actors a WHERE a.doc_id = e.doc_id AND {either} AND a.country = ?)")
        params.append(flt.country.upper())
    if flt.dyad:
        cond, more = _dyad_condition(*flt.dyad)
        conds.append(cond)
        params += more
    if flt.type:
        conds.append("upper(e.type) = upper(?)")
        params.append(flt.type)
    if flt.cameo:
        conds.append("starts_with(CAST(e.cameo AS VARCHAR), ?)")
        params.append(flt.cameo)
    if flt.since:
        conds.append(f"{DAY_SQL} >= ?")
        params.append(flt.since)
    if flt.until:
        conds.append(f"{DAY_SQL} <= ?")
        params.append(flt.until)
    if flt.text:
        conds.append("contains(lower(e.evidence_text), lower(?))")
        params.append(flt.text)
    if flt.document:
        conds.append("starts_with(e.doc_id, ?)")
        params.append(flt.document)
    return (" WHERE " + " AND ".join(conds)) if conds else "", params


def _actor_refs(con: Connection, doc_ids: set[str]) -> dict[tuple[str, str], ActorRef]:
    if not doc_ids:
        return {}
    rows = con.execute(
        f"SELECT a.doc_id, a.id, a.name, a.country, a.sector, {KEY_SQL} FROM actors a WHERE list_contains(?, a.doc_id)",
        [sorted(doc_ids)],
    ).fetchall()
    return {(r[0], r[1]): ActorRef(r[1], r[2], r[3], r[4], r[5]) for r in rows}


_ALL = EventFilter()


def count_events(con: Connection, flt: EventFilter = _ALL) -> int:
    where, params = _where(flt)
    row = con.execute(f"SELECT count(*) FROM events e JOIN documents d ON d.id = e.doc_id{where}", params).fetchone()
    return int(row[0]) if row else 0


def events(con: Connection, flt: EventFilter = _ALL, limit: int | None = 100, offset: int = 0) -> list[EventRow]:
    """Events matching ``flt``, oldest first (by day, document, event id)."""
    where, params = _where(flt)
    page = " LIMIT ? OFFSET ?" if limit is not None else ""
    rows = con.execute(
        f"""SELECT e.doc_id, e.id, e.type, e.mode, e.context, e.cameo, e.goldstein, e.quad_class, e.actor, e.recipient,
                   CAST({DAY_SQL} AS VARCHAR), CAST(e.date AS VARCHAR), e.date_text, e.location, e.negated, e.modality,
                   e.evidence_start, e.evidence_end, e.evidence_text, e.confidence, d.title
            FROM events e JOIN documents d ON d.id = e.doc_id{where}
            ORDER BY {DAY_SQL} NULLS LAST, e.doc_id, length(e.id), e.id{page}""",
        params + ([limit, offset] if limit is not None else []),
    ).fetchall()
    refs = _actor_refs(con, {r[0] for r in rows})

    def resolve(doc_id: str, ids: list[str] | None) -> tuple[ActorRef, ...]:
        return tuple(refs.get((doc_id, i)) or ActorRef(i, i, None, None, i) for i in ids or ())

    return [
        EventRow(
            doc_id=r[0], id=r[1], type=r[2], mode=r[3], context=tuple(r[4] or ()), cameo=r[5],
            goldstein=r[6], quad_class=r[7], actors=resolve(r[0], r[8]), recipients=resolve(r[0], r[9]),
            day=r[10], date=r[11], date_text=r[12], location=r[13], negated=bool(r[14]), modality=r[15] or "asserted",
            evidence_start=r[16], evidence_end=r[17], evidence_text=r[18], confidence=float(r[19] or 0.0), title=r[20],
        )
        for r in rows
    ]


def actors(
    con: Connection, name: str | None = None, country: str | None = None, limit: int | None = 100, offset: int = 0
) -> list[ActorSummary]:
    """Actors grouped across documents, most mentioned first."""
    conds, params = [], []
    if name:
        conds.append(f"(contains(lower(a.name), lower(?)) OR {KEY_SQL} = ?)")
        params += [name, name]
    if country:
        conds.append("a.country = ?")
        params.append(country.upper())
    where = (" WHERE " + " AND ".join(conds)) if conds else ""
    page = " LIMIT ? OFFSET ?" if limit is not None else ""
    rows = con.execute(
        f"""WITH m AS (SELECT doc_id, actor_id, count(*) AS n FROM actor_mentions GROUP BY ALL),
                 x AS (SELECT doc_id, aid, count(*) AS n FROM
                       (SELECT DISTINCT doc_id, id, unnest(list_concat(actor, recipient)) AS aid FROM events)
                       GROUP BY ALL)
            SELECT {KEY_SQL} AS key, mode(a.name), mode(a.type), mode(a.country), mode(a.sector),
                   sum(coalesce(m.n, 0)), count(DISTINCT a.doc_id), sum(coalesce(x.n, 0))
            FROM actors a LEFT JOIN m ON m.doc_id = a.doc_id AND m.actor_id = a.id
                          LEFT JOIN x ON x.doc_id = a.doc_id AND x.aid = a.id{where}
            GROUP BY key ORDER BY 6 DESC, 8 DESC, 2{page}""",
        params + ([limit, offset] if limit is not None else []),
    ).fetchall()
    return [ActorSummary(r[0], r[1], r[2], r[3], r[4], int(r[5]), int(r[6]), int(r[7])) for r in rows]


def quotes(
    con: Connection, speaker: str | None = None, speaker_key: str | None = None, document: str | None = None,
    limit: int | None = 100, offset: int = 0,
) -> list[QuoteRow]:
    """Quotes, by document date then position; ``speaker`` is a substring of the speaker's name or words."""
    conds, params = [], []
    if speaker:
        conds.append("(contains(lower(coalesce(a.name, '')), lower(?)) "
                     "OR contains(lower(coalesce(q.speaker_text, '')), lower(?)))")
        params += [speaker, speaker]
    if speaker_key:
        conds.append(f"{KEY_SQL} = ?")
        params.append(speaker_key)
    if document:
        conds.append("starts_with(q.doc_id, ?)")
        params.append(document)
    where = (" WHERE " + " AND ".join(conds)) if conds else ""
    page = " LIMIT ? OFFSET ?" if limit is not None else ""
    rows = con.execute(
        f"""SELECT q.doc_id, q.seq, a.id, a.name, a.country, a.sector, {KEY_SQL}, q.speaker_text, q.cue, q.text, q.kind,
                   q.start, q."end", d.title, CAST(d.published AS VARCHAR)
            FROM quotes q JOIN documents d ON d.id = q.doc_id
                 LEFT JOIN actors a ON a.doc_id = q.doc_id AND a.id = q.speaker{where}
            ORDER BY d.published NULLS LAST, q.doc_id, q.seq{page}""",
        params + ([limit, offset] if limit is not None else []),
    ).fetchall()
    return [
        QuoteRow(
            doc_id=r[0], seq=r[1], speaker=ActorRef(r[2], r[3], r[4], r[5], r[6]) if r[2] else None,
            speaker_text=r[7], cue=r[8], text=r[9], kind=r[10], start=r[11], end=r[12], title=r[13], published=r[14],
        )
        for r in rows
    ]


def period_start(day: date, by: Period) -> date:
    """The first day of ``day``'s week (Monday) or month: how :func:`dyad` buckets events."""
    return day - timedelta(days=day.weekday()) if by == "week" else day.replace(day=1)


def dyad(con: Connection, a: str, b: str, by: Period = "month") -> list[DyadPoint]:
    """Events between side terms ``a`` and ``b`` (both directions) per period: counts per QuadClass, mean Goldstein.

    Undated events (no date of their own, no document date) come last, with period None.
    """
    rows = events(con, EventFilter(dyad=(a, b)), limit=None)
    buckets: dict[date | None, list[EventRow]] = {}
    for row in rows:
        start = period_start(date.fromisoformat(row.day), by) if row.day else None
        buckets.setdefault(start, []).append(row)
    points = []
    for start in sorted(k for k in buckets if k is not None) + ([None] if None in buckets else []):
        group = buckets[start]
        quads = [sum(1 for e in group if e.quad_class == q) for q in (1, 2, 3, 4)]
        scores = [e.goldstein for e in group if e.goldstein is not None]
        forward = sum(1 for e in group if _directed(a, b, e))
        backward = sum(1 for e in group if _directed(b, a, e) and not _directed(a, b, e))
        points.append(DyadPoint(
            period=start.isoformat() if start else None, verbal_cooperation=quads[0],
            material_cooperation=quads[1], verbal_conflict=quads[2], material_conflict=quads[3],
            a_to_b=forward, b_to_a=backward, joint=len(group) - forward - backward,
            goldstein=round(sum(scores) / len(scores), 3) if scores else None,
        ))
    return points


def _directed(a: str, b: str, event: EventRow) -> bool:
    return any(_matches(a, r) for r in event.actors) and any(_matches(b, r) for r in event.recipients)


def _matches(term: str, ref: ActorRef) -> bool:
    """The Python twin of :func:`_side_condition`."""
    if _CODE.match(term):
        return ref.country == term
    return term.lower() in ref.name.lower() or ref.key == term


def documents(con: Connection, limit: int | None = 100, offset: int = 0) -> list[DocumentRow]:
    """Documents, newest first, with the size of their main layers."""
    page = " LIMIT ? OFFSET ?" if limit is not None else ""
    rows = con.execute(
        f"""SELECT d.id, d.title, d.source, CAST(d.published AS VARCHAR), d.language,
                   (SELECT count(*) FROM events e WHERE e.doc_id = d.id),
                   (SELECT count(*) FROM actors a WHERE a.doc_id = d.id),
                   (SELECT count(*) FROM quotes q WHERE q.doc_id = d.id)
            FROM documents d ORDER BY d.published DESC NULLS LAST, d.title, d.id{page}""",
        [limit, offset] if limit is not None else [],
    ).fetchall()
    return [DocumentRow(r[0], r[1], r[2], r[3], r[4], int(r[5]), int(r[6]), int(r[7])) for r in rows]


def count(con: Connection, table: Literal["documents", "events", "quotes"]) -> int:
    row = con.execute(f"SELECT count(*) FROM {table}").fetchone()
    return int(row[0]) if row else 0


def count_actors(con: Connection) -> int:
    row = con.execute(f"SELECT count(DISTINCT {KEY_SQL}) FROM actors a").fetchone()
    return int(row[0]) if row else 0


# -- what the exports read ----------------------------------------------------------------------


def table_names(con: Connection) -> list[str]:
    """The store's tables, by name."""
    rows = con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' ORDER BY table_name"
    ).fetchall()
    return [str(r[0]) for r in rows]


def copy_table(con: Connection, table: str, path: Path, fmt: Literal["parquet", "csv"]) -> int:
    """Write ``table`` (one of :func:`table_names`) to the file ``path`` as Parquet or CSV with a header; its rows."""
    options = "FORMAT parquet" if fmt == "parquet" else "FORMAT csv, HEADER true"
    literal = str(path).replace("'", "''")  # COPY takes no parameter for its target
    con.execute(f'COPY (SELECT * FROM "{table}") TO \'{literal}\' ({options})')
    row = con.execute(f'SELECT count(*) FROM "{table}"').fetchone()
    return int(row[0]) if row else 0


def ingestion_times(con: Connection) -> dict[str, str]:
    """When each stored document was ingested, ``YYYYMMDDHHMMSS``, by document id."""
    rows = con.execute("SELECT id, strftime(ingested_at, '%Y%m%d%H%M%S') FROM documents").fetchall()
    return {str(r[0]): r[1] for r in rows}
