"""Whether evidence is about the patient a question describes: the drug asked about, the
population, and the condition's setting."""

from __future__ import annotations

from medcite.compose.gather.evidence import EvidenceSentence, context_terms
from medcite.compose.judge.stance_evidence import StanceUnit
from medcite.compose.understand.concepts import QuestionConcepts
from medcite.models import Understood
from medcite.text.kinds import population_named


def about_patient_question(unit: StanceUnit, understood: Understood) -> bool:
    """The evidence names the drug asked about and the population the patient is in."""
    drugs = [d for d in understood.asked_drugs() if not d.is_class]
    if drugs and not any(q.has_anchor for q in unit.quotes):
        return False
    return all(population_named(p, unit.text) for p in understood.populations)


def names_setting_of(s: EvidenceSentence, concepts: QuestionConcepts) -> bool:
    """The condition's words (half of a name of three words or more), or a broader name of
    it, in the sentence, its title or heading (no condition understood: any sentence);
    "infection" alone does not name "ear infection"."""
    setting = concepts.setting_terms
    terms = _with_context(s)
    if not setting or any(alias <= terms for alias in concepts.setting_aliases):
        return True
    needed = len(setting) if len(setting) < 3 else (len(setting) + 1) // 2
    return len(setting & terms) >= needed


def in_setting(unit: StanceUnit, concepts: QuestionConcepts) -> bool:
    """The evidence names the question's setting (its condition), itself or in its title: an
    ACE2 study "supposed to be a modulator" says nothing on screening for domestic violence."""
    setting = concepts.setting_terms
    if not setting:  # no condition understood: the setting is only a guess
        return True
    # Half its words will do ("Alzheimer disease" for "mild Alzheimer disease"), in the quote
    # or its title or heading.
    return any(2 * len(setting & _with_context(q)) >= len(setting) for q in unit.quotes)


def _with_context(s: EvidenceSentence) -> set[str]:
    """The sentence's terms with its document title's and section heading's."""
    return s.terms | context_terms(s)
