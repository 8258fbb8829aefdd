"""The source passage behind each claim span, captured when a version is made."""

from __future__ import annotations

from medcite.index.base import Store
from medcite.models import Answer
from medcite.publish.models import SpanSource, span_key


def span_sources(answer: Answer, store: Store) -> dict[str, SpanSource]:
    """Span key -> the passage it lies in, with the span's offsets inside the passage."""
    spans = [span for claim in answer.all_claims() for span in claim.spans]
    if not spans:
        return {}
    docs = store.get_documents({s.doc_id for s in spans}, with_passages=True)
    passages = {p.id: p for doc in docs.values() for p in doc.passages}
    sources: dict[str, SpanSource] = {}
    for span in spans:
        passage = passages.get(span.passage_id)
        if passage is None or not passage.start <= span.start <= span.end <= passage.end:
            continue
        sources[span_key(span.doc_id, span.start, span.end)] = SpanSource(
            doc_id=span.doc_id,
            passage_id=passage.id,
            section=passage.section,
            passage_text=passage.text,
            start=span.start - passage.start,
            end=span.end - passage.start,
            doc_start=span.start,
            doc_end=span.end,
        )
    return sources
