"""Patient pages are found by the name of their topic: MedQuAD pages declare their focus
("Stiff person syndrome") as document names, so a message naming it finds its pages.

Revision ID: 0004
Revises: 0003
"""

import json

import sqlalchemy as sa
from alembic import op

from medcite.ingest.medquad import focus_names

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, extra FROM documents WHERE collection = 'medquad'"))
    names = [
        {"name": name, "doc_id": doc_id, "collection": "medquad"}
        for doc_id, extra in rows
        for name in focus_names(str(_metadata(extra).get("focus") or ""))
    ]
    if names:
        conn.execute(
            sa.text(
                "INSERT INTO document_names (name, doc_id, collection) "
                "VALUES (:name, :doc_id, :collection) ON CONFLICT DO NOTHING"
            ),
            names,
        )


def _metadata(extra: object) -> dict[str, object]:
    """The JSON column comes back as text from SQLite and as a dict from PostgreSQL."""
    if isinstance(extra, dict):
        return extra
    return json.loads(str(extra)) if extra else {}


def downgrade() -> None:
    op.execute("DELETE FROM document_names WHERE collection = 'medquad'")
