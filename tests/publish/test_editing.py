"""Reviewer edits on a real answer keep the integrity invariants: a struck claim takes its
now-uncited reference with it and the rest are renumbered by first citation."""

from __future__ import annotations

import pytest

from medcite.config import Settings
from medcite.engine import Engine
from medcite.index.sqlite import SqliteStore
from medcite.models import Answer
from medcite.publish.editing import claim_slots, fix_heading, renumber_references, strike_claim
from medcite.publish.models import PublishError
from medcite.verify import check_answer

QUESTION = "Should adults with depression be treated with antidepressants or psychotherapy?"


@pytest.fixture(scope="module")
def answer(sample_store: SqliteStore, sample_settings: Settings) -> Answer:
    return Engine(sample_settings, store=sample_store).ask(QUESTION)


def _single_citation_claim(answer: Answer) -> str:
    """A claim whose reference nothing else cites (striking it must drop the reference)."""
    counts: dict[int, int] = {}
    for claim in answer.all_claims():
        for n in claim.citations:
            counts[n] = counts.get(n, 0) + 1
    for address, claim in claim_slots(answer):
        if not address.startswith("bottom_line") and all(counts[n] == 1 for n in claim.citations):
            return address
    pytest.skip("every reference of this answer is cited twice")


def test_striking_a_claim_drops_its_uncited_reference_and_renumbers(
    answer: Answer, sample_store: SqliteStore
) -> None:
    assert check_answer(answer, sample_store).ok
    address = _single_citation_claim(answer)
    struck_text = dict(claim_slots(answer))[address].text
    edited, struck = strike_claim(answer, address)
    assert struck.text == struck_text
    assert struck_text not in [c.text for c in edited.all_claims()]
    assert len(edited.references) == len(answer.references) - 1
    assert [r.number for r in edited.references] == list(range(1, len(edited.references) + 1))
    report = check_answer(edited, sample_store)
    assert report.ok, report.problems
    assert answer.model_dump() != edited.model_dump()  # the original is untouched


def test_every_claim_can_be_struck_without_breaking_integrity(
    answer: Answer, sample_store: SqliteStore
) -> None:
    for address, _ in claim_slots(answer):
        if address.startswith("bottom_line") and len(answer.bottom_line.claims) == 1:
            continue
        edited, _ = strike_claim(answer, address)
        assert check_answer(edited, sample_store).ok, address


def test_last_bottom_line_claim_and_unknown_addresses_are_refused(answer: Answer) -> None:
    only = answer.model_copy(deep=True)
    only.bottom_line.claims = only.bottom_line.claims[:1]
    renumber_references(only)
    with pytest.raises(PublishError) as refused:
        strike_claim(only, "bottom_line.0")
    assert refused.value.status == 409
    for address in ("section.nope.0", "pitfalls.99", "bottom_line.x", "garbage", ""):
        with pytest.raises(PublishError):
            strike_claim(answer, address)


def test_an_emptied_section_disappears(answer: Answer) -> None:
    section = answer.sections[0]
    edited = answer
    for _ in section.claims:
        edited, _ = strike_claim(edited, f"section.{section.key}.0")
    assert section.key not in [s.key for s in edited.sections]


def test_fix_heading_changes_only_the_heading(answer: Answer) -> None:
    key = answer.sections[0].key
    edited, old = fix_heading(answer, key, "  What   guidelines say ")
    assert old == answer.sections[0].heading
    assert edited.sections[0].heading == "What guidelines say"
    assert edited.sections[0].claims == answer.sections[0].claims
    with pytest.raises(PublishError):
        fix_heading(answer, key, "   ")
    with pytest.raises(PublishError):
        fix_heading(answer, "no_such_section", "Heading")
