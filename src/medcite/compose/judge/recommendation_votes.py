"""Guideline recommendations read as votes on the question: what each recommendation on the
subject, in its setting, says (a direction and strength from its grade and wording,
`gather.recommendations`) and whether it is for the patient described (its population criteria
against the patient's numbers, `gather.applicability`). `judge.guideline_verdict` weighs them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from medcite.compose.gather.applicability import applicability_details, overall
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
from medcite.models import (
    Applicability,
    PassageKind,
    PatientFacts,
    RecommendationDirection,
    RecommendationSemantics,
    SourceType,
)
from medcite.text import analyze
from medcite.text.kinds import for_other_patients, without_inclusions

D = RecommendationDirection
# A met age or risk criterion picks a recommendation out more than sex does ("women aged 40 to
# 49" over "women with dense breasts").
_CRITERION_WEIGHT = {"sex": 1, "pregnant": 1}


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
        details = applicability_details(criteria, facts)
        fit = overall(details)
        matched = fit == Applicability.APPLIES and not criteria.is_empty()
        met = sum(
            _CRITERION_WEIGHT.get(name, 2)
            for name, r in details.items()
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
