"""The store's schema and its migrations.

The schema lives in code as a numbered list of migrations. Opening a store
applies, in order and each inside its own transaction, every migration newer
than the version recorded in ``schema_version``. A migration is never edited
once released: a change to the schema is a new function appended to
:data:`MIGRATIONS`, and :data:`COLUMNS` (what the writer inserts) is updated to
match. ``tests/store/test_schema.py`` checks that the two agree.

Actor and event ids are document-scoped ("A1", "E3"); every table but
``documents`` is keyed by ``doc_id``. Cross-document views group actors by
``coalesce(kb_id, name || '|' || country)``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Connection = Any  # duckdb.DuckDBPyConnection; duckdb ships no usable stubs for its connection type


def _migration_1(con: Connection) -> None:
    """The first schema: documents and one table per list of the extraction record."""
    statements = [
        """CREATE TABLE documents (
            id VARCHAR PRIMARY KEY, source VARCHAR, title VARCHAR, published DATE, reference_date DATE,
            reference_date_inferred BOOLEAN, language VARCHAR, text VARCHAR, raw_text VARCHAR, meta JSON,
            communique_version VARCHAR, spacy_pipeline VARCHAR, spacy_version VARCHAR, ingested_at TIMESTAMP)""",
        """CREATE TABLE repairs (
            doc_id VARCHAR, seq INTEGER, kind VARCHAR, raw_start INTEGER, raw_end INTEGER,
            start INTEGER, "end" INTEGER, before VARCHAR, after VARCHAR)""",
        """CREATE TABLE headings (
            doc_id VARCHAR, seq INTEGER, text VARCHAR, start INTEGER, "end" INTEGER, level INTEGER)""",
        """CREATE TABLE sentences (doc_id VARCHAR, seq INTEGER, start INTEGER, "end" INTEGER)""",
        """CREATE TABLE entities (
            doc_id VARCHAR, seq INTEGER, text VARCHAR, label VARCHAR, start INTEGER, "end" INTEGER,
            actor VARCHAR)""",
        """CREATE TABLE actors (
            doc_id VARCHAR, id VARCHAR, name VARCHAR, type VARCHAR, country VARCHAR, sector VARCHAR,
            title VARCHAR, kb_id VARCHAR, former BOOLEAN)""",
        """CREATE TABLE actor_mentions (
            doc_id VARCHAR, actor_id VARCHAR, start INTEGER, "end" INTEGER, text VARCHAR)""",
        """CREATE TABLE dates (
            doc_id VARCHAR, seq INTEGER, text VARCHAR, value VARCHAR, start INTEGER, "end" INTEGER,
            precision VARCHAR)""",
        """CREATE TABLE places (
            doc_id VARCHAR, seq INTEGER, text VARCHAR, name VARCHAR, country VARCHAR, lat DOUBLE, lon DOUBLE,
            start INTEGER, "end" INTEGER)""",
        """CREATE TABLE quotes (
            doc_id VARCHAR, seq INTEGER, speaker VARCHAR, speaker_text VARCHAR, cue VARCHAR, text VARCHAR,
            kind VARCHAR, start INTEGER, "end" INTEGER)""",
        """CREATE TABLE events (
            doc_id VARCHAR, id VARCHAR, type VARCHAR, mode VARCHAR, context VARCHAR[], cameo VARCHAR,
            goldstein DOUBLE, quad_class INTEGER, actor VARCHAR[], recipient VARCHAR[], date VARCHAR,
            date_text VARCHAR, location VARCHAR, negated BOOLEAN, modality VARCHAR, evidence_start INTEGER,
            evidence_end INTEGER, evidence_text VARCHAR, confidence DOUBLE)""",
    ]
    for statement in statements:
        con.execute(statement)


# Append only. The index + 1 of a migration is the schema version it produces.
MIGRATIONS: list[Callable[[Connection], None]] = [_migration_1]
SCHEMA_VERSION = len(MIGRATIONS)

# What the writer inserts, per table: (column, DuckDB type) in table order.
# Keep in step with the migrations above (checked by a test).
COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "documents": (
        ("id", "VARCHAR"), ("source", "VARCHAR"), ("title", "VARCHAR"), ("published", "DATE"),
        ("reference_date", "DATE"), ("reference_date_inferred", "BOOLEAN"), ("language", "VARCHAR"),
        ("text", "VARCHAR"), ("raw_text", "VARCHAR"), ("meta", "JSON"), ("communique_version", "VARCHAR"),
        ("spacy_pipeline", "VARCHAR"), ("spacy_version", "VARCHAR"), ("ingested_at", "TIMESTAMP"),
    ),
    "repairs": (
        ("doc_id", "VARCHAR"), ("seq", "INTEGER"), ("kind", "VARCHAR"), ("raw_start", "INTEGER"),
        ("raw_end", "INTEGER"), ("start", "INTEGER"), ("end", "INTEGER"), ("before", "VARCHAR"),
        ("after", "VARCHAR"),
    ),
    "headings": (
        ("doc_id", "VARCHAR"), ("seq", "INTEGER"), ("text", "VARCHAR"), ("start", "INTEGER"),
        ("end", "INTEGER"), ("level", "INTEGER"),
    ),
    "sentences": (("doc_id", "VARCHAR"), ("seq", "INTEGER"), ("start", "INTEGER"), ("end", "INTEGER")),
    "entities": (
        ("doc_id", "VARCHAR"), ("seq", "INTEGER"), ("text", "VARCHAR"), ("label", "VARCHAR"),
        ("start", "INTEGER"), ("end", "INTEGER"), ("actor", "VARCHAR"),
    ),
    "actors": (
        ("doc_id", "VARCHAR"), ("id", "VARCHAR"), ("name", "VARCHAR"), ("type", "VARCHAR"),
        ("country", "VARCHAR"), ("sector", "VARCHAR"), ("title", "VARCHAR"), ("kb_id", "VARCHAR"),
        ("former", "BOOLEAN"),
    ),
    "actor_mentions": (
        ("doc_id", "VARCHAR"), ("actor_id", "VARCHAR"), ("start", "INTEGER"), ("end", "INTEGER"),
        ("text", "VARCHAR"),
    ),
    "dates": (
        ("doc_id", "VARCHAR"), ("seq", "INTEGER"), ("text", "VARCHAR"), ("value", "VARCHAR"),
        ("start", "INTEGER"), ("end", "INTEGER"), ("precision", "VARCHAR"),
    ),
    "places": (
        ("doc_id", "VARCHAR"), ("seq", "INTEGER"), ("text", "VARCHAR"), ("name", "VARCHAR"),
        ("country", "VARCHAR"), ("lat", "DOUBLE"), ("lon", "DOUBLE"), ("start", "INTEGER"), ("end", "INTEGER"),
    ),
    "quotes": (
        ("doc_id", "VARCHAR"), ("seq", "INTEGER"), ("speaker", "VARCHAR"), ("speaker_text", "VARCHAR"),
        ("cue", "VARCHAR"), ("text", "VARCHAR"), ("kind", "VARCHAR"), ("start", "INTEGER"), ("end", "INTEGER"),
    ),
    "events": (
        ("doc_id", "VARCHAR"), ("id", "VARCHAR"), ("type", "VARCHAR"), ("mode", "VARCHAR"),
        ("context", "VARCHAR[]"), ("cameo", "VARCHAR"), ("goldstein", "DOUBLE"), ("quad_class", "INTEGER"),
        ("actor", "VARCHAR[]"), ("recipient", "VARCHAR[]"), ("date", "VARCHAR"), ("date_text", "VARCHAR"),
        ("location", "VARCHAR"), ("negated", "BOOLEAN"), ("modality", "VARCHAR"), ("evidence_start", "INTEGER"),
        ("evidence_end", "INTEGER"), ("evidence_text", "VARCHAR"), ("confidence", "DOUBLE"),
    ),
}
# Tables holding the layers of a document, in the order they are written.
LAYER_TABLES = tuple(name for name in COLUMNS if name != "documents")


def current_version(con: Connection) -> int:
    """The schema version of an open store; 0 for an empty database."""
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
    ).fetchone()
    if not exists or not exists[0]:
        return 0
    row = con.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def migrate(con: Connection) -> int:
    """Apply every pending migration, each in one transaction; return the resulting version."""
    con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER, applied_at TIMESTAMP)")
    version = current_version(con)
    for number, migration in enumerate(MIGRATIONS, start=1):
        if number <= version:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            migration(con)
            con.execute("INSERT INTO schema_version VALUES (?, current_timestamp)", [number])
        except BaseException:
            con.execute("ROLLBACK")
            raise
        con.execute("COMMIT")
        version = number
    return version
