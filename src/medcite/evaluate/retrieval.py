"""`medcite eval retrieval`: document recall@10, nDCG@10 and MRR of medcite vs a bm25s baseline."""

from __future__ import annotations

import time
from pathlib import Path
from statistics import median

from pydantic import BaseModel, Field

from medcite.config import Settings
from medcite.evaluate.baseline import Bm25sBaseline
from medcite.evaluate.datasets import load_questions
from medcite.evaluate.metrics import summarize
from medcite.evaluate.scratch import scratch_index
from medcite.retrieve.searcher import Searcher

K = 10


class SystemScores(BaseModel):
    metrics: dict[str, float]
    latency_ms_p50: float
    latency_ms_p95: float


class RetrievalReport(BaseModel):
    dataset: str = Field(description="'bioasq' or 'pubmedqa'")
    path: str
    questions: int
    gold_documents: int
    gold_indexed_share: float = Field(description="Share of gold documents present in the index.")
    systems: dict[str, SystemScores]
    snapshot: str
    elapsed_s: float


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] if ordered else 0.0


def _scores(runs: list[tuple[list[str], set[str]]], times: list[float]) -> SystemScores:
    return SystemScores(
        metrics=summarize(runs, K),
        latency_ms_p50=round(median(times), 2) if times else 0.0,
        latency_ms_p95=round(_p95(times), 2),
    )


def evaluate_retrieval(
    path: Path, settings: Settings | None = None, limit: int | None = None
) -> RetrievalReport:
    started = time.perf_counter()
    settings = settings or Settings()
    kind, questions = load_questions(path)
    questions = questions[:limit] if limit else questions
    doc_level = settings.model_copy(
        update={"rank": settings.rank.model_copy(update={"max_passages_per_doc": 1})}
    )
    with scratch_index(path, settings) as (store, _report):
        searcher = Searcher(store, doc_level)
        baseline = Bm25sBaseline(store)
        indexed = set(baseline.doc_keys)
        runs: dict[str, list[tuple[list[str], set[str]]]] = {"medcite": [], "bm25s": []}
        times: dict[str, list[float]] = {"medcite": [], "bm25s": []}
        for q in questions:
            t0 = time.perf_counter()
            hits = searcher.search(q.text, k=K).hits
            t1 = time.perf_counter()
            base = baseline.documents(q.text, K)
            t2 = time.perf_counter()
            runs["medcite"].append(([h.document.pmid or h.document.id for h in hits], q.gold_pmids))
            runs["bm25s"].append((base, q.gold_pmids))
            times["medcite"].append((t1 - t0) * 1000)
            times["bm25s"].append((t2 - t1) * 1000)
        snapshot = store.snapshot_id()
    gold = [g for q in questions for g in q.gold_pmids]
    return RetrievalReport(
        dataset=kind,
        path=str(path),
        questions=len(questions),
        gold_documents=len(gold),
        gold_indexed_share=round(sum(g in indexed for g in gold) / max(len(gold), 1), 4),
        systems={name: _scores(runs[name], times[name]) for name in runs},
        snapshot=snapshot,
        elapsed_s=round(time.perf_counter() - started, 1),
    )
