"""A small real corpus for whole-ingest tests, and a dump of an index to compare two of them.

The subset holds what makes ingest hard: BioASQ questions whose articles are cited from several
batch files (one document merged from several files, e.g. pubmed:27799339 from 7B1 and 9B5),
rows of two DDInter tables (drug documents merged across tables), and ordinary one-file
documents (NGC, MedQuAD, a JSONL file with bad lines).
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from medcite.ingest.bioasq import pmid_from_url
from tests.conftest import BIOASQ, DATA, MEDQUAD, NGC, SAMPLE_MEDQUAD, SAMPLE_NGC

JSONL_WITH_BAD_LINES = Path(__file__).parent / "fixtures" / "local_protocols.jsonl"

BIOASQ_FILES = (
    "Task7BGoldenEnriched/7B1_golden.json",
    "Task7BGoldenEnriched/7B3_golden.json",
    "Task9BGoldenEnriched/9B5_golden.json",
)
# Articles whose shortest titles tie in length (their order in a set varies with the hash seed):
# 26087256 is cited from 8B1 and 9B4, 29451369 and 30917684 from 8B3.
TIED_TITLE_QUESTIONS = {
    "Task8BGoldenEnriched/8B1_golden.json": (53,),
    "Task8BGoldenEnriched/8B3_golden.json": (19, 28),
    "Task9BGoldenEnriched/9B4_golden.json": (67,),
}
DDINTER_FILES = ("ddinter_downloads_code_B.csv", "ddinter_downloads_code_V.csv")
DDINTER_ROWS = 300
LEADING_QUESTIONS = 3


def _cited(question: dict) -> set[str]:
    return {
        pmid_from_url(str(s["document"]))
        for s in question.get("snippets") or []
        if isinstance(s, dict) and s.get("document")
    }


def write_bioasq_subset(folder: Path) -> list[Path]:
    """Each file's first questions plus every question citing an article another file cites,
    and the questions citing articles with tied titles."""
    batches = {name: json.loads((BIOASQ / name).read_text())["questions"] for name in BIOASQ_FILES}
    files_citing: dict[str, set[str]] = {}
    for name, questions in batches.items():
        for q in questions:
            for pmid in _cited(q):
                files_citing.setdefault(pmid, set()).add(name)
    shared = {pmid for pmid, names in files_citing.items() if len(names) > 1}
    written = []
    for name, questions in batches.items():
        keep = [q for i, q in enumerate(questions) if i < LEADING_QUESTIONS or _cited(q) & shared]
        target = folder / Path(name).name
        target.write_text(json.dumps({"questions": keep}))
        written.append(target)
    for name, numbers in TIED_TITLE_QUESTIONS.items():
        questions = json.loads((BIOASQ / name).read_text())["questions"]
        target = folder / Path(name).name
        target.write_text(json.dumps({"questions": [questions[i] for i in numbers]}))
        written.append(target)
    return written


def write_ddinter_subset(folder: Path) -> list[Path]:
    written = []
    for name in DDINTER_FILES:
        lines = (DATA / "lexicon" / "ddinter" / name).read_text().splitlines()
        target = folder / name
        target.write_text("\n".join(lines[: DDINTER_ROWS + 1]) + "\n")
        written.append(target)
    return written


def build_subset(root: Path) -> list[Path]:
    """Real files to ingest, in the order a user would give them."""
    (root / "bioasq").mkdir(parents=True)
    (root / "ddinter").mkdir()
    write_bioasq_subset(root / "bioasq")
    write_ddinter_subset(root / "ddinter")
    return [
        *(NGC / n for n in SAMPLE_NGC[:3]),
        root / "bioasq",
        *(MEDQUAD / n for n in SAMPLE_MEDQUAD[:3]),
        root / "ddinter",
        JSONL_WITH_BAD_LINES,
    ]


def dump_index(db: Path) -> dict[str, object]:
    """Everything a reader of the index sees, keyed so that row order does not matter."""
    con = sqlite3.connect(db)
    try:
        con.row_factory = sqlite3.Row
        documents = {r["id"]: dict(r) for r in con.execute("SELECT * FROM documents")}
        passages = {
            r["id"]: {k: v for k, v in dict(r).items() if k != "rowid"}
            for r in con.execute("SELECT * FROM passages")
        }
        indexed = {
            r["id"]: (r["title"], r["section"], r["body"])
            for r in con.execute(
                "SELECT p.id, f.title, f.section, f.body FROM passage_fts f"
                " JOIN passages p ON p.rowid = f.rowid"
            )
        }
        files = {
            r["path"]: (r["sha256"], r["loader"], r["documents"])
            for r in con.execute("SELECT * FROM source_files")
        }
        fts_rows = con.execute("SELECT count(*) FROM passage_fts").fetchone()[0]
        snapshot = con.execute("SELECT value FROM store_meta WHERE key = 'snapshot'").fetchone()
        con.execute("INSERT INTO passage_fts(passage_fts) VALUES ('integrity-check')")
    finally:
        con.close()
    return {
        "documents": documents,
        "passages": passages,
        "indexed": indexed,
        "fts_rows": fts_rows,
        "files": files,
        "snapshot": snapshot[0] if snapshot else None,
    }
