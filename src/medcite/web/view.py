"""What the answer page shows, prepared from an article version: claims with their citation
markers and source passages, blocks in reading order, references with badges.

Everything here is plain text; the templates escape it (autoescape), so source text can
never become markup.
"""

from __future__ import annotations

from datetime import UTC, datetime

from pydantic import BaseModel, Field

from medcite.models import Answer, Applicability, Claim, Reference, SourceType, Verdict
from medcite.publish.editing import claim_slots
from medcite.publish.models import ArticleVersion, SpanSource, span_key
from medcite.render import grade_label, understood_line

# CSS modifier per source type: the badge colour says what kind of evidence it is.
BADGE = {
    SourceType.GUIDELINE: "guideline",
    SourceType.SYSTEMATIC_REVIEW: "review",
    SourceType.PATIENT_INFORMATION: "patient",
    SourceType.DRUG_INTERACTION_DATABASE: "ddi",
}
VERDICT_TONE = {
    Verdict.YES: "yes",
    Verdict.NO: "no",
    Verdict.IT_DEPENDS: "depends",
    Verdict.NOT_ESTABLISHED: "unknown",
    Verdict.ABSTAIN: "unknown",
}


class PassageView(BaseModel):
    """One source passage with the claim's span marked: before + span + after."""

    id: str = Field(description="DOM id of the passage block.")
    number: int = Field(description="Reference number the marker shows.")
    doc_id: str
    title: str
    type_label: str
    badge: str
    year: int | None
    section: str
    before: str
    span: str
    after: str
    source_url: str = Field(description="Link to the indexed document page, at the span.")


class MarkerView(BaseModel):
    number: int
    target: str = Field(description="DOM id of the passage shown for this marker.")


class ClaimView(BaseModel):
    address: str
    text: str
    markers: list[MarkerView]
    grade: str | None
    not_for_patient: bool = Field(
        default=False, description="A recommendation whose criteria the patient described fails."
    )
    grade_label: str | None = Field(
        default=None, description="'What grade C means:' before a guideline's grade definition."
    )


class BlockView(BaseModel):
    key: str
    heading: str
    notes: list[str] = Field(default_factory=list, description="medcite's own statements.")
    claims: list[ClaimView] = Field(default_factory=list)
    numbered: bool = False
    editable_heading: bool = False


class ReferenceView(BaseModel):
    ref: Reference
    badge: str
    source: str | None = Field(description="Journal or publisher.")
    link: str | None


class AnswerView(BaseModel):
    short_title: str = Field(description="The topic in a few words: 'Metformin · pregnancy'.")
    understood: str | None
    urgent_text: str | None
    urgent_claims: list[ClaimView]
    verdict: str
    verdict_tone: str
    lead: str | None
    bottom_claims: list[ClaimView]
    bottom_notes: list[str]
    blocks: list[BlockView]
    gaps: list[str]
    glossary: dict[str, str]
    references: list[ReferenceView]
    passages: list[PassageView]
    newest_guideline_year: int | None
    stale_guidelines: bool
    follow_ups: list[str]


def answer_view(version: ArticleVersion, stale_years: int, now: datetime | None = None) -> AnswerView:
    answer = version.answer
    refs = {r.number: r for r in answer.references}
    builder = _ClaimBuilder(refs, version.sources)
    claim_views = {address: builder.build(address, claim) for address, claim in claim_slots(answer)}
    guideline_years = [
        r.year for r in answer.references if r.source_type == SourceType.GUIDELINE and r.year
    ]
    newest = max(guideline_years, default=None)
    year_now = (now or datetime.now(UTC)).year
    bottom = answer.bottom_line
    return AnswerView(
        short_title=short_title(answer),
        understood=understood_line(answer),
        urgent_text=answer.urgent.text if answer.urgent else None,
        urgent_claims=[v for a, v in claim_views.items() if a.startswith("urgent.")],
        verdict=bottom.verdict.value,
        verdict_tone=VERDICT_TONE.get(bottom.verdict, "answer"),
        lead=None if bottom.verdict == Verdict.ANSWER else bottom.lead,
        bottom_claims=[v for a, v in claim_views.items() if a.startswith("bottom_line.")],
        bottom_notes=[n.text for n in answer.notes if n.section is None or not _has_section(answer, n.section)],
        blocks=_blocks(answer, claim_views),
        gaps=[g.text for g in answer.evidence_gaps],
        glossary=answer.glossary,
        references=[_reference_view(r) for r in answer.references],
        passages=builder.passages,
        newest_guideline_year=newest,
        stale_guidelines=newest is not None and year_now - newest > stale_years,
        follow_ups=answer.follow_up_questions,
    )


class _ClaimBuilder:
    """Claim views with one marker per citation, and the passage block each marker opens."""

    def __init__(self, refs: dict[int, Reference], sources: dict[str, SpanSource]) -> None:
        self.refs = refs
        self.sources = sources
        self.passages: list[PassageView] = []

    def build(self, address: str, claim: Claim) -> ClaimView:
        markers = []
        for number in claim.citations:
            target = f"src-{address.replace('.', '-')}-{number}"
            if self._add_passage(target, number, claim):
                markers.append(MarkerView(number=number, target=target))
            else:
                markers.append(MarkerView(number=number, target=f"ref-{number}"))
        return ClaimView(
            address=address,
            text=claim.text,
            markers=markers,
            grade=claim.grade,
            not_for_patient=claim.applicability == Applicability.DOES_NOT_APPLY,
            grade_label=grade_label(claim.defines_grade) if claim.defines_grade else None,
        )

    def _add_passage(self, target: str, number: int, claim: Claim) -> bool:
        ref = self.refs.get(number)
        if ref is None:
            return False
        span = next((s for s in claim.spans if s.doc_id == ref.doc_id), None)
        source = self.sources.get(span_key(span.doc_id, span.start, span.end)) if span else None
        if source is None:
            return False
        text = source.passage_text
        self.passages.append(
            PassageView(
                id=target,
                number=number,
                doc_id=ref.doc_id,
                title=ref.title,
                type_label=ref.type_label,
                badge=BADGE.get(ref.source_type, "research"),
                year=ref.year,
                section=source.section,
                before=text[: source.start],
                span=text[source.start : source.end],
                after=text[source.end :],
                source_url=f"/sources/{ref.doc_id}?start={source.doc_start}&end={source.doc_end}"
                f"#passage-{source.passage_id.rsplit('#', 1)[-1]}",
            )
        )
        return True


def short_title(answer: Answer) -> str:
    """The question's subjects (drugs, conditions, population), else its topic words."""
    understood = answer.understood
    parts: list[str] = []
    if understood:
        parts = [d.name for d in understood.drugs] + understood.conditions
        parts += [p.value.replace("_", " ") for p in understood.populations]
        if not parts:
            parts = [understood.search_query] if understood.search_query else []
    title = " · ".join(dict.fromkeys(p.strip() for p in parts if p.strip()))
    title = title or answer.question
    return title[:1].upper() + title[1:]


def _has_section(answer: Answer, key: str) -> bool:
    return any(s.key == key for s in answer.sections)


def _blocks(answer: Answer, claims: dict[str, ClaimView]) -> list[BlockView]:
    blocks = [
        BlockView(
            key=s.key,
            heading=s.heading,
            notes=[n.text for n in answer.notes if n.section == s.key],
            claims=[claims[f"section.{s.key}.{i}"] for i in range(len(s.claims))],
            editable_heading=True,
        )
        for s in answer.sections
    ]
    if answer.algorithm:
        blocks.append(
            BlockView(
                key="algorithm",
                heading="Clinical decision algorithm",
                claims=[claims[f"algorithm.{i}"] for i in range(len(answer.algorithm))],
                numbered=True,
            )
        )
    if answer.pitfalls:
        blocks.append(
            BlockView(
                key="pitfalls",
                heading="Key pitfalls",
                claims=[claims[f"pitfalls.{i}"] for i in range(len(answer.pitfalls))],
            )
        )
    return blocks


def safe_link(url: str | None) -> str | None:
    """Only web links leave the page (a source could carry a javascript: URL)."""
    if url and url.strip().lower().startswith(("https://", "http://")):
        return url.strip()
    return None


def _reference_view(ref: Reference) -> ReferenceView:
    link = safe_link(ref.url) or (
        f"https://pubmed.ncbi.nlm.nih.gov/{ref.pmid}/" if ref.pmid and ref.pmid.isdigit() else None
    )
    return ReferenceView(
        ref=ref, badge=BADGE.get(ref.source_type, "research"), source=ref.journal or ref.publisher, link=link
    )
