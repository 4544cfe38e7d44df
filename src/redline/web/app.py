"""The FastAPI app: security headers, the one error handler, static files, the API and the pages.

Errors become JSON under ``/api/`` and an HTML page elsewhere, never a stack trace
(as datasette's ``handle_exception`` does): a ``RedlineError`` keeps its one-line
message; anything else is logged here and the client reads "internal error".
"""

from __future__ import annotations

import hmac
import logging
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from redline import service

HERE = Path(__file__).resolve().parent
log = logging.getLogger("redline.web")

# Scripts only from this server (no inline script, no eval); styles may be inline (Plotly sets them).
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
       "form-action 'self'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


class SecurityHeaders:
    """Sets :data:`SECURITY_HEADERS` on every response that does not set them itself.

    A plain ASGI middleware: it edits the response's start message and lets the body pass untouched
    (``@app.middleware("http")`` passes every body through a memory stream, chunk by chunk).
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for k, v in SECURITY_HEADERS.items():
                    headers.setdefault(k, v)
            await send(message)

        await self.app(scope, receive, send_with_headers)


def templates() -> Environment:
    """The page templates; autoescape on for every template, so article text is always escaped."""
    from urllib.parse import quote

    # finalize: an unknown value (a date never stated) prints as a dash, never as Python's "None".
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True, finalize=lambda v: "—" if v is None else v)
    env.filters["q"] = lambda v: quote(str(v), safe="")
    env.filters["codes"] = lambda v: ", ".join(v) if v else "—"
    return env


def _status(e: service.RedlineError) -> int:
    if isinstance(e, service.NotFound):
        return 404
    if isinstance(e, service.ConfigError | service.InputError):
        return 400
    if isinstance(e, service.FetchError):
        return 502
    return 500


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith(("/api/", "/openapi")) or "text/html" not in request.headers.get("accept", "")


def _error(request: Request, status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    if _wants_json(request):
        return JSONResponse({"error": message, "status": status}, status_code=status, headers=headers)
    env: Environment = request.app.state.templates
    html = env.get_template("error.html").render(status=status, message=message, twin=None, page="error")
    return HTMLResponse(html, status_code=status, headers=headers)


def _install_error_handlers(app: FastAPI) -> None:
    async def domain(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, service.RedlineError)
        return _error(request, _status(exc), str(exc))

    async def http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        messages = {404: f"nothing at {request.url.path}; / lists the pages, /docs the API",
                    405: f"{request.method} is not allowed on {request.url.path}"}
        message = exc.detail if exc.status_code == 401 else messages.get(exc.status_code, str(exc.detail))
        return _error(request, exc.status_code, message, getattr(exc, "headers", None))

    async def invalid(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        parts = []
        for err in exc.errors()[:5]:
            where = ".".join(str(x) for x in err.get("loc", ()) if x not in ("query", "path", "body"))
            parts.append(f"{where or 'request'}: {err.get('msg', 'invalid')}")
        return _error(request, 422, "; ".join(parts) or "invalid request")

    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("internal error on %s %s", request.method, request.url.path)
        return _error(request, 500, "internal error; the server log has the details")

    app.add_exception_handler(service.RedlineError, domain)
    app.add_exception_handler(StarletteHTTPException, http)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(Exception, unexpected)


def check_token(request: Request) -> None:
    """A FastAPI dependency: the request must carry ``Authorization: Bearer <the server's token>``."""
    expected: str = request.app.state.token
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), expected.encode()):
        raise StarletteHTTPException(401, "a write needs 'Authorization: Bearer <token>': the token serve printed, "
                                          "or REDLINE_TOKEN", headers={"WWW-Authenticate": "Bearer"})


def _static_dirs() -> dict[str, Path]:
    import plotly
    import swagger_ui_bundle

    return {
        "/static": HERE / "static",
        # Plotly's own JavaScript, from the installed Python package: nothing from a CDN.
        "/static/plotly": Path(plotly.__file__).resolve().parent / "package_data",
        "/static/swagger": Path(str(swagger_ui_bundle.swagger_ui_path)),
    }


def create_app(settings: service.Settings, *, token: str | None = None, allow_private: bool = False) -> FastAPI:
    """The workbench over the knowledge base ``settings.db`` (opened now, closed on shutdown).

    Writes need ``token`` (else ``settings.token``; else a random one nobody knows: no writes).
    ``allow_private`` lets POST /api/ingest fetch URLs on private or loopback addresses.
    """
    from redline.web import api, pages

    store = service.open_store(settings)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(title="redline", version=service.__version__, lifespan=lifespan, docs_url=None,
                  redoc_url=None, description="Red lines, stances, events and alerts, with evidence for every claim. "
                                              "Writes need a bearer token.")
    app.state.settings = settings
    app.state.store = store
    app.state.token = token or settings.token or secrets.token_urlsafe(32)
    app.state.allow_private = allow_private
    app.state.templates = templates()

    app.add_middleware(SecurityHeaders)
    _install_error_handlers(app)
    for prefix, directory in reversed(_static_dirs().items()):
        app.mount(prefix, StaticFiles(directory=directory), name=prefix.strip("/").replace("/", "-"))
    app.include_router(api.router)
    app.include_router(pages.router)
    return app


def serve(settings: service.Settings, *, host: str = "127.0.0.1", port: int = 8000, token: str | None = None,
          allow_private: bool = False) -> None:
    """Run the workbench with uvicorn until interrupted."""
    import uvicorn

    app = create_app(settings, token=token, allow_private=allow_private)
    settle(settings)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)


def settle(settings: service.Settings) -> None:
    """Load what every request reads (the actor registry, the outlet list) and move it, with the app, out of
    the garbage collector's sight (``gc.freeze``): a full collection then scans only what requests make.

    On a 100k-statement knowledge base a full collection took 60-80 ms (five in 40 requests of a stance
    page, the page's p95), 1-4 ms once frozen. The server process only: tests build many apps.
    """
    import gc

    service.warm_up(settings)
    gc.collect()
    gc.freeze()
