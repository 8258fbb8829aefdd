"""Answer benchmark: quality (PubMedQA stance, BioASQ yes/no and ROUGE-2, integrity), warm and
cold answer latency, and serving memory, on the full default index, in one run.

    .venv/bin/python bench/run_answer_bench.py [--index bench/out/index.sqlite]

The index must exist (build it with `medcite ingest` or bench/run_retrieval_bench.py). Prints a
JSON summary; paste it into bench/RESULTS.md with the command.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from medcite.compose.composer import Composer
from medcite.config import Settings
from medcite.evaluate.answers import evaluate_bioasq, evaluate_pubmedqa
from medcite.evaluate.datasets import load_questions
from medcite.index.sqlite import SqliteStore
from medcite.retrieve.searcher import Searcher
from medcite.verify import check_answer

SEED = (
    "Can a patient with treatment-resistant depression take oral ketamine and IV ketamine "
    "at the same time?"
)


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 1)


def dev_questions(data: Path) -> list[str]:
    questions = [q.text for q in load_questions(data / "pubmedqa" / "pqal_dev.json")[1]]
    return questions + [q.text for q in load_questions(data / "bioasq")[1]]


def warm_latency_and_integrity(settings: Settings, questions: list[str]) -> dict[str, object]:
    """Answer every dev question for both audiences; plain search timed alongside as baseline."""
    searcher = Searcher(SqliteStore(settings.index_path, read_only=True), settings)
    composer = Composer(searcher)
    composer.answer(SEED)  # warm-up: lexicon, page cache
    answer_ms: list[float] = []
    search_ms: list[float] = []
    failures = 0
    for text in questions:
        t0 = time.perf_counter()
        searcher.search(text, k=10)
        search_ms.append((time.perf_counter() - t0) * 1000)
        for audience in ("clinician", "patient"):
            t1 = time.perf_counter()
            answer = composer.answer(text, audience=audience)
            answer_ms.append((time.perf_counter() - t1) * 1000)
            failures += not check_answer(answer, searcher.store).ok
    return {
        "questions": len(questions),
        "answers": len(answer_ms),
        "answer_p50_ms": _percentile(answer_ms, 0.5),
        "answer_p95_ms": _percentile(answer_ms, 0.95),
        "search_p50_ms": _percentile(search_ms, 0.5),
        "search_p95_ms": _percentile(search_ms, 0.95),
        "answer_over_search_p50": round(
            statistics.median(answer_ms) / statistics.median(search_ms), 2
        ),
        "integrity_all_checks": round(1 - failures / len(answer_ms), 4),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def cold_ask(index: Path, runs: int = 5) -> dict[str, float]:
    """Wall time of a fresh `medcite ask` process (interpreter start, imports, index open)."""
    medcite = Path(sys.executable).with_name("medcite")
    env = {**os.environ, "MEDCITE_INDEX": str(index)}
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run([str(medcite), "ask", SEED], env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - t0)
    return {
        "runs": runs,
        "median_s": round(statistics.median(times), 2),
        "max_s": round(max(times), 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--index", type=Path, default=Path("bench/out/index.sqlite"))
    args = parser.parse_args()
    if not args.index.exists():
        sys.exit(f"no index at {args.index}: run bench/run_retrieval_bench.py or `medcite ingest`")
    settings = Settings(index_path=args.index)
    data = settings.data_dir / "eval"
    results: dict[str, object] = {"machine": f"{platform.machine()}, {platform.python_version()}"}
    # First, so that peak RSS is the serving process's, before any evaluation copies.
    results["warm"] = warm_latency_and_integrity(settings, dev_questions(data))
    pubmedqa = evaluate_pubmedqa(data / "pubmedqa" / "pqal_dev.json", settings)
    results["pubmedqa"] = pubmedqa.model_dump(exclude={"path", "snapshot"})
    for name, path in {
        "bioasq_all": data / "bioasq",
        "bioasq_task9": data / "bioasq" / "Task9BGoldenEnriched",
    }.items():
        results[name] = evaluate_bioasq(path, settings).model_dump(exclude={"path", "snapshot"})
    results["cold_ask"] = cold_ask(args.index)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
