"""The shells are thin: the CLI, the HTTP API (and dashboard) and the library say the same thing about the same
bad input, because they hand it to the same library function."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from analyst_corpus import build_store
from communique.api import Backend, create_app
from communique.cli import main
from communique.config import Config
from communique.errors import FilterError, PublishedDateError
from communique.library import extract, extract_bytes
from communique.pipeline import Context, Pipeline
from communique.store.filters import parse_event_filter


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("shells") / "s.duckdb")
    build_store(path).close()
    return path


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    store = build_store()
    # A pipeline without stages: what is compared here is refused before any stage runs.
    yield TestClient(create_app(Backend(store, Config(), pipeline=Pipeline([], Context(Config())))))
    store.close()


def _cli_error(*args: str) -> tuple[int, str]:
    """The exit status and the last line of stderr (click's ``Error: ...`` line)."""
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stderr.strip().splitlines()[-1]


@pytest.mark.parametrize(
    ("given", "options", "path", "params"),
    [
        ({"since": "2023-02-30"}, ["--since", "2023-02-30"], "/api/events", {"since": "2023-02-30"}),
        ({"since": "2023-01-02", "until": "2023-01-01"}, ["--since", "2023-01-02", "--until", "2023-01-01"],
         "/api/events", {"since": "2023-01-02", "until": "2023-01-01"}),
        # The API's own patterns refuse a badly shaped code with a 422 first; the dashboard's event table has no
        # pattern, so its parameters reach the library as typed.
        ({"country": "JAPAN"}, ["--country", "JAPAN"], "/events", {"country": "JAPAN"}),
        ({"cameo": "abc"}, ["--cameo", "abc"], "/events", {"cameo": "abc"}),
        ({"until": "2023-13-01"}, ["--until", "2023-13-01"], "/events", {"until": "2023-13-01"}),
    ],
)
def test_the_cli_and_the_api_give_the_same_message_for_a_bad_filter(
    db: str, client: TestClient, given: dict[str, Any], options: list[str], path: str, params: dict[str, str]
) -> None:
    with pytest.raises(FilterError) as caught:
        parse_event_filter(**given)
    message = str(caught.value)
    code, line = _cli_error("events", "--db", db, *options)
    assert (code, line) == (2, f"Error: {message}")
    response = client.get(path, params=params)
    assert response.status_code == 400 and response.json()["error"]["message"] == message


def test_a_dyad_with_one_side_is_the_same_error_in_the_api_and_the_dashboard(client: TestClient) -> None:
    with pytest.raises(FilterError) as caught:
        parse_event_filter(dyad=("TWN", None))
    for path in ("/api/events", "/events", "/dyad"):
        response = client.get(path, params={"a": "TWN", "b": ""})
        assert response.status_code == 400 and response.json()["error"]["message"] == str(caught.value), path


def test_a_bad_published_date_is_the_same_one_line_message_from_cli_api_and_library(
    client: TestClient, tmp_path: Path
) -> None:
    bad = "2022-02-30"
    with pytest.raises(PublishedDateError) as caught:
        extract("Japan met Taiwan.", published=bad)
    message = str(caught.value)
    assert "\n" not in message and repr(bad) in message
    with pytest.raises(PublishedDateError, match=re.escape(message)):
        extract_bytes(b"Japan met Taiwan.", "note.txt", published=bad)
    text = tmp_path / "a.txt"
    text.write_text("Japan met Taiwan.\n", encoding="utf-8")
    code, line = _cli_error("extract", str(text), "--published", bad)
    assert code == 2 and line == f"Error: Invalid value for '--published': {message}"
    response = client.post("/api/extract", params={"published": bad}, content=b"Japan met Taiwan.",
                           headers={"Content-Type": "text/plain"})
    assert response.status_code == 400 and response.json()["error"]["message"] == message
    body = b'{"text": "Japan met Taiwan.", "published": "%s"}' % bad.encode()
    response = client.post("/api/extract", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 400 and response.json()["error"]["message"] == f"<upload>: {message}"
