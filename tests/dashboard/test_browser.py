"""The dashboard in a real browser: Playwright driving Debian's Chromium, headless.

The server runs in a thread on a free loopback port over hand-built documents (the sample
article with its events and quotes, a later dispute, and a hostile document full of markup),
so what is checked here does not depend on the NLP. Screenshots of every page go to
``test-artifacts/screenshots/``.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from analyst_corpus import SCRIPT, build_store, conflict_document, hostile_document, sample_document
from communique.api import Backend, create_app

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
SAMPLES = Path(__file__).resolve().parents[2] / "src" / "communique" / "samples"
# How long to wait for the server thread to start listening; it normally takes well under a second.
SERVER_START_TIMEOUT = 20.0


@contextmanager
def _serving(store: Any) -> Iterator[str]:
    """Serve the dashboard over ``store`` in a thread on a free loopback port."""
    import uvicorn

    app = create_app(Backend(store))
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    instance = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=instance.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while not instance.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the dashboard server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        instance.should_exit = True
        thread.join(timeout=10)
        sock.close()


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    store = build_store()
    with _serving(store) as url:
        yield url
    store.close()


@pytest.fixture(scope="module")
def ingested_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The dashboard over the bundled sample corpus, freshly ingested by the real pipeline."""
    from communique.library import ingest
    from communique.store import Store

    store = Store(tmp_path_factory.mktemp("ingested") / "samples.duckdb")
    summary = ingest([SAMPLES], store, progress=False)
    assert summary.failed == [] and summary.stored == 25
    with _serving(store) as url:
        yield url
    store.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        if os.environ.get("COMMUNIQUE_NO_BROWSER"):
            pytest.skip("COMMUNIQUE_NO_BROWSER is set and /usr/bin/chromium is missing")
        pytest.fail("/usr/bin/chromium is missing: run `make browser` (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    """A fresh page that records console errors, dialogs and failed requests."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.problems = []
    tab.on("console", lambda m: tab.problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    tab.on("pageerror", lambda e: tab.problems.append(f"page error: {e}"))
    tab.on("dialog", lambda d: (tab.problems.append(f"dialog: {d.message}"), d.dismiss()))
    tab.on("requestfailed", lambda r: tab.problems.append(f"request failed: {r.url}"))
    yield tab
    context.close()


def _shot(page: Any, name: str) -> None:
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_overview_links_to_the_sample_article_with_its_events_and_quotes_highlighted(page: Any, server: str) -> None:
    doc = sample_document()
    page.goto(server + "/")
    assert page.locator(".counts").inner_text().split()[:2] == ["3", "documents"]
    assert page.locator("#timeline rect.bar").count() >= 2
    _shot(page, "overview")
    page.get_by_role("link", name=doc.title).click()
    page.wait_for_url(f"**/documents/{doc.id}")
    annotated = page.locator("#annotated")
    assert annotated.is_visible()
    assert page.locator("aside ol.events > li").count() == len(doc.events)
    assert page.locator("aside ol.quotes > li").count() == len(doc.quotes)
    for event in doc.events:
        assert page.locator(f"#ev-{event.id}").count() == 1
        mark = page.locator(f"#ev-{event.id} + .hl-event")
        assert mark.is_visible() and mark.inner_text() in event.evidence.text
    quote = " ".join(page.locator("#annotated .hl-quote").all_inner_texts())
    assert doc.quotes[0].text.split()[0] in quote
    assert page.locator("#annotated .hl-actor").count() >= len(doc.actors)
    assert page.locator("#annotated .hl-date").count() == len(doc.dates)
    assert page.locator("#annotated .hl-place").count() == len(doc.places)
    colour = page.locator("#annotated .hl-event.q1").first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")  # the stylesheet loaded under the CSP
    _shot(page, "document")
    page.locator("aside ol.events a[href='#ev-E2']").click()
    assert page.url.endswith("#ev-E2")
    page.locator("#toggle-raw").click()
    assert page.locator("#raw").is_visible() and not annotated.is_visible()
    assert page.locator("#raw").inner_text().startswith(doc.raw_text.split("\n")[0])
    _shot(page, "document-raw")
    page.locator("#toggle-raw").click()
    assert annotated.is_visible() and not page.locator("#raw").is_visible()
    assert page.problems == []


def test_hostile_document_shows_its_markup_as_text_and_runs_nothing(page: Any, server: str) -> None:
    doc = hostile_document()
    page.goto(server + "/")
    page.locator(f"a.doc[href='/documents/{doc.id}']").click()
    page.wait_for_url(f"**/documents/{doc.id}")
    assert SCRIPT in page.locator("#annotated").inner_text()
    assert page.locator("h1.doc-title").inner_text() == doc.title
    assert page.locator("#annotated img, #annotated script, #annotated b, aside img").count() == 0
    assert page.evaluate("() => typeof window.__pwned") == "undefined"
    page.locator("#toggle-raw").click()
    assert SCRIPT in page.locator("#raw").inner_text()
    assert page.evaluate("() => typeof window.__pwned") == "undefined"
    _shot(page, "hostile-document")
    for path in ("/events", "/actors", "/speakers", "/network"):  # its strings appear on these pages too
        page.goto(server + path)
        assert page.evaluate("() => typeof window.__pwned") == "undefined", path
    assert page.problems == []


def test_event_table_filters_like_the_cli(page: Any, server: str) -> None:
    page.goto(server + "/events")
    assert page.locator("table.events tbody tr.event").count() == 5
    page.fill("input[name=a]", "TWN")
    page.fill("input[name=b]", "JPN")
    page.fill("input[name=since]", "2023-01-01")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**/events?*")
    rows = page.locator("table.events tbody tr.event")
    assert rows.count() == 1 and "ACCUSE" in rows.first.inner_text()
    _shot(page, "events")
    page.fill("input[name=since]", "2023-02-30")
    page.get_by_role("button", name="Filter").click()
    assert "calendar date" in page.locator(".error").inner_text()
    assert [p for p in page.problems if "400" not in p] == []


def test_dyad_page_shows_cooperation_and_conflict_with_the_events_behind_each_point(page: Any, server: str) -> None:
    page.goto(server + "/")
    page.locator("a.dyad").first.click()
    page.wait_for_url("**/dyad?*")
    assert page.locator("#dyad-chart circle.mark.coop").count() == 2
    assert page.locator("#dyad-chart circle.mark.conflict").count() == 2
    _shot(page, "dyad")
    page.locator("#dyad-chart a[href='#p-2023-03-01'] circle.conflict").click()
    assert page.url.endswith("#p-2023-03-01")
    section = page.locator("#p-2023-03-01")
    assert conflict_document().events[0].evidence.text in section.inner_text()
    assert page.problems == []


def test_network_and_speaker_pages(page: Any, server: str) -> None:
    page.goto(server + "/network")
    assert page.locator("#network a.node").count() >= 4
    assert page.locator("#network line.edge.q4").count() == 1
    _shot(page, "network")
    page.goto(server + "/actors")
    _shot(page, "actors")
    page.goto(server + "/speakers")
    page.get_by_role("link", name="Tsai Ing-wen").click()
    page.wait_for_url("**/speaker?key=*")
    assert sample_document().quotes[0].text in page.locator("ol.quotes").inner_text()
    _shot(page, "speaker")
    page.locator("ol.quotes a").first.click()
    page.wait_for_url("**#q-0")
    assert page.problems == []


def test_freshly_ingested_samples_show_the_seed_articles_events_and_quotes(page: Any, ingested_server: str) -> None:
    page.goto(ingested_server + "/")
    assert page.locator(".counts").inner_text().split()[:2] == ["25", "documents"]
    page.get_by_role("link", name="Taiwan joins Forces with Japan to safeguard Regional Security").first.click()
    page.wait_for_url("**/documents/*")
    events = page.locator("aside ol.events > li")
    quotes = page.locator("aside ol.quotes > li")
    assert events.count() >= 5 and quotes.count() >= 2
    listed = events.all_inner_texts()
    assert any("CONSULT" in e for e in listed) and any("REJECT" in e for e in listed)
    assert any("Tsai Ing-wen" in q for q in quotes.all_inner_texts())
    assert any("Seko" in q for q in quotes.all_inner_texts())
    assert page.locator("#annotated .hl-event").count() >= events.count()
    assert page.locator("#annotated .hl-quote").count() >= 2
    first_paragraph = page.locator("#annotated").inner_text()
    assert "stated on 28 December 2022 that in order to protect regional security" in first_paragraph
    assert page.get_by_role("link", name="Tsai Ing-wen").count() >= 1
    _shot(page, "ingested-seed-document")
    assert page.problems == []
