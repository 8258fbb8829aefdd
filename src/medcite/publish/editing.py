"""Reviewer edits on an Answer: strike a bullet, fix a heading. Claims stay verbatim source
text; a struck claim takes its now-uncited references with it, and the remaining references
are renumbered by first citation so the integrity invariants still hold.

A claim is addressed by where it stands: 'bottom_line.0', 'section.<key>.2', 'algorithm.1',
'pitfalls.0' or 'urgent.0'.
"""

from __future__ import annotations

from collections.abc import Iterator

from medcite.models import Answer, Claim
from medcite.publish.models import PublishError

MAX_HEADING_CHARS = 120


def claim_slots(answer: Answer) -> Iterator[tuple[str, Claim]]:
    """(address, claim) for every cited claim, in reading order (as Answer.all_claims)."""
    if answer.urgent:
        for i, claim in enumerate(answer.urgent.claims):
            yield f"urgent.{i}", claim
    for i, claim in enumerate(answer.bottom_line.claims):
        yield f"bottom_line.{i}", claim
    for section in answer.sections:
        for i, claim in enumerate(section.claims):
            yield f"section.{section.key}.{i}", claim
    for i, claim in enumerate(answer.algorithm):
        yield f"algorithm.{i}", claim
    for i, claim in enumerate(answer.pitfalls):
        yield f"pitfalls.{i}", claim


def strike_claim(answer: Answer, address: str) -> tuple[Answer, Claim]:
    """A copy of the answer without the claim at address, references renumbered."""
    edited = answer.model_copy(deep=True)
    claims = _claim_list(edited, address)
    index = _index(address)
    if not 0 <= index < len(claims):
        raise PublishError(f"no claim at {address!r}", 404)
    if address.startswith("bottom_line.") and len(claims) == 1:
        raise PublishError(
            "the bottom line needs at least one cited sentence: request changes instead", 409
        )
    struck = claims.pop(index)
    edited.sections = [s for s in edited.sections if s.claims]
    return renumber_references(edited), struck


def fix_heading(answer: Answer, section_key: str, heading: str) -> tuple[Answer, str]:
    """A copy of the answer with the section's heading replaced; returns the old heading."""
    heading = " ".join(heading.split())
    if not 0 < len(heading) <= MAX_HEADING_CHARS:
        raise PublishError(f"a heading has 1 to {MAX_HEADING_CHARS} characters", 422)
    edited = answer.model_copy(deep=True)
    for section in edited.sections:
        if section.key == section_key:
            old, section.heading = section.heading, heading
            return edited, old
    raise PublishError(f"no section {section_key!r}", 404)


def renumber_references(answer: Answer) -> Answer:
    """Drop references no claim cites and number the rest by first citation (in place)."""
    order: dict[int, int] = {}
    for claim in answer.all_claims():
        for n in claim.citations:
            order.setdefault(n, len(order) + 1)
    remapped: set[int] = set()
    for claim in answer.all_claims():
        if id(claim) not in remapped:  # one claim object may stand in two places
            remapped.add(id(claim))
            claim.citations = [order[n] for n in claim.citations]
    kept = [r for r in answer.references if r.number in order]
    for ref in kept:
        ref.number = order[ref.number]
    answer.references = sorted(kept, key=lambda r: r.number)
    return answer


def _index(address: str) -> int:
    tail = address.rsplit(".", 1)[-1]
    if not tail.isdigit():
        raise PublishError(f"no claim at {address!r}", 404)
    return int(tail)


def _claim_list(answer: Answer, address: str) -> list[Claim]:
    parts = address.split(".")
    if parts[0] == "urgent" and len(parts) == 2 and answer.urgent:
        return answer.urgent.claims
    if parts[0] == "bottom_line" and len(parts) == 2:
        return answer.bottom_line.claims
    if parts[0] == "algorithm" and len(parts) == 2:
        return answer.algorithm
    if parts[0] == "pitfalls" and len(parts) == 2:
        return answer.pitfalls
    if parts[0] == "section" and len(parts) == 3:
        for section in answer.sections:
            if section.key == parts[1]:
                return section.claims
    raise PublishError(f"no claim at {address!r}", 404)
