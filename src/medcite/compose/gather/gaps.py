"""Evidence gaps: what the question combines that no indexed source mentions together, each
statement backed by a search that required the whole combination."""

from __future__ import annotations

from medcite.compose.understand.concepts import QuestionConcepts
from medcite.index.base import LexicalQuery
from medcite.models import EvidenceGap, EvidenceSearch, SearchFilters
from medcite.retrieve.searcher import Searcher


def combination_gaps(
    searcher: Searcher,
    concepts: QuestionConcepts,
    log: list[EvidenceSearch],
    max_words: int = 6,
    core: frozenset[str] | None = None,
) -> list[EvidenceGap]:
    """Evidence-gap statements, each backed by a search that required the whole combination.

    With `core` (lower-case words of the drugs, routes and condition asked about), only the
    concepts holding them make the combination: patient details and history do not.
    """
    combined = [c for c in concepts.concepts if any(w.specific for w in c.words)]
    if core:
        anchor = concepts.anchor
        combined = [
            c
            for c in combined
            if core & {w.surface.lower() for w in c.words} or (anchor and anchor in c.words)
        ]
    # Of those concepts, the words asked about ("birth", not "looks likely" after it)
    words = list(
        {
            w.terms[0]: w
            for c in combined
            for w in c.words
            if w.specific and (not core or w.surface.lower() in core or w is concepts.anchor)
        }.values()
    )
    words = words[:max_words]
    if len(combined) < 2 or len(words) < 2:
        return []
    groups = [w.terms for w in words]
    if _count(searcher, groups, log, "gap"):
        return []
    phrases = _join([c.surface for c in combined])
    searched = [t for g in groups for t in g]
    gaps = [
        EvidenceGap(text=f"No indexed source mentions {phrases} together.", searched_terms=searched)
    ]
    for i, word in enumerate(words if len(words) > 2 else []):
        others = groups[:i] + groups[i + 1 :]
        if _count(searcher, others, log, "gap"):
            rest = _join([w.surface for j, w in enumerate(words) if j != i])
            gaps.append(
                EvidenceGap(
                    text=f"Indexed sources discuss {rest}, but none of them mentions {word.surface!r}.",
                    searched_terms=searched,
                )
            )
    return gaps


def _count(
    searcher: Searcher, groups: list[list[str]], log: list[EvidenceSearch], purpose: str
) -> int:
    query = LexicalQuery(terms=[], required=groups)
    found = len(searcher.store.match(query, SearchFilters(), limit=3))
    label = " AND ".join("(" + " OR ".join(g) + ")" for g in groups)
    log.append(
        EvidenceSearch(
            purpose=purpose, query=label, terms=[t for g in groups for t in g], passages_found=found
        )
    )
    return found


def _join(items: list[str]) -> str:
    items = list(dict.fromkeys(items))
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
