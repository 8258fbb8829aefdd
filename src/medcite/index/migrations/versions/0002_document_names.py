"""Document names: a lookup from a name (e.g. a drug) to the documents that declare it.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "document_names",
        sa.Column("name", sa.Text, primary_key=True),
        sa.Column(
            "doc_id",
            sa.String,
            sa.ForeignKey("documents.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("collection", sa.String, nullable=False),
    )
    op.create_index("ix_document_names_doc_id", "document_names", ["doc_id"])


def downgrade() -> None:
    op.drop_index("ix_document_names_doc_id", "document_names")
    op.drop_table("document_names")
