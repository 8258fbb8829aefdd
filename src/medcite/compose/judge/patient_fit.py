"""Whether a source sentence fits the patient described: their population criteria, the
groups the question names or denies, their drug allergies, and whether they have the
condition a prevention question asks about."""

from __future__ import annotations

import re

from medcite.compose.gather.applicability import applicability
from medcite.compose.gather.criteria import population_criteria
from medcite.compose.gather.evidence import EvidenceSentence
from medcite.compose.gather.topic_pages import page_type
from medcite.compose.judge.recommendation_scope import for_other_subgroup
from medcite.compose.understand.allergies import (
    allergen_pattern,
    speaks_of_allergy,
    unsafe_for_allergy,
)
from medcite.models import Applicability, Intent, Understood
from medcite.text import analyze
from medcite.text.kinds import for_other_patients, without_inclusions


def safe_for_allergies(
    sentences: list[EvidenceSentence], understood: Understood
) -> list[EvidenceSentence]:
    """None recommending a drug the patient is allergic to; those on allergic patients first
    ("In penicillin-allergic patients, ..."), the rest in their order."""
    allergens = allergen_pattern(understood.patient.allergies or [])
    if allergens is None:
        return sentences
    safe = [s for s in sentences if not unsafe_for_allergy(s.text, allergens)]
    return sorted(safe, key=lambda s: not speaks_of_allergy(s.text))


def for_preventing(
    recommended: list[EvidenceSentence], best: list[EvidenceSentence], understood: Understood
) -> list[EvidenceSentence]:
    """Preventing it: none when there is a page on preventing it (it answers); else not what
    treats those who have it ("women with osteoporosis")."""
    if any(page_type(s.document) == "prevention" for s in best):
        return []
    return [s for s in recommended if not _for_those_with(s.text, understood)]


def _for_those_with(text: str, understood: Understood) -> bool:
    """The text is for people who have the question's condition ("men with osteoporosis")."""
    return any(
        re.search(rf"\bwith (?:[\w-]+ ){{0,3}}{re.escape(c)}\b", text, re.I)
        for c in understood.conditions[:1]
    )


_NEGATED = re.compile(
    r"\b(?:(?:no ?one|nobody|none) (?:else )?in (?:my|his|her|their|our|the) family "
    r"(?:has|had|has had|have had|ever had)|no|not|without|never had|never|denies|free of)"
    r"((?:\s+(?!or\b|and\b)[\w-]+){1,3}(?:\s+or(?:\s+[\w-]+){1,2})?)",
    re.I,
)


def affirmed_terms(question: str) -> frozenset[str]:
    """The question's terms except those it denies ("without cardiovascular disease")."""
    denied = {t for m in _NEGATED.finditer(question) for t in analyze(m.group(1))}
    return frozenset(set(analyze(question)) - denied)


_SURVEILLANCE = re.compile(
    r"\bsurveillance\b|\bsubsequent (?:colonoscop|screen|examination|test)\w*|"
    r"\bafter (?:polypectomy|resection|removal|treatment)\b|\bpolyps?\b|\badenomas?\b",
    re.I,
)


def _patient_terms(understood: Understood) -> frozenset[str]:
    """What the question affirms about the patient, as written and as understood."""
    understood_as = " ".join([*understood.topic_words, *understood.conditions])
    return affirmed_terms(understood.question) | frozenset(analyze(understood_as))


def fits_patient(s: EvidenceSentence, understood: Understood) -> bool:
    """The sentence's population criteria do not exclude the patient described (age, sex,
    risk...), and it is not about a population the question doesn't name."""
    if for_other_patients(s.text, understood.question, understood.patient.age):
        return False
    if for_other_subgroup(s.text, _patient_terms(understood), abbreviations_unknown=True):
        return False  # "women with urgency or mixed UI" for a woman who leaks when she coughs
    if (
        understood.intent == Intent.SCREENING
        and _SURVEILLANCE.search(s.text)
        and not _SURVEILLANCE.search(understood.question)
    ):
        return False  # follow-up of people with findings is not screening
    criteria = population_criteria(without_inclusions(s.text))
    return applicability(criteria, understood.patient) != Applicability.DOES_NOT_APPLY
