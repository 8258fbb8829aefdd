"""The verdict from guideline recommendations: what applicable recommendations on the subject say.

Recommendations that do not apply to the patient described drop out (the first graded one of
the quoted guideline is kept to show why); when some apply for certain, the ones whose fit is
unknown drop out too (`judge.recommendation_votes`). Then each guideline counts once, by its
best-ranked recommendation:

- all for -> Yes; all against -> No; individual decision -> It depends; insufficient evidence
  -> Not established;
- one guideline whose recommendations differ by population the question doesn't pin down ->
  It depends (on who the patient is);
- guidelines that disagree -> It depends, naming who says what.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from medcite.compose.gather.evidence import EvidenceSentence, exact_terms
from medcite.compose.judge.recommendation_votes import D, Vote
from medcite.compose.understand.concepts import QuestionConcepts
from medcite.models import Applicability, Note, NoteKind, RecommendationDirection, Verdict
from medcite.text import analyze

VERDICT_OF = {
    D.FOR: Verdict.YES,
    D.AGAINST: Verdict.NO,
    D.INDIVIDUAL_DECISION: Verdict.IT_DEPENDS,
    D.INSUFFICIENT_EVIDENCE: Verdict.NOT_ESTABLISHED,
}
_SAYS = {
    D.FOR: "recommends it",
    D.AGAINST: "recommends against it",
    D.INDIVIDUAL_DECISION: "makes it an individual decision",
    D.INSUFFICIENT_EVIDENCE: "finds the evidence insufficient",
}


@dataclass
class GuidelineVerdict:
    verdict: Verdict
    votes: list[Vote]  # the recommendations quoted, best first
    notes: list[Note]
    # A graded recommendation of the guideline quoted first that is not for this patient
    # (the USPSTF's "quit within the past 15 years" for someone who quit 20 years ago).
    not_for_patient: list[Vote] = field(default_factory=list)


def guideline_verdict(
    votes: list[Vote],
    relevance: Callable[[EvidenceSentence], float],
    max_guidelines: int = 3,
    relevance_margin: float = 0.15,
    min_relevance: float = 0.0,
    first_choice: bool = False,
) -> GuidelineVerdict | None:
    """The verdict the applicable recommendations support, or None when none speaks.

    Guidelines are weighed by `relevance` (how squarely the guideline is about the question:
    its title naming the setting, the subject, what is asked, and the recommendation's
    coverage): only those close to the most relevant one count, so a referral guideline for
    symptomatic patients doesn't outvote the screening guideline. With `min_relevance`, a
    guideline less relevant than that does not speak at all. For a question about the first
    choice (`first_choice`), a guideline's statement that the alternatives are preferred is
    its position.
    """
    excluded = [v for v in votes if v.applicability == Applicability.DOES_NOT_APPLY]
    votes = [v for v in votes if v.applicability != Applicability.DOES_NOT_APPLY]
    if not votes:
        return None
    found = _guideline_verdict(
        votes, relevance, relevance_margin, max_guidelines, min_relevance, first_choice
    )
    if found is not None:
        found.not_for_patient = _not_for_patient(excluded, found)
    return found


def _not_for_patient(excluded: list[Vote], found: GuidelineVerdict) -> list[Vote]:
    """The first graded recommendation of the quoted guideline whose stated criteria the
    patient fails: it says why the guideline's main statement is not the answer."""
    quoted = {v.sentence.document.id for v in found.votes}
    return [
        v
        for v in excluded
        if v.sentence.document.id in quoted and v.criteria_stated and v.sentence.passage.grade
    ][:1]


def _guideline_verdict(
    votes: list[Vote],
    relevance: Callable[[EvidenceSentence], float],
    relevance_margin: float,
    max_guidelines: int,
    min_relevance: float,
    first_choice: bool,
) -> GuidelineVerdict | None:
    by_guideline: dict[str, list[Vote]] = {}
    for vote in votes:
        by_guideline.setdefault(vote.sentence.document.id, []).append(vote)

    def weight(group: list[Vote]) -> float:
        return max(relevance(v.sentence) for v in group)

    groups = sorted(by_guideline.values(), key=lambda g: -weight(g))
    best = weight(groups[0])
    if best < min_relevance:
        return None
    leading = [g for g in groups if weight(g) >= best - relevance_margin][:max_guidelines]
    first = leading[0]
    if _differs_by_population(first):
        return _depends_on_patient(first)
    chosen = [_position(group, first_choice) for group in leading]
    positions = [(vote, vote.direction) for vote in chosen]
    directions = list(dict.fromkeys(d for _, d in positions))
    if len(directions) == 1:
        # Guidelines agree: quote the one whose position is a graded statement, if any (a
        # USPSTF "D recommendation" says more than an unrated "is not recommended").
        quoted = max(
            (vote for vote, _ in positions), key=lambda v: v.sentence.passage.grade is not None
        )
        return GuidelineVerdict(VERDICT_OF[directions[0]], [quoted], [])
    return _conflict(positions)


def _differs_by_population(group: list[Vote]) -> bool:
    """Graded recommendations of one guideline for different patients (by age or risk), none
    of which the question's numbers pick out."""
    graded = [v for v in group if v.sentence.passage.grade and v.criteria_stated]
    return len({v.direction for v in graded}) > 1 and all(
        v.applicability == Applicability.UNKNOWN for v in graded
    )


def _position(group: list[Vote], first_choice: bool = False) -> Vote:
    """A guideline's position: its graded recommendation that covers most of the question
    (a graded statement is the guideline's own recommendation, not its rationale)."""
    return max(
        group,
        key=lambda v: (
            v.sentence.passage.grade is not None,
            first_choice and v.semantics.rule == "alternatives_preferred",
            v.criteria_met,  # the recommendation for this patient's age and risk, not anyone's
            v.semantics.rule in _STATEMENT_RULES,
            v.sentence.coverage,
            -v.sentence.start,
        ),
    )


# Wording rules of a guideline's own statement ("recommends", "selectively offer",
# "insufficient evidence"), as opposed to rationale ("may be beneficial", "is reasonable").
_STATEMENT_RULES = frozenset(
    [
        "recommend",
        "recommend_against",
        "strongly_recommend",
        "suggest",
        "offer",
        "individual_decision",
        "restricted_only",
        "insufficient_evidence",
        "no_recommendation",
        "not_recommended",
        "do_not",
        "avoid",
        "rather_than_subject",
        "alternatives_preferred",
    ]
)


# How much a guideline's title says it is about the question (it names the whole setting, the
# subject, what is asked), and how much of the question the recommendation covers.
TITLE_HAS_SETTING = 0.5
TITLE_HAS_SUBJECT = 0.3
TITLE_HAS_ASKED = 0.2
COVERAGE = 0.3


def title_relevance(
    concepts: QuestionConcepts, asked: frozenset[str]
) -> Callable[[EvidenceSentence], float]:
    """How squarely a recommendation's guideline is about the question (see the weights)."""

    def relevance(s: EvidenceSentence) -> float:
        title = exact_terms(s.document.title)
        anchor = concepts.anchor
        value = COVERAGE * s.context_coverage
        if concepts.names_setting(title):
            value += TITLE_HAS_SETTING
        if anchor is not None and anchor in concepts.matched_words(title):
            value += TITLE_HAS_SUBJECT
        if asked & set(analyze(s.document.title)):
            value += TITLE_HAS_ASKED
        return value

    return relevance


def _depends_on_patient(votes: list[Vote]) -> GuidelineVerdict:
    """One guideline, different advice for different patients: quote the first two positions."""
    graded = [v for v in votes if v.sentence.passage.grade and v.criteria_stated]
    chosen = [graded[0], next(v for v in graded if v.direction != graded[0].direction)]
    note = Note(
        kind=NoteKind.APPLICABILITY,
        text="The recommendation depends on the patient (for example age or risk); "
        "the question does not say enough to pick one.",
    )
    return GuidelineVerdict(Verdict.IT_DEPENDS, chosen, [note])


def _conflict(positions: list[tuple[Vote, RecommendationDirection]]) -> GuidelineVerdict:
    first_vote, first_direction = positions[0]
    other = next(v for v, d in positions if d != first_direction)
    said = "; ".join(_who_says(v) for v in (first_vote, other))
    note = Note(kind=NoteKind.CONFLICT, text=f"Guidelines differ: {said}.")
    return GuidelineVerdict(Verdict.IT_DEPENDS, [first_vote, other], [note])


def _who_says(vote: Vote) -> str:
    doc = vote.sentence.document
    who = doc.publisher.split(";")[0].split(" - ")[0].strip() if doc.publisher else doc.title
    year = f" ({doc.year})" if doc.year else ""
    return f"{who}{year} {_SAYS[vote.direction]}"
