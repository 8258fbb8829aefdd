"""The sources behind an urgent-care notice: each red flag names a document and the exact
sentence to cite (see medcite/data/red_flags.json)."""

from __future__ import annotations

import re

from medcite.compose.gather.evidence import EvidenceSentence
from medcite.index.base import Store
from medcite.models import RedFlagHit
from medcite.text import analyze

# Advice to act now ("call 911 right away") before advice to tell a provider.
_ACT_NOW = re.compile(r"\b(?:911|9-1-1|right away|immediate\w*|emergency)\b", re.I)


def red_flag_sources(hits: list[RedFlagHit], store: Store) -> list[EvidenceSentence]:
    """One citable sentence per red flag whose quote the index holds verbatim, those telling
    to act now first."""
    docs = store.get_documents({h.doc_id for h in hits}, with_passages=True)
    out: list[EvidenceSentence] = []
    seen: set[tuple[str, int]] = set()
    for hit in hits:
        doc = docs.get(hit.doc_id)
        start = doc.text.find(hit.quote) if doc else -1
        if doc is None or start < 0 or (doc.id, start) in seen:
            continue
        end = start + len(hit.quote)
        passage = next((p for p in doc.passages if p.start <= start and end <= p.end), None)
        if passage is None:
            continue
        seen.add((doc.id, start))
        out.append(
            EvidenceSentence(
                text=hit.quote,
                document=doc,
                passage=passage,
                start=start,
                end=end,
                rank=0,
                terms=set(analyze(hit.quote)),
                coverage=1.0,
                context_coverage=1.0,
                has_anchor=True,
                in_setting=True,
            )
        )
    return sorted(out, key=lambda s: not _ACT_NOW.search(s.text))
