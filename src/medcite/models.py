"""Shared types: what the pipeline passes between ingest, index, retrieve, compose and verify."""

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


# -- answers -----------------------------------------------------------------------------------
ANSWER_SCHEMA_VERSION = "1.1"


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


class NoteKind(StrEnum):
    """Kinds of medcite's own statements (never source text, so never cited)."""

    DUPLICATE_THERAPY = "duplicate_therapy"
    INTERACTION_NOT_INDEXED = "interaction_not_indexed"
    NOT_GIVEN = "not_given"  # the thing asked for is not in the indexed sources
    CONFLICT = "conflict"  # guidelines disagree
    APPLICABILITY = "applicability"  # which recommendations fit the patient described


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


# -- question understanding: the patient's numbers -------------------------------------------


class PatientFacts(BaseModel):
    """Numbers and states the question gives about the patient; they select among
    recommendations (applicability), they are not topics to search for."""

    age: float | None = Field(default=None, description="Age in years ('a 45-year-old').")
    sex: str | None = Field(default=None, description="'female' or 'male' when stated.")
    pregnant: bool | None = Field(default=None, description="Pregnancy stated (True) or denied.")
    gestational_week: float | None = Field(default=None, description="Week of pregnancy.")
    risk_percent: float | None = Field(
        default=None, description="A stated risk, e.g. 10-year CVD risk of 12 % -> 12.0."
    )
    egfr: float | None = Field(default=None, description="eGFR in mL/min/1.73 m2.")
    ckd_stage: str | None = Field(default=None, description="CKD stage as written: '3b', '4'.")
    bmi: float | None = Field(default=None, description="Body-mass index in kg/m2.")


# -- recommendation semantics --


class RecommendationDirection(StrEnum):
    """What a guideline recommendation says to do about its object."""

    FOR = "for"
    AGAINST = "against"
    INDIVIDUAL_DECISION = "individual_decision"  # selectively offer, shared decision, only if ...
    INSUFFICIENT_EVIDENCE = "insufficient_evidence"
    NONE = "none"  # not a recommendation, or the direction cannot be told


class RecommendationStrength(StrEnum):
    """How firmly the guideline makes the recommendation, whatever its grading scheme."""

    STRONG = "strong"
    MODERATE = "moderate"
    WEAK = "weak"
    EXPERT_OPINION = "expert_opinion"  # consensus, good-practice point, clinical principle
    UNKNOWN = "unknown"


class GradeMeaning(BaseModel):
    """What a grade string means in its publisher's rating scheme (a row of grade_schemes.csv)."""

    scheme: str = Field(description="Rating scheme family, e.g. 'uspstf', 'grade', 'acc_aha'.")
    direction: RecommendationDirection = Field(
        description="Direction the grade itself carries; NONE when the scheme grades strength only."
    )
    strength: RecommendationStrength
    note: str = Field(default="", description="The scheme's definition of the grade, in brief.")


class RecommendationSemantics(BaseModel):
    """Direction and strength of one recommendation, and what it is about."""

    direction: RecommendationDirection
    strength: RecommendationStrength
    grade_scheme: str | None = Field(default=None, description="Scheme the grade matched, if any.")
    grade_direction: RecommendationDirection = Field(
        default=RecommendationDirection.NONE, description="Direction from the grade alone."
    )
    wording_direction: RecommendationDirection = Field(
        default=RecommendationDirection.NONE, description="Direction from the sentence alone."
    )
    rule: str = Field(description="Name of the wording rule (or 'grade:<scheme>') that decided.")
    sentence: str | None = Field(
        default=None, description="The sentence of the text the wording rule fired in, verbatim."
    )
    conditional: bool = Field(
        default=False, description="Restricted to a subgroup or circumstance ('only if ...')."
    )
    condition: str | None = Field(
        default=None, description="The restricting text, verbatim ('only if the potential ...')."
    )
    object_phrase: str | None = Field(
        default=None, description="What the recommendation is about: the phrase the verb governs."
    )
    alternative_phrase: str | None = Field(
        default=None,
        description="What it is preferred over ('X rather than Y' -> Y); the direction does not apply to it.",
    )


class Applicability(StrEnum):
    """Whether a recommendation's population covers the patient the question describes."""

    APPLIES = "applies"
    DOES_NOT_APPLY = "does_not_apply"
    UNKNOWN = "unknown"  # the question does not give the number or state a criterion needs


class NumericRange(BaseModel):
    """An interval of a patient number, e.g. age 40 to 75 or risk >= 10 %."""

    low: float | None = None
    high: float | None = None
    low_inclusive: bool = True
    high_inclusive: bool = True
    text: str = Field(default="", description="The source words the range was read from.")

    def contains(self, value: float) -> bool:
        """True when value lies in the interval."""
        if self.low is not None and (value < self.low or (value == self.low and not self.low_inclusive)):
            return False
        return not (
            self.high is not None
            and (value > self.high or (value == self.high and not self.high_inclusive))
        )


class PopulationCriteria(BaseModel):
    """Who a recommendation is for, as far as its text says (None: not restricted)."""

    age: NumericRange | None = Field(default=None, description="Age in years.")
    risk_percent: NumericRange | None = Field(default=None, description="Stated risk, in percent.")
    sex: str | None = Field(default=None, description="'female' or 'male'.")
    pregnant: bool | None = Field(default=None, description="True: pregnant; False: not pregnant.")
    egfr: NumericRange | None = Field(default=None, description="eGFR in mL/min/1.73 m2.")
    ckd_stages: list[str] = Field(
        default_factory=list, description="CKD stages named ('3a', '3b', '4', '5')."
    )
    bmi: NumericRange | None = Field(default=None, description="Body-mass index in kg/m2.")

    def is_empty(self) -> bool:
        """True when the text restricts nothing this parser reads."""
        return not (
            self.age or self.risk_percent or self.sex or self.pregnant is not None
            or self.egfr or self.ckd_stages or self.bmi
        )


# -- question understanding --


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
        if self.red_flags:
            parts.append("RED FLAG: " + ", ".join(f.id for f in self.red_flags))
        return " · ".join(parts)


_INTENT_LABELS = {
    Intent.FIRST_LINE: "first-line choice",
    Intent.YES_NO: "yes/no",
    Intent.CO_ADMINISTRATION: "co-administration",
}
