"""Schema and migrations of the store."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from communique.errors import StoreError
from communique.store import SCHEMA_VERSION, Store
from communique.store import schema as schema_module
from communique.store.schema import COLUMNS, MIGRATIONS, current_version, migrate

# The schema every engineer codes against (DESIGN / the team brief): table → columns in order.
EXPECTED_TABLES = {
    "documents": ["id", "source", "title", "published", "reference_date", "reference_date_inferred", "language",
                  "text", "raw_text", "meta", "communique_version", "spacy_pipeline", "spacy_version", "ingested_at"],
    "repairs": ["doc_id", "seq", "kind", "raw_start", "raw_end", "start", "end", "before", "after"],
    "headings": ["doc_id", "seq", "text", "start", "end", "level"],
    "sentences": ["doc_id", "seq", "start", "end"],
    "entities": ["doc_id", "seq", "text", "label", "start", "end", "actor"],
    "actors": ["doc_id", "id", "name", "type", "country", "sector", "title", "kb_id", "former"],
    "actor_mentions": ["doc_id", "actor_id", "start", "end", "text"],
    "dates": ["doc_id", "seq", "text", "value", "start", "end", "precision"],
    "places": ["doc_id", "seq", "text", "name", "country", "lat", "lon", "start", "end"],
    "quotes": ["doc_id", "seq", "speaker", "speaker_text", "cue", "text", "kind", "start", "end"],
    "events": ["doc_id", "id", "type", "mode", "context", "cameo", "goldstein", "quad_class", "actor", "recipient",
               "date", "date_text", "location", "negated", "modality", "evidence_start", "evidence_end",
               "evidence_text", "confidence"],
}


def _columns(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[str, str]]]:
    rows = con.execute(
        "SELECT table_name, column_name, data_type FROM information_schema.columns "
        "WHERE table_name <> 'schema_version' ORDER BY table_name, ordinal_position"
    ).fetchall()
    tables: dict[str, list[tuple[str, str]]] = {}
    for table, column, kind in rows:
        tables.setdefault(table, []).append((column, kind))
    return tables


def test_migrated_database_has_exactly_the_agreed_tables_and_columns() -> None:
    con = duckdb.connect(":memory:")
    migrate(con)
    tables = _columns(con)
    assert {t: [c for c, _ in cols] for t, cols in tables.items()} == EXPECTED_TABLES


def test_writer_columns_match_the_migrated_schema() -> None:
    con = duckdb.connect(":memory:")
    migrate(con)
    tables = _columns(con)
    for table, columns in COLUMNS.items():
        assert [c for c, _ in tables[table]] == [c for c, _ in columns], table
        for (name, declared), (_, actual) in zip(columns, tables[table], strict=True):
            assert actual == declared, f"{table}.{name}: {actual} in the database, {declared} in COLUMNS"


def test_migrations_run_once_each_and_are_recorded() -> None:
    con = duckdb.connect(":memory:")
    assert current_version(con) == 0
    assert migrate(con) == SCHEMA_VERSION == len(MIGRATIONS)
    assert migrate(con) == SCHEMA_VERSION
    versions = con.execute("SELECT version FROM schema_version ORDER BY version").fetchall()
    assert [v for (v,) in versions] == list(range(1, SCHEMA_VERSION + 1))


def test_a_new_migration_is_applied_to_an_existing_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "old.duckdb"
    Store(path).close()

    def add_notes(con: duckdb.DuckDBPyConnection) -> None:
        con.execute("CREATE TABLE notes (doc_id VARCHAR, note VARCHAR)")

    monkeypatch.setattr(schema_module, "MIGRATIONS", [*MIGRATIONS, add_notes])
    con = duckdb.connect(str(path))
    assert migrate(con) == len(MIGRATIONS) + 1
    assert con.execute("SELECT count(*) FROM notes").fetchone() == (0,)


def test_a_failing_migration_leaves_the_previous_version(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(con: duckdb.DuckDBPyConnection) -> None:
        con.execute("CREATE TABLE half_done (x INTEGER)")
        con.execute("SELECT * FROM no_such_table")

    con = duckdb.connect(":memory:")
    migrate(con)
    monkeypatch.setattr(schema_module, "MIGRATIONS", [*MIGRATIONS, broken])
    with pytest.raises(duckdb.Error):
        migrate(con)
    assert current_version(con) == SCHEMA_VERSION
    tables = {t for (t,) in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert "half_done" not in tables


def test_a_store_from_a_newer_communique_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.duckdb"
    Store(path).close()
    con = duckdb.connect(str(path))
    con.execute("INSERT INTO schema_version VALUES (?, current_timestamp)", [SCHEMA_VERSION + 5])
    con.close()
    with pytest.raises(StoreError, match="newer communique"):
        Store(path)


def test_read_only_open_of_an_older_store_upgrades_it_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from communique.store import store as store_module

    path = tmp_path / "old.duckdb"
    Store(path).close()

    def add_notes(con: duckdb.DuckDBPyConnection) -> None:
        con.execute("CREATE TABLE notes (doc_id VARCHAR, note VARCHAR)")

    monkeypatch.setattr(schema_module, "MIGRATIONS", [*MIGRATIONS, add_notes])
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with Store(path, read_only=True) as store:
        assert current_version(store.connection) == SCHEMA_VERSION + 1
        assert store.connection.execute("SELECT count(*) FROM notes").fetchone() == (0,)
        assert store.read_only
