"""The bottom line: a verdict for yes/no questions, or the best sentence for open questions."""

from __future__ import annotations

from dataclasses import dataclass, field

from medcite.analysis import analyze
from medcite.compose.evidence import Evidence, EvidenceSentence, dedupe, passage_sentences
from medcite.compose.sections import recommendation_polarity, score
from medcite.compose.stance import Stance, StanceEvidence, is_yes_no_question, judge_stance
from medcite.index.base import Store
from medcite.models import Audience, Document, SourceType, Verdict
from medcite.retrieve.query import detect_intent

STANCE_DOCS = 3
MAX_STANCE_SENTENCES = 24
MAX_MATCHING_SENTENCES = 5
MIN_STANCE_COVERAGE = 0.3
STUDY_TITLE_COVERAGE = 0.8
_PRIMARY_SECTIONS = ("CONCLUSION", "INTERPRETATION", "SUMMARY", "IMPLICATION")
_RESEARCH = (SourceType.RESEARCH, SourceType.TRIAL, SourceType.SYSTEMATIC_REVIEW)

LEADS = {
    Audience.CLINICIAN: {
        Verdict.YES: "Yes",
        Verdict.NO: "No",
        Verdict.IT_DEPENDS: "It depends",
        Verdict.NOT_ESTABLISHED: "Not established by the indexed evidence",
        Verdict.ANSWER: "In short",
        Verdict.ABSTAIN: "No answer: nothing relevant to this question is indexed",
    },
    Audience.PATIENT: {
        Verdict.YES: "Yes",
        Verdict.NO: "No",
        Verdict.IT_DEPENDS: "It depends",
        Verdict.NOT_ESTABLISHED: "This is not known from the sources medcite has",
        Verdict.ANSWER: "In short",
        Verdict.ABSTAIN: "Sorry: medcite has no sources about this question",
    },
}


@dataclass
class BottomLineChoice:
    verdict: Verdict
    sentences: list[EvidenceSentence]
    stance_score: float | None = None
    extra: list[EvidenceSentence] = field(default_factory=list)  # read while judging


def choose_bottom_line(
    evidence: Evidence, store: Store, audience: Audience, question: str
) -> BottomLineChoice:
    on_topic = [s for s in evidence.sentences if s.on_topic]
    if is_yes_no_question(question) and (on_topic or _relevant_studies(evidence)):
        return _stance_bottom_line(evidence, store, question, on_topic)
    if not on_topic:
        return BottomLineChoice(Verdict.ABSTAIN, [])
    treatment = detect_intent(question) == "management"
    best = dedupe(sorted(on_topic, key=lambda s: -score(s, audience, treatment)))
    return BottomLineChoice(Verdict.ANSWER, _from_distinct_docs(best, 1))


def _stance_bottom_line(
    evidence: Evidence, store: Store, question: str, on_topic: list[EvidenceSentence]
) -> BottomLineChoice:
    treatment_question = detect_intent(question) == "management"
    if (
        treatment_question
        and not _study_asked_about(evidence)
        and (guided := _guideline_verdict(on_topic))
    ):
        return guided
    candidates = stance_sentences(evidence, store)
    if not candidates:
        return BottomLineChoice(Verdict.ABSTAIN, [])
    verdict = judge_stance(
        question, [StanceEvidence(s.text, s.passage.section, w) for s, w in candidates]
    )
    chosen = _quotable([candidates[i][0] for i in verdict.decisive if i < len(candidates)])
    chosen = chosen or _quotable([s for s, _ in candidates]) or [candidates[0][0]]
    extra = [s for s, _ in candidates]
    if verdict.stance == Stance.YES:
        kind = Verdict.YES
    elif verdict.stance == Stance.NO:
        kind = Verdict.NO
    else:
        kind = Verdict.NOT_ESTABLISHED if evidence.gaps else Verdict.IT_DEPENDS
    return BottomLineChoice(kind, chosen, verdict.score, extra)


def _quotable(sentences: list[EvidenceSentence]) -> list[EvidenceSentence]:
    """Up to two sentences fit to quote: naming the subject, or from a source about the question."""
    return [s for s in sentences if s.has_anchor or s.context_coverage >= 0.5][:2]


def _study_asked_about(evidence: Evidence) -> bool:
    """The question restates a study's title: that study's conclusion answers it, not guidelines."""
    return any(
        evidence.concepts.coverage(set(analyze(hit.document.title))) >= STUDY_TITLE_COVERAGE
        for hit in evidence.hits[:3]
        if hit.document.source_type in _RESEARCH
    )


def _guideline_verdict(on_topic: list[EvidenceSentence]) -> BottomLineChoice | None:
    """What guidelines recommend about the subject, in its setting, settles a "can/should" question."""
    votes = [
        (s, polarity)
        for s in sorted(on_topic, key=lambda s: s.rank)
        if s.has_anchor and s.in_setting and (polarity := recommendation_polarity(s))
    ]
    if not votes:
        return None
    balance = sum(p for _, p in votes)
    if balance == 0:
        return BottomLineChoice(
            Verdict.IT_DEPENDS, [votes[0][0], next(s for s, p in votes if p != votes[0][1])]
        )
    sign = 1 if balance > 0 else -1
    return BottomLineChoice(
        Verdict.YES if sign > 0 else Verdict.NO, [s for s, p in votes if p == sign][:2]
    )


def stance_sentences(evidence: Evidence, store: Store) -> list[tuple[EvidenceSentence, float]]:
    """Weighted evidence for the verdict.

    A structured abstract answers through its conclusions (then results); without one (snippets,
    unlabelled abstracts) the sentences that match the question best stand in for them.
    """
    top_ids = _relevant_studies(evidence)[:STANCE_DOCS]
    docs = store.get_documents(top_ids, with_passages=True)
    studies = [docs[i] for i in top_ids]
    if studies and _structured(studies[0]):
        return _conclusions_first(evidence, studies)
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
    return any(p.section.upper().startswith(_PRIMARY_SECTIONS) for p in doc.passages)


def _conclusions_first(
    evidence: Evidence, studies: list[Document]
) -> list[tuple[EvidenceSentence, float]]:
    weighted: list[tuple[EvidenceSentence, float]] = []
    for position, doc in enumerate(studies):
        doc_weight = 1.0 / (1 + position)
        for passage in doc.passages:
            section = passage.section.upper()
            if section.startswith(_PRIMARY_SECTIONS):
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


def _relevant_studies(evidence: Evidence) -> list[str]:
    """Research documents, best first, whose title or a sentence is about the question."""
    on_topic_docs = {s.document.id for s in evidence.sentences if s.on_topic}
    ids: list[str] = []
    for hit in evidence.hits:
        doc = hit.document
        if doc.source_type not in _RESEARCH or doc.id in ids:
            continue
        if doc.id in on_topic_docs or evidence.concepts.coverage(set(analyze(doc.title))) >= 0.5:
            ids.append(doc.id)
    return ids


def _from_distinct_docs(sentences: list[EvidenceSentence], n: int) -> list[EvidenceSentence]:
    picked: list[EvidenceSentence] = []
    for s in sentences:
        if all(p.document.id != s.document.id for p in picked):
            picked.append(s)
        if len(picked) == n:
            break
    return picked
