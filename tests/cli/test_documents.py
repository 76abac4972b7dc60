"""The document commands: extract, ingest, documents, show (in-process, and as a real process)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from communique.cli import main
from communique.library import extract, ingest
from communique.store import Store
from communique.store.schema import LAYER_TABLES

# Keys of the extraction record in DESIGN.md ("The extraction record (the contract)").
RECORD_KEYS = {"document", "sentences", "entities", "actors", "dates", "places", "quotes", "events"}
DOCUMENT_KEYS = {"id", "source", "title", "published", "reference_date", "language", "text", "raw_text",
                 "repairs", "headings"}
ENTITY_KEYS = {"text", "label", "start", "end", "actor"}
SENTENCE_KEYS = {"start", "end"}
MY_COMMANDS = ("extract", "ingest", "documents", "show")


def _run(*args: str) -> Any:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _small_corpus(root: Path, count: int) -> list[Path]:
    """``count`` distinct one-sentence documents (short, so spaCy is quick)."""
    countries = ["Norway", "Chile", "Kenya", "Japan", "Brazil", "Egypt", "Canada", "India"]
    return [
        _write(root / f"doc{i:03d}.txt",
               f"Delegation {i} from {countries[i % 8]} met officials of {countries[(i + 3) % 8]} in Geneva.\n")
        for i in range(count)
    ]


# -- help -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_has_help(name: str) -> None:
    result = _run(name, "--help")
    assert result.exit_code == 0
    assert f"Usage: main {name}" in result.stdout or "Usage:" in result.stdout
    assert (main.commands[name].help or "").strip()


def test_top_level_help_lists_the_document_commands() -> None:
    result = _run("--help")
    assert result.exit_code == 0
    for name in MY_COMMANDS:
        assert re.search(rf"^\s+{name}\s", result.stdout, re.MULTILINE), name


# -- extract ----------------------------------------------------------------------------------------


def test_extract_json_prints_the_record_of_design_md(tmp_path: Path, pipeline: Any) -> None:
    path = _write(tmp_path / "talks.txt", "Japan and Taiwan held talks in Tokyo on Monday.\n")
    result = _run("extract", str(path), "--json", "--published", "2022-12-28")
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout)
    assert set(record) >= RECORD_KEYS
    assert set(record["document"]) >= DOCUMENT_KEYS
    assert record["document"]["published"] == record["document"]["reference_date"] == "2022-12-28"
    assert record["sentences"] and all(set(s) >= SENTENCE_KEYS for s in record["sentences"])
    assert record["entities"] and all(set(e) >= ENTITY_KEYS for e in record["entities"])
    for layer in RECORD_KEYS - {"document"}:
        assert isinstance(record[layer], list), layer
    text = record["document"]["text"]
    for entity in record["entities"]:
        assert text[entity["start"]:entity["end"]] == entity["text"]


def test_extract_json_of_several_files_is_an_array(tmp_path: Path, pipeline: Any) -> None:
    files = _small_corpus(tmp_path, 3)
    result = _run("extract", "--json", *map(str, files))
    assert result.exit_code == 0, result.stderr
    records = json.loads(result.stdout)
    assert [r["document"]["source"] for r in records] == [str(f) for f in files]


def test_extract_without_json_prints_a_short_summary(tmp_path: Path, pipeline: Any) -> None:
    path = _write(tmp_path / "talks.txt", "Japan and Taiwan held talks in Tokyo.\n")
    result = _run("extract", str(path))
    assert result.exit_code == 0
    assert str(path) in result.stdout
    assert "1 sentences" in result.stdout
    assert "Tokyo (GPE)" in result.stdout


def test_extract_reads_a_json_lines_batch(tmp_path: Path, pipeline: Any) -> None:
    batch = _write(tmp_path / "batch.jsonl", '{"text": "Chile and Peru met."}\n{"text": "Kenya voted."}\n')
    result = _run("extract", "--jsonl", "--json", str(batch))
    assert result.exit_code == 0, result.stderr
    assert [r["document"]["source"] for r in json.loads(result.stdout)] == [f"{batch}:1", f"{batch}:2"]


def test_extract_with_a_bad_file_prints_the_rest_and_exits_1(tmp_path: Path, pipeline: Any) -> None:
    good = _write(tmp_path / "good.txt", "Egypt and Sudan met in Cairo.\n")
    empty = _write(tmp_path / "empty.txt", "")
    result = _run("extract", "--json", str(good), str(empty))
    assert result.exit_code == 1
    assert [r["document"]["source"] for r in json.loads(result.stdout)] == [str(good)]
    assert result.stderr.strip().splitlines() == [f"communique: {empty}: empty file"]


def test_extract_with_a_malformed_published_date_is_a_usage_error(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.txt", "Text.\n")
    result = _run("extract", str(path), "--published", "28 December 2022")
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.stderr


# -- ingest, documents, show ------------------------------------------------------------------------


def test_ingest_twice_reports_already_present(tmp_path: Path, pipeline: Any) -> None:
    _small_corpus(tmp_path / "in", 3)
    db = str(tmp_path / "c.duckdb")
    first = _run("ingest", str(tmp_path / "in"), "--db", db, "--no-progress")
    second = _run("ingest", str(tmp_path / "in"), "--db", db, "--no-progress")
    assert first.exit_code == second.exit_code == 0
    assert first.stdout.startswith("read 3, stored 3, already present 0, failed 0")
    assert second.stdout.startswith("read 3, stored 0, already present 3, failed 0")


def test_documents_and_show_read_the_store(tmp_path: Path, pipeline: Any) -> None:
    [path] = _small_corpus(tmp_path / "in", 1)
    db = str(tmp_path / "c.duckdb")
    assert _run("ingest", str(path), "--db", db, "--no-progress").exit_code == 0
    record = extract(path)
    listing = _run("documents", "--db", db)
    assert listing.exit_code == 0
    assert record.id[:12] in listing.stdout
    assert "1 document in" in listing.stdout
    as_json = _run("documents", "--db", db, "--json")
    assert [(d["id"], d["sentences"]) for d in json.loads(as_json.stdout)] == [(record.id, len(record.sentences))]
    shown = _run("show", record.id[:8], "--db", db)
    assert shown.exit_code == 0
    assert json.loads(shown.stdout) == record.to_dict()


def test_show_unknown_id_is_one_line_and_exit_1(tmp_path: Path, pipeline: Any) -> None:
    [path] = _small_corpus(tmp_path / "in", 1)
    db = str(tmp_path / "c.duckdb")
    _run("ingest", str(path), "--db", db, "--no-progress")
    result = _run("show", "ffffffff", "--db", db)
    assert result.exit_code == 1
    assert result.stderr == f"communique: no document with id 'ffffffff' in {db}\n"


@pytest.mark.parametrize("command", ["documents", "show"])
def test_reading_a_store_that_does_not_exist_is_one_line(tmp_path: Path, command: str) -> None:
    args = [command, "--db", str(tmp_path / "none.duckdb")] + (["abc"] if command == "show" else [])
    result = _run(*args)
    assert result.exit_code == 1
    assert len(result.stderr.splitlines()) == 1
    assert "no store here yet" in result.stderr


# -- real processes ---------------------------------------------------------------------------------


def _command() -> list[str]:
    script = Path(sys.executable).with_name("communique")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from communique.cli import main; main(prog_name='communique')"]


def _assert_only_whole_documents(db: Path, pipeline: Any, *, compare: bool = True) -> int:
    """Every stored document has all its layers (with ``compare``: equals a fresh extraction of its
    file); no row belongs to a document that is not stored. Returns the number of documents."""
    with Store(db, read_only=True) as store:
        for doc_id in store.ids():
            stored = store.get(doc_id)
            assert stored.sentences and stored.entities, stored.source
            if compare and Path(stored.source).is_file():  # not a line of a batch file
                assert stored == extract(Path(stored.source)), stored.source
        for table in LAYER_TABLES:
            orphans = store.connection.execute(
                f"SELECT count(*) FROM {table} WHERE doc_id NOT IN (SELECT id FROM documents)"
            ).fetchone()
            assert orphans == (0,), table
        return store.count()


def test_bad_inputs_in_a_batch_are_reported_and_the_rest_stored(tmp_path: Path, pipeline: Any) -> None:
    root = tmp_path / "batch"
    _small_corpus(root, 2)
    _write(root / "empty.txt", "")
    (root / "junk.txt").write_bytes(bytes(range(256)) * 8)
    (root / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage")
    _write(root / "lines.jsonl", '{"text": "Kenya and Uganda met in Kampala."}\nnot json at all\n')
    _write(root / "big.txt", "Far too long. " * 400)
    db = tmp_path / "c.duckdb"
    done = subprocess.run(
        [*_command(), "ingest", str(root), "--db", str(db), "--max-bytes", "3000"],
        capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    failures = [line for line in done.stderr.splitlines() if line.startswith("communique: ")]
    for name in ("empty.txt", "junk.txt", "broken.pdf", "lines.jsonl:2", "big.txt"):
        assert sum(f"{root / name}:" in line for line in failures) == 1, (name, failures)
    assert len(failures) == 5
    assert "read 8, stored 3, already present 0, failed 5" in done.stdout
    assert _assert_only_whole_documents(db, pipeline) == 3


def _reader(stream: Any, pattern: re.Pattern[bytes], seen: threading.Event, log: list[bytes]) -> None:
    while chunk := os.read(stream.fileno(), 4096):
        log.append(chunk)
        counts = [int(n) for n in pattern.findall(b"".join(log)[-400:])]
        if counts and max(counts) >= 3:
            seen.set()
    seen.set()


def test_killed_ingest_leaves_whole_documents_and_the_next_run_resumes(tmp_path: Path, pipeline: Any) -> None:
    """kill -9 `communique ingest` once its progress bar shows some documents done."""
    total = 60
    _small_corpus(tmp_path / "in", total)
    db = tmp_path / "c.duckdb"
    proc = subprocess.Popen([*_command(), "ingest", str(tmp_path / "in"), "--db", str(db)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    watchdog = threading.Timer(240, proc.kill)
    watchdog.start()
    seen, log = threading.Event(), list[bytes]()
    reader = threading.Thread(target=_reader, args=(proc.stderr, re.compile(rb"(\d+) doc \["), seen, log))
    reader.start()
    seen.wait()
    proc.kill()
    proc.wait()
    reader.join()
    watchdog.cancel()
    assert b"Traceback" not in b"".join(log)
    before = _assert_only_whole_documents(db, pipeline)
    print(f"killed after {before} of {total} documents")
    with Store(db) as store:
        summary = ingest([tmp_path / "in"], store, progress=False)
    assert (summary.stored, summary.already_present, summary.failed) == (total - before, before, [])
    assert _assert_only_whole_documents(db, pipeline, compare=False) == total


_PAUSE_MID_TRANSACTION = """
import sys, time
import communique.store.store as store
from communique.cli import main
real, done = store._insert, []
def insert(con, table, rows):
    real(con, table, rows)
    if table == "sentences":
        done.append(1)
        if len(done) == 3:  # third document: its documents and sentences rows written, not committed
            print("PAUSED", flush=True)
            time.sleep(600)
store._insert = insert
main(["ingest", "--no-progress", "--db", sys.argv[1], sys.argv[2]], prog_name="communique")
"""


def test_kill_in_the_middle_of_a_document_transaction_keeps_it_out(tmp_path: Path, pipeline: Any) -> None:
    _small_corpus(tmp_path / "in", 6)
    db = tmp_path / "c.duckdb"
    proc = subprocess.Popen([sys.executable, "-c", _PAUSE_MID_TRANSACTION, str(db), str(tmp_path / "in")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    watchdog = threading.Timer(240, proc.kill)
    watchdog.start()
    assert proc.stdout is not None
    line = proc.stdout.readline()
    proc.kill()
    _, err = proc.communicate()
    watchdog.cancel()
    assert line == "PAUSED\n", err
    assert _assert_only_whole_documents(db, pipeline) == 2
    with Store(db) as store:
        summary = ingest([tmp_path / "in"], store, progress=False)
    assert (summary.stored, summary.already_present) == (4, 2)
    assert _assert_only_whole_documents(db, pipeline) == 6


def test_extract_reads_standard_input(pipeline: Any) -> None:
    result = CliRunner().invoke(main, ["extract", "--json", "-"], input="Peru and Chile met in Lima.\n")
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout)  # one input, one document: an object, not an array
    assert record["document"]["source"] == "<stdin>"
    assert record["document"]["text"].startswith("Peru and Chile")


def test_a_model_that_is_not_installed_is_one_line_and_exit_1(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.txt", "Peru and Chile met in Lima.\n")
    for args in (["extract", str(path)], ["ingest", str(path), "--db", str(tmp_path / "c.duckdb")]):
        result = _run(*args, "--model", "no_such_spacy_pipeline")
        assert result.exit_code == 1
        assert result.stderr.strip().splitlines()[-1].startswith("communique: spaCy pipeline 'no_such_spacy_pipeline'")
