"""Data migrations bring an older index up to what a fresh ingest would have written."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from medcite.index.migrate import upgrade
from medcite.index.opening import check_readable, writer_engine
from medcite.index.sqlite import SqliteStore


def _medquad_names(path: Path) -> set[tuple[str, str]]:
    conn = sqlite3.connect(path)
    rows = conn.execute(
        "SELECT name, doc_id FROM document_names WHERE collection = 'medquad'"
    ).fetchall()
    conn.close()
    return set(rows)


def test_0004_gives_an_older_index_the_topic_names_of_its_patient_pages(
    sample_store: SqliteStore, tmp_path: Path
) -> None:
    path = tmp_path / "index.sqlite"
    sample_store.copy_to(path).close()
    ingested = _medquad_names(path)
    assert ("adult acut lymphoblast leukemia", "medquad:CancerGov:0000001_1-1") in ingested
    conn = sqlite3.connect(path)
    conn.execute("DELETE FROM document_names WHERE collection = 'medquad'")
    conn.execute("UPDATE alembic_version SET version_num = '0003'")
    conn.commit()
    conn.close()
    with writer_engine(path).begin() as connection:
        upgrade(connection)
    assert check_readable(path) == "0004"
    assert _medquad_names(path) == ingested
