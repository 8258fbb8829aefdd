"""Web app benchmarks (not tests): serve ready time, a new answer through the API, a cached
article page, and 20 concurrent clients for 30 s on loopback.

Runs `medcite serve` as a real process on a scratch copy of the index (so the benchmark's
articles never land in your index), with the ask rate limit raised for the run.

    .venv/bin/python bench/web_bench.py                      # the default index
    .venv/bin/python bench/web_bench.py --index bench/out/index.sqlite --json
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

from medcite.config import Settings
from medcite.evaluate.datasets import load_questions
from medcite.index.sqlite import SqliteStore


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(index: Path, config: Path) -> tuple[subprocess.Popen, str, float]:
    """A `medcite serve` process; returns it, its URL and seconds until /api/health is 200."""
    port = _free_port()
    medcite = Path(sys.executable).parent / "medcite"
    started = time.perf_counter()
    process = subprocess.Popen(
        [str(medcite), "serve", "--index", str(index), "--port", str(port), "--config", str(config)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    while time.perf_counter() - started < 30:
        try:
            if httpx.get(f"{url}/api/health", timeout=1).status_code == 200:
                return process, url, time.perf_counter() - started
        except httpx.TransportError:
            time.sleep(0.02)
        if process.poll() is not None:
            raise SystemExit(f"serve exited: {process.stderr.read().decode() if process.stderr else ''}")
    process.kill()
    raise SystemExit("serve did not become ready in 30 s")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


def ready_times(index: Path, config: Path, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        process, _, seconds = start_server(index, config)
        times.append(seconds)
        stop(process)
    return times


def new_answers(url: str, questions: list[str]) -> tuple[list[float], list[str]]:
    """Latency of POST /api/ask for questions never asked before; the article URLs."""
    latencies, urls = [], []
    with httpx.Client(base_url=url, timeout=30) as client:
        for question in questions:
            started = time.perf_counter()
            response = client.post("/api/ask", json={"question": question})
            latencies.append((time.perf_counter() - started) * 1000)
            response.raise_for_status()
            assert response.json()["created"], question
            urls.append(response.json()["url"])
    return latencies, urls


def cached_pages(url: str, paths: list[str], rounds: int) -> list[float]:
    latencies = []
    with httpx.Client(base_url=url, timeout=30) as client:
        for _ in range(rounds):
            for path in paths:
                started = time.perf_counter()
                response = client.get(path)
                latencies.append((time.perf_counter() - started) * 1000)
                response.raise_for_status()
    return latencies


def concurrent_load(url: str, paths: list[str], questions: list[str], clients: int, seconds: float) -> dict:
    """Clients loop for `seconds`: article pages (80 %), the article list (10 %), asks of
    already-answered questions through the API (10 %). Any non-2xx or transport error counts."""
    deadline = time.perf_counter() + seconds
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()

    def run(seed: int) -> None:
        rng = random.Random(seed)
        mine, failed = [], []
        with httpx.Client(base_url=url, timeout=30) as client:
            while time.perf_counter() < deadline:
                pick = rng.random()
                started = time.perf_counter()
                try:
                    if pick < 0.8:
                        response = client.get(rng.choice(paths))
                    elif pick < 0.9:
                        response = client.get("/articles", params={"q": "depression"})
                    else:
                        response = client.post("/api/ask", json={"question": rng.choice(questions)})
                    if response.status_code >= 400:
                        failed.append(f"{response.status_code} {response.request.url}")
                except httpx.HTTPError as exc:
                    failed.append(f"{type(exc).__name__}: {exc}")
                mine.append((time.perf_counter() - started) * 1000)
        with lock:
            latencies.extend(mine)
            errors.extend(failed)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {
        "clients": clients,
        "seconds": seconds,
        "requests": len(latencies),
        "requests_per_s": round(len(latencies) / seconds, 1),
        "errors": len(errors),
        "error_samples": errors[:5],
        "p50_ms": round(_percentile(latencies, 0.5), 1),
        "p95_ms": round(_percentile(latencies, 0.95), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--index", type=Path, default=Settings().index_path)
    parser.add_argument("--questions", type=int, default=40, help="New answers timed.")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    data = Settings().data_dir / "eval" / "pubmedqa" / "pqal_dev.json"
    questions = [q.text for q in load_questions(data)[1]]
    random.Random(7).shuffle(questions)
    questions = questions[: args.questions]
    with tempfile.TemporaryDirectory(prefix="medcite-web-bench-") as tmp:
        scratch = Path(tmp) / "index.sqlite"
        with SqliteStore(args.index, read_only=True) as store:
            store.copy_to(scratch).close()
        config = Path(tmp) / "serve.toml"
        config.write_text("ask_per_minute = 100000\nask_burst = 100000\n", encoding="utf-8")
        ready = ready_times(scratch, config, runs=3)
        process, url, _ = start_server(scratch, config)
        try:
            httpx.post(f"{url}/api/ask", json={"question": "Is aspirin used after a stroke?"}, timeout=30)
            answer_ms, article_paths = new_answers(url, questions)
            page_ms = cached_pages(url, article_paths, rounds=5)
            load = concurrent_load(url, article_paths, questions, args.clients, args.seconds)
        finally:
            stop(process)
    result = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "index": str(args.index),
        "serve_ready_s": {"runs": [round(t, 2) for t in ready], "p50": round(statistics.median(ready), 2)},
        "new_answer_api_ms": {
            "n": len(answer_ms),
            "p50": round(_percentile(answer_ms, 0.5), 1),
            "p95": round(_percentile(answer_ms, 0.95), 1),
        },
        "cached_article_page_ms": {
            "n": len(page_ms),
            "p50": round(_percentile(page_ms, 0.5), 1),
            "p95": round(_percentile(page_ms, 0.95), 1),
        },
        "concurrent": load,
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"serve ready: p50 {result['serve_ready_s']['p50']} s {result['serve_ready_s']['runs']}")
    print(f"new answer via POST /api/ask: p50 {result['new_answer_api_ms']['p50']} ms, p95 {result['new_answer_api_ms']['p95']} ms (n={len(answer_ms)})")
    print(f"cached article page: p50 {result['cached_article_page_ms']['p50']} ms, p95 {result['cached_article_page_ms']['p95']} ms (n={len(page_ms)})")
    print(f"{load['clients']} clients x {load['seconds']:.0f} s: {load['requests']} requests ({load['requests_per_s']}/s), "
          f"{load['errors']} errors, p50 {load['p50_ms']} ms, p95 {load['p95_ms']} ms")


if __name__ == "__main__":
    main()
