"""Snapshot of answers for a behaviour-preserving change: answer a fixed question sample and
write the answers (timings and creation time removed) as JSON lines, then diff two snapshots.

    .venv/bin/python bench/answer_snapshot.py write before.jsonl [--n 300]
    .venv/bin/python bench/answer_snapshot.py diff before.jsonl after.jsonl

Also prints the median and p95 answer latency of the run, so a restructuring commit can quote
latency before and after from the same sample.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

from medcite.config import Settings
from medcite.engine import Engine
from medcite.evaluate.datasets import load_questions


def sample_questions(data: Path, n: int) -> list[str]:
    pubmedqa = [q.text for q in load_questions(data / "eval" / "pubmedqa" / "pqal_dev.json")[1]]
    bioasq = [q.text for q in load_questions(data / "eval" / "bioasq")[1]]
    half = n // 2
    return pubmedqa[: n - half] + bioasq[:: max(1, len(bioasq) // half)][:half]


def _stable(answer_json: dict) -> dict:
    answer_json["metadata"].pop("timings_ms", None)
    answer_json["metadata"].pop("created_at", None)
    return answer_json


def write(path: Path, n: int) -> None:
    settings = Settings()
    questions = sample_questions(settings.data_dir, n)
    engine = Engine(settings)
    engine.ask(questions[0])  # warm-up
    times: list[float] = []
    with path.open("w") as out:
        for question in questions:
            for audience in ("clinician", "patient"):
                started = time.perf_counter()
                answer = engine.ask(question, audience=audience)
                times.append((time.perf_counter() - started) * 1000)
                out.write(json.dumps(_stable(answer.model_dump(mode="json"))) + "\n")
    times.sort()
    print(
        f"{len(times)} answers: p50 {statistics.median(times):.1f} ms, "
        f"p95 {times[int(0.95 * len(times))]:.1f} ms"
    )


def diff(before: Path, after: Path) -> int:
    old = before.read_text().splitlines()
    new = after.read_text().splitlines()
    changed = [i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b]
    print(f"{len(old)} vs {len(new)} answers; {len(changed)} differ")
    for i in changed[:5]:
        print("  -", json.loads(old[i])["question"])
    return 1 if changed or len(old) != len(new) else 0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=["write", "diff"])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--n", type=int, default=300)
    args = parser.parse_args()
    if args.command == "write":
        write(args.files[0], args.n)
    else:
        sys.exit(diff(args.files[0], args.files[1]))


if __name__ == "__main__":
    main()
