"""Ranking metrics over document ids (binary relevance)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from statistics import mean


def recall_at(ranked: Sequence[str], gold: set[str], k: int) -> float:
    return len(set(ranked[:k]) & gold) / len(gold) if gold else 0.0


def ndcg_at(ranked: Sequence[str], gold: set[str], k: int) -> float:
    dcg = sum(1 / math.log2(i + 2) for i, d in enumerate(ranked[:k]) if d in gold)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(len(gold), k)))
    return dcg / ideal if ideal else 0.0


def reciprocal_rank(ranked: Sequence[str], gold: set[str], k: int) -> float:
    return next((1 / (i + 1) for i, d in enumerate(ranked[:k]) if d in gold), 0.0)


def summarize(runs: list[tuple[list[str], set[str]]], k: int = 10) -> dict[str, float]:
    """Mean recall@k, nDCG@k and MRR@k over (ranked ids, gold ids) pairs with gold."""
    runs = [(r, g) for r, g in runs if g]
    if not runs:
        return {f"recall@{k}": 0.0, f"ndcg@{k}": 0.0, "mrr": 0.0, "hit@1": 0.0}
    return {
        f"recall@{k}": round(mean(recall_at(r, g, k) for r, g in runs), 4),
        f"ndcg@{k}": round(mean(ndcg_at(r, g, k) for r, g in runs), 4),
        "mrr": round(mean(reciprocal_rank(r, g, k) for r, g in runs), 4),
        "hit@1": round(mean(1.0 if r[:1] and r[0] in g else 0.0 for r, g in runs), 4),
    }
