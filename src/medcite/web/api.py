"""The JSON API: everything the pages do, under the same rules. A request that carries a
session cookie sends the session's CSRF token in the X-CSRF-Token header."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response
from pydantic import BaseModel, Field

from medcite.models import Audience, Document
from medcite.publish import (
    Article,
    ArticleVersion,
    AuditEntry,
    EditKind,
    PublishError,
    ReaderAudience,
    ReviewStatus,
    Transition,
    User,
)
from medcite.publish.diff import DiffLine, diff_versions
from medcite.web.actions import ask_article
from medcite.web.context import (
    SESSION_COOKIE,
    check_api_csrf,
    current_session,
    current_user,
    require_staff,
    set_cookie,
    web,
)
from medcite.web.pages import QUEUE_STATUSES

router = APIRouter(prefix="/api", tags=["api"], dependencies=[Depends(check_api_csrf)])


class AskRequest(BaseModel):
    question: str = Field(max_length=5000, description="The question (length-limited by the server).")
    audience: Audience | ReaderAudience = Field(
        default=Audience.CLINICIAN,
        description="clinician or patient; or the reader's choice: professional, patient, student.",
    )
    context: str | None = Field(default=None, max_length=5000, description="Previous question.")


class ArticleOut(BaseModel):
    article: Article
    url: str
    created: bool = Field(default=False, description="True when the answer was composed now.")
    version: ArticleVersion | None = None


class ArticleList(BaseModel):
    total: int
    articles: list[Article]


class VersionSummary(BaseModel):
    number: int
    change: EditKind
    summary: str
    created_by: str | None
    created_at: str
    index_snapshot: str


class TransitionRequest(BaseModel):
    transition: Transition
    comment: str = Field(default="", max_length=5000)


class StrikeRequest(BaseModel):
    claim: str = Field(max_length=200, description="Claim address, e.g. 'section.evidence.1'.")
    comment: str = Field(default="", max_length=5000)


class HeadingRequest(BaseModel):
    section: str = Field(max_length=100)
    heading: str = Field(max_length=500)


class NoteRequest(BaseModel):
    text: str = Field(max_length=5000)


class LoginRequest(BaseModel):
    username: str = Field(max_length=100)
    password: str = Field(max_length=1024)


class SessionOut(BaseModel):
    user: User | None
    csrf_token: str | None = Field(description="Send it as X-CSRF-Token with every POST.")


def _audience(value: Audience | ReaderAudience) -> Audience:
    return value.answer_audience if isinstance(value, ReaderAudience) else value


def _out(request: Request, article: Article, created: bool = False) -> ArticleOut:
    version = web(request).publisher.version(article)
    return ArticleOut(article=article, url=article.url, created=created, version=version)


@router.post("/ask", response_model=ArticleOut)
def api_ask(request: Request, body: AskRequest) -> ArticleOut:
    """The article answering the question: the existing one, or a new Submitted article."""
    article, created = ask_article(request, body.question, _audience(body.audience), body.context)
    return _out(request, article, created)


@router.get("/articles", response_model=ArticleList)
def api_articles(
    request: Request,
    q: Annotated[str, Query(max_length=200)] = "",
    status: ReviewStatus | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> ArticleList:
    articles, total = web(request).publisher.store.articles(q, status, limit=limit, offset=offset)
    return ArticleList(total=total, articles=articles)


@router.get("/articles/{article_id}", response_model=ArticleOut)
def api_article(request: Request, article_id: int) -> ArticleOut:
    return _out(request, web(request).publisher.article(article_id))


@router.get("/articles/{article_id}/versions", response_model=list[VersionSummary])
def api_versions(request: Request, article_id: int) -> list[VersionSummary]:
    publisher = web(request).publisher
    publisher.article(article_id)
    return [VersionSummary(**v.model_dump(include=set(VersionSummary.model_fields))) for v in publisher.store.versions(article_id)]


@router.get("/articles/{article_id}/versions/{number}", response_model=ArticleVersion)
def api_version(request: Request, article_id: int, number: int) -> ArticleVersion:
    publisher = web(request).publisher
    return publisher.version(publisher.article(article_id), number)


@router.get("/articles/{article_id}/diff", response_model=list[DiffLine])
def api_diff(
    request: Request,
    article_id: int,
    from_: Annotated[int, Query(alias="from", ge=1)],
    to: Annotated[int, Query(ge=1)],
) -> list[DiffLine]:
    publisher = web(request).publisher
    article = publisher.article(article_id)
    return diff_versions(publisher.version(article, from_), publisher.version(article, to))


@router.get("/articles/{article_id}/audit", response_model=list[AuditEntry])
def api_audit(request: Request, article_id: int) -> list[AuditEntry]:
    require_staff(request)
    web(request).publisher.article(article_id)
    return web(request).publisher.audit(article_id)


@router.post("/articles/{article_id}/transitions", response_model=ArticleOut)
def api_transition(request: Request, article_id: int, body: TransitionRequest) -> ArticleOut:
    publisher = web(request).publisher
    article = publisher.transition(article_id, current_user(request), body.transition, body.comment)
    return _out(request, article)


@router.post("/articles/{article_id}/strike", response_model=ArticleOut)
def api_strike(request: Request, article_id: int, body: StrikeRequest) -> ArticleOut:
    article = web(request).publisher.strike(article_id, current_user(request), body.claim, body.comment)
    return _out(request, article)


@router.post("/articles/{article_id}/heading", response_model=ArticleOut)
def api_heading(request: Request, article_id: int, body: HeadingRequest) -> ArticleOut:
    article = web(request).publisher.fix_heading(
        article_id, current_user(request), body.section, body.heading
    )
    return _out(request, article)


@router.post("/articles/{article_id}/notes", response_model=ArticleOut)
def api_note(request: Request, article_id: int, body: NoteRequest) -> ArticleOut:
    article = web(request).publisher.add_note(article_id, current_user(request), body.text)
    return _out(request, article)


@router.post("/articles/{article_id}/regenerate", response_model=ArticleOut)
def api_regenerate(request: Request, article_id: int) -> ArticleOut:
    return _out(request, web(request).publisher.regenerate(article_id, current_user(request)))


@router.get("/review-queue", response_model=ArticleList)
def api_queue(request: Request) -> ArticleList:
    require_staff(request)
    articles, total = web(request).publisher.store.articles(statuses=QUEUE_STATUSES, limit=500)
    return ArticleList(total=total, articles=articles)


@router.get("/sources/{doc_id:path}", response_model=Document)
def api_source(request: Request, doc_id: str) -> Document:
    return web(request).publisher.document(doc_id)


@router.get("/session", response_model=SessionOut)
def api_session(request: Request) -> SessionOut:
    session = current_session(request)
    return SessionOut(user=session.user if session else None, csrf_token=session.csrf_token if session else None)


@router.post("/session", response_model=SessionOut)
def api_login(request: Request, body: LoginRequest, response: Response) -> SessionOut:
    ctx = web(request)
    user = ctx.accounts.authenticate(body.username, body.password)
    if user is None:
        raise PublishError("unknown username or wrong password", 401)
    if (old := current_session(request)) is not None:
        ctx.accounts.end_session(old.token)
    session = ctx.accounts.start_session(user)
    set_cookie(request, response, SESSION_COOKIE, session.token, max_age=int(ctx.serve.session_hours * 3600))
    return SessionOut(user=user, csrf_token=session.csrf_token)


@router.delete("/session", status_code=204)
def api_logout(request: Request) -> Response:
    if (session := current_session(request)) is not None:
        web(request).accounts.end_session(session.token)
    response = Response(status_code=204)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/health")
def api_health(request: Request) -> dict[str, str]:
    """Ready when the publish tables and the index answer."""
    publisher = web(request).publisher
    publisher.store.ping()
    return {"status": "ok", "index_snapshot": publisher.index_snapshot()}

