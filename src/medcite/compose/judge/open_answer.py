"""Open questions: the best on-topic sentence that gives the thing asked for (a treatment, an
interval, an age, the symptoms), or a note saying the indexed sources don't give it.

For treatment questions, guideline recommendations that recommend a named treatment for the
whole setting come first; a patient page on the topic named, of the kind asked for, answers
before other sources (see `gather.topic_pages`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from medcite.compose.gather.applicability import applicability
from medcite.compose.gather.criteria import population_criteria
from medcite.compose.gather.evidence import (
    EvidenceSentence,
    context_terms,
    dedupe,
    names_setting_disease,
)
from medcite.compose.gather.recommendations import GradeTable, recommendation_semantics
from medcite.compose.gather.topic_pages import AskedKind, asked_kind, asked_kinds, page_type
from medcite.compose.judge.choice import BottomLineChoice
from medcite.compose.judge.guideline_verdict import title_relevance
from medcite.compose.judge.recommendation_scope import REPORTED, for_other_subgroup
from medcite.compose.understand.allergies import (
    allergen_pattern,
    speaks_of_allergy,
    unsafe_for_allergy,
)
from medcite.compose.understand.concepts import QuestionConcepts
from medcite.compose.write.sections import score, step_of
from medcite.config import ComposeSettings
from medcite.index.base import Store
from medcite.models import (
    Applicability,
    Audience,
    Intent,
    Note,
    NoteKind,
    PassageKind,
    RecommendationDirection,
    SourceType,
    Understood,
    Verdict,
)
from medcite.text import analyze, name_key
from medcite.text.abbreviations import abbreviates
from medcite.text.kinds import (
    asked_for,
    for_other_patients,
    names_treatment,
    refers_back,
    treatments_named,
    without_inclusions,
)

D = RecommendationDirection


@dataclass
class OpenAnswer:
    """Answers open questions; reads the store (term rarity), settings and the grade table."""

    store: Store
    settings: ComposeSettings
    grade_table: GradeTable

    def answer(
        self,
        understood: Understood,
        question: str,
        on_topic: list[EvidenceSentence],
        about_treatment: bool,
        evidence_concepts: QuestionConcepts,
        gathered: list[EvidenceSentence] | None = None,
    ) -> BottomLineChoice:
        """`gathered`: all the evidence sentences; a treatment question also reads the
        recommendations of the guidelines on its disease that name none of its words
        ("Penicillin V is the drug of choice ..." in "Pharyngitis")."""
        # A sentence that answers every part of the question ("cure" and "multiple sclerosis")
        # beats one that only names its rarest part.
        # A question naming drugs is answered by a sentence naming one of them.
        drugs_named = bool(understood.asked_drugs()) and understood.intent != Intent.FIRST_LINE
        generic = self._generic([s for s in on_topic if s.topic_page])

        asks_treatment = understood.intent in (Intent.TREATMENT, Intent.FIRST_LINE) or (
            "prevention" in asked_kinds(question)
        )
        asked = asked_kind(question)
        other_topic = _pages_off_main_condition(on_topic, understood)
        answered_by = asked.answered_by if asked else None

        def off_ask(s: EvidenceSentence) -> float:
            """0: it answers what the wording asks ("Asthma has no cure." for "Can it be
            cured?"); 0.5: short of that, it says how the condition is treated, for a kind a
            treatment page answers ("In some cases, you might need medicines or surgery.");
            1: neither."""
            if answered_by is None:
                return float(asks_treatment and not _TREATS.search(s.text))
            if answered_by.search(s.text):
                return 0.0
            treatment_page = asked is not None and asked.kinds[0] == "treatment"
            treats = treatment_page and _says_how_treated(s.text) and not _list_item(s)
            return 0.5 if treats else 1.0

        def rank(s: EvidenceSentence) -> tuple[bool, float, int, float]:
            parts = sum(evidence_concepts.contains(c, s.terms) for c in evidence_concepts.concepts)
            if s.topic_page:  # the page on the topic named, of the kind asked for
                # Saying something of its own (about treating it, when that is asked), in the
                # pages' order (each opens with its summary); one that stands alone before one
                # pointing back ("these signs").
                off = off_ask(s)
                # plain words are boilerplate unless they answer what was asked ("There is no
                # cure.")
                boilerplate = id(s) in generic and not (answered_by is not None and off < 1)
                return (
                    drugs_named and not s.has_anchor,
                    boilerplate * 2 + off + 3 * (id(s.document) in other_topic),
                    -parts,
                    refers_back(s.text) + s.topic_page + s.start / 1e7,
                )
            return (
                drugs_named and not s.has_anchor,
                3,
                -parts,
                -score(s, Audience.CLINICIAN, about_treatment),
            )

        # Sentences for another patient go before near-duplicates are dropped, so "women aged
        # 25-29 ... every 3 years" does not hide "women aged 30-69 ... every 3 years".
        fitting = [s for s in sorted(on_topic, key=rank) if _fits_patient(s, understood)]
        best = dedupe(fitting or sorted(on_topic, key=rank), self.settings.duplicate_overlap)
        best = _safe_for_allergies(best, understood)
        if asked is not None and answered_by is not None and best and best[0].topic_page:
            # The page's word ("There is no cure.") before any guideline's treatment
            off = off_ask(best[0])
            if off < 1:
                notes = [] if off == 0 else [_not_stated(asked, understood)]
                chosen = _standing_alone(best[:1], on_topic)
                return BottomLineChoice(Verdict.ANSWER, chosen, notes=notes)
        if asks_treatment:  # or how to prevent it
            # Guidelines titled with the question's disease, each title read once.
            documents = {s.document.id: s.document.title for s in [*best, *(gathered or [])]}
            on_disease = {
                doc_id
                for doc_id, title in documents.items()
                if names_setting_disease(title, evidence_concepts)
            }
            pool = best + _from_guidelines_on_the_disease(
                gathered or [], best, on_disease, understood
            )
            recommended = self._recommended_treatments(
                _safe_for_allergies(pool, understood), evidence_concepts, question, on_disease
            )
            if understood.intent not in (Intent.FIRST_LINE, Intent.TREATMENT):
                recommended = _for_preventing(recommended, best, understood)
            if recommended:
                return BottomLineChoice(Verdict.ANSWER, recommended[:1])
        wanted = asked_for(understood.intent, question)
        if wanted is None:
            return BottomLineChoice(Verdict.ANSWER, _standing_alone(best[:1], on_topic))
        giving = [s for s in best if wanted.given_by(s.text) and (s.has_anchor or s.topic_page)]
        giving = giving or [s for s in best if wanted.given_by(s.text)]
        if giving:
            # From the guideline most squarely about the question ("Breast cancer screening"),
            # not a page that mentions the test among others.
            relevance = title_relevance(
                evidence_concepts, TITLE_TERMS.get(understood.intent, frozenset())
            )
            top = giving[0] if giving[0].topic_page else max(giving, key=relevance)
            return BottomLineChoice(Verdict.ANSWER, [top])
        note = Note(
            kind=NoteKind.NOT_GIVEN,
            text=f"The indexed sources found do not state {wanted.label} for this question.",
        )
        return BottomLineChoice(Verdict.ANSWER, best[:1], notes=[note])

    def _generic(self, sentences: list[EvidenceSentence]) -> set[int]:
        """Sentences (by id) made only of words common across the index: boilerplate."""
        if not sentences:
            return set()
        df = self.store.document_frequency({t for s in sentences for t in s.terms})
        common = self.settings.page_specific_df_share * self.store.passage_count()
        return {id(s) for s in sentences if all(df.get(t, 0) > common for t in s.terms)}

    def _recommended_treatments(
        self,
        ranked: list[EvidenceSentence],
        concepts: QuestionConcepts,
        question: str,
        on_disease: set[str],
    ) -> list[EvidenceSentence]:
        """Guideline recommendations for the whole setting ("acute low back pain", not
        "chronic low back pain") that recommend a named treatment, those saying it comes first
        ("first-line", "initial") before the rest."""
        setting = concepts.setting
        out = [
            s
            for s in ranked
            if (
                (setting is None and s.has_anchor)  # no condition named: about the subject
                or concepts.names_setting(s.terms | context_terms(s))
                or s.document.id in on_disease
            )
            and s.document.source_type == SourceType.GUIDELINE
            and self._recommends_a_treatment(s, question)
            and not REPORTED.search(s.text)
        ]
        # Those naming the condition themselves first (of a guideline on preventing it, when
        # that is asked), then those saying the treatment comes first ("first-line", "initial").
        preventing = "prevention" in asked_kinds(question)
        return sorted(
            out,
            key=lambda s: (
                setting is not None and not concepts.names_setting(s.terms),
                preventing and not _PREVENTION_TITLE.search(s.document.title),
                # not "if unresponsive to amoxicillin after 72 hours", nor "first-line biologic
                # ... for adults who fulfil the criteria for biologic therapy"
                (step_of(s) or 1) > 1 or bool(_LATER_LINE.search(s.text)),
                _more_severe_than_asked(s.text, question),
                not _FIRST.search(s.text),
                -treatments_named(s.text),  # "corticosteroids, NSAIDs, or colchicine"
            ),
        )

    def _recommends_a_treatment(self, s: EvidenceSentence, question: str) -> bool:
        """It recommends something and names a treatment, and what it recommends is not an
        assessment ("recommends that the initial psychiatric evaluation ... include
        assessment of ... supplements" recommends an evaluation), nor prevention unless the
        question asks about preventing."""
        semantics = recommendation_semantics(s.text, None, table=self.grade_table)
        if semantics.direction != D.FOR or not names_treatment(s.text):
            return False
        recommended = _OBJECT_LEAD.sub("", semantics.object_phrase or "")
        head = " ".join(recommended.split()[:_HEAD_WORDS])
        if _ASSESSMENT.search(head) or _HOLDING_BACK.match(recommended):
            return False  # "the initial psychiatric evaluation ... include ...", "deferring ..."
        if _TO_BE_ASSESSED.search(s.text):
            return False  # "... corticosteroid therapy ... such patients should be tested"
        if _TO_PREVENT.search(s.text) and "prevention" not in asked_kinds(question):
            return False  # "Antibiotic stewardship is recommended to reduce the risk of CDI"
        return not (_ASSESSMENT.search(recommended) and not names_treatment(recommended))


def _pages_off_main_condition(
    sentences: list[EvidenceSentence], understood: Understood
) -> set[int]:
    """Topic pages (by id of their document) on something other than the question's main
    condition: the gas page for "PID ... a campground or gas station"."""
    if not understood.conditions:
        return set()
    # Word overlap, not containment: the main condition may carry a verb ("causes kidney
    # stones") and a page's focus a phrase ("What I need to know about Kidney Stones").
    first = understood.conditions[0]
    # "GERD" names the same condition as "gastroesophageal reflux disease"
    same = [c for c in understood.conditions if c == first or abbreviates(c, first)]
    main = {w for c in same for w in name_key(c).split()} - _HEAD_NOUNS
    out = set()
    for s in sentences:
        focus = set(name_key(str(s.document.metadata.get("focus", ""))).split()) - _HEAD_NOUNS
        if s.topic_page and focus and not focus & main:
            out.add(id(s.document))
    return out


_HEAD_NOUNS = frozenset(name_key("disease syndrome disorder infection").split())


def _standing_alone(
    chosen: list[EvidenceSentence], sentences: list[EvidenceSentence]
) -> list[EvidenceSentence]:
    """A page sentence that leans on the one before it ("It is usually mild with fever and a
    rash.") comes with that sentence ("Rubella is an infection caused by a virus."), when it
    stands just before it in the same passage and does not lean back itself."""
    if not chosen or not chosen[0].topic_page or not refers_back(chosen[0].text):
        return chosen
    top = chosen[0]
    before = [
        s
        for s in sentences
        if s.passage is top.passage
        and s.end <= top.start
        and not s.document.text[s.end : top.start].strip()
        and not refers_back(s.text)
    ]
    return before[:1] + chosen


# Says how a condition is treated or prevented ("A series of shots can prevent rabies").
_TREATS = re.compile(
    r"\b(?:treat\w*|therap\w*|cur(?:e|ed|es|ing)|prevent\w*|manag\w*|medicines?|"
    r"medications?|drugs?|shots?|vaccin\w*|surgery|surgical|antibiotics?)\b",
    re.I,
)


def _safe_for_allergies(
    sentences: list[EvidenceSentence], understood: Understood
) -> list[EvidenceSentence]:
    """None recommending a drug the patient is allergic to; those on allergic patients first
    ("In penicillin-allergic patients, ..."), the rest in their order."""
    allergens = allergen_pattern(understood.patient.allergies or [])
    if allergens is None:
        return sentences
    safe = [s for s in sentences if not unsafe_for_allergy(s.text, allergens)]
    return sorted(safe, key=lambda s: not speaks_of_allergy(s.text))


def _for_preventing(
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


def _not_stated(asked: AskedKind, understood: Understood) -> Note:
    topic = understood.conditions[0] if understood.conditions else "it"
    what = asked.label.format(topic=topic) if asked.label else "this"
    return Note(
        kind=NoteKind.NOT_GIVEN,
        text=f"The indexed sources found do not say {what}; they say how it is treated.",
    )


# "If not treated, it can lead to ...", "A test can also check on how you are managing it"
_NOT_TREATING = re.compile(r"\b(?:(?:not|un)[- ]?treated|tests?)\b", re.I)


def _says_how_treated(text: str) -> bool:
    """It says how the condition is treated ("Chronic hepatitis C is treated with medicines")."""
    return bool(_TREATS.search(text)) and not _NOT_TREATING.search(text)


def _list_item(s: EvidenceSentence) -> bool:
    """It opens a list item: one of many listed, or the last item run into the next paragraph
    ("- Certain medicines Treatment depends on the cause.")."""
    return s.document.text[max(0, s.start - 2) : s.start] in ("- ", "* ", "\u2022 ")


_SEVERE = re.compile(
    r"(?<!without )(?<!non-)(?<!not )(?<!mild-to-)(?<!mild to )(?<!mild or )(?<!mild-)"
    r"\b(?:(?:moderate|severe|high)(?:[- ](?:to|or)[- ](?:severe|high))?[- ]severity|"
    r"(?:moderate(?:ly)?|severe(?:ly)?)(?:[- ](?:to|or)[- ]severe)?)\b",
    re.I,
)


def _more_severe_than_asked(text: str, question: str) -> bool:
    """The recommendation is for a moderate or severe form the question doesn't name: the first
    choice for "community-acquired pneumonia" is the one for its low-severity form."""
    return bool(_SEVERE.search(text)) and not _SEVERE.search(question)


# What comes before the thing recommended: "(1C) that the ..."
_OBJECT_LEAD = re.compile(r"^(?:\([^)]*\)\s*)?(?:that\s+)?(?:(?:the|an?|all)\s+)?", re.I)
_HEAD_WORDS = 3  # "initial psychiatric evaluation"
_HOLDING_BACK = re.compile(
    r"(?:defer|delay|withh[oe]ld|withheld|stop|discontinu|tapering|observ|watchful)\w*", re.I
)
_LATER_LINE = re.compile(
    r"\bwho (?:fulfil|fulfill|meet)s? (?:the )?criteria for\b|\b(?:has|have) not responded\b|"
    r"\bdespite\b|\bintoleran(?:t|ce) (?:of|to)\b|"
    r"\bbiologic(?:al)? (?:agent|therap\w+|treatment|drug)s?\b",  # after conventional ones
    re.I,
)
_ASSESSMENT = re.compile(
    r"\b(?:evaluation|assessment|screening|monitoring|testing|history|examination|work-?up|"
    r"manometry|imaging|biopsy|endoscopy|radiograph\w*|ultraso\w+|referral|diagnos\w*)\b",
    re.I,
)
_TO_PREVENT = re.compile(
    r"\bto (?:reduce|lower|decrease|minimi[sz]e) the (?:risk|incidence|rate|spread)\b|"
    r"\bto prevent\b|\bfor (?:the )?prevention of\b",
    re.I,
)
_PREVENTION_TITLE = re.compile(r"\bprevent\w*|\bprophyla\w*", re.I)
_TO_BE_ASSESSED = re.compile(
    r"\b(?:should|must|to|will) be (?:tested|screened|evaluated|assessed|monitored|referred|"
    r"examined|investigated|observed)\b",
    re.I,
)
# Saying the treatment comes first; "initial psychiatric evaluation" or "first trimester" don't.
_FIRST = re.compile(
    r"\b(?:first[- ]line|first[- ]choice|drug of choice|treatment of choice|start with|"
    r"begin with|should select|(?:initial(?:ly)?|first|preferred)(?: [\w-]+){0,2} "
    r"(?:treat\w*|therap\w*|management|drugs?|agents?|medications?|choice|options?|"
    r"antibiotics?|offer\w*|use|used))\b",
    re.I,
)
TITLE_TERMS = {
    Intent.SCREENING: frozenset(analyze("screening")),
    Intent.DOSING: frozenset(analyze("dosing")),
}
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


def _from_guidelines_on_the_disease(
    gathered: list[EvidenceSentence],
    chosen: list[EvidenceSentence],
    on_disease: set[str],
    understood: Understood,
) -> list[EvidenceSentence]:
    """Recommendations, not chosen yet, of guidelines that have an on-topic sentence and are
    titled with the question's disease (`on_disease`, by document id)."""
    on_topic_docs = {s.document.id for s in chosen}
    taken = {id(s) for s in chosen}
    return [
        s
        for s in gathered
        if id(s) not in taken
        and s.document.id in on_topic_docs
        and s.passage.kind == PassageKind.RECOMMENDATION
        and s.document.id in on_disease
        and _fits_patient(s, understood)
    ]


def _patient_terms(understood: Understood) -> frozenset[str]:
    """What the question affirms about the patient, as written and as understood."""
    understood_as = " ".join([*understood.topic_words, *understood.conditions])
    return affirmed_terms(understood.question) | frozenset(analyze(understood_as))


def _fits_patient(s: EvidenceSentence, understood: Understood) -> bool:
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
