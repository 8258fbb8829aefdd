"""Form posts (each checks its CSRF token) and the question links: ask, audience, log in/out,
review steps and edits. Each ends in a redirect (post/redirect/get)."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from medcite.models import Audience
from medcite.publish import Article, PublishError, ReaderAudience, Transition
from medcite.web.context import (
    AUDIENCE_COOKIE,
    CSRF_FIELD,
    SESSION_COOKIE,
    check_form_csrf,
    client_key,
    current_session,
    current_user,
    reader_audience,
    set_cookie,
    web,
)
from medcite.web.errors import RateLimited
from medcite.web.pages import _local_path, render

router = APIRouter()
CsrfField = Annotated[str | None, Form(alias=CSRF_FIELD)]
YEAR_SECONDS = 365 * 24 * 3600


def ask_article(
    request: Request, question: str, audience: Audience, context: str | None
) -> tuple[Article, bool]:
    """The article for a question: an existing one, or a new answer (rate-limited)."""
    ctx = web(request)
    question = " ".join(question.split())
    context = " ".join((context or "").split()) or None
    limit = ctx.serve.max_question_chars
    if not question:
        raise PublishError("type a question first", 422)
    if len(question) > limit or (context and len(context) > limit):
        raise PublishError(f"a question has at most {limit} characters", 422)
    if (found := ctx.publisher.existing(question, audience, context)) is not None:
        return found, False
    if wait := ctx.ask_limiter.take(client_key(request)):
        raise RateLimited(wait)
    return ctx.publisher.ask(question, audience, context, current_user(request))


def _article_redirect(article: Article, thread: str = "") -> RedirectResponse:
    ids = [i for i in thread.split(",") if i.isdigit() and int(i) != article.id]
    query = f"?{urlencode({'thread': ','.join(ids)})}" if ids else ""
    return RedirectResponse(article.url + query, status_code=303)


@router.post("/ask")
def ask_form(
    request: Request,
    question: Annotated[str, Form(max_length=5000)],
    csrf: CsrfField = None,
    context: Annotated[str, Form(max_length=5000)] = "",
    thread: Annotated[str, Form(max_length=200)] = "",
    audience: Annotated[ReaderAudience | None, Form()] = None,
) -> Response:
    check_form_csrf(request, csrf)
    chosen = audience or reader_audience(request)
    article, _ = ask_article(request, question, chosen.answer_audience, context)
    response = _article_redirect(article, thread)
    if audience is not None:
        set_cookie(request, response, AUDIENCE_COOKIE, audience.value, max_age=YEAR_SECONDS)
    return response


@router.get("/ask")
def ask_link(
    request: Request,
    q: Annotated[str, Query(max_length=5000)],
    context: Annotated[str, Query(max_length=5000)] = "",
    thread: Annotated[str, Query(max_length=200)] = "",
) -> Response:
    """Suggested follow-ups and search links: GET, like a search engine's results page."""
    article, _ = ask_article(request, q, reader_audience(request).answer_audience, context)
    return _article_redirect(article, thread)


@router.post("/audience")
def choose_audience(
    request: Request,
    audience: Annotated[ReaderAudience, Form()],
    csrf: CsrfField = None,
    next: Annotated[str, Form(max_length=300)] = "/",
) -> Response:
    check_form_csrf(request, csrf)
    response = RedirectResponse(_local_path(next), status_code=303)
    set_cookie(request, response, AUDIENCE_COOKIE, audience.value, max_age=YEAR_SECONDS)
    return response


@router.post("/login")
def login(
    request: Request,
    username: Annotated[str, Form(max_length=100)],
    password: Annotated[str, Form(max_length=1024)],
    csrf: CsrfField = None,
    next: Annotated[str, Form(max_length=300)] = "/",
) -> Response:
    check_form_csrf(request, csrf)
    ctx = web(request)
    user = ctx.accounts.authenticate(username, password)
    if user is None:
        return render(
            request, "login.html", status=401, next=_local_path(next),
            error="Unknown username or wrong password.",
        )
    if (old := current_session(request)) is not None:
        ctx.accounts.end_session(old.token)
    session = ctx.accounts.start_session(user)
    response = RedirectResponse(_local_path(next), status_code=303)
    max_age = int(ctx.serve.session_hours * 3600)
    set_cookie(request, response, SESSION_COOKIE, session.token, max_age=max_age)
    return response


@router.post("/logout")
def logout(request: Request, csrf: CsrfField = None) -> Response:
    check_form_csrf(request, csrf)
    if (session := current_session(request)) is not None:
        web(request).accounts.end_session(session.token)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.post("/articles/{article_id}/transition")
def transition(
    request: Request,
    article_id: int,
    action: Annotated[Transition, Form()],
    csrf: CsrfField = None,
    comment: Annotated[str, Form(max_length=5000)] = "",
) -> Response:
    check_form_csrf(request, csrf)
    article = web(request).publisher.transition(article_id, current_user(request), action, comment)
    return RedirectResponse(article.url, status_code=303)


@router.post("/articles/{article_id}/strike")
def strike(
    request: Request,
    article_id: int,
    claim: Annotated[str, Form(max_length=200)],
    csrf: CsrfField = None,
    comment: Annotated[str, Form(max_length=5000)] = "",
) -> Response:
    check_form_csrf(request, csrf)
    article = web(request).publisher.strike(article_id, current_user(request), claim, comment)
    return RedirectResponse(article.url, status_code=303)


@router.post("/articles/{article_id}/heading")
def heading(
    request: Request,
    article_id: int,
    section: Annotated[str, Form(max_length=100)],
    heading: Annotated[str, Form(max_length=500)],
    csrf: CsrfField = None,
) -> Response:
    check_form_csrf(request, csrf)
    article = web(request).publisher.fix_heading(article_id, current_user(request), section, heading)
    return RedirectResponse(article.url, status_code=303)


@router.post("/articles/{article_id}/note")
def note(
    request: Request,
    article_id: int,
    text: Annotated[str, Form(max_length=5000)],
    csrf: CsrfField = None,
) -> Response:
    check_form_csrf(request, csrf)
    article = web(request).publisher.add_note(article_id, current_user(request), text)
    return RedirectResponse(article.url, status_code=303)


@router.post("/articles/{article_id}/regenerate")
def regenerate(request: Request, article_id: int, csrf: CsrfField = None) -> Response:
    check_form_csrf(request, csrf)
    article = web(request).publisher.regenerate(article_id, current_user(request))
    return RedirectResponse(article.url, status_code=303)
