"""Publishing: articles and their versions, the Medical Advisory Board review workflow,
accounts and sessions, and the audit log, stored in the index database (Alembic 0003)."""

from medcite.publish.accounts import Accounts, Session
from medcite.publish.models import (
    Article,
    ArticleVersion,
    AuditEntry,
    EditKind,
    PublishError,
    ReaderAudience,
    ReviewStatus,
    Role,
    Transition,
    User,
)
from medcite.publish.service import Publisher
from medcite.publish.store import PublishStore, open_publish_engine

__all__ = [
    "Accounts",
    "Article",
    "ArticleVersion",
    "AuditEntry",
    "EditKind",
    "PublishError",
    "PublishStore",
    "Publisher",
    "ReaderAudience",
    "ReviewStatus",
    "Role",
    "Session",
    "Transition",
    "User",
    "open_publish_engine",
]
