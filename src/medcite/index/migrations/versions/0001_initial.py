"""Initial schema: documents, passages, source files, store metadata and the FTS5 index.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("source_type", sa.String, nullable=False, index=True),
        sa.Column("collection", sa.String, nullable=False, index=True),
        sa.Column("publisher", sa.Text),
        sa.Column("journal", sa.Text),
        sa.Column("year", sa.Integer, index=True),
        sa.Column("url", sa.Text),
        sa.Column("pmid", sa.String, index=True),
        sa.Column("doi", sa.String),
        sa.Column("license", sa.Text),
        sa.Column("citation", sa.Text),
        sa.Column("extra", sa.JSON, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("sections", sa.JSON, nullable=False),
        sa.Column("content_hash", sa.String, nullable=False),
        sa.Column("source_path", sa.Text),
    )
    op.create_table(
        "passages",
        sa.Column("rowid", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("id", sa.String, nullable=False, unique=True),
        sa.Column(
            "doc_id", sa.String, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("ordinal", sa.Integer, nullable=False),
        sa.Column("section", sa.Text, nullable=False),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("grade", sa.Text),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
    )
    op.create_index("ix_passages_doc_id", "passages", ["doc_id"])
    op.create_table(
        "source_files",
        sa.Column("path", sa.Text, primary_key=True),
        sa.Column("sha256", sa.String, nullable=False),
        sa.Column("loader", sa.String, nullable=False),
        sa.Column("documents", sa.Integer, nullable=False),
        sa.Column("ingested_at", sa.String, nullable=False),
    )
    op.create_table(
        "store_meta",
        sa.Column("key", sa.String, primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    # Terms come pre-analyzed (medcite.text); the tokenizer only splits on spaces and keeps
    # decimal points inside numbers.
    op.execute(
        "CREATE VIRTUAL TABLE passage_fts USING fts5("
        "title, section, body, tokenize = \"unicode61 tokenchars '.'\")"
    )
    op.execute("CREATE VIRTUAL TABLE passage_vocab USING fts5vocab(passage_fts, 'row')")


def downgrade() -> None:
    op.execute("DROP TABLE passage_vocab")
    op.execute("DROP TABLE passage_fts")
    for table in ("store_meta", "source_files", "passages", "documents"):
        op.drop_table(table)
