"""What the judge decides: the bottom-line choice (verdict, quoted sentences, notes, and the
direction and applicability read for each quote), with the leads medcite puts before it."""

from __future__ import annotations

from dataclasses import dataclass, field

from medcite.compose.gather.evidence import EvidenceSentence
from medcite.compose.judge.guideline_verdict import GuidelineVerdict
from medcite.models import (
    Applicability,
    Audience,
    Note,
    NoteKind,
    PassageKind,
    RecommendationDirection,
    Verdict,
)

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
    # Recommendations of the quoted guideline that are not for the patient described.
    not_for_patient: list[EvidenceSentence] = field(default_factory=list)


def nothing_on(
    subjects: list[str], yes_no: bool, found_elsewhere: bool = False
) -> BottomLineChoice:
    """No indexed evidence about what the question asks: say so, cite nothing."""
    named = " and ".join(subjects)
    text = (
        f"No indexed guideline or study addresses this question about {named}."
        if found_elsewhere
        else f"No indexed source mentions {named}."
    )
    verdict = Verdict.NOT_ESTABLISHED if yes_no else Verdict.ABSTAIN
    return BottomLineChoice(verdict, [], notes=[Note(kind=NoteKind.NOT_GIVEN, text=text)])


def allergic_to(drugs: list[str], allergies: list[str]) -> BottomLineChoice:
    """The patient is allergic to the drug asked about (or to its class): No, in medcite's own
    words; nothing quoted can make it safe."""
    text = (
        f"The patient is allergic to {' and '.join(allergies)}, and {' and '.join(drugs)} "
        f"{'is' if len(drugs) == 1 else 'are'} covered by that allergy: not to be given."
    )
    return BottomLineChoice(Verdict.NO, [], notes=[Note(kind=NoteKind.ALLERGY, text=text)])


def from_guidelines(
    found: GuidelineVerdict, extra: list[EvidenceSentence] | None = None
) -> BottomLineChoice:
    quotes = [v.sentence for v in found.votes]
    read = found.votes + found.not_for_patient
    return BottomLineChoice(
        found.verdict,
        quotes + (extra or []),
        notes=list(found.notes),
        directions={id(v.sentence): v.direction for v in read},
        applicability={id(v.sentence): v.applicability for v in read},
        not_for_patient=[v.sentence for v in found.not_for_patient],
    )


def whole_statements(
    choice: BottomLineChoice, pool: list[EvidenceSentence], max_sentences: int
) -> None:
    """Quote an individual-decision recommendation whole when it is short: a USPSTF C
    statement says for whom in its next sentence ("... should be an individual one. Women who
    place a higher value on the potential benefit ... may choose to begin biennial screening
    between the ages of 40 and 49 years.")."""
    out: list[EvidenceSentence] = []
    for quote in choice.sentences:
        out.append(quote)
        passage = quote.passage
        individual = choice.directions.get(id(quote)) == RecommendationDirection.INDIVIDUAL_DECISION
        if not (individual and passage.grade and passage.kind == PassageKind.RECOMMENDATION):
            continue
        statement = {s.start: s for s in pool if s.passage.id == passage.id}
        if len(statement) > max_sentences:
            continue
        taken = {s.start for s in choice.sentences + out}
        out += [
            s
            for start, s in sorted(statement.items())
            if start > quote.start and start not in taken
        ]
    choice.sentences = out
