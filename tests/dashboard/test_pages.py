"""Dashboard pages without a browser: escaping, highlighting, charts, links."""

from __future__ import annotations

import dataclasses
import html
import re
from collections.abc import Iterator
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st

from analyst_corpus import IMG, SCRIPT, build_store, conflict_document, corpus, hostile_document, sample_document
from communique.api import Backend, create_app
from communique.dashboard.charts import network_layout, timeline_bars
from communique.dashboard.highlight import Annotation, highlight, layer_annotations
from communique.store import Store
from communique.store import aggregates as agg

PAGES = ("/", "/events", "/events?a=TWN&b=JPN", "/dyad?a=TWN&b=JPN", "/dyad?a=TWN&b=JPN&by=week", "/network",
         "/actors", "/speakers", "/speaker?key=Q233984")
_TAG = re.compile(r"<[^>]*>")


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    store = build_store()
    yield TestClient(create_app(Backend(store)), headers={"Accept": "text/html"})
    store.close()


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, dict(attrs)))


def _tags(markup: str) -> list[tuple[str, dict[str, str | None]]]:
    """Every element the browser would build from ``markup``, with its attributes."""
    parser = _Tags()
    parser.feed(markup)
    return parser.found


def _visible(markup: str) -> str:
    return html.unescape(_TAG.sub("", markup))


@given(st.text(alphabet="ab<>&\"' \n", max_size=40), st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)),
                                                               max_size=6))
def test_highlight_keeps_every_character_and_escapes_all_of_them(text: str, spans: list[tuple[int, int]]) -> None:
    notes = [Annotation(min(a, b), max(a, b), "hl-event q1", f"<label {i}>", f"ev-{i}")
             for i, (a, b) in enumerate(spans)]
    out = str(highlight(text, notes))
    assert _visible(out) == text
    assert "<label" not in out  # labels are escaped inside the title attribute
    for tag in _TAG.findall(out):
        assert tag.startswith(('<span class="', "</span>"))


def test_every_annotation_is_wrapped_in_its_class() -> None:
    doc = sample_document()
    out = str(highlight(doc.text, layer_annotations(doc)))
    for event in doc.events:
        assert f'id="ev-{event.id}"' in out
    covered = "".join(m for m in re.findall(r'<span class="hl [^"]*hl-quote[^"]*"[^>]*>([^<]*)</span>', out))
    assert html.unescape(covered) == doc.quotes[0].text
    evidence = re.findall(r'<span class="hl [^"]*hl-event[^"]*"[^>]*>([^<]*)</span>', out)
    assert sum(len(html.unescape(piece)) for piece in evidence) == sum(
        len(e.evidence.text) for e in doc.events)


@pytest.mark.parametrize("path", PAGES)
def test_every_page_renders_as_html(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    tags = _tags(response.text)
    assert [attrs for tag, attrs in tags if tag == "script"] == [{"src": "/static/app.js", "defer": None}]
    assert not [(tag, name) for tag, attrs in tags for name in attrs if name.startswith("on") or name == "style"]
    assert not [tag for tag, _ in tags if tag in ("img", "iframe", "object", "embed", "b")]


def test_the_hostile_document_shows_its_markup_as_text(client: TestClient) -> None:
    doc = hostile_document()
    page = client.get(f"/documents/{doc.id}").text
    assert SCRIPT not in page and IMG not in page
    assert [a for t, a in _tags(page) if t == "script"] == [{"src": "/static/app.js", "defer": None}]
    assert not [t for t, _ in _tags(page) if t in ("img", "b")]
    assert html.escape(SCRIPT, quote=False) in page
    assert "&lt;b&gt;Mallory&lt;/b&gt;" in page  # an actor name with markup, escaped
    assert _visible(page).count("window.__pwned=1") >= 3  # text, raw text, quote/evidence lists


def test_overview_links_reach_every_document_and_the_top_dyad(client: TestClient) -> None:
    page = client.get("/").text
    for doc in corpus():
        assert f'href="/documents/{doc.id}"' in page
    assert 'href="/dyad?a=JPN&amp;b=TWN"' in page


def test_document_page_lists_events_and_quotes_with_links_to_their_highlight(client: TestClient) -> None:
    doc = sample_document()
    page = client.get(f"/documents/{doc.id}").text
    for event in doc.events:
        assert f'href="#ev-{event.id}"' in page and f'id="ev-{event.id}"' in page
    assert 'href="#q-0"' in page and 'id="q-0"' in page and "Tsai Ing-wen" in page


def test_dyad_page_has_a_section_of_events_behind_each_point(client: TestClient) -> None:
    page = client.get("/dyad", params={"a": "TWN", "b": "JPN"}).text
    for period in ("2022-12-01", "2023-03-01"):
        assert f'href="#p-{period}"' in page and f'id="p-{period}"' in page
    section = page.split('id="p-2023-03-01"')[1]
    assert "Japan accused Taiwan of violating" in section


def test_unknown_document_and_bad_filters_render_error_pages(client: TestClient) -> None:
    missing = client.get("/documents/ffffffff")
    assert missing.status_code == 404 and missing.headers["content-type"].startswith("text/html")
    bad = client.get("/events", params={"since": "<script>"})
    assert bad.status_code == 400 and "<script>" not in bad.text


def test_timeline_bars_scale_with_counts() -> None:
    points = [agg.TimelinePoint("2022-12-01", (4, 0, 0, 0), 0), agg.TimelinePoint("2023-01-01", (0, 0, 1, 1), 0)]
    chart = timeline_bars(points)
    heights = {(b.title.split(":")[0], b.quad): b.height for b in chart.bars}
    assert heights[("2022-12", 1)] == pytest.approx(4 * heights[("2023-01", 3)])
    assert all(b.y >= 0 and b.y + b.height <= chart.baseline + 0.1 for b in chart.bars)


def test_network_layout_keeps_nodes_inside_the_picture() -> None:
    with build_store() as store:
        net = agg.network(store.connection)
    chart = network_layout(net)
    assert {n.key for n in chart.nodes} == {n.key for n in net.nodes}
    assert all(0 <= n.x <= chart.width and 0 <= n.y <= chart.height for n in chart.nodes)
    assert len({(n.x, n.y) for n in chart.nodes}) == len(chart.nodes)
    assert len(chart.links) == len(net.edges)


def test_undated_events_are_listed_but_not_charted() -> None:
    doc = conflict_document()
    undated = doc.with_(id="undated", published=None, reference_date=None,
                        events=tuple(dataclasses.replace(e, date=None) for e in doc.events))
    with Store(":memory:") as store:
        store.add(undated)
        client = TestClient(create_app(Backend(store)), headers={"Accept": "text/html"})
        dyad = client.get("/dyad", params={"a": "JPN", "b": "TWN"}).text
        overview = client.get("/").text
    assert 'id="dyad-chart"' not in dyad and 'id="p-undated"' in dyad
    assert doc.events[0].evidence.text in dyad.split('id="p-undated"')[1]
    assert "1 event with no date" in overview
