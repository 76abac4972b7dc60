"""The JSON endpoints under ``/api``: the CLI's queries with pagination, plus extract and ingest.

Every handler validates its parameters, then calls one function of
:mod:`communique.store.queries` or :class:`communique.api.service.Backend`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from communique.api.service import Backend
from communique.store import queries as q

# Largest page a client may ask for: enough for a chart or a table, small enough to keep
# one response well under a megabyte of JSON.
MAX_PAGE = 500
DEFAULT_PAGE = 50
MAX_OFFSET = 10_000_000

router = APIRouter(prefix="/api")

Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"Page size (1-{MAX_PAGE}).")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip.")]
Country = Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$", description="ISO 3166-1 alpha-3 or IGO code.")]
Day = Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}-\d{2}$", description="YYYY-MM-DD")]
Term = Annotated[str | None, Query(min_length=1, max_length=200)]


@dataclass(frozen=True)
class EventPage:
    total: int
    limit: int
    offset: int
    items: list[q.EventRow]


@dataclass(frozen=True)
class ActorPage:
    limit: int
    offset: int
    items: list[q.ActorSummary]


@dataclass(frozen=True)
class QuotePage:
    limit: int
    offset: int
    items: list[q.QuoteRow]


@dataclass(frozen=True)
class DocumentPage:
    limit: int
    offset: int
    items: list[q.DocumentRow]


@dataclass(frozen=True)
class Stored:
    id: str
    stored: bool  # False: a document with this id was already in the store
    events: int
    quotes: int


def backend(request: Request) -> Backend:
    result: Backend = request.app.state.backend
    return result


def parse_day(value: str | None, name: str) -> dt.date | None:
    """A YYYY-MM-DD parameter as a date; 400 when it is no calendar day (2023-02-30)."""
    if value is None or value == "":
        return None
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return dt.date.fromisoformat(value)
    except ValueError:
        pass
    raise HTTPException(400, f"{name}: {value!r} is not a calendar date of the form YYYY-MM-DD")


def event_filter(
    actor: str | None = None, country: str | None = None, a: str | None = None, b: str | None = None,
    type: str | None = None, cameo: str | None = None, since: str | None = None, until: str | None = None,
    text: str | None = None, document: str | None = None,
) -> q.EventFilter:
    """The CLI's event filters from request parameters (shared with the dashboard); 400 when inconsistent."""
    if bool(a) != bool(b):
        raise HTTPException(400, "a dyad needs both sides: give a and b")
    if country and not re.fullmatch(r"[A-Za-z]{3}", country):
        raise HTTPException(400, f"country: {country!r} is not a three-letter ISO 3166-1 alpha-3 or IGO code")
    if cameo and not re.fullmatch(r"\d{1,4}", cameo):
        raise HTTPException(400, f"cameo: {cameo!r} is not a CAMEO code or prefix (digits)")
    start, end = parse_day(since, "since"), parse_day(until, "until")
    if start and end and start > end:
        raise HTTPException(400, "since is after until")
    return q.EventFilter(
        actor=actor or None, country=country.upper() if country else None, dyad=(a, b) if a and b else None,
        type=type or None, cameo=cameo or None, since=start, until=end, text=text or None, document=document or None,
    )


@router.get("/events", response_model=EventPage, summary="Events matching the CLI's filters")
def list_events(
    request: Request, actor: Term = None, country: Country = None,
    a: Annotated[str | None, Query(max_length=200, description="Dyad side A (country code or name part).")] = None,
    b: Annotated[str | None, Query(max_length=200, description="Dyad side B.")] = None,
    type: Term = None, cameo: Annotated[str | None, Query(pattern=r"^\d{1,4}$")] = None,
    since: Day = None, until: Day = None, text: Term = None, document: Term = None,
    limit: Limit = DEFAULT_PAGE, offset: Offset = 0,
) -> EventPage:
    flt = event_filter(actor, country, a, b, type, cameo, since, until, text, document)
    api = backend(request)
    rows = api.query(q.events, flt, limit=limit, offset=offset)
    return EventPage(api.query(q.count_events, flt), limit, offset, rows)


@router.get("/actors", response_model=ActorPage, summary="Actors across documents, most mentioned first")
def list_actors(request: Request, name: Term = None, country: Country = None, limit: Limit = DEFAULT_PAGE,
                offset: Offset = 0) -> ActorPage:
    rows = backend(request).query(q.actors, name=name, country=country, limit=limit, offset=offset)
    return ActorPage(limit, offset, rows)


@router.get("/quotes", response_model=QuotePage, summary="Quotes with their speakers")
def list_quotes(request: Request, speaker: Term = None, key: Term = None, document: Term = None,
                limit: Limit = DEFAULT_PAGE, offset: Offset = 0) -> QuotePage:
    rows = backend(request).query(q.quotes, speaker=speaker, speaker_key=key, document=document, limit=limit,
                                  offset=offset)
    return QuotePage(limit, offset, rows)


@router.get("/dyad", response_model=list[q.DyadPoint], summary="A dyad's events per QuadClass and period")
def dyad_series(
    request: Request,
    a: Annotated[str, Query(min_length=1, max_length=200, description="Side A: country code or name part.")],
    b: Annotated[str, Query(min_length=1, max_length=200, description="Side B.")],
    by: Literal["week", "month"] = "month",
) -> list[q.DyadPoint]:
    return backend(request).query(q.dyad, a, b, by=by)


@router.get("/documents", response_model=DocumentPage, summary="Stored documents, newest first")
def list_documents(request: Request, limit: Limit = DEFAULT_PAGE, offset: Offset = 0) -> DocumentPage:
    return DocumentPage(limit, offset, backend(request).query(q.documents, limit=limit, offset=offset))


@router.get("/documents/{doc_id}", summary="One stored record with all its layers (an id prefix is enough)")
def get_document(request: Request, doc_id: str) -> dict[str, Any]:
    return backend(request).document(doc_id).to_dict()


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refused with 413 as soon as it is longer than ``limit`` bytes."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, f"the body is {declared} bytes; this server accepts at most {limit}")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, f"the body is over {limit} bytes, the most this server accepts")
        chunks.append(chunk)
    return b"".join(chunks)


_BODY_DOC = {
    "description": "The document: text/plain, text/markdown, text/html, application/pdf bytes, or "
                   'application/json {"text": ..., "title"?: ..., "published"?: "YYYY-MM-DD"}.',
    "required": True,
    "content": {
        "application/json": {"schema": {"type": "object", "required": ["text"], "properties": {
            "text": {"type": "string"}, "title": {"type": "string"}, "published": {"type": "string"}}}},
        "text/plain": {"schema": {"type": "string"}},
        "text/html": {"schema": {"type": "string"}},
        "application/pdf": {"schema": {"type": "string", "format": "binary"}},
    },
}


@router.post("/extract", summary="Extract the record of one document (nothing is stored)",
             openapi_extra={"requestBody": _BODY_DOC})
async def extract(request: Request, name: Term = None, published: Day = None) -> dict[str, Any]:
    api = backend(request)
    data = await read_body(request, api.max_upload)
    record = await run_in_threadpool(api.extract, data, request.headers.get("content-type", ""), name=name,
                                     published=published)
    return record.to_dict()


@router.post("/documents", status_code=201, response_model=Stored, openapi_extra={"requestBody": _BODY_DOC},
             summary="Extract one document and store it (200 when it was already stored)")
async def add_document(request: Request, name: Term = None, published: Day = None) -> Any:
    api = backend(request)
    data = await read_body(request, api.max_upload)
    record, added = await run_in_threadpool(api.ingest, data, request.headers.get("content-type", ""),
                                            name=name, published=published)
    stored = Stored(record.id, added, len(record.events), len(record.quotes))
    return JSONResponse(q.as_dict(stored), status_code=201 if added else 200)
