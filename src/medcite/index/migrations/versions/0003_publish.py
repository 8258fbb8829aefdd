"""Publishing: users, sessions, articles, article versions and the review audit log (web app).

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("username", sa.String, nullable=False, unique=True),
        sa.Column("display_name", sa.Text, nullable=False),
        sa.Column("role", sa.String, nullable=False),
        sa.Column("password_hash", sa.Text, nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.String, nullable=False),
    )
    op.create_table(
        "sessions",
        sa.Column("token_hash", sa.String, primary_key=True),
        sa.Column(
            "user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("csrf_token", sa.String, nullable=False),
        sa.Column("created_at", sa.String, nullable=False),
        sa.Column("expires_at", sa.String, nullable=False),
    )
    op.create_index("ix_sessions_user_id", "sessions", ["user_id"])
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("question_key", sa.Text, nullable=False),
        sa.Column("audience", sa.String, nullable=False),
        sa.Column("question", sa.Text, nullable=False),
        sa.Column("context", sa.Text),
        sa.Column("slug", sa.String, nullable=False),
        sa.Column("status", sa.String, nullable=False),
        sa.Column("current_version", sa.Integer, nullable=False),
        sa.Column("claimed_by", sa.String),
        sa.Column("created_at", sa.String, nullable=False),
        sa.Column("updated_at", sa.String, nullable=False),
        sa.UniqueConstraint("question_key", "audience", name="uq_articles_question_audience"),
    )
    op.create_index("ix_articles_status", "articles", ["status"])
    op.create_table(
        "article_versions",
        sa.Column(
            "article_id",
            sa.Integer,
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("number", sa.Integer, primary_key=True),
        sa.Column("answer_json", sa.Text, nullable=False),
        sa.Column("sources_json", sa.Text, nullable=False),
        sa.Column("reviewer_notes_json", sa.Text, nullable=False),
        sa.Column("index_snapshot", sa.String, nullable=False),
        sa.Column("change", sa.String, nullable=False),
        sa.Column("summary", sa.Text, nullable=False),
        sa.Column("created_by", sa.String),
        sa.Column("created_at", sa.String, nullable=False),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "article_id",
            sa.Integer,
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("version", sa.Integer),
        sa.Column("actor", sa.String, nullable=False),
        sa.Column("action", sa.String, nullable=False),
        sa.Column("from_status", sa.String),
        sa.Column("to_status", sa.String),
        sa.Column("comment", sa.Text, nullable=False),
        sa.Column("created_at", sa.String, nullable=False),
    )
    op.create_index("ix_audit_log_article_id", "audit_log", ["article_id"])


def downgrade() -> None:
    op.drop_index("ix_audit_log_article_id", "audit_log")
    op.drop_table("audit_log")
    op.drop_table("article_versions")
    op.drop_index("ix_articles_status", "articles")
    op.drop_table("articles")
    op.drop_index("ix_sessions_user_id", "sessions")
    op.drop_table("sessions")
    op.drop_table("users")
