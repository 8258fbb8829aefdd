"""Documents, passages, searches and ingest reports: what ingest, index and retrieve pass on."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field, model_validator


class SourceType(StrEnum):
    """Kind of evidence a document is; drives reference labels and ranking priors."""

    GUIDELINE = "guideline"
    SYSTEMATIC_REVIEW = "systematic_review"
    TRIAL = "trial"
    RESEARCH = "research"
    PATIENT_INFORMATION = "patient_information"
    DRUG_LABEL = "drug_label"
    DRUG_INTERACTION_DATABASE = "drug_interaction_database"

    @property
    def label(self) -> str:
        """Human label for reference lists ("Guideline", "Research", ...)."""
        return _LABELS[self]


_LABELS = {
    SourceType.GUIDELINE: "Guideline",
    SourceType.SYSTEMATIC_REVIEW: "Systematic review",
    SourceType.TRIAL: "Clinical trial",
    SourceType.RESEARCH: "Research",
    SourceType.PATIENT_INFORMATION: "Patient information",
    SourceType.DRUG_LABEL: "Drug label",
    SourceType.DRUG_INTERACTION_DATABASE: "Drug interaction database",
}


class PassageKind(StrEnum):
    """What a passage is: a guideline recommendation, a gold snippet, an interaction-table line,
    or ordinary text."""

    RECOMMENDATION = "recommendation"
    SNIPPET = "snippet"
    INTERACTION = "interaction"
    TEXT = "text"


class SearchIntent(StrEnum):
    """What a query is after, as far as ranking cares (guidelines first for management)."""

    MANAGEMENT = "management"
    DIAGNOSIS = "diagnosis"
    GENERAL = "general"


class Section(BaseModel):
    """A named span of a document's text."""

    name: str = Field(description="Section heading, e.g. 'Major Recommendations' or 'RESULTS'.")
    start: int = Field(ge=0, description="Character offset of the section start in Document.text.")
    end: int = Field(ge=0, description="Character offset one past the section end.")


class Passage(BaseModel):
    """A retrievable unit: a contiguous span of its document's text."""

    id: str = Field(description="Stable id: '<document id>#<ordinal>'.")
    doc_id: str = Field(description="Id of the document this passage belongs to.")
    ordinal: int = Field(ge=0, description="Position of the passage within its document.")
    section: str = Field(default="", description="Name of the section the passage lies in.")
    text: str = Field(description="Exactly Document.text[start:end].")
    start: int = Field(ge=0, description="Character offset into Document.text.")
    end: int = Field(ge=0, description="Character offset one past the end.")
    kind: PassageKind = Field(
        default=PassageKind.TEXT,
        description="'recommendation' for a guideline recommendation, 'snippet', 'interaction' "
        "for a drug-interaction table line, or 'text'.",
    )
    grade: str | None = Field(
        default=None,
        description="Strength/quality grade of a recommendation, as the source gives it.",
    )


class Document(BaseModel):
    """One source document with its metadata, full text and passages."""

    id: str = Field(
        description="Stable id, e.g. 'ngc:10000', 'pubmed:28293123', 'medquad:0000001_1-1'."
    )
    title: str
    source_type: SourceType
    collection: str = Field(
        description="Which loader/collection produced it: 'ngc', 'medquad', ..."
    )
    publisher: str | None = Field(default=None, description="Guideline developer or website owner.")
    journal: str | None = None
    year: int | None = Field(default=None, ge=1800, le=2100)
    url: str | None = None
    pmid: str | None = None
    doi: str | None = None
    license: str | None = Field(default=None, description="Licence / attribution line to show.")
    citation: str | None = Field(default=None, description="Bibliographic source as given.")
    metadata: dict[str, str | list[str]] = Field(
        default_factory=dict, description="Loader-specific fields (focus, qtype, MeSH, ...)."
    )
    text: str = Field(description="Full clean text; passages and sections index into it.")
    sections: list[Section] = Field(default_factory=list)
    passages: list[Passage] = Field(default_factory=list)
    content_hash: str = Field(
        default="", description="Hash of everything above; set by the builder."
    )
    source_path: str | None = Field(default=None, description="File the document was read from.")

    @model_validator(mode="after")
    def _spans_match_text(self) -> Document:
        for p in self.passages:
            if self.text[p.start : p.end] != p.text:
                raise ValueError(
                    f"passage {p.id} does not match document text at {p.start}:{p.end}"
                )
        return self


class SearchFilters(BaseModel):
    """Restrictions a caller can put on a search."""

    source_types: list[SourceType] | None = None
    year_min: int | None = None
    year_max: int | None = None
    collections: list[str] | None = None


class SearchHit(BaseModel):
    """A ranked passage with its document and why it ranked where it did."""

    rank: int = Field(ge=1)
    score: float
    passage: Passage
    document: Document = Field(description="The document, without passages (to keep hits light).")
    lexical_score: float = Field(
        description="BM25 score from the full-text index (higher is better)."
    )
    matched_terms: list[str] = Field(
        default_factory=list, description="Query terms the passage has."
    )


class QueryAnalysis(BaseModel):
    """What the query parser made of the user's text."""

    text: str
    terms: list[str] = Field(description="Normalized (stemmed) query terms.")
    expansions: list[str] = Field(
        default_factory=list, description="Abbreviation expansions added."
    )
    intent: SearchIntent = Field(
        default=SearchIntent.GENERAL, description="'management', 'diagnosis', or 'general'."
    )


class SearchResult(BaseModel):
    query: QueryAnalysis
    filters: SearchFilters
    hits: list[SearchHit]
    elapsed_ms: float


class FileError(BaseModel):
    path: str
    reason: str


class SkippedRecord(BaseModel):
    """A record (e.g. a JSON line) left out of a file that was otherwise ingested."""

    path: str = Field(description="The file holding the record.")
    line: int = Field(description="1-based line number of the record in the file.")
    reason: str = Field(description="Why the record was left out.")


class IngestReport(BaseModel):
    """What an ingest run did; failures name the file and the reason."""

    files_seen: int = 0
    files_unchanged: int = Field(default=0, description="Skipped: same content as last time.")
    files_ingested: int = 0
    files_unsupported: list[str] = Field(default_factory=list)
    failures: list[FileError] = Field(default_factory=list)
    skipped_records: list[SkippedRecord] = Field(
        default_factory=list, description="Records left out of files that were ingested."
    )
    documents_added: int = 0
    documents_updated: int = 0
    documents_unchanged: int = 0
    passages_added: int = 0
    elapsed_s: float = 0.0
