"""The bottom line: a verdict for yes/no questions, or the best sentence for open questions."""

from __future__ import annotations

from dataclasses import dataclass, field

from medcite.compose.gather.evidence import Evidence, EvidenceSentence, dedupe
from medcite.compose.judge.stance import (
    Stance,
    StanceEvidence,
    StanceModel,
    is_yes_no_question,
    judge_stance,
)
from medcite.compose.judge.stance_evidence import (
    RESEARCH,
    StanceUnit,
    relevant_studies,
    stance_units,
)
from medcite.compose.write.sections import recommendation_polarity, score
from medcite.config import ComposeSettings
from medcite.index.base import Store
from medcite.models import Audience, Verdict
from medcite.text import analyze

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
    evidence: Evidence,
    store: Store,
    audience: Audience,
    question: str,
    about_treatment: bool,
    settings: ComposeSettings,
    stance_model: StanceModel,
) -> BottomLineChoice:
    on_topic = [s for s in evidence.sentences if s.on_topic]
    if is_yes_no_question(question) and (on_topic or relevant_studies(evidence)):
        return _stance_bottom_line(
            evidence, store, question, on_topic, about_treatment, settings, stance_model
        )
    if not on_topic:
        return BottomLineChoice(Verdict.ABSTAIN, [])
    ranked = sorted(on_topic, key=lambda s: -score(s, audience, about_treatment))
    best = dedupe(ranked, settings.duplicate_overlap)
    return BottomLineChoice(Verdict.ANSWER, best[:1])


def _stance_bottom_line(
    evidence: Evidence,
    store: Store,
    question: str,
    on_topic: list[EvidenceSentence],
    about_treatment: bool,
    settings: ComposeSettings,
    stance_model: StanceModel,
) -> BottomLineChoice:
    if (
        about_treatment
        and not _study_asked_about(evidence, settings.study_title_coverage)
        and (guided := _guideline_verdict(on_topic))
    ):
        return guided
    units = stance_units(evidence, store)
    if not units:
        return BottomLineChoice(Verdict.ABSTAIN, [])
    stance_evidence = [StanceEvidence(u.text, u.section, u.weight) for u in units]
    verdict = judge_stance(question, stance_evidence, stance_model)
    decisive = [units[i] for i in verdict.decisive if i < len(units)]
    chosen = _quotable([_best_quote(u) for u in decisive])
    chosen = chosen or _quotable([_best_quote(u) for u in units]) or [units[0].quotes[0]]
    extra = [q for u in units for q in u.quotes]
    if verdict.stance == Stance.YES:
        kind = Verdict.YES
    elif verdict.stance == Stance.NO:
        kind = Verdict.NO
    else:
        kind = Verdict.NOT_ESTABLISHED if evidence.gaps else Verdict.IT_DEPENDS
    return BottomLineChoice(kind, chosen, verdict.score, extra)


def _best_quote(unit: StanceUnit) -> EvidenceSentence:
    return max(unit.quotes, key=lambda s: (s.has_anchor, s.coverage))


def _quotable(sentences: list[EvidenceSentence]) -> list[EvidenceSentence]:
    """Up to two sentences fit to quote: naming the subject, or from a source about the question."""
    return [s for s in sentences if s.has_anchor or s.context_coverage >= 0.5][:2]


def _study_asked_about(evidence: Evidence, title_coverage: float) -> bool:
    """The question restates a study's title: that study's conclusion answers it, not guidelines."""
    return any(
        evidence.concepts.coverage(set(analyze(hit.document.title))) >= title_coverage
        for hit in evidence.hits[:3]
        if hit.document.source_type in RESEARCH
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
