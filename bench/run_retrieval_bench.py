"""Retrieval benchmark: full ingest time and index size, then retrieval quality and search latency
of medcite vs the bm25s baseline on the dev sets, measured in the same run.

    .venv/bin/python bench/run_retrieval_bench.py [--out bench/out]

Prints a JSON summary; paste it into bench/RESULTS.md with the command.
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import time
from pathlib import Path

from medcite.config import Settings
from medcite.evaluate.retrieval import evaluate_retrieval
from medcite.index.sqlite import SqliteStore
from medcite.ingest.pipeline import ingest


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=Path("bench/out"))
    args = parser.parse_args()
    shutil.rmtree(args.out, ignore_errors=True)
    settings = Settings(index_path=args.out / "index.sqlite")
    started = time.perf_counter()
    with SqliteStore(settings.index_path) as store:
        report = ingest(settings.default_sources(), store, settings)
        ingest_s = time.perf_counter() - started
        stats = store.stats()
    data = settings.data_dir / "eval"
    results = {
        "machine": f"{platform.machine()}, {platform.python_version()}",
        "ingest_s": round(ingest_s, 1),
        "ingest_failures": len(report.failures),
        "documents": stats["documents"],
        "passages": stats["passages"],
        "index_mb": round(stats["size_bytes"] / 2**20, 1),
    }
    for name, path in {
        "bioasq_all": data / "bioasq",
        "bioasq_task9_untuned": data / "bioasq" / "Task9BGoldenEnriched",
        "pubmedqa": data / "pubmedqa" / "pqal_dev.json",
    }.items():
        r = evaluate_retrieval(path, settings)
        results[name] = {
            "questions": r.questions,
            **{
                sys_name: {**s.metrics, "p50_ms": s.latency_ms_p50, "p95_ms": s.latency_ms_p95}
                for sys_name, s in r.systems.items()
            },
        }
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
