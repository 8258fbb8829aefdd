"""Integrity checks catch the failures seen on real answer pages, on a real answer."""

from __future__ import annotations

import pytest

from medcite.compose.composer import Composer
from medcite.config import Settings
from medcite.index.sqlite import SqliteStore
from medcite.models import Answer, Reference
from medcite.retrieve.searcher import Searcher
from medcite.verify import check_answer


@pytest.fixture(scope="module")
def answer(sample_store: SqliteStore, sample_settings: Settings) -> Answer:
    composer = Composer(Searcher(sample_store, sample_settings))
    return composer.answer("Should transcranial magnetic stimulation be offered for depression?")


def test_real_answer_passes(answer: Answer, sample_store: SqliteStore) -> None:
    report = check_answer(answer, sample_store)
    assert report.ok, report.problems
    assert len(answer.references) >= 2


def test_a_citation_without_reference_is_caught(answer: Answer, sample_store: SqliteStore) -> None:
    broken = answer.model_copy(deep=True)
    broken.sections[0].claims[0].citations = [len(broken.references) + 4]
    report = check_answer(broken, sample_store)
    assert not report.citations_resolve
    assert any("has no reference" in p for p in report.problems)


def test_an_uncited_reference_is_caught(answer: Answer, sample_store: SqliteStore) -> None:
    padded = answer.model_copy(deep=True)
    extra = padded.references[0].model_copy(update={"number": len(padded.references) + 1})
    padded.references.append(Reference.model_validate(extra.model_dump()))
    report = check_answer(padded, sample_store)
    assert not report.references_cited


def test_an_altered_figure_is_caught(answer: Answer, sample_store: SqliteStore) -> None:
    altered = answer.model_copy(deep=True)
    claim = altered.bottom_line.claims[0]
    claim.text = claim.text.replace("a", "the", 1) if "a" in claim.text else claim.text + " 50%"
    report = check_answer(altered, sample_store)
    assert not report.spans_match


def test_a_claim_cited_to_another_document_is_caught(
    answer: Answer, sample_store: SqliteStore
) -> None:
    miscited = answer.model_copy(deep=True)
    claim = miscited.bottom_line.claims[0]
    other = next(r.number for r in miscited.references if r.doc_id != claim.spans[0].doc_id)
    claim.citations = [other]
    assert not check_answer(miscited, sample_store).ok
