"""The dashboard's pages: server-rendered HTML (Jinja2, autoescape on) over the same queries as the API.

Pages: ``/`` overview, ``/events`` table with the CLI's filters, ``/dyad`` a pair over time,
``/network`` actors and their events, ``/actors``, ``/speakers`` and ``/speaker?key=``, and
``/documents/{id}`` the annotated text. Handlers parse parameters and call library functions only.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal, Protocol, TypeVar

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from communique.dashboard import charts
from communique.dashboard.highlight import annotated
from communique.record import Document
from communique.store import aggregates as agg
from communique.store import queries as q
from communique.store.filters import EventFilter, parse_dyad, parse_event_filter
from communique.version import __version__

T = TypeVar("T")


class StoreAccess(Protocol):
    """What the pages need of the server's store: the API's Backend, found on ``app.state.backend``
    (named by this protocol so that the dashboard does not import the API that mounts it)."""

    def query(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T: ...

    def document(self, doc_id: str) -> Document: ...


def backend(request: Request) -> StoreAccess:
    result: StoreAccess = request.app.state.backend
    return result


TEMPLATES = Path(__file__).parent / "templates"
# Rows per page of the event table, and how many actors, dyads and documents the overview lists.
PAGE = 50
TOP = 10
OVERVIEW_DOCUMENTS = 100

router = APIRouter(include_in_schema=False)
_env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
                   trim_blocks=True, lstrip_blocks=True)
_env.globals.update(version=__version__, quad_names=charts.QUAD_NAMES)
Text = Annotated[str | None, Query(max_length=200)]


def render(template: str, code: int = 200, **context: Any) -> HTMLResponse:
    return HTMLResponse(_env.get_template(template).render(**context), status_code=code)


def render_error(request: Request, status: int, message: str) -> HTMLResponse:
    return render("error.html", status, page="error", status=status, message=message)


@router.get("/", response_class=HTMLResponse)
def overview(request: Request) -> HTMLResponse:
    api = backend(request)
    months = api.query(agg.timeline, "month")
    return render(
        "overview.html", page="overview", dated=sum(sum(p.counts) + p.other for p in months),
        counts={"documents": api.query(q.count, "documents"), "events": api.query(q.count, "events"),
                "actors": api.query(q.count_actors), "quotes": api.query(q.count, "quotes")},
        timeline=charts.timeline_bars(months),
        actors=api.query(q.actors, limit=TOP), dyads=api.query(agg.top_dyads, TOP),
        documents=api.query(q.documents, limit=OVERVIEW_DOCUMENTS),
    )


@router.get("/events", response_class=HTMLResponse)
def events_page(
    request: Request, actor: Text = None, country: Text = None, a: Text = None, b: Text = None, type: Text = None,
    cameo: Text = None, since: Text = None, until: Text = None, text: Text = None, document: Text = None,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> HTMLResponse:
    form = {"actor": actor, "country": country, "a": a, "b": b, "type": type, "cameo": cameo, "since": since,
            "until": until, "text": text, "document": document}
    flt = parse_event_filter(actor=actor, country=country, dyad=(a, b), type=type, cameo=cameo, since=since,
                             until=until, text=text, document=document)
    api = backend(request)
    rows = api.query(q.events, flt, limit=PAGE, offset=offset)
    total = api.query(q.count_events, flt)
    kept = {k: v for k, v in form.items() if v}
    return render("events.html", page="events", form=form, rows=rows, total=total, offset=offset, size=PAGE,
                  kept=kept)


@router.get("/dyad", response_class=HTMLResponse)
def dyad_page(request: Request, a: Text = "TWN", b: Text = "JPN",
              by: Literal["week", "month"] = "month") -> HTMLResponse:
    a, b = parse_dyad(a, b)
    api = backend(request)
    points = api.query(q.dyad, a, b, by=by)
    rows = api.query(q.events, EventFilter(dyad=(a, b)), limit=None)
    behind: dict[str, list[q.EventRow]] = {}
    for row in rows:
        period = q.period_start(date.fromisoformat(row.day), by).isoformat() if row.day else "undated"
        behind.setdefault(period, []).append(row)
    return render("dyad.html", page="dyad", a=a, b=b, by=by, points=points, behind=behind,
                  lines=charts.dyad_lines(points, a, b), goldstein=charts.goldstein_line(points))


@router.get("/network", response_class=HTMLResponse)
def network_page(request: Request) -> HTMLResponse:
    net = backend(request).query(agg.network)
    return render("network.html", page="network", chart=charts.network_layout(net), edges=len(net.edges))


@router.get("/actors", response_class=HTMLResponse)
def actors_page(request: Request, name: Text = None,
                offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0) -> HTMLResponse:
    rows = backend(request).query(q.actors, name=name, limit=PAGE, offset=offset)
    return render("actors.html", page="actors", rows=rows, name=name or "", offset=offset, size=PAGE)


@router.get("/speakers", response_class=HTMLResponse)
def speakers_page(request: Request) -> HTMLResponse:
    speakers: dict[str, tuple[str, str | None, int]] = {}
    for quote in backend(request).query(q.quotes, limit=None):
        if quote.speaker is not None:
            name, country, n = speakers.get(quote.speaker.key, (quote.speaker.name, quote.speaker.country, 0))
            speakers[quote.speaker.key] = (name, country, n + 1)
    ordered = sorted(speakers.items(), key=lambda kv: (-kv[1][2], kv[1][0]))
    return render("speakers.html", page="speakers", speakers=ordered)


@router.get("/speaker", response_class=HTMLResponse)
def speaker_page(request: Request, key: Annotated[str, Query(min_length=1, max_length=400)]) -> HTMLResponse:
    rows = backend(request).query(q.quotes, speaker_key=key, limit=None)
    if not rows:
        raise HTTPException(404, f"no quotes by a speaker with key {key!r}")
    speaker = rows[0].speaker
    return render("speaker.html", page="speakers", speaker=speaker, key=key, rows=rows)


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document_page(request: Request, doc_id: str) -> HTMLResponse:
    doc = backend(request).document(doc_id)
    names = {a.id: a.name for a in doc.actors}
    return render("document.html", page="document", doc=doc, text=annotated(doc), names=names,
                  mentions={a.id: len(a.mentions) for a in doc.actors})
