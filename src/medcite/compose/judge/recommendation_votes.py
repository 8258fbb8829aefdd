"""The verdict from guideline recommendations: what applicable recommendations on the subject say.

Each recommendation sentence that names the question's subject in its setting gets a direction
and strength (its grade and wording, `gather.recommendations`) and an applicability (its
population criteria against the patient's numbers, `gather.applicability`). Recommendations
that do not apply to the patient described drop out; when some apply for certain, the ones
whose fit is unknown drop out too. Then each guideline counts once, by its best-ranked
recommendation:

- all for -> Yes; all against -> No; individual decision -> It depends; insufficient evidence
  -> Not established;
- one guideline whose recommendations differ by population the question doesn't pin down ->
  It depends (on who the patient is);
- guidelines that disagree -> It depends, naming who says what.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from medcite.compose.gather.applicability import applicability, applicability_details
from medcite.compose.gather.criteria import population_criteria
from medcite.compose.gather.evidence import EvidenceSentence, exact_terms
from medcite.compose.gather.recommendations import GradeTable, recommendation_semantics
from medcite.compose.judge.recommendation_scope import (
    FOR_SERVICES,
    PREFERRED,
    PRESUPPOSED,
    REPORTED,
    after_a_result,
    care_of_the_ill_for_healthy,
    for_other_subgroup,
    for_people_with,
    names_alternatives,
    other_risk_level,
    primary_for_affected,
    secondary_for_primary,
    symptomatic_for_asymptomatic,
    treats,
)
from medcite.compose.understand.concepts import QuestionConcepts
from medcite.models import (
    Applicability,
    Note,
    NoteKind,
    PassageKind,
    PatientFacts,
    RecommendationDirection,
    RecommendationSemantics,
    SourceType,
    Verdict,
)
from medcite.text import analyze
from medcite.text.kinds import for_other_patients, without_inclusions

D = RecommendationDirection
# A met age or risk criterion picks a recommendation out more than sex does ("women aged 40 to
# 49" over "women with dense breasts").
_CRITERION_WEIGHT = {"sex": 1, "pregnant": 1}
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
class Vote:
    """A recommendation sentence read for the verdict."""

    sentence: EvidenceSentence
    semantics: RecommendationSemantics
    applicability: Applicability
    matched: bool = False  # its population criteria were checked against the patient's numbers
    criteria_stated: bool = False  # it names who it is for (age, risk, sex, pregnancy, CKD)
    criteria_met: int = 0  # how many of its criteria the patient's numbers meet

    @property
    def direction(self) -> RecommendationDirection:
        return self.semantics.direction


@dataclass
class GuidelineVerdict:
    verdict: Verdict
    votes: list[Vote]  # the recommendations quoted, best first
    notes: list[Note]
    # A graded recommendation of the guideline quoted first that is not for this patient
    # (the USPSTF's "quit within the past 15 years" for someone who quit 20 years ago).
    not_for_patient: list[Vote] = field(default_factory=list)


def recommendation_votes(
    sentences: list[EvidenceSentence],
    table: GradeTable,
    facts: PatientFacts,
    subject: str | None,
    about_question: float = 0.75,
    question_terms: frozenset[str] = frozenset(),
    question_text: str = "",
    screened_for: frozenset[str] = frozenset(),
    condition_named: bool = True,
    subject_aliases: Sequence[frozenset[str]] = (),
) -> list[Vote]:
    """Directed recommendations on the subject, in its setting, that may apply to the patient;
    then those whose criteria the patient fails (applicability DOES_NOT_APPLY), last.

    A recommendation must name the subject, or come from a guideline whose title and heading
    with the sentence cover `about_question` of the question ("screening for thyroid
    dysfunction" answers "check TSH in adults without symptoms?"). A question naming no
    condition ("72-year-old on metformin ...") is taken to be about the people a guideline is
    for: "adults with type 2 diabetes" in "Type 2 diabetes in adults" is not another subgroup.
    """
    votes = []
    # "patients with opioid use disorder" is another subgroup for a question on opioids.
    subject_terms = frozenset(analyze(subject or ""))
    doc_rank: dict[str, int] = {}
    for s in sentences:
        doc_rank[s.document.id] = min(s.rank, doc_rank.get(s.document.id, s.rank))
    # Guidelines in retrieval order; within one, in reading order (its main statement first).
    for s in sorted(sentences, key=lambda s: (doc_rank[s.document.id], s.start)):
        if s.document.source_type != SourceType.GUIDELINE:
            continue
        if s.passage.kind != PassageKind.RECOMMENDATION or not s.in_setting:
            continue
        if not (
            s.has_anchor
            or s.context_coverage >= about_question
            or names_alternatives(s.text, subject)
        ):
            continue
        semantics = _about_subject(
            recommendation_semantics(
                s.text, s.passage.grade, s.document.publisher, table=table, subject=subject
            ),
            subject,
        )
        if semantics.direction == D.NONE or not _object_is_subject(
            semantics, s, subject, subject_aliases
        ):
            continue
        if REPORTED.search(s.text) or PRESUPPOSED.search(s.text) or FOR_SERVICES.match(s.text):
            continue
        # Only advice on the subject itself ("Stop metformin if ...") is taken to be for the
        # asker: "fibrates ... in type 2 diabetic patients who do not tolerate statins" is not.
        implied: frozenset[str] | set[str] = frozenset()
        if not condition_named and subject_terms <= set(analyze(semantics.object_phrase or "")):
            implied = exact_terms(s.document.title)
        if question_terms and for_other_subgroup(
            s.text, (question_terms - subject_terms) | implied
        ):
            continue
        if screened_for and (
            for_people_with(s.text, screened_for)
            or treats(semantics.object_phrase or "")
            or treats(s.text)  # "Additional treatment ... may be indicated"
            or after_a_result(s.text)
        ):
            continue  # care for people who have the condition or a result, not screening
        if other_risk_level(s.text, question_text):
            continue
        if question_text and for_other_patients(s.text, question_text, facts.age):
            continue
        if question_text and (
            secondary_for_primary(s, question_text) or primary_for_affected(s, question_text)
        ):
            continue
        if question_text and symptomatic_for_asymptomatic(s.text, question_text):
            continue
        if not condition_named and care_of_the_ill_for_healthy(s, question_text):
            continue
        criteria = population_criteria(without_inclusions(s.text), s.passage.section)
        fit = applicability(criteria, facts)
        matched = fit == Applicability.APPLIES and not criteria.is_empty()
        met = sum(
            _CRITERION_WEIGHT.get(name, 2)
            for name, r in applicability_details(criteria, facts).items()
            if r == Applicability.APPLIES
        )
        votes.append(Vote(s, semantics, fit, matched, not criteria.is_empty(), met))
    excluded = [v for v in votes if v.applicability == Applicability.DOES_NOT_APPLY]
    votes = [v for v in votes if v.applicability != Applicability.DOES_NOT_APPLY]
    if any(v.matched for v in votes):
        votes = [v for v in votes if v.matched]
    return votes + excluded


def _about_subject(
    semantics: RecommendationSemantics, subject: str | None
) -> RecommendationSemantics:
    """ "Recommends X rather than <subject>" is a recommendation against the subject."""
    if not subject or semantics.direction != D.FOR:
        return semantics
    needle = subject.lower()
    preferred = (semantics.object_phrase or "").lower()
    passed_over = (semantics.alternative_phrase or "").lower()
    if _only_as_alternative(subject, preferred, semantics.sentence or ""):
        # "aromatase inhibitors as an alternative to tamoxifen" recommends the other drug
        return semantics.model_copy(update={"direction": D.NONE, "rule": "alternative_to_subject"})
    if needle in passed_over and needle not in preferred:
        if _UNSUITABLE.search(semantics.sentence or ""):
            # "Offer insulin instead of metformin ... if metformin is contraindicated": the
            # subject stays the choice for everyone else.
            return semantics.model_copy(
                update={
                    "direction": D.INDIVIDUAL_DECISION,
                    "rule": "instead_of_subject_when_unsuitable",
                }
            )
        return semantics.model_copy(update={"direction": D.AGAINST, "rule": "rather_than_subject"})
    if names_alternatives(preferred, subject) and PREFERRED.search(semantics.sentence or ""):
        # "Nonpharmacologic therapy and nonopioid pharmacologic therapy are preferred for
        # chronic pain": the subject is not the first choice
        return semantics.model_copy(
            update={"direction": D.AGAINST, "rule": "alternatives_preferred"}
        )
    return semantics


def _only_as_alternative(subject: str, preferred: str, sentence: str) -> bool:
    """The subject is named as what the recommended thing is an alternative to, and not as
    what is recommended."""
    wanted = set(analyze(subject, compound_parts=False))
    alternative = _AS_ALTERNATIVE.search(sentence)
    return bool(
        alternative
        and wanted & set(analyze(alternative.group(1), compound_parts=False))
        and not wanted & set(analyze(preferred, compound_parts=False))
    )


_AS_ALTERNATIVE = re.compile(r"\bas an? alternative to\b([^.;:]*)", re.I)
_UNSUITABLE = re.compile(
    r"\b(?:if|when|where|for (?:those|people|patients|women|men) (?:in )?whom)\b[^.;]{0,80}?"
    r"\b(?:contraindicated|unacceptable|not tolerated|intoleran\w*|cannot (?:take|tolerate)|"
    r"declines?|refuses?|ineffective|not effective|fails?|failed|unsuitable|not suitable)\b",
    re.I,
)


def _object_is_subject(
    semantics: RecommendationSemantics,
    s: EvidenceSentence,
    subject: str | None,
    aliases: Sequence[frozenset[str]] = (),
) -> bool:
    """A recommendation against (or without evidence for) something must be about the subject
    or a broader name of it ("screening for lipid disorders" for dyslipidemia): "carotid
    screening is not recommended for patients with AAA" is not against AAA screening."""
    if semantics.direction not in (D.AGAINST, D.INSUFFICIENT_EVIDENCE) or not subject:
        return True
    if semantics.rule in ("rather_than_subject", "alternatives_preferred"):
        return True  # "X over <subject>", "non-<subject> therapy is preferred"
    if not semantics.object_phrase:
        return True
    wanted = set(analyze(subject, compound_parts=False))
    object_terms = set(analyze(semantics.object_phrase, compound_parts=False))
    if wanted & object_terms or any(alias <= object_terms for alias in aliases):
        return True
    # "recommends against routine screening for AAA": the object names the subject by the
    # abbreviation its guideline defines (the sentence's terms hold the long form), while
    # "carotid screening ... for patients with abdominal aortic aneurysm" names it elsewhere.
    written = set(analyze(s.text, compound_parts=False))
    abbreviated = bool(_SHORT_FORM.search(semantics.object_phrase))
    return abbreviated and wanted <= s.terms and not wanted <= written


_SHORT_FORM = re.compile(r"\b[A-Z][A-Z0-9]{1,6}s?\b")


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
