"""How a recommendation's direction is read for the question's subject, on real NGC sentences."""

from medcite.compose.gather.recommendations import GradeTable, recommendation_semantics
from medcite.compose.judge.recommendation_scope import after_a_result, names_alternatives, treats
from medcite.compose.judge.recommendation_votes import _about_subject
from medcite.models import RecommendationDirection as D


def test_the_subject_passed_over_only_when_unsuitable_is_not_advised_against():
    # ngc:10691 (NICE diabetes in pregnancy), as written.
    table = GradeTable.load()
    insulin = recommendation_semantics(
        "Offer insulin instead of metformin to women with gestational diabetes if metformin is "
        "contraindicated or unacceptable to the woman.",
        None,
        table=table,
    )
    assert _about_subject(insulin, "metformin").direction == D.INDIVIDUAL_DECISION
    plain = recommendation_semantics(
        "Offer insulin rather than metformin to women with gestational diabetes.", None, table=table
    )
    assert _about_subject(plain, "metformin").direction == D.AGAINST


def test_a_drug_named_as_what_another_is_an_alternative_to_is_not_the_subject():
    # ngc:10022 (SIGN treatment of primary breast cancer), as ingested.
    table = GradeTable.load()
    aromatase = recommendation_semantics(
        "Postmenopausal women with ER positive early breast cancer should be considered for "
        "treatment with aromatase inhibitors as an alternative to tamoxifen, either: As an "
        "upfront aromatase inhibitor for five years, or; By switching to an aromatase inhibitor "
        "after two to three years of tamoxifen for a total of five years.",
        None,
        table=table,
    )
    assert aromatase.direction == D.FOR
    assert _about_subject(aromatase, "tamoxifen or raloxifene").direction == D.NONE
    assert _about_subject(aromatase, "aromatase inhibitors").direction == D.FOR


def test_a_screening_question_is_not_answered_by_treatment_or_follow_up():
    # NICE chronic hepatitis B (ngc:9953) and ASCCP abnormal results (ngc:10283), as written
    assert treats("adefovir dipivoxil for treatment of chronic hepatitis B")
    assert not treats("screening for hepatitis B virus (HBV) infection")
    assert not treats("counseling on the treatment options")
    assert after_a_result(
        "If both the HPV test and cytology test results are negative, then age-appropriate "
        "retesting 3 years later is recommended."
    )
    assert not after_a_result(
        "For women aged 20–24 years, the Task Force recommends not routinely screening for "
        "cervical cancer."
    )


def test_non_subject_therapy_preferred_is_against_the_subject_as_first_choice():
    # ngc:10953 (CDC opioids for chronic pain), as written
    table = GradeTable.load()
    preferred = recommendation_semantics(
        "Nonpharmacologic therapy and nonopioid pharmacologic therapy are preferred for "
        "chronic pain.",
        "recommendation category: A, evidence type: 3",
        table=table,
    )
    read = _about_subject(preferred, "opioids")
    assert read.direction == D.AGAINST and read.rule == "alternatives_preferred"
    assert names_alternatives("nonopioid pharmacologic therapy", "opioids")
    assert not names_alternatives("nonopioid and opioid therapy", "opioids")
    consider = recommendation_semantics(
        "Clinicians should consider opioid therapy only if expected benefits for both pain and "
        "function are anticipated to outweigh risks to the patient.",
        "recommendation category: A, evidence type: 3",
        table=table,
    )
    assert _about_subject(consider, "opioids").direction == D.INDIVIDUAL_DECISION
