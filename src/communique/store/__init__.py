"""The store: documents and every layer of their records in one embedded DuckDB file.

    from communique import Store
    with Store("communique.duckdb") as store:
        store.add(record)          # False when the document is already stored
        record = store.get(record.id)

The schema and its migrations are in :mod:`communique.store.schema`; the mapping
between typed records and rows in :mod:`communique.store.rows`.
"""

from __future__ import annotations

from communique.store.schema import SCHEMA_VERSION
from communique.store.store import DocumentSummary, Store

__all__ = ["SCHEMA_VERSION", "DocumentSummary", "Store"]
