"""Sort on-topic evidence sentences into the answer's sections, steps and pitfalls."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from medcite.compose.gather.applicability import applicability
from medcite.compose.gather.criteria import population_criteria
from medcite.compose.gather.evidence import EvidenceSentence, dedupe
from medcite.compose.understand.allergies import allergen_pattern, unsafe_for_allergy
from medcite.compose.understand.concepts import QuestionConcepts
from medcite.config import ComposeSettings
from medcite.models import Applicability, Audience, PassageKind, PatientFacts, SourceType
from medcite.text import analyze
from medcite.text.kinds import DOSE, for_other_patients, is_dosing, is_safety

_RECOMMEND = re.compile(
    r"\b(recommend|suggest|should|offer|consider|advise|indicated|first[- ]line|prefer)", re.I
)
_TREATMENT = re.compile(
    r"\b(offer\w*|treat(?:ed|ment)? with|therap(?:y|ies)|pharmacotherapy|augment\w*|prescrib\w*|"
    r"trial of)\b",
    re.I,
)
_SCREENING = re.compile(r"\b(screen\w*|diagnos\w*|test(?:s|ing)?|prevalence|incidence)\b", re.I)
_PITFALL = re.compile(
    r"\b(recommends? against|suggests? against|should not|must not|avoid|contraindicated|"
    r"not (?:\w+ )?(?:be )?(?:recommended|advised|indicated))\b|(?:^|[.;:]\s*)(?:do not|don't|never)\b",
    re.I,
)
_STEPS = (
    re.compile(
        r"\b(first[- ]line|initial(?:ly)?|first step|begin with|start(?:ing)? with)\b", re.I
    ),
    re.compile(
        r"\b(second[- ]line|augment\w*|switch\w*|if .{0,80}(?:fail|inadequate|insufficient|"
        r"not respond|no response|partial response|does not improve))",
        re.I,
    ),
    re.compile(
        r"\b(third[- ]line|refractory|treatment[- ]resistant|after (?:two|2|several)|"
        r"refer\w* (?:to|for)|specialist)\b",
        re.I,
    ),
)

# (key, clinician heading, patient heading), in reading order.
SECTIONS = (
    ("guideline_recommendations", "Guideline recommendations", "What guidelines recommend"),
    ("evidence", "Evidence", "What studies found"),
    ("safety", "Safety and interactions", "Safety"),
    ("dosing", "Dosing and administration", "How it is given"),
    ("patient_information", "Patient information", "What it is"),
    ("alternatives", "Alternatives", "Other options"),
)


def sections_for(audience: Audience) -> tuple[tuple[str, str, str], ...]:
    """Reading order: patients start with what patient information says."""
    if audience != Audience.PATIENT:
        return SECTIONS
    first = tuple(sec for sec in SECTIONS if sec[0] == "patient_information")
    return first + tuple(sec for sec in SECTIONS if sec[0] != "patient_information")


@dataclass
class Layout:
    bottom_line: list[EvidenceSentence]
    sections: dict[str, list[EvidenceSentence]]
    algorithm: list[EvidenceSentence]
    pitfalls: list[EvidenceSentence]


def score(s: EvidenceSentence, audience: Audience, about_treatment: bool = False) -> float:
    """How good a sentence is as a claim: on the question, early in retrieval, from a lead source."""
    value = s.coverage + 0.3 * s.context_coverage + 0.3 / (1 + (s.rank - 1) / 5)
    if about_treatment:
        # A treatment question is answered by what to treat with, not by how to screen.
        if _TREATMENT.search(s.text) and not _PITFALL.search(s.text):
            value += 0.2
        elif _SCREENING.search(s.text):
            value -= 0.3
    kind = s.document.source_type
    if audience == Audience.PATIENT and kind == SourceType.PATIENT_INFORMATION:
        value += 0.5 if s.topic_page else 0.3
    if audience == Audience.CLINICIAN and kind == SourceType.GUIDELINE:
        value += 0.15 if s.passage.kind == PassageKind.RECOMMENDATION else 0.05
    if s.passage.section.upper().startswith(("CONCLUSION", "RESULT")):
        value += 0.15
    if audience == Audience.PATIENT:
        value -= 0.1 * _jargon(s.text)
    return value


def _jargon(text: str) -> int:
    """Statistics and stacked abbreviations make a sentence hard for patients."""
    return len(re.findall(r"\b(?:CI|OR|RR|HR|p\s?[<=>]|[A-Z]{3,})\b", text))


def section_of(s: EvidenceSentence, about_treatment: bool) -> str:
    """Which section a claim belongs in, by its kind.

    Safety (adverse effects, contraindications, interactions, warnings) and dosing (dose,
    frequency, route, duration) hold only sentences that name the question's subject, and only
    for questions about a treatment.
    """
    kind = s.document.source_type
    if about_treatment and s.has_anchor and is_dosing(s.text) and DOSE.search(s.text):
        return "dosing"
    if about_treatment and s.has_anchor and is_safety(s.text):
        return "safety"
    if kind == SourceType.GUIDELINE and _RECOMMEND.search(s.text):
        return "guideline_recommendations"
    if kind == SourceType.PATIENT_INFORMATION:
        return "patient_information"
    return "evidence"  # study findings, and the background text of guidelines


def step_of(s: EvidenceSentence) -> int | None:
    if s.document.source_type != SourceType.GUIDELINE:
        return None
    for number, pattern in enumerate(_STEPS, start=1):
        if pattern.search(s.text):
            return number
    return None


def is_pitfall(s: EvidenceSentence) -> bool:
    return s.document.source_type in (
        SourceType.GUIDELINE,
        SourceType.PATIENT_INFORMATION,
        SourceType.DRUG_LABEL,
    ) and bool(_PITFALL.search(s.text))


def alternatives(
    sentences: list[EvidenceSentence], concepts: QuestionConcepts
) -> list[EvidenceSentence]:
    """Guideline recommendations for the question's setting that are about something else."""
    setting = concepts.setting
    if setting is None or concepts.anchor is None:
        return []
    out = []
    for s in sentences:
        if s.has_anchor or s.document.source_type != SourceType.GUIDELINE:
            continue
        if s.passage.kind != PassageKind.RECOMMENDATION or _PITFALL.search(s.text):
            continue
        if not (
            _TREATMENT.search(s.text) and concepts.touches(setting, set(analyze(s.document.title)))
        ):
            continue
        if concepts.contains(setting, s.terms | set(analyze(s.passage.section))):
            out.append(s)
    return out


@dataclass
class LayoutRequest:
    """What the writer lays out, besides the evidence sentences themselves."""

    bottom_line: list[EvidenceSentence]
    concepts: QuestionConcepts
    audience: Audience
    question: str  # the question as understood (its focus), for population checks
    about_treatment: bool = True
    interactions: list[EvidenceSentence] = field(default_factory=list)  # table lines, pair text
    patient: PatientFacts = field(default_factory=PatientFacts)  # the patient's numbers
    # Recommendations of the quoted guideline whose criteria the patient fails: shown, marked
    # as not for them, so the reader sees why its main statement is not the answer.
    not_for_patient: list[EvidenceSentence] = field(default_factory=list)
    # The guidelines' own definitions of the grades the bottom line quotes, shown first.
    grade_meanings: list[EvidenceSentence] = field(default_factory=list)


def lay_out(
    sentences: list[EvidenceSentence],
    request: LayoutRequest,
    settings: ComposeSettings | None = None,
) -> Layout:
    """Each sentence used at most once: bottom line, then steps, pitfalls, then sections.

    Claims outside the question's setting, or about another population, may inform the verdict
    but do not pad sections; clinicians don't get sentences that only the patient-information
    search found.
    """
    cfg = settings or ComposeSettings()
    audience, about_treatment = request.audience, request.about_treatment
    used = {id(s) for s in request.bottom_line}
    allergens = allergen_pattern(request.patient.allergies or [])
    ranked = sorted(
        (
            s
            for s in sentences
            if (s.context_coverage >= cfg.min_section_coverage or s.topic_page)
            and _fits(s, request, allergens)
        ),
        key=lambda s: -score(s, audience, about_treatment),
    )
    pool = dedupe(request.bottom_line + ranked, cfg.duplicate_overlap)
    shown_first = {s.text for s in request.grade_meanings}
    on_topic = [s for s in pool if id(s) not in used and s.text not in shown_first]
    algorithm = _steps(on_topic, cfg.max_steps)
    used |= {id(s) for s in algorithm}
    pitfalls = [s for s in on_topic if id(s) not in used and is_pitfall(s)]
    pitfalls = pitfalls[: cfg.max_claims_per_section]
    used |= {id(s) for s in pitfalls}
    sections: dict[str, list[EvidenceSentence]] = {key: [] for key, _, _ in SECTIONS}
    for s in request.grade_meanings + request.not_for_patient:
        if id(s) not in used:
            sections["guideline_recommendations"].append(s)
            used.add(id(s))
    for s in request.interactions:
        if id(s) not in used and len(sections["safety"]) < cfg.max_claims_per_section:
            sections["safety"].append(s)
            used.add(id(s))
    for s in on_topic:
        if id(s) not in used and _add(sections[section_of(s, about_treatment)], s, cfg):
            used.add(id(s))
    # A sentence read twice (found by search and read in its guideline) is placed once.
    placed = {s.text for s in pool if id(s) in used} | {s.text for s in request.bottom_line}
    others = [s for s in alternatives(sentences, request.concepts) if _fits(s, request, allergens)]
    for s in sorted(others, key=lambda s: -score(s, audience)):
        if id(s) not in used and s.text not in placed and _add(sections["alternatives"], s, cfg):
            placed.add(s.text)
    kept = {k: v for k, v in sections.items() if v}
    return Layout(request.bottom_line, kept, algorithm, pitfalls)


def _fits(s: EvidenceSentence, request: LayoutRequest, allergens: re.Pattern[str] | None) -> bool:
    # A page on the topic the question names is about it, however long the question.
    if not (s.on_topic and (s.in_setting or s.topic_page)):
        return False
    if s.patient_search_only and request.audience != Audience.PATIENT:
        return False
    if for_other_patients(s.text, request.question, request.patient.age):
        return False
    if unsafe_for_allergy(s.text, allergens):
        return False  # a drug the patient is allergic to, in a section too
    criteria = population_criteria(s.text)
    return applicability(criteria, request.patient) != Applicability.DOES_NOT_APPLY


def _add(section: list[EvidenceSentence], s: EvidenceSentence, cfg: ComposeSettings) -> bool:
    """Add the sentence if the section has room for it (and for its document); say if added."""
    same_doc = sum(x.document.id == s.document.id for x in section)
    per_doc = cfg.max_claims_per_topic_page if s.topic_page else cfg.max_claims_per_doc_in_section
    if len(section) < cfg.max_claims_per_section and same_doc < per_doc:
        section.append(s)
        return True
    return False


def _steps(sentences: list[EvidenceSentence], max_steps: int) -> list[EvidenceSentence]:
    """Numbered steps only when guideline recommendations on the subject give two stages or more."""
    staged: dict[int, EvidenceSentence] = {}
    for s in sentences:
        step = step_of(s)
        on_question = s.has_anchor or s.context_coverage >= 0.5
        recommends = s.passage.kind == PassageKind.RECOMMENDATION and on_question
        if step is not None and recommends and s.in_setting and step not in staged:
            staged[step] = s
    if len(staged) < 2:
        return []
    return [staged[k] for k in sorted(staged)][:max_steps]
