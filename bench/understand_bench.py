"""Time question understanding: resource load, then understand() per question.

Questions: the first 300 BioASQ bodies plus every TREC LiveQA message.

    .venv/bin/python bench/understand_bench.py [--index PATH]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from lxml import etree

from medcite.compose.understand.understander import QuestionUnderstander
from medcite.config import Settings
from medcite.index.sqlite import SqliteStore


def questions(data_dir: Path, bioasq_count: int = 300) -> list[str]:
    bodies: list[str] = []
    for path in sorted((data_dir / "eval/bioasq").glob("*/*.json")):
        bodies += [q["body"] for q in json.loads(path.read_text())["questions"]]
    messages = [
        m.text or ""
        for path in sorted((data_dir / "eval/liveqa").glob("*.xml"))
        for m in etree.parse(str(path)).iter("MESSAGE")
    ]
    return bodies[:bioasq_count] + [m for m in messages if m.strip()]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--index", type=Path, default=Path.home() / ".medcite/index.sqlite")
    args = parser.parse_args()
    store = SqliteStore(args.index, read_only=True)
    started = time.perf_counter()
    understander = QuestionUnderstander(store.document_frequency)
    load_s = time.perf_counter() - started
    items = questions(Settings().data_dir)
    times = []
    for question in items:
        t = time.perf_counter()
        understander.understand(question)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    p95 = times[int(0.95 * (len(times) - 1))]
    print(
        f"load {load_s:.3f} s; {len(items)} questions; understand() p50 "
        f"{statistics.median(times):.2f} ms, p95 {p95:.2f} ms, max {times[-1]:.1f} ms"
    )


if __name__ == "__main__":
    main()
