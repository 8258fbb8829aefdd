"""The web app: FastAPI over one Engine (read-only index) and one Publisher (publish tables,
through a separate writable engine on the same database file).

`create_app` migrates the index schema to head first: `medcite serve` is a writer, like
`medcite ingest` (it adds the publishing tables, revision 0003, to an older index).
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.staticfiles import StaticFiles

from medcite._version import __version__
from medcite.config import ServeSettings, Settings
from medcite.engine import Engine
from medcite.index.sqlite import SqliteStore
from medcite.publish import Accounts, Publisher, PublishStore, open_publish_engine
from medcite.web import actions, api, pages
from medcite.web.context import WebContext
from medcite.web.errors import install_error_handlers

STATIC = Path(__file__).parent / "static"
# No inline script or style anywhere: the pages load only their own files.
_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
# /docs serves Swagger UI from a CDN; it gets a policy that allows it.
_DOCS_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; img-src 'self' data: https:; "
    "frame-ancestors 'none'"
)


def create_app(settings: Settings, serve: ServeSettings, engine: Engine | None = None) -> FastAPI:
    publish_engine = open_publish_engine(settings.index_path, serve.db_busy_timeout_ms)
    engine = engine or Engine(settings)
    store = PublishStore(publish_engine)
    documents = SqliteStore(settings.index_path, read_only=True)
    context = WebContext(
        settings, serve, Publisher(store, engine, documents), Accounts(store, serve.session_hours)
    )
    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        context.publisher.close()

    app = FastAPI(
        lifespan=lifespan,
        title=f"{serve.site_name} API",
        version=__version__,
        description="Cited clinical answers as articles, with the Medical Advisory Board "
        "review workflow. Log in with POST /api/session; send the returned csrf_token as "
        "X-CSRF-Token on every POST.",
    )
    app.state.web = context
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(api.router)
    app.include_router(actions.router)
    app.include_router(pages.router)
    install_error_handlers(app)
    app.middleware("http")(_security_headers)
    return app


async def _security_headers(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    started = time.perf_counter()
    response = await call_next(request)
    docs = request.url.path in {"/docs", "/redoc"}
    response.headers.setdefault("Content-Security-Policy", _DOCS_CSP if docs else _CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.1f}"
    return response
