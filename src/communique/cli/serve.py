"""``communique serve``: the HTTP API and the dashboard over one store, with uvicorn."""

from __future__ import annotations

import ipaddress
import os

import click

from communique.cli import main
from communique.cli.options import config_option, db_option, user_errors
from communique.config import Config
from communique.errors import ConfigError

TOKEN_ENV = "COMMUNIQUE_TOKEN"


def is_loopback(host: str) -> bool:
    """Whether ``host`` only accepts connections from this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_binding(host: str, token: str | None) -> None:
    """Refuse to listen beyond this machine without a token."""
    if not is_loopback(host) and not token:
        raise ConfigError(
            f"refusing to listen on {host} without a token: pass --token or set {TOKEN_ENV} "
            "(clients then send Authorization: Bearer <token>)"
        )


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--token", metavar="TOKEN",
              help=f"Require Authorization: Bearer TOKEN on every request (env {TOKEN_ENV}); "
                   "needed to listen on a non-loopback address.")
@click.option("--read-only", is_flag=True, help="Open the store read-only; POST /api/documents is refused.")
@click.option("--max-upload", type=click.IntRange(min=1), metavar="BYTES",
              help="Largest document accepted by POST /api/extract and /api/documents (default 5 MB).")
@db_option
@config_option
@user_errors
def serve(host: str, port: int, token: str | None, read_only: bool, max_upload: int | None, db: str | None,
          config_file: str | None) -> None:
    """Serve the dashboard and the HTTP API (JSON under /api, spec at /openapi.json) until Ctrl-C."""
    # The web stack (uvicorn, FastAPI and the dashboard) loads only when serving: every other command
    # starts without it.
    import uvicorn

    from communique.api import DEFAULT_MAX_UPLOAD, Backend, create_app
    from communique.store import Store

    token = token or os.environ.get(TOKEN_ENV) or None
    check_binding(host, token)
    config = Config.load(config_file, db=db)
    store = Store(config.db, read_only=read_only)
    backend = Backend(store, config, max_upload=max_upload or DEFAULT_MAX_UPLOAD, read_only=read_only)
    app = create_app(backend, token=token)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"communique: serving {config.db} at http://{shown}:{port}/ (API under /api; Ctrl-C stops)")
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning")
    finally:
        store.close()
