import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from medcite.config import Settings
from medcite.index.sqlite import SqliteStore
from medcite.ingest.ngc import NgcLoader
from medcite.ingest.pipeline import ingest
from tests.conftest import MEDQUAD, NGC, SAMPLE_NGC


def _counts(db: Path) -> tuple[int, int, int, int]:
    con = sqlite3.connect(db)
    try:
        docs = con.execute("SELECT count(*) FROM documents").fetchone()[0]
        passages = con.execute("SELECT count(*) FROM passages").fetchone()[0]
        fts = con.execute("SELECT count(*) FROM passage_fts").fetchone()[0]
        empty = con.execute(
            "SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM passages p WHERE p.doc_id = d.id)"
        ).fetchone()[0]
    finally:
        con.close()
    return docs, passages, fts, empty


def test_second_run_adds_nothing(tmp_path: Path) -> None:
    settings = Settings(index_path=tmp_path / "i.sqlite")
    files = [NGC / n for n in SAMPLE_NGC]
    with SqliteStore(settings.index_path) as store:
        first = ingest(files, store, settings)
        snapshot = store.snapshot_id()
        second = ingest(files, store, settings)
        assert store.snapshot_id() == snapshot
    assert first.documents_added == len(files) and first.files_ingested == len(files)
    assert second.files_unchanged == len(files)
    assert second.documents_added == second.files_ingested == 0


def test_a_corrupt_file_among_good_ones_is_reported_and_skipped(tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    good = (NGC / "ngc-10000.xml").read_bytes()
    (folder / "ngc-10000.xml").write_bytes(good)
    (folder / "ngc-99999.xml").write_bytes(good[: len(good) // 2])  # truncated mid-file
    (folder / "notes.bin").write_bytes(b"\x00\x01\x02")
    (folder / "0000007.xml").write_bytes((MEDQUAD / "6_NINDS_QA" / "0000007.xml").read_bytes())
    settings = Settings(index_path=tmp_path / "i.sqlite")
    with SqliteStore(settings.index_path) as store:
        report = ingest([folder], store, settings)
        docs = store.get_documents(["ngc:10000", "ngc:99999", "medquad:NINDS:0000007-1"])
    assert [f.path for f in report.failures] == [str(folder / "ngc-99999.xml")]
    assert report.failures[0].reason.startswith("XML syntax error")
    assert report.files_unsupported == [str(folder / "notes.bin")]
    assert set(docs) == {"ngc:10000", "medquad:NINDS:0000007-1"}


def test_missing_path_is_reported(tmp_path: Path) -> None:
    settings = Settings(index_path=tmp_path / "i.sqlite")
    with SqliteStore(settings.index_path) as store:
        report = ingest([tmp_path / "nope.xml"], store, settings)
    assert report.failures[0].reason == "no such file or folder"


def test_killed_ingest_resumes_without_duplicates_or_half_documents(tmp_path: Path) -> None:
    db = tmp_path / "killed.sqlite"
    files = sorted(NGC.glob("*.xml"))[:150]
    listing = tmp_path / "files.txt"
    listing.write_text("\n".join(map(str, files)))
    script = (
        "import sys; from pathlib import Path; from medcite.config import Settings;"
        "from medcite.index.sqlite import SqliteStore; from medcite.ingest.pipeline import ingest;"
        "s = Settings(index_path=Path(sys.argv[1]));"
        "ingest([Path(p) for p in Path(sys.argv[2]).read_text().split()], SqliteStore(s.index_path), s)"
    )
    proc = subprocess.Popen([sys.executable, "-c", script, str(db), str(listing)])
    deadline = time.time() + 120
    written = 0
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.2)
        try:
            con = sqlite3.connect(db, timeout=0.1)
            written = con.execute("SELECT count(*) FROM source_files").fetchone()[0]
            con.close()
        except sqlite3.Error:
            continue
        if written >= 10:
            os.kill(proc.pid, signal.SIGKILL)
            break
    proc.wait()
    assert 10 <= written < len(files), "the ingest should have been killed part-way"
    docs, passages, fts, empty = _counts(db)
    assert docs < len(files) and passages == fts and empty == 0

    settings = Settings(index_path=db)
    with SqliteStore(db) as store:
        report = ingest(files, store, settings)
    assert report.files_unchanged >= written
    assert report.documents_added + report.files_unchanged == len(files)
    docs, passages, fts, empty = _counts(db)
    assert docs == len(files) and passages == fts and empty == 0


def test_a_loader_revision_reads_its_files_again(tmp_path: Path, monkeypatch) -> None:
    # A release that changes what the NGC loader makes of a file must reach indexes built
    # before it: the file is unchanged, its record names the older revision.
    settings = Settings(index_path=tmp_path / "i.sqlite")
    files = [NGC / n for n in SAMPLE_NGC]
    with SqliteStore(settings.index_path) as store:
        ingest(files, store, settings)
        monkeypatch.setattr(NgcLoader, "revision", NgcLoader.revision + 1)
        again = ingest(files, store, settings)
        assert again.files_ingested == len(files) and again.files_unchanged == 0
        assert again.documents_unchanged == len(files)  # same text: nothing rewritten
        recorded = store.ingested_file(str(files[0].resolve()))
        assert recorded is not None and recorded.loader == f"ngc@{NgcLoader.revision}"
        assert ingest(files, store, settings).files_unchanged == len(files)
