"""The HTTP API (FastAPI): the CLI's queries under ``/api``, extract and ingest, and the dashboard.

    from communique.api import Backend, create_app
    app = create_app(Backend(Store("communique.duckdb")), token=None)

``communique serve`` runs it with uvicorn; ``python -m communique.api.spec`` writes
``openapi.json`` beside this file (a test checks it matches the app).
"""

from __future__ import annotations

from communique.api.app import create_app
from communique.api.service import DEFAULT_MAX_UPLOAD, Backend

__all__ = ["DEFAULT_MAX_UPLOAD", "Backend", "create_app"]
