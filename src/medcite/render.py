"""Answers as terminal text and Markdown (JSON is Answer.model_dump_json)."""

from __future__ import annotations

import re
import textwrap

from medcite.compose.write.sections import sections_for
from medcite.models import Answer, Applicability, Audience, Claim, Reference, Verdict

DISCLAIMER = (
    "Educational purpose only; content pending human review. medcite quotes indexed sources "
    "and is not a substitute for professional medical advice."
)
_PATIENT_DISCLAIMER = (
    "This is general information, not medical advice. Talk to your doctor or pharmacist "
    "before changing any treatment."
)


def cite(claim: Claim) -> str:
    return "".join(f"[{n}]" for n in claim.citations)


# Before a recommendation whose criteria the patient described fails (shown to say why).
NOT_FOR_PATIENT = "Not for the patient described:"


def grade_label(grade: str) -> str:
    """Before a guideline's own definition of a grade its bottom line carries."""
    return f"What grade {grade} means:"


def claim_line(claim: Claim) -> str:
    """A claim with its citations, marked when it is not for the patient described or when
    it defines a grade."""
    marker = f"{NOT_FOR_PATIENT} " if claim.applicability == Applicability.DOES_NOT_APPLY else ""
    if claim.defines_grade:
        marker = f"{grade_label(claim.defines_grade)} "
    return f"{marker}{claim.text} {cite(claim)}"


def bottom_line_text(answer: Answer) -> str:
    """The lead words and the quoted source sentences, with their citations."""
    bottom = answer.bottom_line
    quoted = " ".join(f"{c.text} {cite(c)}" for c in bottom.claims)
    if bottom.verdict == Verdict.ANSWER:
        return quoted
    if not quoted:
        return f"{bottom.lead}."
    return f"{bottom.lead}: {quoted}"


def reference_text(ref: Reference) -> str:
    title = re.sub(r"\s+([?!.])$", r"\1", ref.title.strip())
    parts = [f"{ref.type_label}.", title if title.endswith(("?", "!", ".")) else title + "."]
    source = ref.journal or ref.publisher
    if source:
        parts.append(source.rstrip(".") + ".")
    if ref.year:
        parts.append(f"{ref.year}.")
    if ref.grades:
        parts.append("Grade: " + " | ".join(ref.grades) + ".")
    if ref.url:
        parts.append(ref.url)
    return " ".join(parts)


def _disclaimer(answer: Answer) -> str:
    return _PATIENT_DISCLAIMER if answer.audience == Audience.PATIENT else DISCLAIMER


def understood_line(answer: Answer) -> str | None:
    """"Understood as: sertraline + tramadol · co-administration"."""
    return f"Understood as: {answer.understood.summary()}" if answer.understood else None


def bottom_line_notes(answer: Answer) -> list[str]:
    """medcite's own notes that qualify the bottom line (marked as medcite's, not cited)."""
    return [f"medcite note: {n.text}" for n in answer.notes if n.section is None]


def _section_notes(answer: Answer, key: str) -> list[str]:
    return [f"medcite note: {n.text}" for n in answer.notes if n.section == key]


def _blocks(answer: Answer) -> list[tuple[str, list[str], bool]]:
    """(heading, items, numbered) in reading order; shared by both renderers."""
    shown = {s.key for s in answer.sections}
    patient = answer.audience == Audience.PATIENT
    blocks = [
        (
            s.heading,
            _section_notes(answer, s.key) + [claim_line(c) for c in s.claims],
            False,
        )
        for s in answer.sections
    ]
    for key, clinician, patient_heading in sections_for(answer.audience):
        notes = _section_notes(answer, key)
        if notes and key not in shown:
            blocks.append((patient_heading if patient else clinician, notes, False))
    if answer.algorithm:
        blocks.append(
            ("Decision algorithm", [f"{c.text} {cite(c)}" for c in answer.algorithm], True)
        )
    if answer.pitfalls:
        blocks.append(("Key pitfalls", [f"{c.text} {cite(c)}" for c in answer.pitfalls], False))
    if answer.evidence_gaps:
        blocks.append(("Evidence gaps", [g.text for g in answer.evidence_gaps], False))
    if answer.glossary:
        blocks.append(("Terms used", [f"{k}: {v}" for k, v in answer.glossary.items()], False))
    return blocks


def to_text(answer: Answer, width: int = 100) -> str:
    # Long URLs stay whole so they can be copied.
    wrap = textwrap.TextWrapper(width=width, subsequent_indent="    ", break_long_words=False)
    lines = [*textwrap.wrap(answer.question, width), "=" * min(len(answer.question), width), ""]
    if line := understood_line(answer):
        lines += [*textwrap.wrap(line, width), ""]
    if answer.urgent:
        lines += ["SEEK CARE NOW", *textwrap.wrap(answer.urgent.text, width)]
        for claim in answer.urgent.claims:
            wrap.initial_indent = "  • "
            lines.extend(wrap.wrap(f"{claim.text} {cite(claim)}"))
        lines.append("")
    lines += ["BOTTOM LINE", *textwrap.wrap(bottom_line_text(answer), width)]
    for note in bottom_line_notes(answer):
        wrap.initial_indent = "  "
        lines.extend(wrap.wrap(note))
    lines.append("")
    for heading, items, numbered in _blocks(answer):
        lines.append(heading.upper())
        for i, item in enumerate(items, start=1):
            wrap.initial_indent = f"  {i}. " if numbered else "  • "
            lines.extend(wrap.wrap(item))
        lines.append("")
    if answer.references:
        lines.append("REFERENCES")
        for ref in answer.references:
            wrap.initial_indent = f"  [{ref.number}] "
            lines.extend(wrap.wrap(reference_text(ref)))
        lines.append("")
    if answer.follow_up_questions:
        lines.append("FOLLOW-UP QUESTIONS")
        for question in answer.follow_up_questions:
            wrap.initial_indent = "  - "
            lines.extend(wrap.wrap(question))
        lines.append("")
    lines += textwrap.wrap(_disclaimer(answer), width)
    meta = answer.metadata
    lines += textwrap.wrap(
        f"index {meta.index_snapshot} · {meta.composer} composer · "
        f"{meta.timings_ms.get('total', 0):.0f} ms · audience {answer.audience.value}",
        width,
    )
    return "\n".join(lines)


def to_markdown(answer: Answer) -> str:
    meta = answer.metadata
    lines = [
        f"# {answer.question}",
        "",
        f"> {_disclaimer(answer)} Last updated: {meta.created_at[:10]}.",
        "",
    ]
    if line := understood_line(answer):
        lines += [f"*{line}*", ""]
    if answer.urgent:
        lines += ["## Seek care now", "", f"**{answer.urgent.text}**", ""]
        lines += [f"- {c.text} {cite(c)}" for c in answer.urgent.claims] + [""]
    lines += ["## Bottom line", "", bottom_line_text(answer), ""]
    lines += [f"*{note}*" for note in bottom_line_notes(answer)]
    if bottom_line_notes(answer):
        lines.append("")
    for heading, items, numbered in _blocks(answer):
        lines += [f"## {heading}", ""]
        lines += [f"{i}. {item}" if numbered else f"- {item}" for i, item in enumerate(items, 1)]
        lines.append("")
    if answer.references:
        lines += ["## References", ""]
        for ref in answer.references:
            lines.append(f"{ref.number}. {_markdown_reference(ref)}")
        lines.append("")
    if answer.follow_up_questions:
        lines += ["## Follow-up questions", ""] + [f"- {q}" for q in answer.follow_up_questions]
        lines.append("")
    lines.append(
        f"<sub>Index snapshot `{meta.index_snapshot}` · {meta.composer} composer · "
        f"medcite {meta.medcite_version}</sub>"
    )
    return "\n".join(lines) + "\n"


def _markdown_reference(ref: Reference) -> str:
    text = reference_text(ref)
    if ref.url:
        text = text.replace(ref.url, f"<{ref.url}>")
    return f"**{ref.type_label}.** " + text.removeprefix(f"{ref.type_label}. ")
