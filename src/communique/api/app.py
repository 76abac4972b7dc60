"""The FastAPI application: JSON API under ``/api``, dashboard pages everywhere else.

* Every response carries a strict Content-Security-Policy (no inline script or style, nothing
  from another origin) and the usual hardening headers.
* With a token, every request must carry ``Authorization: Bearer <token>``; a browser may
  instead open any page once with ``?token=<token>``, which sets an HttpOnly cookie.
* Errors are JSON ``{"error": {"status": ..., "message": ...}}`` under ``/api`` and a small
  HTML page elsewhere.
"""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from communique.api.routes import router
from communique.api.service import Backend
from communique.dashboard import mount
from communique.dashboard.views import render_error
from communique.errors import (
    CommuniqueError,
    ConfigError,
    DateError,
    FilterError,
    InputError,
    NotFoundError,
    ReadOnlyError,
    StageError,
    TooLargeError,
    UnsupportedMediaError,
)
from communique.version import __version__

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
TOKEN_COOKIE = "communique_token"

# communique's own errors, by the HTTP status that answers them.
_STATUS: tuple[tuple[type[BaseException], int], ...] = (
    (NotFoundError, 404),
    (TooLargeError, 413),
    (UnsupportedMediaError, 415),
    (ReadOnlyError, 403),
    (InputError, 400),
    (FilterError, 400),
    (DateError, 400),  # a bad "published" date (PublishedDateError)
    (ConfigError, 400),
    (StageError, 500),
)


def create_app(backend: Backend, token: str | None = None) -> FastAPI:
    """The application over ``backend``'s store; ``token`` (if any) is required on every request."""
    app = FastAPI(
        title="communique", version=__version__, docs_url=None, redoc_url=None,
        description="Events, actors and quotes extracted from geopolitical news, with their evidence.",
    )
    app.state.backend = backend
    app.include_router(router)
    mount(app)

    @app.middleware("http")
    async def guard(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        if token is not None:
            response = _check_token(request, token)
            if response is None:
                response = await call_next(request)
        else:
            response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return error_response(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err.get('loc', ()) if p not in ('query', 'path', 'body'))}: {err.get('msg')}"
            for err in exc.errors()
        )
        return error_response(request, 422, problems or "invalid request", detail=_plain(exc.errors()))

    @app.exception_handler(CommuniqueError)
    async def communique_error(request: Request, exc: CommuniqueError) -> Response:
        status = next((code for kind, code in _STATUS if isinstance(exc, kind)), 500)
        return error_response(request, status, str(exc))

    return app


def error_response(request: Request, status: int, message: str, detail: Any = None) -> Response:
    """JSON under /api (and for clients asking for JSON), a small escaped HTML page elsewhere."""
    if request.url.path.startswith("/api") or request.url.path == "/openapi.json" or \
            "text/html" not in request.headers.get("accept", ""):
        body: dict[str, Any] = {"status": status, "message": message}
        if detail is not None:
            body["detail"] = detail
        return JSONResponse({"error": body}, status_code=status)
    return render_error(request, status, message)


def _plain(errors: Any) -> Any:
    """Validation errors without the values pydantic attaches that JSON cannot hold."""
    return [{k: v for k, v in e.items() if k in ("loc", "msg", "type")} for e in errors]


def _check_token(request: Request, token: str) -> Response | None:
    """None when the request may go on; otherwise the response that stops it."""
    header = request.headers.get("authorization", "")
    given = header[7:].strip() if header.lower().startswith("bearer ") else request.cookies.get(TOKEN_COOKIE, "")
    if given and hmac.compare_digest(given.encode(), token.encode()):
        return None
    from_query = request.query_params.get("token", "")
    if request.method == "GET" and from_query and hmac.compare_digest(from_query.encode(), token.encode()):
        rest = urlencode([(k, v) for k, v in request.query_params.multi_items() if k != "token"])
        redirect = RedirectResponse(request.url.path + (f"?{rest}" if rest else ""), status_code=303)
        redirect.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict")
        return redirect
    response = error_response(request, 401, "a token is required: send Authorization: Bearer <token>")
    response.headers["WWW-Authenticate"] = "Bearer"
    return response
