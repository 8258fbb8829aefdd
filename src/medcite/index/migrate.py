"""Bring a store's schema to the latest Alembic revision (cheap when it already is).

Only writers migrate (`medcite ingest`); readers check the revision and refuse an index from
an older or newer schema (see medcite.index.opening).
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, inspect, text

MIGRATIONS = Path(__file__).parent / "migrations"


def _config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def known_revisions() -> list[str]:
    """Every schema revision this medcite can migrate from, oldest first (the last is head)."""
    script = ScriptDirectory.from_config(_config())
    return [r.revision for r in reversed(list(script.walk_revisions()))]


def head_revision() -> str:
    return ScriptDirectory.from_config(_config()).get_current_head() or ""


def upgrade(connection: Connection, head: str | None = None) -> None:
    """Run pending migrations; skip Alembic entirely when the store is already at head."""
    if inspect(connection).has_table("alembic_version"):
        current = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        if current == (head or head_revision()):
            return
    command.upgrade(_config(connection), "head")
