"""communique: geopolitical news and policy documents as provenance-linked event data.

The public API::

    import communique
    record = communique.extract("article.pdf", published="2022-12-28")
    print(record.to_json())
    store = communique.Store("communique.duckdb")
"""

from __future__ import annotations

from communique.config import Config
from communique.errors import CommuniqueError, InputError
from communique.library import extract, extract_many
from communique.record import Document
from communique.store import Store
from communique.version import __version__

__all__ = [
    "CommuniqueError",
    "Config",
    "Document",
    "InputError",
    "Store",
    "__version__",
    "extract",
    "extract_many",
]
