"""Open questions: the best on-topic sentence that gives the thing asked for (a treatment, an
interval, an age, the symptoms), or a note saying the indexed sources don't give it.

For treatment questions, guideline recommendations that recommend a named treatment for the
whole setting come first; a patient page on the topic named, of the kind asked for, answers
before other sources (see `gather.topic_pages`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from medcite.compose.gather.evidence import (
    EvidenceSentence,
    context_terms,
    dedupe,
    names_setting_disease,
)
from medcite.compose.gather.recommendations import GradeTable, recommendation_semantics
from medcite.compose.gather.topic_pages import asked_kind, asked_kinds
from medcite.compose.judge.choice import BottomLineChoice
from medcite.compose.judge.guideline_verdict import title_relevance
from medcite.compose.judge.page_sentences import (
    TREATS,
    list_item,
    not_stated,
    pages_off_main_condition,
    says_how_treated,
    standing_alone,
)
from medcite.compose.judge.patient_fit import fits_patient, for_preventing, safe_for_allergies
from medcite.compose.judge.recommendation_scope import REPORTED
from medcite.compose.understand.concepts import QuestionConcepts
from medcite.compose.write.sections import score, step_of
from medcite.config import ComposeSettings
from medcite.index.base import Store
from medcite.models import (
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
from medcite.text import analyze
from medcite.text.kinds import (
    asked_for,
    names_treatment,
    refers_back,
    treatments_named,
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

        asked = asked_kind(question)
        asks_treatment = understood.intent in (Intent.TREATMENT, Intent.FIRST_LINE) or (
            asked is not None and "prevention" in asked.kinds
        )
        other_topic = pages_off_main_condition(on_topic, understood)
        answered_by = asked.answered_by if asked else None

        def off_ask(s: EvidenceSentence) -> float:
            """0: it answers what the wording asks ("Asthma has no cure." for "Can it be
            cured?"); 0.5: short of that, it says how the condition is treated, for a kind a
            treatment page answers ("In some cases, you might need medicines or surgery.");
            1: neither."""
            if answered_by is None:
                return float(asks_treatment and not TREATS.search(s.text))
            if answered_by.search(s.text):
                return 0.0
            treatment_page = asked is not None and asked.kinds[0] == "treatment"
            treats = treatment_page and says_how_treated(s.text) and not list_item(s)
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
        fitting = [s for s in sorted(on_topic, key=rank) if fits_patient(s, understood)]
        best = dedupe(fitting or sorted(on_topic, key=rank), self.settings.duplicate_overlap)
        best = safe_for_allergies(best, understood)
        if asked is not None and answered_by is not None and best and best[0].topic_page:
            # The page's word ("There is no cure.") before any guideline's treatment
            off = off_ask(best[0])
            if off < 1:
                notes = [] if off == 0 else [not_stated(asked, understood)]
                chosen = standing_alone(best[:1], on_topic)
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
                safe_for_allergies(pool, understood), evidence_concepts, question, on_disease
            )
            if understood.intent not in (Intent.FIRST_LINE, Intent.TREATMENT):
                recommended = for_preventing(recommended, best, understood)
            if recommended:
                return BottomLineChoice(Verdict.ANSWER, recommended[:1])
        wanted = asked_for(understood.intent, question)
        if wanted is None:
            return BottomLineChoice(Verdict.ANSWER, standing_alone(best[:1], on_topic))
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
        and fits_patient(s, understood)
    ]
