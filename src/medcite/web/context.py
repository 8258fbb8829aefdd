"""What every request handler shares: the publisher, accounts, templates, limits; and the
request's reader (session, audience) with its CSRF check."""

from __future__ import annotations

import hmac
import secrets
from pathlib import Path

from fastapi import Request, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

from medcite.config import ServeSettings, Settings
from medcite.publish import Accounts, Publisher, PublishError, ReaderAudience, Role, Session, User
from medcite.publish.models import STAFF_ROLES, STATUS_LABELS
from medcite.web.ratelimit import RateLimiter

SESSION_COOKIE = "medcite_session"
CSRF_COOKIE = "medcite_csrf"
AUDIENCE_COOKIE = "medcite_audience"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
_LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
TEMPLATES = Path(__file__).parent / "templates"


class WebContext:
    """One per app: built at start-up, held in app.state.web."""

    def __init__(
        self, settings: Settings, serve: ServeSettings, publisher: Publisher, accounts: Accounts
    ) -> None:
        self.settings = settings
        self.serve = serve
        self.publisher = publisher
        self.accounts = accounts
        self.ask_limiter = RateLimiter(serve.ask_per_minute, serve.ask_burst)
        self.templates = Environment(
            loader=FileSystemLoader(TEMPLATES),
            autoescape=select_autoescape(["html"], default=True),
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.templates.globals.update(
            site_name=serve.site_name,
            status_labels={s.value: label for s, label in STATUS_LABELS.items()},
            reader_audiences=list(ReaderAudience),
        )


def web(request: Request) -> WebContext:
    return request.app.state.web


def current_session(request: Request) -> Session | None:
    """The logged-in session of the request's cookie; an unknown, expired or logged-out
    cookie counts as no session."""
    if not hasattr(request.state, "session"):
        token = request.cookies.get(SESSION_COOKIE)
        request.state.session = web(request).accounts.session(token) if token else None
    return request.state.session


def current_user(request: Request) -> User | None:
    session = current_session(request)
    return session.user if session else None


def require_staff(request: Request) -> User:
    user = current_user(request)
    if user is None:
        raise PublishError("log in to see this page", 401)
    if user.role not in STAFF_ROLES:
        raise PublishError("this page is for editors, reviewers and admins", 403)
    return user


def require_admin(request: Request) -> User:
    user = require_staff(request)
    if user.role != Role.ADMIN:
        raise PublishError("this page is for admins", 403)
    return user


def reader_audience(request: Request) -> ReaderAudience:
    try:
        return ReaderAudience(request.cookies.get(AUDIENCE_COOKIE, ""))
    except ValueError:
        return ReaderAudience.PROFESSIONAL


def expected_csrf(request: Request) -> str | None:
    """The token a form must carry: the session's, or the visitor's anonymous cookie."""
    session = current_session(request)
    return session.csrf_token if session else request.cookies.get(CSRF_COOKIE)


def page_csrf(request: Request) -> str:
    """The token to put in this page's forms; a new visitor gets one (set by set_csrf_cookie)."""
    token = expected_csrf(request)
    if token is None:
        token = request.state.new_csrf = secrets.token_urlsafe(32)
    return token


def check_form_csrf(request: Request, submitted: str | None) -> None:
    expected = expected_csrf(request)
    if not expected or not submitted or not hmac.compare_digest(expected, submitted):
        raise PublishError(
            "this form has expired or did not come from this site: reload the page and try again",
            403,
        )


def check_api_csrf(request: Request) -> None:
    """A JSON request that changes something with a live session must carry the session's
    CSRF token in a header; without a live session it has no authority to forge (an ended
    session's cookie counts for nothing)."""
    if request.method in {"GET", "HEAD", "OPTIONS"}:
        return
    session = current_session(request)
    if session is None:
        return
    submitted = request.headers.get(CSRF_HEADER, "")
    if not hmac.compare_digest(session.csrf_token, submitted):
        raise PublishError(f"missing or wrong {CSRF_HEADER} header", 403)


def cookie_secure(request: Request, serve: ServeSettings) -> bool:
    if serve.cookie_secure is not None:
        return serve.cookie_secure
    return request.url.scheme == "https" or (request.url.hostname or "") in _LOOPBACK


def set_cookie(
    request: Request, response: Response, name: str, value: str, max_age: int | None = None
) -> None:
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        httponly=True,
        samesite="lax",
        secure=cookie_secure(request, web(request).serve),
        path="/",
    )


def set_csrf_cookie(request: Request, response: Response) -> None:
    if token := getattr(request.state, "new_csrf", None):
        set_cookie(request, response, CSRF_COOKIE, token)


def client_key(request: Request) -> str:
    return request.client.host if request.client else "unknown"
