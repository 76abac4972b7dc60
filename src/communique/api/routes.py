"""The JSON endpoints under ``/api``: the CLI's queries with pagination, plus extract and ingest.

Every handler hands its parameters to the library (event filters to
:func:`communique.store.filters.parse_event_filter`), then calls one function of
:mod:`communique.store.queries` or :class:`communique.api.service.Backend`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from communique.api.service import Backend
from communique.calendar import DAY_PATTERN
from communique.store import queries as q
from communique.store.filters import CAMEO_PATTERN, COUNTRY_PATTERN, parse_country, parse_event_filter

# Largest page a client may ask for: enough for a chart or a table, small enough to keep
# one response well under a megabyte of JSON.
MAX_PAGE = 500
DEFAULT_PAGE = 50
MAX_OFFSET = 10_000_000

router = APIRouter(prefix="/api")

Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"Page size (1-{MAX_PAGE}).")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip.")]
# The patterns are the library's own, declared here too so that they show in the OpenAPI document
# (a value of the wrong shape is a 422 before the handler runs; parse_event_filter refuses the rest).
Country = Annotated[str | None, Query(pattern=COUNTRY_PATTERN, description="ISO 3166-1 alpha-3 or IGO code.")]
Day = Annotated[str | None, Query(pattern=DAY_PATTERN, description="YYYY-MM-DD")]
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


@router.get("/events", response_model=EventPage, summary="Events matching the CLI's filters")
def list_events(
    request: Request, actor: Term = None, country: Country = None,
    a: Annotated[str | None, Query(max_length=200, description="Dyad side A (country code or name part).")] = None,
    b: Annotated[str | None, Query(max_length=200, description="Dyad side B.")] = None,
    type: Term = None, cameo: Annotated[str | None, Query(pattern=CAMEO_PATTERN)] = None,
    since: Day = None, until: Day = None, text: Term = None, document: Term = None,
    limit: Limit = DEFAULT_PAGE, offset: Offset = 0,
) -> EventPage:
    flt = parse_event_filter(actor=actor, country=country, dyad=(a, b), type=type, cameo=cameo, since=since,
                             until=until, text=text, document=document)
    api = backend(request)
    rows = api.query(q.events, flt, limit=limit, offset=offset)
    return EventPage(api.query(q.count_events, flt), limit, offset, rows)


@router.get("/actors", response_model=ActorPage, summary="Actors across documents, most mentioned first")
def list_actors(request: Request, name: Term = None, country: Country = None, limit: Limit = DEFAULT_PAGE,
                offset: Offset = 0) -> ActorPage:
    rows = backend(request).query(q.actors, name=name, country=parse_country(country), limit=limit, offset=offset)
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
