"""The bottom line: a verdict for yes/no questions, or the best sentence for open questions.

The bottom line never depends on the audience: it is judged from the same evidence with the
same scoring for every reader (the writer changes words and order, not the verdict).

- Drugs taken together: the interaction table's severity and what guidelines say about the
  pair or its classes (`_combination_bottom_line`).
- Yes/no questions: applicable guideline recommendations on the subject
  (`recommendation_votes`); questions that guidelines don't cover, or that restate a study's
  title, go to the stance judge over research evidence.
- Open questions: the best on-topic sentence that gives the thing asked for (a treatment, an
  interval, an age, a dose); when none does, a note says the sources don't give it
  (`open_answer.OpenAnswer`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from medcite.compose.gather.combination import Combination, about_a_patient
from medcite.compose.gather.evidence import Evidence, EvidenceSentence
from medcite.compose.gather.recommendations import GradeTable, recommendation_semantics
from medcite.compose.gather.topic_pages import answered_by_page
from medcite.compose.judge.choice import (
    BottomLineChoice,
    allergic_to,
    from_guidelines,
    nothing_on,
)
from medcite.compose.judge.guideline_verdict import (
    GuidelineVerdict,
    guideline_verdict,
    title_relevance,
)
from medcite.compose.judge.open_answer import TITLE_TERMS, OpenAnswer
from medcite.compose.judge.patient_fit import affirmed_terms
from medcite.compose.judge.patient_scope import about_patient_question, in_setting, names_setting_of
from medcite.compose.judge.question_form import asks_yes_no
from medcite.compose.judge.recommendation_scope import names_alternatives
from medcite.compose.judge.recommendation_votes import recommendation_votes
from medcite.compose.judge.seek_care import advice_to_seek_care, red_flag_answer, unadvised
from medcite.compose.judge.stance import (
    Stance,
    StanceEvidence,
    StanceModel,
    judge_stance,
)
from medcite.compose.judge.stance_evidence import (
    RESEARCH,
    StanceUnit,
    relevant_studies,
    stance_units,
)
from medcite.compose.understand.allergies import allergen_pattern
from medcite.compose.understand.patient import implied_words
from medcite.config import ComposeSettings
from medcite.index.base import Store
from medcite.models import (
    Intent,
    Note,
    NoteKind,
    RecommendationDirection,
    Understood,
    Verdict,
)
from medcite.text import analyze
from medcite.text.kinds import (
    states_aim,
)

D = RecommendationDirection


@dataclass
class Judge:
    """What judging reads besides the evidence: the store, settings and fitted tables."""

    store: Store
    settings: ComposeSettings
    stance_model: StanceModel
    grade_table: GradeTable
    open_answer: OpenAnswer = field(init=False)

    def __post_init__(self) -> None:
        self.open_answer = OpenAnswer(self.store, self.settings, self.grade_table)

    def bottom_line(
        self,
        evidence: Evidence,
        understood: Understood,
        combination: Combination | None,
        about_treatment: bool,
        urgent: list[EvidenceSentence] | None = None,
    ) -> BottomLineChoice:
        question = understood.focus_question or evidence.question
        if not urgent:
            advice = advice_to_seek_care(evidence, understood, question)
            if advice is not None:
                return advice
        judged = self._judge(evidence, understood, combination, about_treatment, question)
        if not urgent:
            return unadvised(judged, question) or judged
        return red_flag_answer(judged, urgent, question)

    def _judge(
        self,
        evidence: Evidence,
        understood: Understood,
        combination: Combination | None,
        about_treatment: bool,
        question: str,
    ) -> BottomLineChoice:
        on_topic = [s for s in evidence.sentences if s.on_topic]
        unindexed = self._unindexed_drugs(understood)
        if unindexed:
            return nothing_on(unindexed, asks_yes_no(question, understood))
        allergens = allergen_pattern(understood.patient.allergies or [])
        barred = [
            d.name for d in understood.asked_drugs() if allergens and allergens.search(d.name)
        ]
        if barred and asks_yes_no(question, understood):
            return allergic_to(barred, understood.patient.allergies or [])
        # A question restating a study's title is answered by that study.
        study = _study_asked_about(evidence, self.settings.study_title_coverage)
        if combination is not None and not study and not _adds_unpaired(understood, combination):
            return self._combination(evidence, understood, combination, on_topic)
        from_page = answered_by_page(question) and any(s.topic_page for s in on_topic)
        if (
            asks_yes_no(question, understood)
            and (on_topic or relevant_studies(evidence))
            and not from_page
        ):
            return self._yes_no(evidence, understood, question, on_topic, about_treatment)
        if not on_topic:
            return BottomLineChoice(Verdict.ABSTAIN, [])
        return self.open_answer.answer(
            understood, question, on_topic, about_treatment, evidence.concepts, evidence.sentences
        )

    # -- yes/no ---------------------------------------------------------------------------------
    def _yes_no(
        self,
        evidence: Evidence,
        understood: Understood,
        question: str,
        on_topic: list[EvidenceSentence],
        about_treatment: bool,
    ) -> BottomLineChoice:
        study = _study_asked_about(evidence, self.settings.study_title_coverage)
        # A question about a patient needs evidence on its drug and population; a research
        # question keeps the stance judge's reading of its studies.
        patient_question = about_a_patient(understood) and not study
        if (about_treatment or patient_question) and not study:
            # Not about a treatment: only a guideline titled for the question speaks.
            least = 0.0 if about_treatment else self.settings.guideline_min_relevance
            guided = self._guidelines(evidence, understood, on_topic, least)
            if guided is not None:
                return guided
        return self._stance(evidence, question, understood if patient_question else None)

    def _unindexed_drugs(self, understood: Understood) -> list[str]:
        """Drugs the question names that no indexed passage mentions."""
        out = []
        for drug in (d for d in understood.asked_drugs() if not d.is_class):
            names = {" ".join(analyze(n, compound_parts=False)) for n in (drug.name, drug.surface)}
            found = self.store.document_frequency({t for n in names for t in n.split()})
            if not any(all(found.get(t, 0) for t in n.split()) for n in names if n):
                out.append(drug.surface)
        return out

    def _guideline_position(
        self,
        evidence: Evidence,
        understood: Understood,
        on_topic: list[EvidenceSentence],
        min_relevance: float = 0.0,
    ) -> GuidelineVerdict | None:
        """What the applicable recommendations on the subject say, guideline by guideline; for
        a vignette naming its condition, only recommendations in that condition's setting (an
        osteoporosis guideline's advice for people taking corticosteroids does not answer
        whether to give a steroid for fluid behind the eardrums)."""
        # "nonopioid therapy is preferred" speaks on opioids though it does not name them
        subject = _subject(evidence)
        on_topic = on_topic + [
            s
            for s in evidence.sentences
            if s.in_setting and not s.on_topic and names_alternatives(s.text, subject)
        ]
        if understood.conditions and understood.patient.described():
            on_topic = [s for s in on_topic if names_setting_of(s, evidence.concepts)]
        votes = recommendation_votes(
            on_topic,
            self.grade_table,
            understood.patient,
            subject,
            # as written and as understood: "ringing in both ears" is tinnitus
            question_terms=affirmed_terms(understood.question)
            | frozenset(analyze(" ".join(understood.conditions)))
            | frozenset(analyze(implied_words(understood.patient))),
            question_text=understood.question,
            screened_for=_screened_for(evidence, understood),
            condition_named=bool(understood.conditions),
            subject_aliases=_subject_aliases(evidence),
        )
        return guideline_verdict(
            votes,
            title_relevance(evidence.concepts, TITLE_TERMS.get(understood.intent, frozenset())),
            relevance_margin=self.settings.guideline_relevance_margin,
            min_relevance=min_relevance,
            first_choice=understood.intent == Intent.FIRST_LINE,
        )

    def _guidelines(
        self,
        evidence: Evidence,
        understood: Understood,
        on_topic: list[EvidenceSentence],
        min_relevance: float = 0.0,
    ) -> BottomLineChoice | None:
        found = self._guideline_position(evidence, understood, on_topic, min_relevance)
        if found is None:
            return None
        choice = from_guidelines(found)
        if choice.verdict == Verdict.YES and evidence.combination_missing:
            choice.verdict = Verdict.NOT_ESTABLISHED
            choice.notes.append(
                Note(
                    kind=NoteKind.NOT_GIVEN,
                    text="Guidelines recommend it in general, but no indexed source covers "
                    "the whole combination asked about (see Evidence gaps).",
                )
            )
        return choice

    def _stance(
        self, evidence: Evidence, question: str, patient: Understood | None = None
    ) -> BottomLineChoice:
        """The stance judge over research evidence. For a question about a patient (`patient`),
        only evidence naming the drug asked about, in the population asked about, counts, and
        nothing off the question is quoted."""
        units = stance_units(evidence, self.store)
        if patient is not None:
            # A vignette (the patient's age, sex or numbers) is about its condition; a research
            # question's snippets may name it only by abbreviation ("AD", "ALS").
            vignette = patient.patient.described()
            units = [
                u
                for u in units
                if about_patient_question(u, patient)
                and (not vignette or in_setting(u, evidence.concepts))
            ]
            if not units:
                return nothing_on(_asked_about(patient), yes_no=True, found_elsewhere=True)
        if not units:
            return BottomLineChoice(Verdict.ABSTAIN, [])
        stance_evidence = [StanceEvidence(u.text, u.section, u.weight) for u in units]
        verdict = judge_stance(question, stance_evidence, self.stance_model)
        decisive = [units[i] for i in verdict.decisive if i < len(units)]
        chosen = _quotable([_best_quote(u) for u in decisive])
        chosen = chosen or _quotable([_best_quote(u) for u in units])
        if not chosen and patient is None:
            chosen = [units[0].quotes[0]]
        if not chosen:
            return nothing_on(_asked_about(patient), yes_no=True, found_elsewhere=True)
        extra = [q for u in units for q in u.quotes]
        if verdict.stance == Stance.YES:
            kind = Verdict.YES
        elif verdict.stance == Stance.NO:
            kind = Verdict.NO
        else:
            kind = Verdict.NOT_ESTABLISHED if evidence.gaps else Verdict.IT_DEPENDS
        return BottomLineChoice(kind, chosen, verdict.score, extra)

    # -- drugs taken together -------------------------------------------------------------------
    def _combination(
        self,
        evidence: Evidence,
        understood: Understood,
        combo: Combination,
        on_topic: list[EvidenceSentence],
    ) -> BottomLineChoice:
        against = [s for s in combo.text_sentences if self._warns_against(s)]
        table = combo.table_sentences if combo.findings else []  # pair rows, not a drug's list
        worst = combo.worst
        found = self._guideline_position(evidence, understood, on_topic)
        if worst is not None and worst.rank == 0:  # a Major interaction
            verdict, quotes = Verdict.NO, table[:1] + against[:1]
        elif found is not None and found.verdict == Verdict.NO:
            return from_guidelines(found, extra=table[:1])
        elif against:
            verdict, quotes = Verdict.NO, against[:1] + table[:1]
        elif table:
            verdict, quotes = Verdict.IT_DEPENDS, combo.text_sentences[:1] + table[:1]
        elif combo.text_sentences:
            verdict, quotes = Verdict.IT_DEPENDS, combo.text_sentences[:1]
        elif found is not None:
            choice = from_guidelines(found)
            if choice.verdict == Verdict.YES:  # no evidence for the combination itself
                choice.verdict = Verdict.NOT_ESTABLISHED
            return choice
        else:
            verdict, quotes = Verdict.NOT_ESTABLISHED, []
        directions = {id(s): D.AGAINST for s in against}
        return BottomLineChoice(verdict, quotes, directions=directions)

    def _warns_against(self, s: EvidenceSentence) -> bool:
        """Text about a pair that says not to combine them ("avoid", "do not use with"): a
        row of an interaction table, or a sentence about taking them together ("some experts
        recommend avoiding these medications" for nerve pain is not about the pair)."""
        against = bool(_AVOID.search(s.text)) or self._direction(s) == D.AGAINST
        return against and (bool(s.pieces) or bool(_TOGETHER.search(s.text)))

    def _direction(self, s: EvidenceSentence) -> RecommendationDirection:
        return recommendation_semantics(s.text, None, table=self.grade_table).direction


_AVOID = re.compile(
    r"\b(?:avoid\w*|contraindicated|do not (?:use|combine|take|give|prescribe)|"
    r"should not be (?:used|combined|given|taken))\b",
    re.I,
)
_TOGETHER = re.compile(
    # "with", but not "in patients with a history of asthma"
    r"\b(?:with(?!\s+(?:an?\s+)?(?:history|risk|known|severe|moderate|mild|renal|hepatic|"
    r"kidney|liver|heart|cardiac|chronic|acute|impaired|reduced)\b)|"
    r"together|concomitant\w*|concurrent\w*|combin\w*|co-?administ\w*|"
    r"simultaneous\w*|at the same time|plus|while (?:taking|on|using|receiving)|"
    r"(?:taking|receiving|on) (?:an? )?\w+)\b",
    re.I,
)


def _screened_for(evidence: Evidence, understood: Understood) -> frozenset[str]:
    """Terms of the condition a screening question is about (its setting and conditions)."""
    if understood.intent != Intent.SCREENING:
        return frozenset()
    setting = evidence.concepts.setting
    if setting is None:
        return (
            frozenset(analyze(understood.conditions[0])) if understood.conditions else frozenset()
        )
    return frozenset(p for w in setting.words if w.specific for t in w.terms for p in t.split())


def _adds_unpaired(understood: Understood, combo: Combination) -> bool:
    """A drug added to the patient's treatment when nothing indexed speaks of the pair: the
    question is whether to give the added drug, answered as for that drug alone."""
    return (
        understood.added_drug() is not None
        and not combo.duplicate
        and not combo.findings
        and not combo.text_sentences
    )


def _asked_about(understood: Understood | None) -> list[str]:
    if understood is None:
        return ["this question"]
    drugs = [d.surface for d in understood.asked_drugs() if not d.is_class]
    people = [p.value.replace("_", " ") for p in understood.populations]
    named = drugs + understood.conditions[:1]
    return [
        " and ".join(named or ["this question"]) + (f" in {', '.join(people)}" if people else "")
    ]


def _subject(evidence: Evidence) -> str | None:
    anchor = evidence.concepts.anchor
    return anchor.surface if anchor else None


def _subject_aliases(evidence: Evidence) -> list[frozenset[str]]:
    """Broader names of the subject when the subject is the setting's condition."""
    subject = _subject(evidence)
    setting = evidence.concepts.setting_terms
    if subject and setting and set(analyze(subject, compound_parts=False)) <= setting:
        return list(evidence.concepts.setting_aliases)
    return []


def _best_quote(unit: StanceUnit) -> EvidenceSentence:
    return max(unit.quotes, key=lambda s: (not states_aim(s.text), s.has_anchor, s.coverage))


def _quotable(sentences: list[EvidenceSentence]) -> list[EvidenceSentence]:
    """Up to two sentences fit to quote: naming the subject, or from a source about the question."""
    return [
        s
        for s in sentences
        if (s.has_anchor or s.context_coverage >= 0.5) and not states_aim(s.text)
    ][:2]


def _study_asked_about(evidence: Evidence, title_coverage: float) -> bool:
    """The question restates a study's title: that study's conclusion answers it, not guidelines."""
    return any(
        evidence.concepts.coverage(set(analyze(hit.document.title))) >= title_coverage
        for hit in evidence.hits[:3]
        if hit.document.source_type in RESEARCH
    )
