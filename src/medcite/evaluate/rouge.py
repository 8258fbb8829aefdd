"""ROUGE-N F1 (Lin 2004) over lower-cased alphanumeric tokens, Porter-stemmed like rouge-score."""

from __future__ import annotations

import re
from collections import Counter

import Stemmer

_TOKEN = re.compile(r"[a-z0-9]+")
_porter = Stemmer.Stemmer("porter")


def tokens(text: str, stem: bool = True) -> list[str]:
    words = _TOKEN.findall(text.lower())
    return [_porter.stemWord(w) if stem and len(w) > 3 else w for w in words]


def ngrams(words: list[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(words[i : i + n]) for i in range(len(words) - n + 1))


def rouge_n(candidate: str, reference: str, n: int = 2, stem: bool = True) -> float:
    cand, ref = ngrams(tokens(candidate, stem), n), ngrams(tokens(reference, stem), n)
    overlap = sum((cand & ref).values())
    if not overlap:
        return 0.0
    precision = overlap / sum(cand.values())
    recall = overlap / sum(ref.values())
    return 2 * precision * recall / (precision + recall)


def best_rouge_n(candidate: str, references: list[str], n: int = 2) -> float:
    """Against several reference answers, the best match counts (BioASQ lists several)."""
    return max((rouge_n(candidate, r, n) for r in references), default=0.0)
