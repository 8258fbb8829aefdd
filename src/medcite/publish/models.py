"""Types of the publishing layer: users, articles, versions, review states, the audit log."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field

from medcite.models import Answer, Audience


class Role(StrEnum):
    """What an account may do; anonymous visitors are readers."""

    READER = "reader"
    EDITOR = "editor"  # edits and resubmits articles
    REVIEWER = "reviewer"  # Medical Advisory Board: claims, edits, approves, requests changes
    ADMIN = "admin"  # manages accounts; edits and resubmits, never approves


STAFF_ROLES = frozenset({Role.EDITOR, Role.REVIEWER, Role.ADMIN})


class ReviewStatus(StrEnum):
    """Where an article stands in the Medical Advisory Board review."""

    SUBMITTED = "submitted"
    UNDER_REVIEW = "under_review"
    CHANGES_REQUESTED = "changes_requested"
    APPROVED = "approved"


STATUS_LABELS = {
    ReviewStatus.SUBMITTED: "Submitted",
    ReviewStatus.UNDER_REVIEW: "Under Review",
    ReviewStatus.CHANGES_REQUESTED: "Changes requested",
    ReviewStatus.APPROVED: "Approved",
}


class Transition(StrEnum):
    """A review step a user takes."""

    CLAIM = "claim"  # submitted -> under review
    APPROVE = "approve"  # under review -> approved
    REQUEST_CHANGES = "request_changes"  # under review -> changes requested
    RESUBMIT = "resubmit"  # changes requested -> submitted


class EditKind(StrEnum):
    """How a new version came about."""

    CREATED = "created"
    STRIKE_CLAIM = "strike_claim"
    FIX_HEADING = "fix_heading"
    ADD_NOTE = "add_note"
    REGENERATE = "regenerate"


class ReaderAudience(StrEnum):
    """The reader's answer to "Which best describes you?" (kept in a cookie)."""

    PROFESSIONAL = "professional"
    PATIENT = "patient"
    STUDENT = "student"

    @property
    def label(self) -> str:
        return _READER_LABELS[self]

    @property
    def answer_audience(self) -> Audience:
        """Students get the clinician wording: they learn the clinical vocabulary."""
        return Audience.PATIENT if self is ReaderAudience.PATIENT else Audience.CLINICIAN


_READER_LABELS = {
    ReaderAudience.PROFESSIONAL: "Healthcare professional",
    ReaderAudience.PATIENT: "Patient or caregiver",
    ReaderAudience.STUDENT: "Student",
}


class User(BaseModel):
    id: int
    username: str = Field(description="Login name, unique, lower case.")
    display_name: str = Field(description="Name shown in the audit log.")
    role: Role
    active: bool = True
    created_at: str = Field(description="ISO 8601 UTC.")


class ReviewerNote(BaseModel):
    """A reviewer's own words on an article version (never mixed into source claims)."""

    author: str
    text: str
    created_at: str


class SpanSource(BaseModel):
    """The passage a claim's span lies in, stored with the version so the page can show it
    without reading the index (and shows what the answer was composed from)."""

    doc_id: str
    passage_id: str
    section: str = Field(default="", description="Section of the document the passage is in.")
    passage_text: str = Field(description="The whole passage text.")
    start: int = Field(description="Span start, relative to passage_text.")
    end: int = Field(description="Span end, relative to passage_text.")
    doc_start: int = Field(description="Span start in the document text.")
    doc_end: int = Field(description="Span end in the document text.")


class Article(BaseModel):
    id: int
    slug: str
    question: str
    context: str | None = Field(default=None, description="Previous question, for a follow-up.")
    audience: Audience
    question_key: str = Field(description="Normalised question + context: finds the article.")
    status: ReviewStatus
    current_version: int
    claimed_by: str | None = Field(default=None, description="Username of the claiming reviewer.")
    created_at: str
    updated_at: str

    @property
    def url(self) -> str:
        return f"/articles/{self.id}/{self.slug}"


class ArticleVersion(BaseModel):
    article_id: int
    number: int = Field(ge=1)
    answer: Answer
    sources: dict[str, SpanSource] = Field(
        default_factory=dict, description="Span key 'doc_id|start|end' -> its passage."
    )
    reviewer_notes: list[ReviewerNote] = Field(default_factory=list)
    index_snapshot: str
    change: EditKind
    summary: str = Field(default="", description="What changed, in a line.")
    created_by: str | None = Field(default=None, description="Username; None: anonymous ask.")
    created_at: str


class AuditEntry(BaseModel):
    id: int
    article_id: int
    version: int | None
    actor: str
    action: str = Field(description="A Transition or EditKind value.")
    from_status: ReviewStatus | None
    to_status: ReviewStatus | None
    comment: str = ""
    created_at: str


class PublishError(Exception):
    """A request the workflow refuses; status is the HTTP status that says why."""

    def __init__(self, message: str, status: int = 409) -> None:
        super().__init__(message)
        self.status = status


def span_key(doc_id: str, start: int, end: int) -> str:
    return f"{doc_id}|{start}|{end}"
