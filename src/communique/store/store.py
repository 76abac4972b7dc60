"""The embedded DuckDB store: one file, one transaction per document.

Every query is parameterised: article text, titles and ids come from untrusted
documents and are never pasted into SQL. DuckDB lets one process write a file
at a time; readers open it read-only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb

from communique.config import Config
from communique.errors import StoreError
from communique.record import Document
from communique.store.rows import Row, build_document, document_rows
from communique.store.schema import COLUMNS, LAYER_TABLES, SCHEMA_VERSION, current_version, migrate
from communique.version import __version__

MEMORY = ":memory:"


@dataclass(frozen=True)
class DocumentSummary:
    """One line of ``communique documents``: what a stored document is and how much it holds."""

    id: str
    source: str
    title: str | None
    published: str | None
    ingested_at: str
    sentences: int
    entities: int
    actors: int
    events: int
    quotes: int


class Store:
    """A communique store in one DuckDB file (``communique.duckdb`` by default).

    ``Store()`` opens the file named by the configuration (``--db``,
    ``COMMUNIQUE_DB``, config file), creating and migrating it as needed;
    ``Store(path, read_only=True)`` opens an existing store for queries only.
    Use it as a context manager, or call :meth:`close`.
    """

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False) -> None:
        if path is None:
            path = Config.load().db
        self.path = str(path)
        self.read_only = read_only
        self._con: Any = None
        self.connect()

    # -- opening and closing -------------------------------------------------

    def connect(self) -> Store:
        """Open the database (a no-op when already open), applying pending migrations."""
        if self._con is not None:
            return self
        read_only = self.read_only and self.path != MEMORY
        if read_only and not Path(self.path).is_file():
            raise StoreError(f"{self.path}: no store here yet (run `communique ingest` first)")
        con = _open(self.path, read_only=read_only)
        try:
            version = current_version(con)
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"{self.path}: written by a newer communique (schema {version}, this one knows {SCHEMA_VERSION})"
                )
            if not read_only:
                migrate(con)
            elif version < SCHEMA_VERSION:  # an older store: bring it up to date once, then read it
                con.close()
                with _open(self.path, read_only=False) as writer:
                    migrate(writer)
                con = _open(self.path, read_only=True)
        except BaseException:
            con.close()
            raise
        self._con = con
        return self

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    def __enter__(self) -> Store:
        return self.connect()

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        mode = "read-only" if self.read_only else "read-write"
        return f"Store({self.path!r}, {mode})"

    @property
    def connection(self) -> Any:
        """The open DuckDB connection, for read queries (always pass values as parameters)."""
        if self._con is None:
            raise StoreError(f"{self.path}: the store is closed")
        return self._con

    # -- writing -------------------------------------------------------------

    def add(self, doc: Document) -> bool:
        """Store ``doc`` and all its layers in one transaction; ``False`` if its id is already stored.

        Records the communique version and the spaCy pipeline (``doc.meta``) on the row.
        """
        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only, cannot store {doc.source}")
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        rows = document_rows(doc, communique_version=__version__, ingested_at=now)
        con = self.connection
        con.execute("BEGIN TRANSACTION")
        try:
            if self._exists(doc.id):
                con.execute("ROLLBACK")
                return False
            for table, table_rows in rows.items():
                _insert(con, table, table_rows)
            con.execute("COMMIT")
        except duckdb.Error as exc:
            con.execute("ROLLBACK")
            raise StoreError(f"{doc.source}: could not be stored ({_first_line(exc)})") from None
        except BaseException:
            con.execute("ROLLBACK")
            raise
        return True

    # -- reading -------------------------------------------------------------

    def has(self, doc_id: str) -> bool:
        """Whether a document with exactly this id is stored."""
        return self._exists(doc_id)

    def __contains__(self, doc_id: object) -> bool:
        return isinstance(doc_id, str) and self._exists(doc_id)

    def __len__(self) -> int:
        return self.count()

    def resolve(self, prefix: str) -> str:
        """The full id of the one stored document whose id starts with ``prefix``."""
        if self._exists(prefix):
            return prefix
        rows = self.connection.execute(
            "SELECT id FROM documents WHERE starts_with(id, ?) ORDER BY id LIMIT 2", [prefix]
        ).fetchall()
        if not rows or not prefix:
            raise StoreError(f"no document with id {prefix!r} in {self.path}")
        if len(rows) > 1:
            raise StoreError(f"id {prefix!r} is the start of several documents' ids; give more of it")
        return str(rows[0][0])

    def get(self, doc_id: str) -> Document:
        """The full typed record of a stored document (``StoreError`` when the id is unknown)."""
        con = self.connection
        names = ", ".join(_quoted(name) for name, _ in COLUMNS["documents"])
        document = con.execute(f"SELECT {names} FROM documents WHERE id = ?", [doc_id]).fetchone()
        if document is None:
            raise StoreError(f"no document with id {doc_id!r} in {self.path}")
        layers: dict[str, list[Row]] = {}
        for table in LAYER_TABLES:
            columns = [name for name, _ in COLUMNS[table] if name != "doc_id"]
            order = " ORDER BY seq" if "seq" in columns else ""
            select = ", ".join(_quoted(name) for name in columns)
            layers[table] = con.execute(f"SELECT {select} FROM {table} WHERE doc_id = ?{order}", [doc_id]).fetchall()
        return build_document(document, layers)

    def ids(self) -> list[str]:
        return [str(row[0]) for row in self.connection.execute("SELECT id FROM documents ORDER BY id").fetchall()]

    def count(self) -> int:
        row = self.connection.execute("SELECT count(*) FROM documents").fetchone()
        return int(row[0]) if row else 0

    def documents(self) -> list[DocumentSummary]:
        """A summary of every stored document, oldest first."""
        counts = ", ".join(
            f"(SELECT count(*) FROM {table} t WHERE t.doc_id = d.id)"
            for table in ("sentences", "entities", "actors", "events", "quotes")
        )
        rows = self.connection.execute(
            f"SELECT d.id, d.source, d.title, d.published, d.ingested_at, {counts} "
            "FROM documents d ORDER BY d.ingested_at, d.id"
        ).fetchall()
        return [
            DocumentSummary(
                id=r[0], source=r[1], title=r[2], published=r[3].isoformat() if r[3] else None,
                ingested_at=r[4].isoformat(timespec="seconds") if r[4] else "", sentences=r[5], entities=r[6],
                actors=r[7], events=r[8], quotes=r[9],
            )
            for r in rows
        ]

    def _exists(self, doc_id: str) -> bool:
        return self.connection.execute("SELECT 1 FROM documents WHERE id = ?", [doc_id]).fetchone() is not None


def _open(path: str, *, read_only: bool) -> Any:
    try:
        return duckdb.connect(path, read_only=read_only)
    except duckdb.Error as exc:
        message = str(exc)
        if "not a valid DuckDB database" in message:
            raise StoreError(f"{path}: not a DuckDB database (name another file with --db)") from None
        if "lock" in message.lower():
            raise StoreError(f"{path}: in use by another process (DuckDB allows one writer at a time)") from None
        raise StoreError(f"{path}: cannot open the store ({_first_line(exc)})") from None


def _insert(con: Any, table: str, rows: list[Row]) -> None:
    """Insert ``rows`` with one parameterised statement: one list per column, unnested side by side."""
    if not rows:
        return
    columns = COLUMNS[table]
    names = ", ".join(_quoted(name) for name, _ in columns)
    values = ", ".join(f"unnest(CAST(? AS {kind}[]))" for _, kind in columns)
    params = [list(column) for column in zip(*rows, strict=True)]
    con.execute(f"INSERT INTO {table} ({names}) SELECT {values}", params)


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__
