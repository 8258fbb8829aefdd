"""Text helpers of the stance judge and its topic-mismatch features.

Mismatch: a question naming "CTG" or "PD-L1" where the evidence only says "CAG" / "PD-1", or
"dominant" where it only says "recessive", is usually answered no.
"""

from __future__ import annotations

import re
from functools import lru_cache

from medcite.compose.judge import stance_lexicon as lx
from medcite.text import STOPWORDS, fold, folded_tokens, stem

_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")


def arabic(text: str) -> str:
    """'phase II' -> 'phase 2', so it matches the evidence's 'phase 2'."""
    return lx.ROMAN.sub(lambda m: f"{m.group(1)} {lx.ROMAN_DIGIT[m.group(2).lower()]}", text)


def fold_fast(text: str) -> str:
    """analysis.fold (plus roman numbering), with a fast path for plain ASCII text."""
    return arabic(_THOUSANDS.sub("", text.lower()) if text.isascii() else fold(text))


@lru_cache(maxsize=4096)
def terms(folded: str) -> frozenset[str]:
    """Stemmed content terms of already-folded text (folding is the slow part of analyze)."""
    return frozenset(stem(w) for w in folded_tokens(folded) if w not in STOPWORDS)


def mismatch(
    question: str,
    core: frozenset[str],
    tail: tuple[str, ...],
    entities: frozenset[str],
    texts: list[str],
) -> dict[str, float]:
    """How much of the question the evidence never mentions.

    A question naming "CTG" or "PD-L1" where the evidence only says "CAG" / "PD-1" is usually
    answered no.
    """
    seen: set[str] = set()
    words: set[str] = set()
    for t in texts:
        seen.update(terms(t))
        words.update(folded_tokens(t))
    q_words = set(folded_tokens(question))
    stems5 = {t[:5] for t in seen if len(t) >= 5}

    def absent(t: str) -> bool:  # "nucleus" is matched by "nuclear" (same first 5 letters)
        return t not in seen and (len(t) < 6 or t[:5] not in stems5)

    missing = [t for t in core if absent(t)]
    lost = [t for t in entities if t not in seen]
    return {
        "missing": len(missing) / len(core) if core else 0.0,
        "missing_tail": sum(map(absent, tail)) / len(tail) if tail else 0.0,
        "missing_ent": len(lost) / len(entities) if entities else 0.0,
        "opposite": _opposite(q_words, words),
        "prefix_swap": _prefix_swap(q_words, words),
    }


def _prefix_swap(question_words: set[str], words: set[str]) -> float:
    """1.0 when a question word is absent but a prefix variant is there (typical/atypical,
    syndromic/non-syndromic, akinesia/dyskinesia, hypo-/hyper-)."""
    by_end: dict[str, list[str]] = {}
    for u in words:
        by_end.setdefault(u[-6:], []).append(u)
    for w in question_words - words:
        if len(w) < 6 or not w.isalpha() or w in STOPWORDS:
            continue
        if any(_same_stem_other_prefix(w, u) for u in by_end.get(w[-6:], ())):
            return 1.0
    return 0.0


def _same_stem_other_prefix(w: str, u: str) -> bool:
    """w and u share a tail of 6+ letters and differ only in a short prefix (<= 5 letters)."""
    for cut in range(6):
        tail = w[cut:]
        if len(tail) < 6:
            break
        head = len(u) - len(tail)
        if 0 <= head <= 5 and u.endswith(tail) and u[:head] != w[:cut]:
            return True
    return False


def _opposite(question_words: set[str], words: set[str]) -> float:
    """1.0 when the question names one side of an opposite pair and the evidence only the other."""
    asked, said = _joined(question_words), _joined(words)
    for a, b in lx.OPPOSITE_PAIRS:
        for x, y in ((a, b), (b, a)):
            if _has(asked, x) and not _has(asked, y) and _has(said, y) and not _has(said, x):
                return 1.0
    return 0.0


def _joined(words: set[str]) -> str:
    return " " + " ".join(words) + " "


def _has(joined: str, pattern: str) -> bool:
    """Whole word ("=male") or word prefix ("activat") present in a _joined word list."""
    if pattern.startswith("="):
        return f" {pattern[1:]} " in joined
    return f" {pattern}" in joined
