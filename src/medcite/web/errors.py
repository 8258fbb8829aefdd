"""Every failure is a friendly page or a JSON error with a 4xx/5xx status, never a traceback.
A database error is a 503; the next request opens a fresh connection, so the app recovers."""

from __future__ import annotations

import logging
import sqlite3
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from starlette.exceptions import HTTPException as StarletteHTTPException

from medcite.index.opening import IndexOpenError
from medcite.publish import PublishError
from medcite.web.pages import render_error

log = logging.getLogger("medcite.web")

TITLES = {
    400: "Bad request",
    401: "Please log in",
    403: "Not allowed",
    404: "Not found",
    405: "Not allowed",
    409: "Conflict",
    422: "Please check your input",
    429: "Too many questions",
    500: "Something went wrong",
    503: "Temporarily unavailable",
}


class RateLimited(PublishError):
    def __init__(self, retry_after: float) -> None:
        super().__init__(
            f"too many new questions from your address: try again in {int(retry_after) + 1} s", 429
        )
        self.retry_after = int(retry_after) + 1


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def error_response(request: Request, status: int, message: str) -> Response:
    headers = {}
    if status == 503:
        headers["Retry-After"] = "2"
    if is_api(request):
        return JSONResponse(
            {"error": {"status": status, "title": TITLES.get(status, "Error"), "message": message}},
            status_code=status,
            headers=headers,
        )
    if status == 401 and request.method == "GET":
        return RedirectResponse(f"/login?next={quote(request.url.path)}", status_code=303)
    return render_error(request, status, TITLES.get(status, "Error"), message, headers)


async def _publish_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, PublishError)
    response = error_response(request, exc.status, str(exc))
    if isinstance(exc, RateLimited):
        response.headers["Retry-After"] = str(exc.retry_after)
    return response


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    problems = "; ".join(
        f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'input'}: {e.get('msg')}"
        for e in exc.errors()[:5]
    )
    return error_response(request, 422, problems or "the request is not valid")


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    message = {404: "there is no page at this address", 405: "this address does not take that method"}
    return error_response(request, exc.status_code, message.get(exc.status_code, str(exc.detail)))


async def _database_error(request: Request, exc: Exception) -> Response:
    log.warning("database error on %s: %s", request.url.path, exc)
    return error_response(
        request, 503, "the database is busy or unavailable: please try again in a moment"
    )


async def _internal_error(request: Request, exc: Exception) -> Response:
    log.exception("internal error on %s", request.url.path, exc_info=exc)
    return error_response(request, 500, "an unexpected error happened; it has been logged")


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(PublishError, _publish_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    for db_error in (DBAPIError, SQLAlchemyError, sqlite3.Error, IndexOpenError):
        app.add_exception_handler(db_error, _database_error)
    app.add_exception_handler(Exception, _internal_error)

