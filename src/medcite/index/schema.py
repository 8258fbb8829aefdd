"""Relational schema shared by every store backend (SQLite now, PostgreSQL next)."""

from __future__ import annotations

from sqlalchemy import JSON, Column, ForeignKey, Index, Integer, MetaData, String, Table, Text

metadata = MetaData()

documents = Table(
    "documents",
    metadata,
    Column("id", String, primary_key=True),
    Column("title", Text, nullable=False),
    Column("source_type", String, nullable=False, index=True),
    Column("collection", String, nullable=False, index=True),
    Column("publisher", Text),
    Column("journal", Text),
    Column("year", Integer, index=True),
    Column("url", Text),
    Column("pmid", String, index=True),
    Column("doi", String),
    Column("license", Text),
    Column("citation", Text),
    Column("extra", JSON, nullable=False),
    Column("text", Text, nullable=False),
    Column("sections", JSON, nullable=False),
    Column("content_hash", String, nullable=False),
    Column("source_path", Text),
)

passages = Table(
    "passages",
    metadata,
    Column("rowid", Integer, primary_key=True, autoincrement=True),
    Column("id", String, nullable=False, unique=True),
    Column("doc_id", String, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("ordinal", Integer, nullable=False),
    Column("section", Text, nullable=False),
    Column("kind", String, nullable=False),
    Column("grade", Text),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Index("ix_passages_doc_id", "doc_id"),
)

document_names = Table(
    "document_names",
    metadata,
    Column("name", Text, primary_key=True),
    Column("doc_id", String, ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("collection", String, nullable=False),
    Index("ix_document_names_doc_id", "doc_id"),
)

source_files = Table(
    "source_files",
    metadata,
    Column("path", Text, primary_key=True),
    Column("sha256", String, nullable=False),
    Column("loader", String, nullable=False),
    Column("documents", Integer, nullable=False),
    Column("ingested_at", String, nullable=False),
)

store_meta = Table(
    "store_meta",
    metadata,
    Column("key", String, primary_key=True),
    Column("value", Text, nullable=False),
)
