"""Relational schema of the publishing layer; it lives in the index database and is created by
Alembic revision 0003 (src/medcite/index/migrations/versions/0003_publish.py)."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("username", String, nullable=False, unique=True),
    Column("display_name", Text, nullable=False),
    Column("role", String, nullable=False),
    Column("password_hash", Text, nullable=False),
    Column("active", Boolean, nullable=False),
    Column("created_at", String, nullable=False),
)

sessions = Table(
    "sessions",
    metadata,
    Column("token_hash", String, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("csrf_token", String, nullable=False),
    Column("created_at", String, nullable=False),
    Column("expires_at", String, nullable=False),
    Index("ix_sessions_user_id", "user_id"),
)

articles = Table(
    "articles",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("question_key", Text, nullable=False),
    Column("audience", String, nullable=False),
    Column("question", Text, nullable=False),
    Column("context", Text),
    Column("slug", String, nullable=False),
    Column("status", String, nullable=False),
    Column("current_version", Integer, nullable=False),
    Column("claimed_by", String),
    Column("created_at", String, nullable=False),
    Column("updated_at", String, nullable=False),
    UniqueConstraint("question_key", "audience", name="uq_articles_question_audience"),
    Index("ix_articles_status", "status"),
)

article_versions = Table(
    "article_versions",
    metadata,
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("number", Integer, primary_key=True),
    Column("answer_json", Text, nullable=False),
    Column("sources_json", Text, nullable=False),
    Column("reviewer_notes_json", Text, nullable=False),
    Column("index_snapshot", String, nullable=False),
    Column("change", String, nullable=False),
    Column("summary", Text, nullable=False),
    Column("created_by", String),
    Column("created_at", String, nullable=False),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("version", Integer),
    Column("actor", String, nullable=False),
    Column("action", String, nullable=False),
    Column("from_status", String),
    Column("to_status", String),
    Column("comment", Text, nullable=False),
    Column("created_at", String, nullable=False),
    Index("ix_audit_log_article_id", "article_id"),
)
