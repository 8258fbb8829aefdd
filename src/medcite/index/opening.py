"""What is at an index path, and whether this medcite may read or write it.

Nothing here writes. The file is looked at (type, size, SQLite header) and then through a
read-only SQLite connection (URI `mode=ro`) before any connection that could write exists, so
a foreign database, a text file or a zero-byte file is refused untouched.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from enum import StrEnum
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import URL, create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.pool import QueuePool

from medcite.index.migrate import known_revisions

SQLITE_HEADER = b"SQLite format 3\x00"
# Tables every medcite index has had since the first schema revision.
MEDCITE_TABLES = frozenset({"documents", "passages", "source_files", "store_meta"})
_FOREIGN_TABLES_SHOWN = 3
_SHARED_PRAGMAS = (
    "temp_store=MEMORY",
    "cache_size=-65536",
    "mmap_size=1073741824",
    "busy_timeout=10000",
)
_WRITER_PRAGMAS = ("journal_mode=WAL", "synchronous=NORMAL", "foreign_keys=ON")


class IndexProblem(StrEnum):
    """Why an index path cannot be used."""

    MISSING = "missing"
    NOT_A_FILE = "not_a_file"
    UNREADABLE = "unreadable"
    NOT_SQLITE = "not_sqlite"
    EMPTY = "empty"
    FOREIGN = "foreign"
    DAMAGED = "damaged"
    OLDER_SCHEMA = "older_schema"
    NEWER_SCHEMA = "newer_schema"
    READ_ONLY = "read_only"


class IndexOpenError(Exception):
    """The index path cannot be used; the message is one line that says what to do."""

    def __init__(self, problem: IndexProblem, message: str) -> None:
        super().__init__(message)
        self.problem = problem


def read_only_uri(path: Path) -> str:
    """SQLite URI that opens path read-only (special characters in the path are escaped)."""
    return f"file:{quote(str(path.resolve()))}?mode=ro"


def connect_read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(read_only_uri(path), uri=True, check_same_thread=False)


def _ingest_hint(path: Path) -> str:
    return f"`medcite ingest --index {path}`"


def _regular_file_size(path: Path) -> int | None:
    """Size of the file at path; None when nothing is there."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise IndexOpenError(
            IndexProblem.UNREADABLE, f"cannot open the index {path}: {exc.strerror}"
        ) from None
    if stat.S_ISDIR(info.st_mode):
        raise IndexOpenError(
            IndexProblem.NOT_A_FILE, f"{path} is a directory, not a medcite index file"
        )
    if not stat.S_ISREG(info.st_mode):
        raise IndexOpenError(
            IndexProblem.NOT_A_FILE, f"{path} is not a regular file, so not a medcite index"
        )
    return info.st_size


def _check_header(path: Path) -> None:
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise IndexOpenError(
            IndexProblem.UNREADABLE, f"cannot read the index {path}: {exc.strerror}"
        ) from None
    if header != SQLITE_HEADER:
        raise IndexOpenError(
            IndexProblem.NOT_SQLITE, f"{path} is not a medcite index (not an SQLite database)"
        )


def _tables_and_revisions(path: Path) -> tuple[set[str], list[str]]:
    try:
        conn = connect_read_only(path)
        try:
            tables = {
                row[0]
                for row in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')"
                )
            }
            revisions = (
                [row[0] for row in conn.execute("SELECT version_num FROM alembic_version")]
                if "alembic_version" in tables
                else []
            )
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise IndexOpenError(
            IndexProblem.UNREADABLE, f"cannot read the index {path}: {exc}"
        ) from None
    return tables, revisions


def index_revision(path: Path) -> str | None:
    """Schema revision of the medcite index at path; None when no index is there yet (no file,
    a zero-byte file or an SQLite database without tables).

    Raises IndexOpenError for anything else that is not a medcite index.
    """
    size = _regular_file_size(path)
    if not size:
        return None
    _check_header(path)
    tables, revisions = _tables_and_revisions(path)
    if not tables:
        return None
    if not tables >= MEDCITE_TABLES:
        shown = ", ".join(sorted(tables - {"alembic_version"})[:_FOREIGN_TABLES_SHOWN])
        raise IndexOpenError(
            IndexProblem.FOREIGN,
            f"{path} is an SQLite database but not a medcite index (it has tables {shown}, ...)",
        )
    if len(revisions) != 1:
        raise IndexOpenError(
            IndexProblem.DAMAGED,
            f"{path} has medcite tables but no schema revision (alembic_version), so it cannot "
            "be used safely: build a new index with `medcite ingest --index NEW_PATH`",
        )
    return revisions[0]


def _newer_schema(path: Path, revision: str, known: list[str]) -> IndexOpenError:
    return IndexOpenError(
        IndexProblem.NEWER_SCHEMA,
        f"{path} has schema revision {revision!r}, which this medcite does not know (it knows "
        f"up to {known[-1]!r}): it was built by a newer medcite; upgrade medcite to read it",
    )


def check_readable(path: Path) -> str:
    """The revision of the index at path, when this medcite can read it as it is; raises
    IndexOpenError otherwise (readers never create or migrate an index)."""
    revision = index_revision(path)
    known = known_revisions()
    if revision is None:
        if not path.exists():
            raise IndexOpenError(
                IndexProblem.MISSING, f"no index at {path}: build it with {_ingest_hint(path)}"
            )
        raise IndexOpenError(
            IndexProblem.EMPTY,
            f"{path} is empty, not a medcite index: build it with {_ingest_hint(path)}",
        )
    if revision not in known:
        raise _newer_schema(path, revision, known)
    if revision != known[-1]:
        raise IndexOpenError(
            IndexProblem.OLDER_SCHEMA,
            f"{path} has schema revision {revision!r}, older than this medcite's "
            f"{known[-1]!r}: upgrade it in place with {_ingest_hint(path)} (it migrates the "
            "schema first; files already in the index are skipped)",
        )
    return revision


def check_writable(path: Path) -> str | None:
    """The revision of the index at path (None: none yet) when `ingest` may create or migrate
    it; raises IndexOpenError for a foreign, newer or write-protected file."""
    revision = index_revision(path)
    known = known_revisions()
    if revision is not None and revision not in known:
        raise _newer_schema(path, revision, known)
    target = path if path.exists() else path.parent
    # Write bits all cleared means the user protected the file, even from root.
    protected = target.exists() and not (target.stat().st_mode & 0o222)
    if target.exists() and (protected or not os.access(target, os.W_OK)):
        raise IndexOpenError(
            IndexProblem.READ_ONLY,
            f"{target} is read-only: `medcite ingest` needs to write the index (search, ask, "
            "stats and eval only read it)",
        )
    return revision


def _run_pragmas(dbapi_connection: sqlite3.Connection, pragmas: tuple[str, ...]) -> None:
    cur = dbapi_connection.cursor()
    for pragma in pragmas:
        cur.execute(f"PRAGMA {pragma}")
    cur.close()


def _reader_setup(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    _run_pragmas(dbapi_connection, ("query_only=ON", *_SHARED_PRAGMAS))


def _writer_setup(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    _run_pragmas(dbapi_connection, (*_WRITER_PRAGMAS, *_SHARED_PRAGMAS))
    # SQLAlchemy's documented pysqlite recipe: the driver would otherwise commit before DDL,
    # so a failed migration could leave half a schema behind; BEGIN is emitted in _begin.
    dbapi_connection.isolation_level = None


def _begin(connection: object) -> None:
    connection.exec_driver_sql("BEGIN")  # type: ignore[attr-defined]


def read_only_engine(path: Path) -> Engine:
    """An engine whose connections cannot write the file (URI mode=ro, query_only)."""
    engine = create_engine(
        "sqlite://", creator=lambda: connect_read_only(path), poolclass=QueuePool
    )
    event.listen(engine, "connect", _reader_setup)
    return engine


def writer_engine(path: Path) -> Engine:
    """An engine for `ingest`: WAL journal, foreign keys, transactional DDL."""
    engine = create_engine(
        URL.create("sqlite", database=str(path)), connect_args={"check_same_thread": False}
    )
    event.listen(engine, "connect", _writer_setup)
    event.listen(engine, "begin", _begin)
    return engine
