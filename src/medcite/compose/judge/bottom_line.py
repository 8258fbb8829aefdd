"""The bottom line: a verdict for yes/no questions, or the best sentence for open questions.

The bottom line never depends on the audience: it is judged from the same evidence with the
same scoring for every reader (the writer changes words and order, not the verdict).

- Drugs taken together: the interaction table's severity and what guidelines say about the
  pair or its classes (`_combination_bottom_line`).
- Yes/no questions: applicable guideline recommendations on the subject
  (`recommendation_votes`); questions that guidelines don't cover, or that restate a study's
  title, go to the stance judge over research evidence.
- Open questions: the best on-topic sentence that gives the thing asked for (a treatment, an
  interval, an age, a dose); when none does, a note says the sources don't give it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from medcite.compose.gather.combination import Combination
from medcite.compose.gather.evidence import Evidence, EvidenceSentence, dedupe
from medcite.compose.gather.recommendations import GradeTable, recommendation_semantics
from medcite.compose.judge.recommendation_votes import (
    GuidelineVerdict,
    guideline_verdict,
    recommendation_votes,
)
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
from medcite.compose.write.sections import score
from medcite.config import ComposeSettings
from medcite.index.base import Store
from medcite.models import (
    Applicability,
    Audience,
    Intent,
    Note,
    NoteKind,
    RecommendationDirection,
    Understood,
    Verdict,
)
from medcite.text import analyze
from medcite.text.kinds import asked_for

D = RecommendationDirection

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
    notes: list[Note] = field(default_factory=list)
    directions: dict[int, RecommendationDirection] = field(default_factory=dict)  # by id()
    applicability: dict[int, Applicability] = field(default_factory=dict)  # by id()


@dataclass
class Judge:
    """What judging reads besides the evidence: the store, settings and fitted tables."""

    store: Store
    settings: ComposeSettings
    stance_model: StanceModel
    grade_table: GradeTable

    def bottom_line(
        self,
        evidence: Evidence,
        understood: Understood,
        combination: Combination | None,
        about_treatment: bool,
    ) -> BottomLineChoice:
        on_topic = [s for s in evidence.sentences if s.on_topic]
        if combination is not None:
            return self._combination(evidence, understood, combination, on_topic)
        question = understood.focus_question or evidence.question
        if is_yes_no_question(question) and (on_topic or relevant_studies(evidence)):
            return self._yes_no(evidence, understood, question, on_topic, about_treatment)
        if not on_topic:
            return BottomLineChoice(Verdict.ABSTAIN, [])
        return self._open(understood, question, on_topic, about_treatment)

    # -- yes/no ---------------------------------------------------------------------------------
    def _yes_no(
        self,
        evidence: Evidence,
        understood: Understood,
        question: str,
        on_topic: list[EvidenceSentence],
        about_treatment: bool,
    ) -> BottomLineChoice:
        if about_treatment and not _study_asked_about(
            evidence, self.settings.study_title_coverage
        ):
            guided = self._guidelines(evidence, understood, on_topic)
            if guided is not None:
                return guided
        return self._stance(evidence, question)

    def _guidelines(
        self, evidence: Evidence, understood: Understood, on_topic: list[EvidenceSentence]
    ) -> BottomLineChoice | None:
        votes = recommendation_votes(
            on_topic,
            self.grade_table,
            understood.patient,
            _subject(evidence),
            question_terms=affirmed_terms(understood.question),
        )
        found = guideline_verdict(
            votes,
            relevance_margin=self.settings.guideline_relevance_margin,
            title_terms=_TITLE_TERMS.get(understood.intent, frozenset()),
        )
        if found is None:
            return None
        choice = _from_guidelines(found)
        if choice.verdict == Verdict.YES and evidence.gaps:
            choice.verdict = Verdict.NOT_ESTABLISHED
            choice.notes.append(
                Note(
                    kind=NoteKind.NOT_GIVEN,
                    text="Guidelines recommend it in general, but no indexed source covers "
                    "the whole combination asked about (see Evidence gaps).",
                )
            )
        return choice

    def _stance(self, evidence: Evidence, question: str) -> BottomLineChoice:
        units = stance_units(evidence, self.store)
        if not units:
            return BottomLineChoice(Verdict.ABSTAIN, [])
        stance_evidence = [StanceEvidence(u.text, u.section, u.weight) for u in units]
        verdict = judge_stance(question, stance_evidence, self.stance_model)
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
        if kind == Verdict.YES and evidence.gaps:
            kind = Verdict.NOT_ESTABLISHED
        return BottomLineChoice(kind, chosen, verdict.score, extra)

    # -- open questions -------------------------------------------------------------------------
    def _open(
        self,
        understood: Understood,
        question: str,
        on_topic: list[EvidenceSentence],
        about_treatment: bool,
    ) -> BottomLineChoice:
        ranked = sorted(on_topic, key=lambda s: -score(s, Audience.CLINICIAN, about_treatment))
        best = dedupe(ranked, self.settings.duplicate_overlap)
        wanted = asked_for(understood.intent, question)
        if wanted is None:
            return BottomLineChoice(Verdict.ANSWER, best[:1])
        giving = [s for s in best if wanted.given_by(s.text) and s.has_anchor]
        giving = giving or [s for s in best if wanted.given_by(s.text)]
        if giving:
            return BottomLineChoice(Verdict.ANSWER, giving[:1])
        note = Note(
            kind=NoteKind.NOT_GIVEN,
            text=f"The indexed sources found do not state {wanted.label} for this question.",
        )
        return BottomLineChoice(Verdict.ANSWER, best[:1], notes=[note])

    # -- drugs taken together -------------------------------------------------------------------
    def _combination(
        self,
        evidence: Evidence,
        understood: Understood,
        combo: Combination,
        on_topic: list[EvidenceSentence],
    ) -> BottomLineChoice:
        against = [s for s in combo.text_sentences if self._direction(s) == D.AGAINST]
        table = combo.table_sentences if combo.findings else []  # pair rows, not a drug's list
        worst = combo.worst
        votes = recommendation_votes(
            on_topic,
            self.grade_table,
            understood.patient,
            _subject(evidence),
            question_terms=affirmed_terms(understood.question),
        )
        found = guideline_verdict(
            votes,
            relevance_margin=self.settings.guideline_relevance_margin,
            title_terms=_TITLE_TERMS.get(understood.intent, frozenset()),
        )
        if worst is not None and worst.rank == 0:  # a Major interaction
            verdict, quotes = Verdict.NO, against[:1] + table[:1]
        elif found is not None and found.verdict == Verdict.NO:
            return _from_guidelines(found, extra=table[:1])
        elif against:
            verdict, quotes = Verdict.NO, against[:1] + table[:1]
        elif table:
            verdict, quotes = Verdict.IT_DEPENDS, combo.text_sentences[:1] + table[:1]
        elif combo.text_sentences:
            verdict, quotes = Verdict.IT_DEPENDS, combo.text_sentences[:1]
        elif found is not None:
            choice = _from_guidelines(found)
            if choice.verdict == Verdict.YES:  # no evidence for the combination itself
                choice.verdict = Verdict.NOT_ESTABLISHED
            return choice
        else:
            verdict, quotes = Verdict.NOT_ESTABLISHED, []
        directions = {id(s): D.AGAINST for s in against}
        return BottomLineChoice(verdict, quotes, directions=directions)

    def _direction(self, s: EvidenceSentence) -> RecommendationDirection:
        return recommendation_semantics(s.text, None, table=self.grade_table).direction


_TITLE_TERMS = {
    Intent.SCREENING: frozenset(analyze("screening")),
    Intent.DOSING: frozenset(analyze("dosing")),
}
_NEGATED = re.compile(r"\b(?:no|not|without|never had|never|denies|free of)((?:\s+[\w-]+){1,3})", re.I)


def affirmed_terms(question: str) -> frozenset[str]:
    """The question's terms except those it denies ("without cardiovascular disease")."""
    denied = {t for m in _NEGATED.finditer(question) for t in analyze(m.group(1))}
    return frozenset(set(analyze(question)) - denied)


def _from_guidelines(
    found: GuidelineVerdict, extra: list[EvidenceSentence] | None = None
) -> BottomLineChoice:
    quotes = [v.sentence for v in found.votes]
    return BottomLineChoice(
        found.verdict,
        quotes + (extra or []),
        notes=list(found.notes),
        directions={id(v.sentence): v.direction for v in found.votes},
        applicability={id(v.sentence): v.applicability for v in found.votes},
    )


def _subject(evidence: Evidence) -> str | None:
    anchor = evidence.concepts.anchor
    return anchor.surface if anchor else None


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
