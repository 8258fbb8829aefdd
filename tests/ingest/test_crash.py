"""kill -9 during ingest, then resume: the index must equal one built by a clean ingest.

The kills land at seeded points: while the store inserts a given document (inside the BioASQ
and DDInter groups, whose documents merge several files, and anywhere), and after seeded
delays from outside. Same input, different hash seeds: the same index, snapshot id included.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from medcite.config import Settings
from medcite.index.sqlite import SqliteStore
from medcite.ingest.pipeline import ingest
from tests.ingest.real_subset import build_subset, dump_index

ROOT = Path(__file__).resolve().parents[2]
SEEDS = (11, 29)
KILL_DELAYS_S = (0.4, 2.0)


@pytest.fixture(scope="module")
def subset(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, object]]:
    """The listing of the real subset's paths, and the dump of a clean ingest of it."""
    root = tmp_path_factory.mktemp("crash")
    listing = root / "paths.txt"
    listing.write_text("\n".join(map(str, build_subset(root / "data"))))
    _run_child(root / "clean.sqlite", listing)
    return listing, dump_index(root / "clean.sqlite")


def _start(db: Path, listing: Path, *extra: str, hash_seed: str = "0") -> subprocess.Popen[bytes]:
    env = os.environ | {"PYTHONHASHSEED": hash_seed}
    command = [sys.executable, "-m", "tests.ingest.ingest_child", str(db), str(listing), *extra]
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )


def _run_child(
    db: Path, listing: Path, *extra: str, hash_seed: str = "0"
) -> subprocess.Popen[bytes]:
    return _wait(_start(db, listing, *extra, hash_seed=hash_seed))


def _wait(proc: subprocess.Popen[bytes]) -> subprocess.Popen[bytes]:
    _, err = proc.communicate(timeout=120)
    assert proc.returncode in (0, -signal.SIGKILL), err.decode()
    return proc


def _resume(db: Path, listing: Path) -> None:
    settings = Settings(index_path=db)
    with SqliteStore(db) as store:
        report = ingest(listing.read_text().splitlines(), store, settings)
    assert not report.failures, report.failures


def _kill_points(clean: dict[str, object]) -> list[int]:
    """Documents, counted in insertion order, at which to die: inside each merged group
    (BioASQ, then DDInter, after the NGC files and the MedQuAD files), and anywhere."""
    by_collection: dict[str, int] = {}
    for doc in clean["documents"].values():  # type: ignore[union-attr]
        by_collection[doc["collection"]] = by_collection.get(doc["collection"], 0) + 1
    ngc, bioasq, medquad = by_collection["ngc"], by_collection["bioasq"], by_collection["medquad"]
    ddinter, total = by_collection["ddinter"], sum(by_collection.values())
    points = []
    for seed in SEEDS:
        rng = random.Random(seed)
        points.append(ngc + rng.randint(1, bioasq))
        points.append(ngc + bioasq + medquad + rng.randint(1, ddinter))
        points.append(rng.randint(1, total))
    return points


def test_killed_inside_documents_then_resumed_equals_a_clean_ingest(
    subset: tuple[Path, dict[str, object]], tmp_path: Path
) -> None:
    listing, clean = subset
    for number, point in enumerate(_kill_points(clean)):
        db = tmp_path / f"killed-{number}.sqlite"
        proc = _run_child(db, listing, str(point))
        assert proc.returncode == -signal.SIGKILL, f"no kill at document {point}"
        partial = dump_index(db)
        assert partial["documents"] != clean["documents"]
        _resume(db, listing)
        assert dump_index(db) == clean, f"resumed after a kill at document {point}"


def test_killed_from_outside_twice_then_resumed_equals_a_clean_ingest(
    subset: tuple[Path, dict[str, object]], tmp_path: Path
) -> None:
    listing, clean = subset
    db = tmp_path / "killed.sqlite"
    for seed, delay in zip(SEEDS, KILL_DELAYS_S, strict=True):
        proc = _start(db, listing)
        time.sleep(delay * random.Random(seed).uniform(0.5, 1.0))
        proc.send_signal(signal.SIGKILL)
        _wait(proc)
    _resume(db, listing)
    assert dump_index(db) == clean


def test_pubmed_27799339_keeps_the_passages_of_both_its_files(
    subset: tuple[Path, dict[str, object]],
) -> None:
    _, clean = subset
    passages = [p for p in clean["passages"].values() if p["doc_id"] == "pubmed:27799339"]  # type: ignore[union-attr]
    assert len(passages) == 3


def test_same_files_give_the_same_index_whatever_the_hash_seed(
    subset: tuple[Path, dict[str, object]], tmp_path: Path
) -> None:
    listing, clean = subset
    for seed in ("1", "2", "3"):
        db = tmp_path / f"seed-{seed}.sqlite"
        _run_child(db, listing, hash_seed=seed)
        assert dump_index(db) == clean, f"PYTHONHASHSEED={seed}"
    titles = {d["id"]: d["title"] for d in clean["documents"].values()}  # type: ignore[union-attr]
    assert (
        titles["pubmed:29451369"] == "Discovery of Rogaratinib ( BAY 1163877): a pan-FGFR Inhibitor"
    )
