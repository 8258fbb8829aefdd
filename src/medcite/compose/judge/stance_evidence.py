"""What the stance judge reads: units of evidence, weighted, each with sentences to quote.

A structured abstract answers through its conclusions (then its results). Without one
(BioASQ snippets, unlabelled abstracts) the best-ranked research passages that name the
question's subject stand in, whole, as annotators' snippets do; failing those, the sentences
that match the question best.
"""

from __future__ import annotations

from dataclasses import dataclass

from medcite.compose.gather.evidence import Evidence, EvidenceSentence, passage_sentences
from medcite.index.base import Store
from medcite.models import Document, SourceType
from medcite.text import analyze

STANCE_DOCS = 3
MAX_STANCE_SENTENCES = 24
MAX_PASSAGES = 5
MAX_MATCHING_SENTENCES = 5
MIN_STANCE_COVERAGE = 0.3
PRIMARY_SECTIONS = ("CONCLUSION", "INTERPRETATION", "SUMMARY", "IMPLICATION")
RESEARCH = (SourceType.RESEARCH, SourceType.TRIAL, SourceType.SYSTEMATIC_REVIEW)


@dataclass
class StanceUnit:
    text: str
    section: str
    weight: float
    quotes: list[EvidenceSentence]  # the unit's sentences, for citing it


def stance_units(evidence: Evidence, store: Store) -> list[StanceUnit]:
    top_ids = relevant_studies(evidence)[:STANCE_DOCS]
    docs = store.get_documents(top_ids, with_passages=True)
    studies = [docs[i] for i in top_ids]
    if studies and _structured(studies[0]):
        return [_sentence_unit(s, w) for s, w in _conclusions_first(evidence, studies)]
    passages = _subject_passages(evidence)
    if passages:
        return passages
    return [_sentence_unit(s, w) for s, w in _matching_sentences(evidence, studies)]


def _sentence_unit(s: EvidenceSentence, weight: float) -> StanceUnit:
    return StanceUnit(s.text, s.passage.section, weight, [s])


def _snippet_weight(rank: int) -> float:
    return 1.0 if rank < 3 else max(0.3, 1.0 - 0.1 * (rank - 2))


def _subject_passages(evidence: Evidence) -> list[StanceUnit]:
    """Research passages as retrieved, those naming the subject first."""
    anchor = evidence.concepts.anchor
    hits = [h for h in evidence.hits if h.document.source_type in RESEARCH]
    if anchor is not None:
        hits.sort(key=lambda h: not any(t in h.matched_terms for t in anchor.terms))
    by_passage: dict[str, list[EvidenceSentence]] = {}
    for sentence in evidence.sentences:  # already split while gathering the evidence
        by_passage.setdefault(sentence.passage.id, []).append(sentence)
    units: list[StanceUnit] = []
    seen: set[str] = set()
    for hit in hits:
        if hit.passage.text in seen:
            continue
        seen.add(hit.passage.text)
        quotes = by_passage.get(hit.passage.id, [])
        if quotes:
            units.append(StanceUnit(hit.passage.text, "", _snippet_weight(len(units)), quotes))
        if len(units) == MAX_PASSAGES:
            break
    return units


def _matching_sentences(
    evidence: Evidence, studies: list[Document]
) -> list[tuple[EvidenceSentence, float]]:
    pool = {(s.document.id, s.start): s for s in evidence.sentences}
    for position, doc in enumerate(studies):
        for passage in doc.passages:
            for s in passage_sentences(passage, doc, position + 1, evidence.concepts):
                pool.setdefault((s.document.id, s.start), s)
    matching = [s for s in pool.values() if s.coverage >= MIN_STANCE_COVERAGE]
    # Sentences naming the subject first: a "no" often shows as the subject with another property.
    matching.sort(key=lambda s: (not s.has_anchor, -round(s.coverage, 2), s.rank))
    best = _distinct_texts(matching)[:MAX_MATCHING_SENTENCES]
    return [(s, 1.0 if i < 3 else 0.7) for i, s in enumerate(best)]


def _structured(doc: Document) -> bool:
    return any(p.section.upper().startswith(PRIMARY_SECTIONS) for p in doc.passages)


def _conclusions_first(
    evidence: Evidence, studies: list[Document]
) -> list[tuple[EvidenceSentence, float]]:
    weighted: list[tuple[EvidenceSentence, float]] = []
    for position, doc in enumerate(studies):
        doc_weight = 1.0 / (1 + position)
        for passage in doc.passages:
            section = passage.section.upper()
            if section.startswith(PRIMARY_SECTIONS):
                factor = 1.0
            elif section.startswith("RESULT") or not _structured(doc):
                factor = 0.5
            else:
                continue
            for s in passage_sentences(passage, doc, position + 1, evidence.concepts):
                weighted.append((s, doc_weight * factor))
    weighted.sort(key=lambda pair: -pair[1])
    return weighted[:MAX_STANCE_SENTENCES]


def _distinct_texts(sentences: list[EvidenceSentence]) -> list[EvidenceSentence]:
    """Snippet collections repeat sentences with small differences in punctuation."""
    seen: set[str] = set()
    out = []
    for s in sentences:
        key = " ".join(analyze(s.text))
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out


def relevant_studies(evidence: Evidence) -> list[str]:
    """Research documents, best first, whose title or a sentence is about the question."""
    on_topic_docs = {s.document.id for s in evidence.sentences if s.on_topic}
    ids: list[str] = []
    for hit in evidence.hits:
        doc = hit.document
        if doc.source_type not in RESEARCH or doc.id in ids:
            continue
        if doc.id in on_topic_docs or evidence.concepts.coverage(set(analyze(doc.title))) >= 0.5:
            ids.append(doc.id)
    return ids
