"""Run one ingest in its own process (python -m tests.ingest.ingest_child DB LISTING [KILL_AT]).

LISTING is a file with one path per line. With KILL_AT, the process kills itself with SIGKILL
while the store inserts its KILL_AT-th document: in the middle of a transaction, which is what
a power cut or `kill -9` does at that moment.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

from medcite.config import Settings
from medcite.index.sqlite import SqliteStore
from medcite.ingest.pipeline import ingest


def kill_at_document(number: int) -> None:
    """Patch the store so that the process dies inserting its number-th document."""
    insert = SqliteStore._insert
    inserted = 0

    def dying_insert(conn: object, docs: list) -> None:
        nonlocal inserted
        if inserted + len(docs) >= number:
            insert(conn, docs[: number - inserted - 1])
            os.kill(os.getpid(), signal.SIGKILL)
        inserted += len(docs)
        insert(conn, docs)

    SqliteStore._insert = staticmethod(dying_insert)  # type: ignore[method-assign]


def main(argv: list[str]) -> None:
    db, listing = Path(argv[0]), Path(argv[1])
    if len(argv) > 2:
        kill_at_document(int(argv[2]))
    settings = Settings(index_path=db)
    with SqliteStore(db) as store:
        report = ingest([Path(p) for p in listing.read_text().splitlines()], store, settings)
    print(report.model_dump_json())


if __name__ == "__main__":
    main(sys.argv[1:])
