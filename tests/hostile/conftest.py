"""Hostile-input fixtures: a closed copy of the sample index and broken `--index` targets.

Every target sits alone in its own folder, so a test can check that reading it left both the
file (SHA-256) and the folder (names) exactly as they were.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from medcite.cli import app
from medcite.index.sqlite import SqliteStore


@dataclass(frozen=True)
class Target:
    """An --index path and what a read-only command must say about it."""

    name: str
    path: Path
    expected: str  # a phrase of the one-line error


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""


def snapshot(folder: Path) -> dict[str, str]:
    """Every name under folder with its file's SHA-256: what must not change."""
    return {str(p.relative_to(folder)): sha256(p) for p in sorted(folder.rglob("*"))}


def invoke(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


def assert_clean(result: Result, json_out: bool = False) -> None:
    """No traceback; success prints JSON when asked; failure is one `error:` line on stderr."""
    assert "Traceback" not in result.stdout + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    if result.exit_code == 0:
        if json_out:
            json.loads(result.stdout)
        return
    assert result.stdout == "", result.stdout[:200]
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr


def assert_error(result: Result, phrase: str) -> None:
    assert_clean(result)
    assert result.exit_code == 2, (result.exit_code, result.stderr)
    assert phrase in result.stderr, result.stderr


def _plain_copy(store: SqliteStore, destination: Path) -> Path:
    """A closed copy with a rollback journal, so a reader creates no -wal/-shm files."""
    store.copy_to(destination).close()
    conn = sqlite3.connect(destination)
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.close()
    return destination


def _set_revision(path: Path, revision: str | None) -> None:
    conn = sqlite3.connect(path)
    if revision is None:
        conn.execute("DROP TABLE alembic_version")
    else:
        conn.execute("UPDATE alembic_version SET version_num = ?", (revision,))
    conn.commit()
    conn.close()


@pytest.fixture(scope="session")
def hostile_index(sample_store: SqliteStore, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A valid index, closed, that read-only commands must leave byte-for-byte unchanged."""
    return _plain_copy(sample_store, tmp_path_factory.mktemp("hostile") / "index.sqlite")


@pytest.fixture(scope="session")
def broken_targets(
    sample_store: SqliteStore, tmp_path_factory: pytest.TempPathFactory
) -> list[Target]:
    root = tmp_path_factory.mktemp("targets")
    folders = {name: root / name for name in ("missing", "directory", "text", "zero", "foreign")}
    folders |= {name: root / name for name in ("newer", "older", "unversioned", "brackets")}
    for folder in folders.values():
        folder.mkdir()
    (folders["directory"] / "index.sqlite").mkdir()
    (folders["text"] / "index.sqlite").write_text("name,email\nalice,a@example.org\n")
    (folders["zero"] / "index.sqlite").write_bytes(b"")
    foreign = sqlite3.connect(folders["foreign"] / "index.sqlite")
    foreign.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    foreign.execute("INSERT INTO customers (name) VALUES ('Alice'), ('Bob')")
    foreign.commit()
    foreign.close()
    for name, revision in (("newer", "9999"), ("older", "0001"), ("unversioned", None)):
        copy = _plain_copy(sample_store, folders[name] / "index.sqlite")
        _set_revision(copy, revision)
    # An index as revision 0001 built it: before the document_names table.
    older = sqlite3.connect(folders["older"] / "index.sqlite")
    older.execute("DROP TABLE document_names")
    # Tables of later migrations (the publish tables of 0003) go too: an 0001 index lacks them.
    for table in ("audit_log", "article_versions", "articles", "sessions", "users"):
        older.execute(f"DROP TABLE IF EXISTS {table}")
    older.close()
    return [
        Target("missing", folders["missing"] / "index.sqlite", "no index at"),
        Target("directory", folders["directory"] / "index.sqlite", "is a directory"),
        Target("text file", folders["text"] / "index.sqlite", "not an SQLite database"),
        Target("zero-byte file", folders["zero"] / "index.sqlite", "is empty"),
        Target("foreign SQLite", folders["foreign"] / "index.sqlite", "not a medcite index"),
        Target("newer schema", folders["newer"] / "index.sqlite", "newer medcite"),
        Target("older schema", folders["older"] / "index.sqlite", "medcite ingest --index"),
        Target("no revision", folders["unversioned"] / "index.sqlite", "no schema revision"),
        Target("path with [/]", folders["brackets"] / "a[" / "]index.sqlite", "no index at"),
    ]
