"""What a question asks, typed: the first stage of composing an answer."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field

from medcite.models.patient import PatientFacts
from medcite.text.sentences import last_question


class Intent(StrEnum):
    """What kind of answer the question asks for."""

    YES_NO = "yes_no"
    CO_ADMINISTRATION = "co_administration"
    FIRST_LINE = "first_line"
    SCREENING = "screening"
    DOSING = "dosing"
    SYMPTOMS = "symptoms"
    CAUSES = "causes"
    DIAGNOSIS = "diagnosis"
    COMPARISON = "comparison"
    PROGNOSIS = "prognosis"
    DEFINITION = "definition"
    TREATMENT = "treatment"
    GENERAL = "general"


class Population(StrEnum):
    """Who the question is about, when it names a group that changes the recommendation."""

    PREGNANCY = "pregnancy"
    BREASTFEEDING = "breastfeeding"
    CHILDREN = "children"
    INFANTS = "infants"
    ADOLESCENTS = "adolescents"
    OLDER_ADULTS = "older_adults"
    RENAL_IMPAIRMENT = "renal_impairment"
    HEPATIC_IMPAIRMENT = "hepatic_impairment"


class RewriteReason(StrEnum):
    LAY_TERM = "lay_term"
    SPELLING = "spelling"
    BRAND = "brand"
    ABBREVIATION = "abbreviation"


class Rewrite(BaseModel):
    """A word of the question replaced in the search query."""

    original: str = Field(description="Text as written in the question.")
    replacement: str = Field(description="Term searched instead.")
    reason: RewriteReason


class DrugMention(BaseModel):
    """A drug or drug class named in the question."""

    name: str = Field(description="Canonical lower-case generic or class name: 'sertraline'.")
    surface: str = Field(description="As written: 'Zoloft'.")
    is_class: bool = Field(default=False, description="A class ('nsaid', 'ssri'), not one drug.")
    routes: list[str] = Field(
        default_factory=list, description="Routes/formulations bound to it: 'oral', 'intravenous'."
    )
    doses: list[str] = Field(default_factory=list, description="Doses as written: '81 mg'.")
    product: str | None = Field(
        default=None,
        description="The fixed combination it was named in: 'trimethoprim-sulfamethoxazole'.",
    )
    classes: list[str] = Field(
        default_factory=list,
        description="The classes it belongs to, as the class map names them: 'Opioids'.",
    )


class RedFlagHit(BaseModel):
    """An emergency symptom the message describes, with the index sentence to cite."""

    id: str
    label: str = Field(description="What was recognised: 'chest pain or pressure'.")
    matched: str = Field(description="The message text that matched.")
    doc_id: str = Field(description="Document holding the source sentence.")
    quote: str = Field(description="Exact substring of that document's text.")


class Understood(BaseModel):
    """What a question asks, typed: the first stage of composing an answer."""

    question: str = Field(description="The question or message as given.")
    focus_question: str = Field(description="The question sentence(s) found in the message.")
    search_query: str = Field(
        description="Topic words in order: lay terms mapped, spelling fixed, filler and "
        "patient details removed."
    )
    drugs: list[DrugMention] = Field(default_factory=list)
    conditions: list[str] = Field(default_factory=list, description="Conditions, lower case.")
    populations: list[Population] = Field(default_factory=list)
    patient: PatientFacts = Field(default_factory=PatientFacts)
    intent: Intent = Intent.GENERAL
    is_yes_no: bool = False
    topic_words: list[str] = Field(default_factory=list, description="Words that carry the topic.")
    filler_words: list[str] = Field(default_factory=list, description="Words dropped as filler.")
    rewrites: list[Rewrite] = Field(default_factory=list)
    red_flags: list[RedFlagHit] = Field(default_factory=list)
    carried_over: list[str] = Field(
        default_factory=list, description="Subjects taken from the previous question."
    )

    def asked_drugs(self) -> list[DrugMention]:
        """The drugs the question is about: single drugs before classes; a drug named only in
        the history around a question that asks about a condition ("I have been given
        omeprazole many times. Can GERD be cured?"), or around a question asking what to treat
        with, is not its subject."""
        added = self.added_drug()
        if added is not None:
            return [added]
        drugs = [d for d in self.drugs if not d.is_class] or self.drugs
        asking = self._asking_sentence()
        named = [d for d in drugs if _names(d, asking)]
        if not named and any(c.lower() in asking for c in self.conditions):
            return []
        if not named and self.intent in (Intent.TREATMENT, Intent.FIRST_LINE):
            return []  # "Clinda is stopped. What do I treat her with?" asks for another drug
        return drugs

    def added_drug(self) -> DrugMention | None:
        """The drug a question asks about adding to what the patient already takes ("She
        takes levothyroxine. Can she get the flu vaccine?", "Steroids are in. Should she also
        get magnesium sulfate?"): the asking sentence names it and no other drug, and does not
        ask about taking them together."""
        if self.intent == Intent.CO_ADMINISTRATION or len(self.drugs) < 2:
            return None
        asking = self._asking_sentence()
        if asking == self.focus_question.lower():
            return None  # one sentence: "Can a patient on warfarin take ibuprofen?"
        named = [d for d in self.drugs if _names(d, asking)]
        return named[0] if len(named) == 1 else None

    def _asking_sentence(self) -> str:
        """The last question of the focus question, lower case (the whole of it if none)."""
        return last_question(self.focus_question).lower()

    def summary(self) -> str:
        """One line: 'sertraline + tramadol · co-administration'."""
        parts: list[str] = []
        drugs = " + ".join(
            " ".join([*d.routes, d.name]) if d.routes else d.name for d in self.drugs
        )
        if drugs:
            parts.append(drugs)
        parts.extend(self.conditions)
        parts.extend(p.value.replace("_", " ") for p in self.populations)
        parts.append(_INTENT_LABELS.get(self.intent, self.intent.value.replace("_", " ")))
        facts = self.patient
        if facts.age is not None:
            parts.append(f"age {facts.age:g}")
        if facts.sex:
            parts.append(facts.sex)
        if facts.ckd_stage:
            parts.append(f"CKD stage {facts.ckd_stage}")
        if facts.risk_percent is not None:
            parts.append(f"risk {facts.risk_percent:g}%")
        if facts.allergies:
            parts.append("allergic to " + ", ".join(facts.allergies))
        if self.red_flags:
            parts.append("RED FLAG: " + ", ".join(f.id for f in self.red_flags))
        return " · ".join(parts)


_INTENT_LABELS = {
    Intent.FIRST_LINE: "first-line choice",
    Intent.YES_NO: "yes/no",
    Intent.CO_ADMINISTRATION: "co-administration",
}


def _names(drug: DrugMention, text: str) -> bool:
    return drug.surface.lower() in text or drug.name.lower() in text
