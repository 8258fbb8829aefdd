"""Search: BM25 candidates from the store, reranked with query coverage and clinical priors."""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import dataclass

from medcite.config import RankSettings, Settings
from medcite.index.base import Candidate, LexicalQuery, Store
from medcite.models import (
    Document,
    PassageKind,
    SearchFilters,
    SearchHit,
    SearchIntent,
    SearchResult,
    SourceType,
)
from medcite.retrieve.abbreviations import load_lexicon
from medcite.retrieve.query import ParsedQuery, parse_query

_MAX_MATCH_TERMS = 24


@dataclass
class _Scored:
    candidate: Candidate
    score: float
    matched: list[str]


def idf(df: int, n: int) -> float:
    return math.log(1 + (n - df + 0.5) / (df + 0.5))


def select_match_terms(
    terms: list[str], df: dict[str, int], n: int, cfg: RankSettings
) -> list[str]:
    """Terms worth matching on: present in the index, and not so common they match everything."""
    present = sorted((t for t in terms if df.get(t, 0) > 0), key=lambda t: df[t])
    selective = [t for t in present if df[t] <= cfg.common_term_df * n]
    chosen = selective if len(selective) >= min(2, len(present)) else present[:3]
    return chosen[:_MAX_MATCH_TERMS]


def prior(doc: Document, passage_kind: PassageKind, intent: SearchIntent, cfg: RankSettings) -> float:
    """What users of clinical references expect to see first, as a small additive bonus."""
    bonus = 0.0
    if intent == SearchIntent.MANAGEMENT and doc.source_type == SourceType.GUIDELINE:
        bonus += cfg.guideline_prior * (1.0 if passage_kind == PassageKind.RECOMMENDATION else 0.5)
    if doc.source_type == SourceType.SYSTEMATIC_REVIEW:
        bonus += cfg.review_prior
    elif doc.source_type == SourceType.TRIAL:
        bonus += cfg.review_prior / 2
    if doc.year:
        bonus += cfg.recency_prior * min(max((doc.year - 1990) / 35, 0.0), 1.0)
    return bonus


class Searcher:
    """Holds a store and the lexicon; search() is safe to call with any user text."""

    def __init__(self, store: Store, settings: Settings | None = None) -> None:
        self.store = store
        self.settings = settings or Settings()
        self.lexicon = (
            load_lexicon(str(self.settings.abbreviations_dir))
            if self.settings.expand_abbreviations
            else None
        )

    def search(
        self,
        text: str,
        filters: SearchFilters | None = None,
        k: int | None = None,
        required: Sequence[Sequence[str]] = (),
    ) -> SearchResult:
        """Best passages for text; with required term groups, only passages having one of each."""
        started = time.perf_counter()
        filters = filters or SearchFilters()
        k = k or self.settings.top_k
        parsed = parse_query(text, self.lexicon, self.settings.max_query_chars)
        scored = self._rank(parsed, filters, required)
        hits = self._diversify(scored, k)
        return SearchResult(
            query=parsed.analysis,
            filters=filters,
            hits=hits,
            elapsed_ms=round((time.perf_counter() - started) * 1000, 2),
        )

    def _rank(
        self, parsed: ParsedQuery, filters: SearchFilters, required: Sequence[Sequence[str]] = ()
    ) -> list[tuple[_Scored, Document]]:
        cfg = self.settings.rank
        terms = parsed.analysis.terms
        phrase_terms = [t for p in parsed.phrases for t in p]
        df = self.store.document_frequency([*terms, *phrase_terms])
        n = max(self.store.passage_count(), 1)
        match_terms = select_match_terms(terms, df, n, cfg)
        query = LexicalQuery(
            terms=match_terms,
            phrases=[p for p in parsed.phrases if all(df.get(t, 0) for t in p)],
            column_weights=(cfg.title_weight, cfg.section_weight, cfg.body_weight),
            required=required,
        )
        candidates = self.store.match(query, filters, cfg.candidates)
        if not candidates:
            return []
        weights = {t: idf(df.get(t, 0), n) for t in terms if df.get(t, 0)}
        total = sum(weights.values()) or 1.0
        top = max(c.lexical_score for c in candidates) or 1.0
        docs = self.store.get_documents({c.passage.doc_id for c in candidates}, with_text=False)
        ranked = []
        for c in candidates:
            matched = [t for t in weights if t in c.terms]
            coverage = sum(weights[t] for t in matched) / total
            doc = docs[c.passage.doc_id]
            score = (
                c.lexical_score / top
                + cfg.coverage_weight * coverage
                + prior(doc, c.passage.kind, parsed.analysis.intent, cfg)
            )
            ranked.append((_Scored(c, score, matched), doc))
        ranked.sort(key=lambda pair: -pair[0].score)
        return ranked

    def _diversify(self, ranked: list[tuple[_Scored, Document]], k: int) -> list[SearchHit]:
        per_doc: dict[str, int] = {}
        hits: list[SearchHit] = []
        cap = self.settings.rank.max_passages_per_doc
        for s, doc in ranked:
            if per_doc.get(doc.id, 0) >= cap:
                continue
            per_doc[doc.id] = per_doc.get(doc.id, 0) + 1
            hits.append(
                SearchHit(
                    rank=len(hits) + 1,
                    score=round(s.score, 4),
                    passage=s.candidate.passage,
                    document=doc,
                    lexical_score=round(s.candidate.lexical_score, 4),
                    matched_terms=s.matched,
                )
            )
            if len(hits) == k:
                break
        return hits
