"""The publishing tables through SQLAlchemy Core: one short transaction per call.

It writes the index database, so it needs a writable engine; the answer Engine keeps its own
read-only connection to the same file.
"""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import Connection, Engine, event, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from medcite.index.migrate import upgrade
from medcite.index.opening import IndexOpenError, IndexProblem, check_writable, writer_engine
from medcite.models import Answer, Audience
from medcite.publish import tables as t
from medcite.publish.models import (
    Article,
    ArticleVersion,
    AuditEntry,
    EditKind,
    ReviewerNote,
    ReviewStatus,
    Role,
    SpanSource,
    User,
)


def open_publish_engine(index_path: Path, busy_timeout_ms: int, migrate: bool = True) -> Engine:
    """A writable engine on the index file, its schema brought to head first (serve is a
    writer, like ingest). The index must exist: serve never creates an empty one."""
    revision = check_writable(index_path)
    if revision is None:
        raise IndexOpenError(
            IndexProblem.MISSING,
            f"no index at {index_path}: build it with `medcite ingest --index {index_path}`",
        )
    engine = writer_engine(index_path)

    def _busy_timeout(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")

    event.listen(engine, "connect", _busy_timeout)
    if migrate:
        with engine.begin() as conn:
            upgrade(conn)
    return engine


class DuplicateError(Exception):
    """A unique key (username, article question) is taken."""


class _StaleChange(Exception):
    """The article changed between reading and writing it; the transaction rolls back."""


class PublishStore:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # -- users and sessions -----------------------------------------------------------------
    def add_user(
        self, username: str, display_name: str, role: Role, password_hash: str, now: str
    ) -> User:
        values = {
            "username": username,
            "display_name": display_name,
            "role": role.value,
            "password_hash": password_hash,
            "active": True,
            "created_at": now,
        }
        try:
            with self.engine.begin() as conn:
                new_id = conn.execute(insert(t.users).values(**values)).inserted_primary_key[0]
        except IntegrityError:
            raise DuplicateError(f"user {username!r} exists") from None
        return User(id=new_id, **{k: v for k, v in values.items() if k != "password_hash"})

    def set_password(self, username: str, password_hash: str) -> bool:
        with self.engine.begin() as conn:
            result = conn.execute(
                update(t.users)
                .where(t.users.c.username == username)
                .values(password_hash=password_hash)
            )
            user_id = conn.execute(
                select(t.users.c.id).where(t.users.c.username == username)
            ).scalar()
            if user_id is not None:  # a new password ends every open session
                conn.execute(t.sessions.delete().where(t.sessions.c.user_id == user_id))
        return result.rowcount == 1

    def user_with_hash(self, username: str) -> tuple[User, str] | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(t.users).where(t.users.c.username == username)).first()
        if row is None:
            return None
        return _user(row._mapping), row.password_hash

    def users(self) -> list[User]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(t.users).order_by(t.users.c.username)).all()
        return [_user(r._mapping) for r in rows]

    def add_session(
        self, token_hash: str, user_id: int, csrf_token: str, now: str, expires_at: str
    ) -> None:
        with self.engine.begin() as conn:
            conn.execute(t.sessions.delete().where(t.sessions.c.expires_at < now))
            conn.execute(
                insert(t.sessions).values(
                    token_hash=token_hash,
                    user_id=user_id,
                    csrf_token=csrf_token,
                    created_at=now,
                    expires_at=expires_at,
                )
            )

    def session_user(self, token_hash: str, now: str) -> tuple[User, str] | None:
        """The active user of an unexpired session, and its CSRF token."""
        query = (
            select(t.users, t.sessions.c.csrf_token)
            .join(t.sessions, t.sessions.c.user_id == t.users.c.id)
            .where(t.sessions.c.token_hash == token_hash, t.sessions.c.expires_at > now)
            .where(t.users.c.active.is_(True))
        )
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        return (_user(row._mapping), row.csrf_token) if row else None

    def delete_session(self, token_hash: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(t.sessions.delete().where(t.sessions.c.token_hash == token_hash))

    # -- articles ---------------------------------------------------------------------------
    def find_article(self, key: str, audience: Audience) -> Article | None:
        a = t.articles
        with self.engine.connect() as conn:
            row = conn.execute(
                select(a).where(a.c.question_key == key, a.c.audience == audience.value)
            ).first()
        return _article(row._mapping) if row else None

    def article(self, article_id: int) -> Article | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(t.articles).where(t.articles.c.id == article_id)).first()
        return _article(row._mapping) if row else None

    def create_article(self, article: Article, version: ArticleVersion) -> Article:
        """Insert the article with its first version and audit entry, in one transaction."""
        values = article.model_dump(mode="json", exclude={"id"})
        try:
            with self.engine.begin() as conn:
                new_id = conn.execute(insert(t.articles).values(**values)).inserted_primary_key[0]
                stored = version.model_copy(update={"article_id": new_id})
                conn.execute(insert(t.article_versions).values(**_version_row(stored)))
                conn.execute(
                    insert(t.audit_log).values(
                        article_id=new_id,
                        version=1,
                        actor=version.created_by or "anonymous",
                        action=EditKind.CREATED.value,
                        from_status=None,
                        to_status=article.status.value,
                        comment="",
                        created_at=article.created_at,
                    )
                )
        except IntegrityError:
            raise DuplicateError(f"article {article.question_key!r} exists") from None
        return article.model_copy(update={"id": new_id})

    def save_change(
        self,
        article: Article,
        expected_status: ReviewStatus,
        audit: AuditEntry,
        version: ArticleVersion | None = None,
    ) -> bool:
        """Write the article's new state (and a new version) with its audit entry, only if
        nobody changed its status or version meanwhile; False when someone did."""
        try:
            with self.engine.begin() as conn:
                self._save_change(conn, article, expected_status, audit, version)
        except _StaleChange:
            return False
        return True

    @staticmethod
    def _save_change(
        conn: Connection,
        article: Article,
        expected_status: ReviewStatus,
        audit: AuditEntry,
        version: ArticleVersion | None,
    ) -> None:
        a = t.articles
        result = conn.execute(
            update(a)
            .where(
                a.c.id == article.id,
                a.c.status == expected_status.value,
                a.c.current_version
                == (version.number - 1 if version else article.current_version),
            )
            .values(
                status=article.status.value,
                current_version=article.current_version,
                claimed_by=article.claimed_by,
                updated_at=article.updated_at,
            )
        )
        if result.rowcount != 1:
            raise _StaleChange
        if version is not None:
            conn.execute(insert(t.article_versions).values(**_version_row(version)))
        conn.execute(
            insert(t.audit_log).values(**audit.model_dump(mode="json", exclude={"id"}))
        )

    def articles(
        self,
        query: str = "",
        status: ReviewStatus | None = None,
        statuses: list[ReviewStatus] | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> tuple[list[Article], int]:
        """Articles, newest change first, with the total count; query matches words of the
        question (all of them, in any order)."""
        a = t.articles
        conditions = []
        for word in query.split()[:8]:
            escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            conditions.append(
                or_(
                    a.c.question_key.like(f"%{escaped}%", escape="\\"),
                    a.c.question.like(f"%{escaped}%", escape="\\"),
                )
            )
        if status is not None:
            conditions.append(a.c.status == status.value)
        if statuses:
            conditions.append(a.c.status.in_([s.value for s in statuses]))
        with self.engine.connect() as conn:
            total = conn.execute(select(func.count()).select_from(a).where(*conditions)).scalar()
            rows = conn.execute(
                select(a)
                .where(*conditions)
                .order_by(a.c.updated_at.desc(), a.c.id.desc())
                .limit(limit)
                .offset(offset)
            ).all()
        return [_article(r._mapping) for r in rows], int(total or 0)

    def version(self, article_id: int, number: int) -> ArticleVersion | None:
        v = t.article_versions
        with self.engine.connect() as conn:
            row = conn.execute(
                select(v).where(v.c.article_id == article_id, v.c.number == number)
            ).first()
        return _version(row._mapping) if row else None

    def versions(self, article_id: int) -> list[ArticleVersion]:
        v = t.article_versions
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(v).where(v.c.article_id == article_id).order_by(v.c.number)
            ).all()
        return [_version(r._mapping) for r in rows]

    def audit(self, article_id: int) -> list[AuditEntry]:
        log = t.audit_log
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(log).where(log.c.article_id == article_id).order_by(log.c.id)
            ).all()
        return [AuditEntry.model_validate(dict(r._mapping)) for r in rows]

    def ping(self) -> None:
        with self.engine.connect() as conn:
            conn.execute(select(1))


def _user(row) -> User:  # type: ignore[no-untyped-def]
    return User.model_validate({k: row[k] for k in User.model_fields})


def _article(row) -> Article:  # type: ignore[no-untyped-def]
    return Article.model_validate(dict(row))


def _version_row(version: ArticleVersion) -> dict[str, object]:
    return {
        "article_id": version.article_id,
        "number": version.number,
        "answer_json": version.answer.model_dump_json(),
        "sources_json": json.dumps(
            {k: s.model_dump() for k, s in version.sources.items()}, ensure_ascii=False
        ),
        "reviewer_notes_json": json.dumps(
            [n.model_dump() for n in version.reviewer_notes], ensure_ascii=False
        ),
        "index_snapshot": version.index_snapshot,
        "change": version.change.value,
        "summary": version.summary,
        "created_by": version.created_by,
        "created_at": version.created_at,
    }


def _version(row) -> ArticleVersion:  # type: ignore[no-untyped-def]
    return ArticleVersion(
        article_id=row["article_id"],
        number=row["number"],
        answer=Answer.model_validate_json(row["answer_json"]),
        sources={k: SpanSource(**s) for k, s in json.loads(row["sources_json"]).items()},
        reviewer_notes=[ReviewerNote(**n) for n in json.loads(row["reviewer_notes_json"])],
        index_snapshot=row["index_snapshot"],
        change=EditKind(row["change"]),
        summary=row["summary"],
        created_by=row["created_by"],
        created_at=row["created_at"],
    )
