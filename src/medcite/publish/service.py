"""Articles over the answer Engine: ask once per question, version every change, audit every
step. One Publisher per process; the Engine's single store connection is used under a lock."""

from __future__ import annotations

import threading

from medcite.engine import Engine
from medcite.index.base import Store
from medcite.models import Answer, Audience, Document
from medcite.publish.editing import fix_heading, strike_claim
from medcite.publish.keys import now_iso, question_key, slugify
from medcite.publish.models import (
    Article,
    ArticleVersion,
    AuditEntry,
    EditKind,
    PublishError,
    ReviewerNote,
    ReviewStatus,
    Transition,
    User,
)
from medcite.publish.provenance import span_sources
from medcite.publish.store import DuplicateError, PublishStore
from medcite.publish.workflow import after_edit, apply_transition, check_can_edit
from medcite.verify import check_answer

MAX_NOTE_CHARS = 2000


class Publisher:
    def __init__(self, store: PublishStore, engine: Engine, documents: Store | None = None) -> None:
        """documents: a second read-only store for page reads (snapshot id, source documents,
        integrity checks), so pages never wait for an answer being composed."""
        self.store = store
        self.engine = engine
        # Each Store holds one connection: its users take turns on it.
        self.engine_lock = threading.Lock()
        self.documents = documents or engine.store
        self.documents_lock = threading.Lock() if documents is not None else self.engine_lock

    def close(self) -> None:
        if self.documents is not self.engine.store:
            self.documents.close()
        self.engine.close()
        self.store.engine.dispose()

    # -- reading ----------------------------------------------------------------------------
    def index_snapshot(self) -> str:
        with self.documents_lock:
            return self.documents.snapshot_id()

    def document(self, doc_id: str) -> Document:
        """An indexed document with its passages (for the source page)."""
        with self.documents_lock:
            found = self.documents.get_documents([doc_id], with_passages=True).get(doc_id)
        if found is None:
            raise PublishError(f"no indexed document {doc_id!r}", 404)
        return found

    def article(self, article_id: int) -> Article:
        article = self.store.article(article_id)
        if article is None:
            raise PublishError(f"no article {article_id}", 404)
        return article

    def version(self, article: Article, number: int | None = None) -> ArticleVersion:
        found = self.store.version(article.id, number or article.current_version)
        if found is None:
            raise PublishError(f"article {article.id} has no version {number}", 404)
        return found

    # -- asking -----------------------------------------------------------------------------
    def existing(self, question: str, audience: Audience, context: str | None) -> Article | None:
        """The article already made for this question, if any (nothing is composed)."""
        return self.store.find_article(question_key(question, context), Audience(audience))

    def ask(
        self, question: str, audience: Audience, context: str | None, user: User | None
    ) -> tuple[Article, bool]:
        """The article for this question (True: composed now), existing or new."""
        audience = Audience(audience)
        key = question_key(question, context)
        if (found := self.store.find_article(key, audience)) is not None:
            return found, False
        answer, sources = self._compose(question, audience, context)
        now = now_iso()
        article = Article(
            id=0,
            slug=slugify(question),
            question=question,
            context=context or None,
            audience=audience,
            question_key=key,
            status=ReviewStatus.SUBMITTED,
            current_version=1,
            created_at=now,
            updated_at=now,
        )
        version = ArticleVersion(
            article_id=0,
            number=1,
            answer=answer,
            sources=sources,
            index_snapshot=answer.metadata.index_snapshot,
            change=EditKind.CREATED,
            summary="Composed from the index",
            created_by=user.username if user else None,
            created_at=now,
        )
        try:
            return self.store.create_article(article, version), True
        except DuplicateError:  # someone asked the same question a moment earlier
            found = self.store.find_article(key, audience)
            assert found is not None
            return found, False

    def _compose(
        self, question: str, audience: Audience, context: str | None
    ) -> tuple[Answer, dict]:
        with self.engine_lock:
            answer = self.engine.ask(question, audience=audience, context=context)
            return answer, span_sources(answer, self.engine.store)

    # -- review -----------------------------------------------------------------------------
    def transition(
        self, article_id: int, user: User | None, transition: Transition, comment: str = ""
    ) -> Article:
        article = self.article(article_id)
        changed, entry = apply_transition(article, user, Transition(transition), comment, now_iso())
        if not self.store.save_change(changed, article.status, entry):
            raise PublishError("the article changed meanwhile: reload and try again", 409)
        return changed

    def strike(self, article_id: int, user: User | None, address: str, comment: str = "") -> Article:
        article = self.article(article_id)
        editor = check_can_edit(article, user)
        current = self.version(article)
        answer, struck = strike_claim(current.answer, address)
        with self.documents_lock:
            report = check_answer(answer, self.documents)
        if not report.ok:
            raise PublishError("the edited answer fails its integrity checks: " + "; ".join(
                report.problems[:3]), 409)
        summary = f"Struck: “{_short(struck.text)}”"
        return self._new_version(
            article, editor, current, answer, EditKind.STRIKE_CLAIM, summary, comment
        )

    def fix_heading(self, article_id: int, user: User | None, section_key: str, heading: str) -> Article:
        article = self.article(article_id)
        editor = check_can_edit(article, user)
        current = self.version(article)
        answer, old = fix_heading(current.answer, section_key, heading)
        summary = f"Heading “{old}” → “{answer_heading(answer, section_key)}”"
        return self._new_version(article, editor, current, answer, EditKind.FIX_HEADING, summary, "")

    def add_note(self, article_id: int, user: User | None, text: str) -> Article:
        article = self.article(article_id)
        editor = check_can_edit(article, user)
        text = text.strip()
        if not 0 < len(text) <= MAX_NOTE_CHARS:
            raise PublishError(f"a note has 1 to {MAX_NOTE_CHARS} characters", 422)
        current = self.version(article)
        note = ReviewerNote(author=editor.display_name, text=text, created_at=now_iso())
        return self._new_version(
            article, editor, current, current.answer, EditKind.ADD_NOTE, "Reviewer note added",
            "", notes=[*current.reviewer_notes, note],
        )

    def regenerate(self, article_id: int, user: User | None) -> Article:
        article = self.article(article_id)
        editor = check_can_edit(article, user)
        current = self.version(article)
        answer, sources = self._compose(article.question, article.audience, article.context)
        if answer.metadata.index_snapshot == current.index_snapshot:
            raise PublishError("the index has not changed since this version was composed", 409)
        return self._new_version(
            article, editor, current, answer, EditKind.REGENERATE,
            f"Regenerated from index snapshot {answer.metadata.index_snapshot}", "",
            sources=sources, notes=[],
        )

    def _new_version(
        self,
        article: Article,
        user: User,
        current: ArticleVersion,
        answer: Answer,
        change: EditKind,
        summary: str,
        comment: str,
        sources: dict | None = None,
        notes: list[ReviewerNote] | None = None,
    ) -> Article:
        now = now_iso()
        changed, entry = after_edit(article, user, change.value, comment or summary, now)
        version = ArticleVersion(
            article_id=article.id,
            number=changed.current_version,
            answer=answer,
            sources=current.sources if sources is None else sources,
            reviewer_notes=current.reviewer_notes if notes is None else notes,
            index_snapshot=answer.metadata.index_snapshot,
            change=change,
            summary=summary,
            created_by=user.username,
            created_at=now,
        )
        if not self.store.save_change(changed, article.status, entry, version):
            raise PublishError("the article changed meanwhile: reload and try again", 409)
        return changed

    def audit(self, article_id: int) -> list[AuditEntry]:
        return self.store.audit(article_id)


def answer_heading(answer: Answer, key: str) -> str:
    return next((s.heading for s in answer.sections if s.key == key), key)


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
