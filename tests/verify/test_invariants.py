"""Clinical invariants on real answers, and on the same answers tampered with: each check must
catch the defect it is about."""

from __future__ import annotations

import pytest

from medcite.compose.composer import Composer
from medcite.config import Settings
from medcite.index.sqlite import SqliteStore
from medcite.models import (
    Answer,
    AnswerSection,
    Audience,
    EvidenceGap,
    Note,
    NoteKind,
    RecommendationDirection,
    Verdict,
)
from medcite.retrieve.searcher import Searcher
from medcite.verify.invariants import audience_consistent, check_invariants

THYROID = "Should asymptomatic adults get a neck ultrasound to screen for thyroid cancer?"
DIABETES = (
    "Newly diagnosed type 2 diabetes, diet hasn't been enough, kidneys are fine. Which oral "
    "drug should I start first?"
)
STROKE = (
    "My husband's face suddenly looks droopy on one side and he is slurring his words. "
    "Should I wait to see if it goes away?"
)


@pytest.fixture(scope="module")
def composer(clinical_store: SqliteStore, clinical_settings: Settings) -> Composer:
    return Composer(Searcher(clinical_store, clinical_settings))


@pytest.fixture(scope="module")
def thyroid(composer: Composer) -> Answer:
    return composer.answer(THYROID)


def test_real_answers_pass(composer: Composer, thyroid: Answer) -> None:
    for answer in (thyroid, composer.answer(DIABETES), composer.answer(STROKE)):
        report = check_invariants(answer)
        assert report.ok, report.problems


def test_a_yes_over_a_recommendation_against_is_caught(thyroid: Answer) -> None:
    assert thyroid.bottom_line.claims[0].direction == RecommendationDirection.AGAINST
    flipped = thyroid.model_copy(deep=True)
    flipped.bottom_line.verdict = Verdict.YES
    report = check_invariants(flipped)
    assert not report.verdict_follows_claims


def test_a_yes_with_an_evidence_gap_is_caught(thyroid: Answer) -> None:
    tampered = thyroid.model_copy(deep=True)
    tampered.bottom_line.verdict = Verdict.YES
    tampered.bottom_line.claims[0].direction = None
    tampered.evidence_gaps = [
        EvidenceGap(text="No indexed source mentions x and y together.", searched_terms=["x"])
    ]
    report = check_invariants(tampered)
    assert not report.no_yes_over_gap and report.verdict_follows_claims


def test_a_bottom_line_off_the_subject_is_caught(thyroid: Answer, composer: Composer) -> None:
    stroke = composer.answer(STROKE)
    tampered = thyroid.model_copy(deep=True)
    off = stroke.bottom_line.claims[0].model_copy(update={"citations": [99]})
    tampered.bottom_line.claims = [off]
    assert not check_invariants(tampered).bottom_line_on_subject


def test_a_section_holding_another_kind_of_claim_is_caught(thyroid: Answer) -> None:
    not_a_dose = thyroid.bottom_line.claims[0]
    tampered = thyroid.model_copy(deep=True)
    tampered.sections.append(
        AnswerSection(key="dosing", heading="Dosing and administration", claims=[not_a_dose])
    )
    assert not check_invariants(tampered).sections_hold_kind


def test_an_open_answer_without_the_thing_asked_for_must_say_so(
    composer: Composer, thyroid: Answer
) -> None:
    answer = composer.answer(DIABETES)
    assert answer.bottom_line.verdict == Verdict.ANSWER
    tampered = answer.model_copy(deep=True)
    tampered.bottom_line.claims = thyroid.bottom_line.claims  # names no treatment
    assert not check_invariants(tampered).asked_for_given
    tampered.notes.append(Note(kind=NoteKind.NOT_GIVEN, text="The sources do not name one."))
    assert check_invariants(tampered).asked_for_given


def test_red_flags_without_a_cited_notice_are_caught(composer: Composer) -> None:
    answer = composer.answer(STROKE, audience=Audience.PATIENT)
    assert answer.urgent is not None
    tampered = answer.model_copy(deep=True)
    tampered.urgent = None
    assert not check_invariants(tampered).red_flags_noticed


def test_audience_changes_wording_not_the_verdict(composer: Composer, thyroid: Answer) -> None:
    patient = composer.answer(THYROID, audience=Audience.PATIENT)
    assert audience_consistent(thyroid, patient)
    tampered = patient.model_copy(deep=True)
    tampered.bottom_line.verdict = Verdict.IT_DEPENDS
    assert not audience_consistent(thyroid, tampered)
