"""The HTTP API through FastAPI's TestClient: queries, validation, errors, token, size limit, ingest."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from analyst_corpus import build_store, corpus, hostile_document, sample_document
from communique.api import Backend, create_app
from communique.api.app import SECURITY_HEADERS
from communique.api.spec import SPEC_FILE, render
from communique.cli import main
from communique.cli.serve import check_binding, is_loopback
from communique.config import Config
from communique.errors import ConfigError
from communique.pipeline import Context, Pipeline
from communique.store import Store

TOKEN = "s3cret-token"


def _client(store: Store, token: str | None = None, **options: Any) -> TestClient:
    # A pipeline without stages: these tests are about HTTP, not about the NLP.
    backend = Backend(store, Config(), pipeline=Pipeline([], Context(Config())), **options)
    return TestClient(create_app(backend, token=token))


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    store = build_store()
    yield _client(store)
    store.close()


def test_events_endpoint_pages_through_all_events(client: TestClient) -> None:
    first = client.get("/api/events", params={"limit": 2}).json()
    total = sum(len(d.events) for d in corpus())
    assert first["total"] == total and len(first["items"]) == 2
    seen = []
    for offset in range(0, total, 2):
        seen += client.get("/api/events", params={"limit": 2, "offset": offset}).json()["items"]
    assert {(e["doc_id"], e["id"]) for e in seen} == {(d.id, e.id) for d in corpus() for e in d.events}


def test_events_endpoint_applies_the_cli_filters(client: TestClient) -> None:
    body = client.get("/api/events", params={"a": "TWN", "b": "JPN", "since": "2023-01-01"}).json()
    assert [e["type"] for e in body["items"]] == ["ACCUSE"] and body["total"] == 1
    body = client.get("/api/events", params={"country": "gbr"}).json()
    assert [e["doc_id"] for e in body["items"]] == [hostile_document().id]


def test_actors_quotes_dyad_and_documents_endpoints(client: TestClient) -> None:
    actors = client.get("/api/actors", params={"country": "TWN"}).json()["items"]
    assert {a["name"] for a in actors} == {"Taiwan", "Tsai Ing-wen"}
    quotes = client.get("/api/quotes", params={"speaker": "Tsai"}).json()["items"]
    assert [q["speaker"]["key"] for q in quotes] == ["Q233984"]
    points = client.get("/api/dyad", params={"a": "TWN", "b": "JPN", "by": "month"}).json()
    assert [p["period"] for p in points] == ["2022-12-01", "2023-03-01"]
    docs = client.get("/api/documents").json()["items"]
    assert {d["id"] for d in docs} == {d.id for d in corpus()}
    record = client.get(f"/api/documents/{sample_document().id[:12]}").json()
    assert record["document"]["id"] == sample_document().id
    assert len(record["events"]) == len(sample_document().events)


@pytest.mark.parametrize(
    ("path", "params", "status"),
    [
        ("/api/events", {"limit": 0}, 422),
        ("/api/events", {"limit": 100000}, 422),
        ("/api/events", {"offset": -1}, 422),
        ("/api/events", {"country": "JAPAN"}, 422),
        ("/api/events", {"since": "28/12/2022"}, 422),
        ("/api/events", {"cameo": "abc"}, 422),
        ("/api/events", {"since": "2023-02-30"}, 400),
        ("/api/events", {"since": "2023-02-02", "until": "2023-02-01"}, 400),
        ("/api/events", {"a": "TWN"}, 400),
        ("/api/dyad", {"a": "TWN"}, 422),
        ("/api/dyad", {"a": "TWN", "b": "JPN", "by": "year"}, 422),
        ("/api/actors", {"country": "12"}, 422),
        ("/api/documents/ffffffffffff", {}, 404),
        ("/api/no-such-endpoint", {}, 404),
    ],
)
def test_bad_requests_get_json_errors_with_the_right_status(
    client: TestClient, path: str, params: dict[str, Any], status: int
) -> None:
    response = client.get(path, params=params)
    assert response.status_code == status
    error = response.json()["error"]
    assert error["status"] == status and error["message"]


def test_every_response_carries_the_security_headers(client: TestClient) -> None:
    for path in ("/api/events", "/", "/api/documents/nope", "/static/app.js"):
        response = client.get(path)
        for name, value in SECURITY_HEADERS.items():
            assert response.headers[name] == value, (path, name)
    csp = SECURITY_HEADERS["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp


def test_token_is_required_on_every_request_when_set() -> None:
    with build_store() as store:
        client = _client(store, token=TOKEN)
        for path in ("/api/events", "/", "/openapi.json", "/static/app.css"):
            response = client.get(path)
            assert response.status_code == 401, path
            assert response.headers["WWW-Authenticate"] == "Bearer"
        assert client.get("/api/events", headers={"Authorization": "Bearer wrong"}).status_code == 401
        assert client.get("/api/events", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
        assert client.post("/api/extract", content=b"x", headers={"Content-Type": "text/plain"}).status_code == 401


def test_a_browser_trades_the_token_in_the_url_for_a_cookie() -> None:
    with build_store() as store:
        client = _client(store, token=TOKEN)
        response = client.get("/events", params={"token": TOKEN, "country": "JPN"}, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"] == "/events?country=JPN"
        assert "httponly" in response.headers["set-cookie"].lower()
        assert client.get("/events?country=JPN").status_code == 200  # the client kept the cookie


def test_bodies_over_the_limit_are_refused_with_413() -> None:
    with build_store() as store:
        client = _client(store, max_upload=100)
        for path in ("/api/extract", "/api/documents"):
            response = client.post(path, content=b"a" * 101, headers={"Content-Type": "text/plain"})
            assert response.status_code == 413 and "100" in response.json()["error"]["message"]
        assert client.post("/api/extract", content=b"a b c", headers={"Content-Type": "text/plain"}).status_code == 200


@pytest.mark.parametrize(
    ("content", "content_type", "status"),
    [
        (b"Japan and Taiwan met.", "application/zip", 415),
        (b"   ", "text/plain", 400),
        (b"{not json", "application/json", 400),
        (b'{"title": "no text"}', "application/json", 400),
        (b'{"text": "Japan met Taiwan.", "published": "2022-02-30"}', "application/json", 400),
    ],
)
def test_extract_refuses_unusable_bodies(client: TestClient, content: bytes, content_type: str, status: int) -> None:
    response = client.post("/api/extract", content=content, headers={"Content-Type": content_type})
    assert response.status_code == status and response.json()["error"]["message"]


def test_extract_returns_the_record_and_stores_nothing(client: TestClient) -> None:
    before = client.get("/api/documents").json()["items"]
    body = json.dumps({"text": "Japan met Taiwan on Monday.", "title": "T", "published": "2023-05-01"})
    response = client.post("/api/extract", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 200
    record = response.json()
    assert record["document"]["raw_text"] == "Japan met Taiwan on Monday."
    assert record["document"]["published"] == "2023-05-01" and record["document"]["title"] == "T"
    assert client.get("/api/documents").json()["items"] == before


def test_posted_documents_are_stored_once() -> None:
    with Store(":memory:") as store:
        client = _client(store)
        text = "Japan and Taiwan agreed to cooperate."
        first = client.post("/api/documents", content=text.encode(), params={"name": "note.txt"},
                            headers={"Content-Type": "text/plain"})
        assert first.status_code == 201 and first.json()["stored"] is True
        again = client.post("/api/documents", content=text.encode(), headers={"Content-Type": "text/plain"})
        assert again.status_code == 200 and again.json()["stored"] is False
        record = client.get(f"/api/documents/{first.json()['id']}").json()
        assert record["document"]["raw_text"] == text and record["document"]["source"] == "note.txt"


def test_a_read_only_server_refuses_to_store() -> None:
    with Store(":memory:") as store:
        client = _client(store, read_only=True)
        response = client.post("/api/documents", content=b"text", headers={"Content-Type": "text/plain"})
        assert response.status_code == 403


def test_the_real_pipeline_extracts_through_the_api(pipeline: Any) -> None:
    with Store(":memory:") as store:
        client = TestClient(create_app(Backend(store, Config(), pipeline=pipeline)))
        text = "Japanese lawmaker Hiroshige Seko met President Tsai Ing-wen in Taipei on Tuesday."
        response = client.post("/api/extract", content=text.encode(), headers={"Content-Type": "text/plain"})
        assert response.status_code == 200
        record = response.json()
        assert record["document"]["text"].strip() == text and record["sentences"]


def test_the_openapi_file_in_the_repo_matches_the_app(client: TestClient) -> None:
    assert SPEC_FILE.read_text(encoding="utf-8") == render(), "run: python -m communique.api.spec"
    served = client.get("/openapi.json").json()
    assert served == json.loads(SPEC_FILE.read_text(encoding="utf-8"))
    assert {"/api/events", "/api/dyad", "/api/extract", "/api/documents"} <= set(served["paths"])
    assert "post" in served["paths"]["/api/documents"] and "get" in served["paths"]["/api/documents"]


@pytest.mark.parametrize(("host", "loopback"), [("127.0.0.1", True), ("localhost", True), ("::1", True),
                                               ("0.0.0.0", False), ("192.168.1.4", False), ("example.org", False)])
def test_only_loopback_addresses_go_without_a_token(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback
    if loopback:
        check_binding(host, None)
    else:
        with pytest.raises(ConfigError):
            check_binding(host, None)
        check_binding(host, TOKEN)


def test_serve_refuses_a_public_address_without_token(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    monkeypatch.delenv("COMMUNIQUE_TOKEN", raising=False)
    result = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0", "--db", str(tmp_path / "x.duckdb")])
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1 and "token" in result.stderr
    assert not (tmp_path / "x.duckdb").exists()
