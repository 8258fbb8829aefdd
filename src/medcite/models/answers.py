"""The Answer: the contract between compose, verify, render, web and any future composer."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field

from medcite.models.documents import SourceType
from medcite.models.recommendations import Applicability, RecommendationDirection
from medcite.models.understanding import Understood

ANSWER_SCHEMA_VERSION = "1.2"


class Audience(StrEnum):
    """Who reads the answer: it changes wording and which sources lead, never the facts."""

    CLINICIAN = "clinician"
    PATIENT = "patient"


class Verdict(StrEnum):
    """What the bottom line says about the question."""

    YES = "yes"
    NO = "no"
    IT_DEPENDS = "it_depends"
    NOT_ESTABLISHED = "not_established"
    ANSWER = "answer"  # an open (not yes/no) question, answered by its best evidence
    ABSTAIN = "abstain"  # nothing relevant is indexed


class SourceSpan(BaseModel):
    """Where a claim's text comes from: Document.text[start:end] equals the claim text."""

    doc_id: str
    passage_id: str = Field(description="The passage the span lies in.")
    start: int = Field(ge=0, description="Character offset into the document text.")
    end: int = Field(ge=0, description="Character offset one past the end.")


class Claim(BaseModel):
    """One bullet: source text selected verbatim, with its citation numbers."""

    text: str = Field(description="Verbatim source text (selected or trimmed, never reworded).")
    citations: list[int] = Field(description="Reference numbers, 1-based.")
    spans: list[SourceSpan] = Field(description="Source span of the text, one per joined piece.")
    grade: str | None = Field(default=None, description="Guideline grade of the source, if any.")
    direction: RecommendationDirection | None = Field(
        default=None,
        description="For a guideline recommendation: for, against, individual decision, "
        "insufficient evidence (from its grade and wording).",
    )
    applicability: Applicability | None = Field(
        default=None,
        description="Whether the recommendation's population criteria fit the patient described.",
    )
    defines_grade: str | None = Field(
        default=None,
        description="The grade ('C') this sentence defines: the guideline's own definition of "
        "the grade its bottom line carries.",
    )


class NoteKind(StrEnum):
    """Kinds of medcite's own statements (never source text, so never cited)."""

    DUPLICATE_THERAPY = "duplicate_therapy"
    INTERACTION_NOT_INDEXED = "interaction_not_indexed"
    NOT_GIVEN = "not_given"  # the thing asked for is not in the indexed sources
    CONFLICT = "conflict"  # guidelines disagree
    APPLICABILITY = "applicability"  # which recommendations fit the patient described
    ALLERGY = "allergy"  # the drug asked about is one the patient is allergic to


class Note(BaseModel):
    """A statement medcite makes about the evidence it searched (its own words, not a claim)."""

    kind: NoteKind
    text: str
    section: str | None = Field(
        default=None, description="Key of the section it belongs to; None: under the bottom line."
    )


class UrgentNotice(BaseModel):
    """Shown first when the message describes emergency symptoms."""

    text: str = Field(description="medcite's advice to seek care now.")
    red_flags: list[str] = Field(description="Ids of the red flags recognised.")
    claims: list[Claim] = Field(description="The cited source sentences on when to seek care.")


class AnswerSection(BaseModel):
    key: str = Field(description="Stable section id, e.g. 'guideline_recommendations'.")
    heading: str = Field(description="Heading shown to the reader (depends on audience).")
    claims: list[Claim]


class EvidenceGap(BaseModel):
    """medcite's own statement that a specific combination was searched for and not found."""

    text: str
    searched_terms: list[str] = Field(description="Analyzed terms that were all required.")
    passages_found: int = Field(default=0, description="Passages matching all of them (0).")


class BottomLine(BaseModel):
    verdict: Verdict
    lead: str = Field(description="medcite's framing words, e.g. 'No' or 'Not established'.")
    claims: list[Claim] = Field(description="The cited source sentences that carry the verdict.")


class Reference(BaseModel):
    number: int = Field(ge=1, description="Numbered in order of first citation.")
    doc_id: str
    source_type: SourceType
    type_label: str = Field(description="'Guideline', 'Research', 'Patient information', ...")
    title: str
    publisher: str | None = None
    journal: str | None = None
    year: int | None = None
    url: str | None = None
    pmid: str | None = None
    grades: list[str] = Field(default_factory=list, description="Grades of the cited passages.")


class EvidenceSearch(BaseModel):
    """A search run while composing, recorded so the answer can be reproduced and audited."""

    purpose: str = Field(description="'main', 'focus' or 'gap'.")
    query: str
    terms: list[str]
    passages_found: int


class AnswerMetadata(BaseModel):
    medcite_version: str
    created_at: str = Field(description="ISO 8601 UTC time the answer was composed.")
    index_snapshot: str = Field(description="Store snapshot id: same id + settings = same answer.")
    composer: str = Field(default="extractive", description="Which composer wrote the answer.")
    settings: dict[str, object] = Field(description="Retrieval and composition settings used.")
    timings_ms: dict[str, float] = Field(description="Milliseconds per stage and in total.")
    searches: list[EvidenceSearch] = Field(default_factory=list)
    retrieved_doc_ids: list[str] = Field(
        default_factory=list, description="Documents retrieved, best first."
    )


class Answer(BaseModel):
    """A complete cited answer; renderers and the web app only ever read this."""

    schema_version: str = Field(default=ANSWER_SCHEMA_VERSION)
    question: str
    context: str | None = Field(default=None, description="Previous question, for a follow-up.")
    audience: Audience = Audience.CLINICIAN
    understood: Understood | None = Field(
        default=None, description="What medcite understood the question to ask (typed)."
    )
    urgent: UrgentNotice | None = Field(
        default=None, description="Advice to seek care now, when the message has red flags."
    )
    bottom_line: BottomLine
    sections: list[AnswerSection] = Field(default_factory=list)
    algorithm: list[Claim] = Field(
        default_factory=list, description="Ordered decision steps, when sources give an order."
    )
    pitfalls: list[Claim] = Field(default_factory=list, description="What sources warn against.")
    evidence_gaps: list[EvidenceGap] = Field(default_factory=list)
    notes: list[Note] = Field(
        default_factory=list,
        description="medcite's own statements: duplicate therapy, interactions not in the "
        "indexed table, the thing asked for not given, conflicting guidelines.",
    )
    references: list[Reference] = Field(default_factory=list)
    glossary: dict[str, str] = Field(
        default_factory=dict, description="Abbreviations used in the claims (patient audience)."
    )
    follow_up_questions: list[str] = Field(default_factory=list)
    metadata: AnswerMetadata

    def all_claims(self) -> list[Claim]:
        """Every cited claim in reading order."""
        claims = list(self.urgent.claims) if self.urgent else []
        claims += self.bottom_line.claims
        for section in self.sections:
            claims.extend(section.claims)
        return claims + self.algorithm + self.pitfalls
