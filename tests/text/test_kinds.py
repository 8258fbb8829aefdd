"""Claim kinds and population checks on real guideline sentences."""

from medcite.compose.gather.applicability import parse_age
from medcite.text.kinds import (
    gives_interval,
    is_dosing,
    is_safety,
    names_treatment,
    other_population,
    without_inclusions,
)

HSV = (
    "The USPSTF recommends against routine serologic screening for genital herpes simplex "
    "virus (HSV) infection in asymptomatic adolescents and adults, including those who are "
    "pregnant (D recommendation)."
)
ASPIRIN_PREGNANCY = (
    "The USPSTF recommends the use of low-dose aspirin (81 mg/d) as preventive medication after "
    "12 weeks of gestation in women who are at high risk for preeclampsia."
)


def test_an_inclusion_widens_a_recommendation() -> None:
    assert "pregnant" not in without_inclusions(HSV)
    question = "Should a 25-year-old without symptoms have a blood test for genital herpes?"
    assert not other_population(HSV, question)
    assert parse_age(without_inclusions(HSV)) is None  # adolescents and adults: no one range


def test_a_sentence_for_another_population_is_told_apart() -> None:
    question = "Should a 60-year-old take aspirin to prevent a heart attack?"
    assert other_population(ASPIRIN_PREGNANCY, question)
    assert not other_population(ASPIRIN_PREGNANCY, "Is aspirin safe in pregnancy?")


def test_claim_kinds() -> None:
    assert is_dosing(ASPIRIN_PREGNANCY)
    assert is_safety("Warfarin and Ibuprofen: Major interaction.")
    assert not is_safety("Metformin is the drug of choice for patients with type 2 diabetes.")
    assert names_treatment("ACP recommends that clinicians prescribe metformin.")
    assert gives_interval("Screen women aged 21 to 65 years every 3 years with cytology.")
    assert not gives_interval("Screening should begin at age 50.")
