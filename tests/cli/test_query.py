"""The query commands: events, actors, quotes, dyad, export (over a store file of hand-built documents)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from analyst_corpus import build_store, corpus, sample_document
from communique.cli import main


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("cli") / "c.duckdb")
    build_store(path).close()
    return path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_events_print_json_when_piped(db: str) -> None:
    code, out, _ = run("events", "--db", db)
    assert code == 0
    rows = json.loads(out)
    assert {(r["doc_id"], r["id"]) for r in rows} == {(d.id, e.id) for d in corpus() for e in d.events}
    assert all({"actors", "recipients", "evidence_text", "day"} <= set(r) for r in rows)


def test_events_dyad_and_since_filters_combine(db: str) -> None:
    code, out, _ = run("events", "--db", db, "--dyad", "JPN", "TWN", "--since", "2023-01-01")
    assert code == 0
    rows = json.loads(out)
    assert [r["type"] for r in rows] == ["ACCUSE"]


def test_events_table_has_a_header_and_one_line_per_event(db: str) -> None:
    code, out, _ = run("events", "--db", db, "--country", "jpn", "--format", "table")
    lines = out.splitlines()
    assert code == 0 and lines[0].split()[:4] == ["DAY", "DOC", "ID", "TYPE"]
    assert len(lines) - 1 == len(json.loads(run("events", "--db", db, "--country", "JPN")[1]))


def test_events_csv_reads_back(db: str) -> None:
    code, out, _ = run("events", "--db", db, "--format", "csv", "--type", "consult")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and [r["type"] for r in rows] == ["CONSULT"]
    assert rows[0]["actor"] == "Hiroshige Seko (JPN)"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "2022-02-30"], "YYYY-MM-DD"),
        (["--country", "JAPAN"], "ISO 3166-1"),
        (["--since", "2023-01-02", "--until", "2023-01-01"], "after"),
    ],
)
def test_events_bad_parameters_are_usage_errors(db: str, args: list[str], message: str) -> None:
    code, _, err = run("events", "--db", db, *args)
    assert code == 2 and message in err and "Traceback" not in err


def test_missing_store_is_a_one_line_error(tmp_path: Path) -> None:
    code, _, err = run("events", "--db", str(tmp_path / "none.duckdb"))
    assert code == 1 and len(err.strip().splitlines()) == 1 and "none.duckdb" in err


def test_actors_and_quotes_answer_who_said_what(db: str) -> None:
    actors = json.loads(run("actors", "--db", db, "--country", "TWN")[1])
    assert {a["name"] for a in actors} == {"Taiwan", "Tsai Ing-wen"}
    quotes = json.loads(run("quotes", "--db", db, "--speaker", "tsai")[1])
    assert [q["speaker"]["name"] for q in quotes] == ["Tsai Ing-wen"]
    assert quotes[0]["doc_id"] == sample_document().id


def test_dyad_prints_one_row_per_period(db: str) -> None:
    code, out, _ = run("dyad", "TWN", "JPN", "--db", db, "--format", "table")
    lines = out.splitlines()
    assert code == 0 and lines[0].startswith("PERIOD") and "TWN>JPN" in lines[0]
    assert [line.split()[0] for line in lines[1:]] == ["2022-12-01", "2023-03-01"]
    weekly = json.loads(run("dyad", "TWN", "JPN", "--db", db, "--by", "week")[1])
    assert sum(p["verbal_cooperation"] + p["verbal_conflict"] for p in weekly) == 4


def test_export_writes_the_named_format(db: str, tmp_path: Path) -> None:
    out = tmp_path / "plover.jsonl"
    code, stdout, _ = run("export", "--db", db, "--format", "plover-jsonl", str(out))
    assert code == 0 and str(out) in stdout
    assert len(out.read_text().splitlines()) == sum(len(d.events) for d in corpus())
    code, _, err = run("export", "--db", db, "--format", "xml", str(out))
    assert code == 2 and "xml" in err


def test_every_query_command_has_help() -> None:
    for command in ("events", "actors", "quotes", "dyad", "export", "serve"):
        code, out, _ = run(command, "--help")
        assert code == 0 and "Usage:" in out and len(out.splitlines()) > 4
