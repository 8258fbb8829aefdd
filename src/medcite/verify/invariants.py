"""Clinical invariants of an Answer, whatever composed it.

- the verdict agrees with the direction of the recommendations the bottom line quotes;
- the bottom line quotes sentences that name the question's subject (and its setting, in the
  sentence or the cited document's title);
- an answer that reports an evidence gap cannot answer Yes;
- a section holds only claims of its kind (safety, dosing);
- the bottom line gives the thing asked for (a treatment, an interval, an age, a dose), or a
  note says plainly that the indexed sources don't give it;
- a decision algorithm is built from guideline recommendations;
- a message with red flags gets the urgent-care notice;
- the audience changes wording and order, never the verdict or the bottom-line facts.
"""

from __future__ import annotations

from collections.abc import Callable

from pydantic import BaseModel, Field

from medcite.models import (
    Answer,
    Intent,
    NoteKind,
    RecommendationDirection,
    SourceType,
    Verdict,
)
from medcite.text import analyze
from medcite.text.kinds import asked_for, is_dosing, is_safety

D = RecommendationDirection
# Directions a bottom-line claim may have under each verdict.
_ALLOWED = {
    Verdict.YES: {D.FOR},
    Verdict.NO: {D.AGAINST},
}
_SECTION_KIND: dict[str, Callable[[str], bool]] = {"safety": is_safety, "dosing": is_dosing}


class InvariantReport(BaseModel):
    verdict_follows_claims: bool = Field(description="Verdict agrees with quoted directions.")
    bottom_line_on_subject: bool = Field(description="Bottom-line quotes name the subject.")
    no_yes_over_gap: bool = Field(description="No Yes when an evidence gap is reported.")
    sections_hold_kind: bool = Field(description="Safety and dosing hold only their kind.")
    asked_for_given: bool = Field(description="The thing asked for is given or said missing.")
    algorithm_from_guidelines: bool = Field(description="Algorithm steps cite guidelines.")
    red_flags_noticed: bool = Field(description="Red flags get the urgent-care notice.")
    problems: list[str] = Field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(getattr(self, name) for name in type(self).model_fields if name != "problems")


def check_invariants(answer: Answer) -> InvariantReport:
    problems: list[str] = []
    return InvariantReport(
        verdict_follows_claims=_verdict_follows_claims(answer, problems),
        bottom_line_on_subject=_bottom_line_on_subject(answer, problems),
        no_yes_over_gap=_no_yes_over_gap(answer, problems),
        sections_hold_kind=_sections_hold_kind(answer, problems),
        asked_for_given=_asked_for_given(answer, problems),
        algorithm_from_guidelines=_algorithm_from_guidelines(answer, problems),
        red_flags_noticed=_red_flags_noticed(answer, problems),
        problems=problems,
    )


def audience_consistent(one: Answer, other: Answer) -> bool:
    """Same verdict and the same bottom-line facts (claim texts, in any order), whoever reads it."""
    return one.bottom_line.verdict == other.bottom_line.verdict and sorted(
        c.text for c in one.bottom_line.claims
    ) == sorted(c.text for c in other.bottom_line.claims)


def _verdict_follows_claims(answer: Answer, problems: list[str]) -> bool:
    allowed = _ALLOWED.get(answer.bottom_line.verdict)
    if allowed is None:
        return True
    wrong = [c for c in answer.bottom_line.claims if c.direction not in (None, D.NONE, *allowed)]
    for claim in wrong:
        problems.append(
            f"verdict {answer.bottom_line.verdict} quotes a recommendation "
            f"{claim.direction}: {claim.text[:60]!r}"
        )
    return not wrong


def _subject_terms(answer: Answer) -> list[set[str]]:
    """Alternatives that name the subject: each drug (generic, as written, or by a class it
    belongs to), or else each topic word or condition the question names (all of its words)."""
    understood = answer.understood
    if understood is None:
        return []
    if understood.asked_drugs():
        # The generic name, the name as written, or its last word ("baby aspirin" -> aspirin).
        # A drug added to what the patient takes may be answered by text on the pair, which
        # names either ("I take fluoxetine. Can I also take St John's wort?": "SJW with SSRIs").
        named = understood.drugs if understood.added_drug() else understood.asked_drugs()
        drugs = [
            set(analyze(form))
            for d in named
            if not d.is_class
            for form in (d.name, d.surface, d.surface.split()[-1], *d.classes)
            if analyze(form)
        ]
        if drugs:
            # Beside a drug, a class the question names is named too ("I take an SSRI; can I
            # also take St John's wort?"); a class alone is too broad to check.
            drugs += [
                set(analyze(form))
                for d in understood.drugs
                if d.is_class
                for form in (d.surface, *d.classes)
                if analyze(form)
            ]
        if understood.intent == Intent.FIRST_LINE and answer.bottom_line.verdict == Verdict.ANSWER:
            # "Zolpidem first, or is there a better initial treatment?": the answer may name
            # the better one, for the condition.
            drugs += [set(analyze(c)) for c in understood.conditions if analyze(c)]
        return drugs
    conditions = [set(analyze(c)) for c in understood.conditions if analyze(c)]
    return [{t} for w in understood.topic_words for t in analyze(w)] + conditions


def _bottom_line_on_subject(answer: Answer, problems: list[str]) -> bool:
    subjects = _subject_terms(answer)
    if not subjects or answer.bottom_line.verdict == Verdict.ABSTAIN:
        return True
    titles = {r.number: r.title for r in answer.references}
    urgent = {c.text for c in answer.urgent.claims} if answer.urgent else set()
    ok = True
    for claim in answer.bottom_line.claims:
        if claim.text in urgent:
            continue  # the advice to seek care answers any message with red flags
        terms = set(analyze(claim.text))
        context = terms | {t for n in claim.citations for t in analyze(titles.get(n, ""))}
        if not any(alternative <= terms for alternative in subjects) and not any(
            alternative <= context for alternative in subjects
        ):
            problems.append(f"bottom line does not name the subject: {claim.text[:60]!r}")
            ok = False
    return ok


def _no_yes_over_gap(answer: Answer, problems: list[str]) -> bool:
    if answer.bottom_line.verdict == Verdict.YES and answer.evidence_gaps:
        problems.append("answers Yes while reporting an evidence gap for its own question")
        return False
    return True


def _sections_hold_kind(answer: Answer, problems: list[str]) -> bool:
    ok = True
    for section in answer.sections:
        check = _SECTION_KIND.get(section.key)
        if check is None:
            continue
        for claim in section.claims:
            if not check(claim.text):
                problems.append(f"{section.key} holds a claim of another kind: {claim.text[:60]!r}")
                ok = False
    return ok


def _asked_for_given(answer: Answer, problems: list[str]) -> bool:
    understood = answer.understood
    if understood is None or answer.bottom_line.verdict == Verdict.ABSTAIN:
        return True
    wanted = asked_for(understood.intent, understood.focus_question)
    if wanted is None or answer.bottom_line.verdict != Verdict.ANSWER:
        return True  # a verdict answers a yes/no question; only open answers must give the thing
    bottom = " ".join(c.text for c in answer.bottom_line.claims)
    said_missing = any(n.kind == NoteKind.NOT_GIVEN for n in answer.notes)
    if wanted.given_by(bottom) or said_missing:
        return True
    problems.append(f"bottom line gives not {wanted.label} and does not say the sources lack it")
    return False


def _algorithm_from_guidelines(answer: Answer, problems: list[str]) -> bool:
    kinds = {r.number: r.source_type for r in answer.references}
    stray = [
        c
        for c in answer.algorithm
        if not any(kinds.get(n) == SourceType.GUIDELINE for n in c.citations)
    ]
    for claim in stray:
        problems.append(f"algorithm step not from a guideline: {claim.text[:60]!r}")
    return not stray


def _red_flags_noticed(answer: Answer, problems: list[str]) -> bool:
    understood = answer.understood
    if understood is None or not understood.red_flags:
        return True
    if answer.urgent is None or not answer.urgent.claims:
        problems.append("red flags recognised but no cited urgent-care notice")
        return False
    return True
