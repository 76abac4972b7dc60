"""The web dashboard: server-rendered pages and SVG charts over the store, served by the API's app.

Fully offline: no CDN and no JavaScript library. The charts are SVG computed in
:mod:`communique.dashboard.charts`; the only script, ``static/app.js``, toggles the raw
text and is loaded from the app itself, so the Content-Security-Policy forbids every
inline script and style.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from communique.dashboard.views import router

STATIC = Path(__file__).parent / "static"


def mount(app: FastAPI) -> None:
    """Add the dashboard's pages and static files to ``app``."""
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
