"""Server-rendered pages (they work without JavaScript): home, answer/article pages, versions
and diffs, the article list, the review queue, source documents, login, editorial policy."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from medcite.publish import Article, ArticleVersion, PublishError, ReviewStatus
from medcite.publish.diff import diff_versions
from medcite.publish.models import STAFF_ROLES, Role
from medcite.publish.workflow import allowed_transitions
from medcite.web.context import (
    CSRF_FIELD,
    current_user,
    page_csrf,
    reader_audience,
    require_staff,
    set_csrf_cookie,
    web,
)
from medcite.web.view import answer_view, safe_link

router = APIRouter()
QUEUE_STATUSES = [ReviewStatus.SUBMITTED, ReviewStatus.UNDER_REVIEW, ReviewStatus.CHANGES_REQUESTED]


def render(
    request: Request, template: str, status: int = 200, headers: dict | None = None, **values: object
) -> HTMLResponse:
    ctx = web(request)
    user = current_user(request)
    audience = reader_audience(request)
    html = ctx.templates.get_template(template).render(
        request_path=request.url.path,
        current_url=str(request.url.path) + (f"?{request.url.query}" if request.url.query else ""),
        user=user,
        is_staff=user is not None and user.role in STAFF_ROLES,
        audience=audience,
        csrf_token=page_csrf(request),
        csrf_field=CSRF_FIELD,
        serve=ctx.serve,
        max_question=ctx.serve.max_question_chars,
        **values,
    )
    response = HTMLResponse(html, status_code=status, headers=headers)
    response.headers["Cache-Control"] = "no-store" if user else "private, no-cache"
    set_csrf_cookie(request, response)
    return response


def render_error(
    request: Request, status: int, title: str, message: str, headers: dict | None = None
) -> HTMLResponse:
    return render(request, "error.html", status=status, headers=headers, title=title, message=message)


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    recent, _ = web(request).publisher.store.articles(status=ReviewStatus.APPROVED, limit=6)
    return render(request, "home.html", recent=recent)


@router.get("/editorial-policy", response_class=HTMLResponse)
def editorial_policy(request: Request) -> HTMLResponse:
    paragraphs = [p.strip() for p in web(request).serve.editorial_policy.split("\n\n") if p.strip()]
    return render(request, "policy.html", paragraphs=paragraphs)


@router.get("/articles", response_class=HTMLResponse)
def article_list(
    request: Request,
    q: Annotated[str, Query(max_length=200)] = "",
    status: Annotated[str, Query(max_length=40)] = "",
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
) -> HTMLResponse:
    """Articles, searchable; the form's "any status" sends an empty status."""
    size = web(request).serve.page_size
    chosen = _status_filter(status)
    articles, total = web(request).publisher.store.articles(
        q, chosen, limit=size, offset=(page - 1) * size
    )
    return render(
        request, "articles.html", articles=articles, total=total, q=q, status_filter=chosen,
        page=page, pages=max(1, -(-total // size)), statuses=list(ReviewStatus),
    )


def _status_filter(value: str) -> ReviewStatus | None:
    if not value:
        return None
    try:
        return ReviewStatus(value)
    except ValueError:
        raise PublishError(f"unknown status {value!r}", 422) from None


@router.get("/review", response_class=HTMLResponse)
def review_queue(request: Request) -> HTMLResponse:
    require_staff(request)
    articles, total = web(request).publisher.store.articles(statuses=QUEUE_STATUSES, limit=500)
    articles.sort(key=lambda a: (QUEUE_STATUSES.index(a.status), a.updated_at))
    return render(request, "queue.html", articles=articles, total=total)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_short(request: Request, article_id: int) -> Response:
    article = web(request).publisher.article(article_id)
    return RedirectResponse(article.url, status_code=308)


@router.get("/articles/{article_id}/versions", response_class=HTMLResponse)
def versions(request: Request, article_id: int) -> HTMLResponse:
    publisher = web(request).publisher
    article = publisher.article(article_id)
    return render(
        request, "versions.html", article=article, versions=publisher.store.versions(article_id)
    )


@router.get("/articles/{article_id}/versions/{number}", response_class=HTMLResponse)
def version_page(request: Request, article_id: int, number: int) -> HTMLResponse:
    publisher = web(request).publisher
    article = publisher.article(article_id)
    return article_page(request, article, publisher.version(article, number), thread=[])


@router.get("/articles/{article_id}/diff", response_class=HTMLResponse)
def diff_page(
    request: Request,
    article_id: int,
    from_: Annotated[int | None, Query(alias="from", ge=1)] = None,
    to: Annotated[int | None, Query(ge=1)] = None,
) -> HTMLResponse:
    publisher = web(request).publisher
    article = publisher.article(article_id)
    new = publisher.version(article, to or article.current_version)
    old = publisher.version(article, from_ or max(1, new.number - 1))
    return render(
        request, "diff.html", article=article, old=old, new=new, lines=diff_versions(old, new)
    )


@router.get("/articles/{article_id}/{slug}", response_class=HTMLResponse)
def article_by_slug(
    request: Request,
    article_id: int,
    slug: str,
    thread: Annotated[str, Query(max_length=200, pattern=r"^[0-9,]*$")] = "",
) -> Response:
    publisher = web(request).publisher
    article = publisher.article(article_id)
    if slug != article.slug:
        return RedirectResponse(article.url, status_code=308)
    return article_page(request, article, publisher.version(article), _thread(request, thread))


def _thread(request: Request, thread: str) -> list[tuple[Article, ArticleVersion]]:
    """The earlier questions of a follow-up thread, oldest first."""
    publisher = web(request).publisher
    ids = [int(i) for i in thread.split(",") if i.isdigit()][-web(request).serve.thread_max :]
    items = []
    for article_id in ids:
        found = publisher.store.article(article_id)
        if found is not None:
            items.append((found, publisher.version(found)))
    return items


def article_page(
    request: Request,
    article: Article,
    version: ArticleVersion,
    thread: list[tuple[Article, ArticleVersion]],
) -> HTMLResponse:
    ctx = web(request)
    user = current_user(request)
    staff = user is not None and user.role in STAFF_ROLES
    view = answer_view(version, ctx.serve.stale_guideline_years)
    disclaimer = {
        "professional": ctx.serve.disclaimer_professional,
        "patient": ctx.serve.disclaimer_patient,
        "student": ctx.serve.disclaimer_student,
    }[reader_audience(request).value]
    snapshot = ctx.publisher.index_snapshot()
    can_edit = staff and not (
        article.status == ReviewStatus.UNDER_REVIEW
        and article.claimed_by != user.username
        and user.role != Role.ADMIN
    )
    thread_ids = ",".join(str(a.id) for a, _ in thread) + ("," if thread else "") + str(article.id)
    return render(
        request,
        "article.html",
        article=article,
        version=version,
        view=view,
        thread=thread,
        thread_ids=thread_ids,
        disclaimer=disclaimer,
        latest=version.number == article.current_version,
        transitions=[t.value for t in allowed_transitions(article, user)] if staff else [],
        can_edit=can_edit and version.number == article.current_version,
        index_changed=snapshot != version.index_snapshot,
        audit=ctx.publisher.audit(article.id) if staff else [],
        safe_link=safe_link,
    )


@router.get("/sources/{doc_id:path}", response_class=HTMLResponse)
def source_page(
    request: Request,
    doc_id: str,
    start: Annotated[int | None, Query(ge=0)] = None,
    end: Annotated[int | None, Query(ge=0)] = None,
) -> HTMLResponse:
    document = web(request).publisher.document(doc_id)
    return render(
        request, "source.html", document=document, start=start, end=end,
        link=safe_link(document.url),
    )


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: Annotated[str, Query(max_length=300)] = "/") -> HTMLResponse:
    return render(request, "login.html", next=_local_path(next), error=None)


def _local_path(target: str) -> str:
    """Only same-site paths are followed after login (no open redirect)."""
    return target if target.startswith("/") and not target.startswith(("//", "/\\")) else "/"
