"""Pathological ingest inputs: time and peak memory (RSS) of `ingest` on each.

Usage: .venv/bin/python bench/pathological_bench.py [--text-mb 200] [--workdir /tmp/medcite-patho]

Cases: a Markdown file whose one line holds 25k / 50k / 100k `[a](` pairs (super-linear link
patterns took 9 / 38 / 128 s), and a generated plain-text file of --text-mb megabytes (peaked at
1.9 GB). Each case runs in its own process (a fresh ingest into a scratch index), so its peak
RSS is its own. Generated text is fine here: these are stress inputs, not evidence.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

PAIRS = (25_000, 50_000, 100_000)
SENTENCES = (
    "Patients with chronic kidney disease should have their blood pressure checked at every visit.",
    "Metformin remains the first-line drug for most adults with type 2 diabetes.",
    "Hand hygiene before aseptic procedures reduces catheter-related bloodstream infections.",
    "Statin therapy lowers the risk of major vascular events in people at high risk.",
)


def write_markdown(path: Path, pairs: int) -> None:
    path.write_text("# Links\n\n" + "[a](" * pairs + "\n")


def write_text(path: Path, megabytes: int) -> None:
    paragraph = " ".join(SENTENCES * 3) + "\n"
    block = "\n".join([paragraph] * 64) + "\n"
    with path.open("w") as fh:
        written = 0
        while written < megabytes * 1_000_000:
            fh.write(block)
            written += len(block)


def run_case(path: Path, index: Path) -> dict[str, object]:
    """Ingest one file (in this process) and report time and peak RSS."""
    from medcite.config import Settings
    from medcite.index.sqlite import SqliteStore
    from medcite.ingest.pipeline import ingest

    settings = Settings(index_path=index)
    started = time.perf_counter()
    with SqliteStore(index) as store:
        report = ingest([path], store, settings)
    return {
        "file": path.name,
        "size_mb": round(path.stat().st_size / 1e6, 1),
        "seconds": round(time.perf_counter() - started, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "documents": report.documents_added,
        "passages": report.passages_added,
        "failures": [f.reason for f in report.failures],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--text-mb", type=int, default=200)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/medcite-patho"))
    parser.add_argument("--case", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.case:
        print(json.dumps(run_case(args.case, args.case.with_suffix(".sqlite"))))
        return
    args.workdir.mkdir(parents=True, exist_ok=True)
    cases = []
    for pairs in PAIRS:
        cases.append(args.workdir / f"links_{pairs}.md")
        write_markdown(cases[-1], pairs)
    cases.append(args.workdir / f"text_{args.text_mb}mb.txt")
    write_text(cases[-1], args.text_mb)
    for case in cases:
        case.with_suffix(".sqlite").unlink(missing_ok=True)
        done = subprocess.run(
            [sys.executable, __file__, "--case", str(case)],
            capture_output=True,
            text=True,
            check=True,
        )
        print(done.stdout.strip(), flush=True)
        case.unlink()
        for index in args.workdir.glob(case.stem + ".sqlite*"):
            index.unlink()


if __name__ == "__main__":
    main()
