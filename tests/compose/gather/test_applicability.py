"""Population criteria parsed from real NGC recommendation sentences, and matching a patient."""

from __future__ import annotations

import pytest

from medcite.compose.gather.applicability import applicability, applicability_details
from medcite.compose.gather.criteria import population_criteria
from medcite.compose.understand.patient import patient_facts
from medcite.models import Applicability as A
from medcite.models import PatientFacts, PopulationCriteria

# USPSTF statin (ngc-11104), B and C recommendations, verbatim.
STATIN_B = (
    "The USPSTF recommends that adults without a history of cardiovascular disease (CVD) (i.e., "
    "symptomatic coronary artery disease or ischemic stroke) use a low- to moderate-dose statin for "
    "the prevention of CVD events and mortality when all of the following criteria are met: (1) they "
    "are aged 40 to 75 years; (2) they have 1 or more CVD risk factors (i.e., dyslipidemia, diabetes, "
    "hypertension, or smoking); and (3) they have a calculated 10-year risk of a cardiovascular event "
    "of 10% or greater (B recommendation)."
)
STATIN_C = (
    "Clinicians may choose to offer a low- to moderate-dose statin to certain adults without a "
    "history of CVD when all of the following criteria are met: (1) they are aged 40 to 75 years; "
    "(2) they have 1 or more CVD risk factors (i.e., dyslipidemia, diabetes, hypertension, or "
    "smoking); and (3) they have a calculated 10-year CVD event risk of 7.5% to 10%."
)
STATIN_I = (
    "The USPSTF concludes that the current evidence is insufficient to assess the balance of benefits "
    "and harms of initiating statin use for the primary prevention of CVD events and mortality in "
    "adults 76 years and older without a history of heart attack or stroke (I statement)."
)
# USPSTF aspirin (ngc-11001).
ASPIRIN_B = (
    "The USPSTF recommends initiating low-dose aspirin use for the primary prevention of "
    "cardiovascular disease (CVD) and colorectal cancer (CRC) in adults aged 50 to 59 years who have "
    "a 10% or greater 10-year CVD risk, are not at increased risk for bleeding, have a life expectancy "
    "of at least 10 years, and are willing to take low-dose aspirin daily for at least 10 years."
)
ASPIRIN_I_YOUNG = (
    "The current evidence is insufficient to assess the balance of benefits and harms of initiating "
    "aspirin use for the primary prevention of CVD and CRC in adults younger than 50 years."
)
ASPIRIN_PREECLAMPSIA = (
    "The USPSTF recommends the use of low-dose aspirin (81 mg/d) as preventive medication after 12 "
    "weeks of gestation in women who are at high risk for preeclampsia. (B recommendation)"
)
# USPSTF osteoporosis (cited in ngc-9627); Canadian Task Force cervical cancer (ngc-9578).
OSTEOPOROSIS = (
    "The USPSTF recommends screening for osteoporosis in women aged 65 years or older and in younger "
    "women whose fracture risk is equal to or greater than that of a 65-year-old white woman who has "
    "no additional risk factors."
)
CERVICAL_UNDER_20 = (
    "For women aged less than 20 years, the Task Force recommends not routinely screening for "
    "cervical cancer. (Strong recommendation; high-quality evidence)"
)
CERVICAL_30_69 = (
    "For women aged 30–69 years, the Task Force recommends routine screening for cervical cancer "
    "every 3 years. (Strong recommendation; high-quality evidence)"
)
FENOFIBRATE = (
    "Fenofibrate should not be used if moderate or severe renal impairment, defined as eGFR <30 "
    "mL/min per 1.73 m2, is present."
)
CKD_STAGES = "Chronic kidney disease, especially stage 3B, 4, or 5, or urological disease"
BARIATRIC = (
    "Consider an assessment for bariatric surgery for people with a BMI of 30–34.9 who have "
    "recent-onset type 2 diabetes as long as they are also receiving or will receive assessment in "
    "a tier 3 service (or equivalent). [new 2014]"
)
ORLISTAT = (
    "For adults with BMI ≥30 kg/m2 or adults with BMI ≥27 kg/m2 and comorbidities, orlistat may be "
    "considered as an adjunct to lifestyle interventions, taking into account the individual situation."
)
OPIOIDS_UNDER_30 = (
    "The Work Group recommends against long-term opioid therapy for patients less than 30 years of "
    "age secondary to higher risk of opioid use disorder and overdose."
)


def _bounds(text: str, field: str) -> tuple[float | None, float | None, bool, bool]:
    value = getattr(population_criteria(text), field)
    assert value is not None, f"no {field} read from: {text}"
    return value.low, value.high, value.low_inclusive, value.high_inclusive


@pytest.mark.parametrize(
    ("text", "field", "bounds"),
    [
        (STATIN_B, "age", (40, 75, True, True)),
        (STATIN_B, "risk_percent", (10, None, True, True)),
        (STATIN_C, "risk_percent", (7.5, 10, True, False)),
        (STATIN_I, "age", (76, None, True, True)),
        (ASPIRIN_B, "age", (50, 59, True, True)),
        (ASPIRIN_B, "risk_percent", (10, None, True, True)),
        (ASPIRIN_I_YOUNG, "age", (None, 50, True, False)),
        (OSTEOPOROSIS, "age", (65, None, True, True)),
        (CERVICAL_UNDER_20, "age", (None, 20, True, False)),
        (CERVICAL_30_69, "age", (30, 69, True, True)),
        (FENOFIBRATE, "egfr", (None, 30, True, False)),
        (BARIATRIC, "bmi", (30, 34.9, True, True)),
        (ORLISTAT, "bmi", (30, None, True, True)),
    ],
)
def test_numeric_criteria_from_real_sentences(
    text: str, field: str, bounds: tuple[float | None, float | None, bool, bool]
) -> None:
    assert _bounds(text, field) == bounds


def test_categorical_criteria() -> None:
    osteoporosis = population_criteria(OSTEOPOROSIS)
    assert osteoporosis.sex == "female" and osteoporosis.pregnant is None
    preeclampsia = population_criteria(ASPIRIN_PREECLAMPSIA)
    assert preeclampsia.sex == "female" and preeclampsia.pregnant is True
    assert population_criteria(CKD_STAGES).ckd_stages == ["3b", "4", "5"]
    assert population_criteria("in people with CKD stages 3 to 5").ckd_stages == [
        "3",
        "3a",
        "3b",
        "4",
        "5",
    ]
    assert population_criteria(STATIN_B).sex is None  # "adults": either sex
    # A life expectancy of "at least 10 years" is not an age criterion.
    assert population_criteria(ASPIRIN_B).age.low == 50  # type: ignore[union-attr]
    # An eGFR threshold is not an age.
    assert population_criteria(FENOFIBRATE).age is None


def test_age_words_when_no_number() -> None:
    children = population_criteria("Offer antibiotics to children with acute otitis media.")
    assert children.age is not None and children.age.high == 18
    assert population_criteria(OPIOIDS_UNDER_30).age.high == 30  # type: ignore[union-attr]


def test_heading_fills_what_the_sentence_lacks() -> None:
    criteria = population_criteria("Offer a statin.", heading="Adults aged 40 to 75 years")
    assert criteria.age is not None and (criteria.age.low, criteria.age.high) == (40, 75)


def test_fifty_year_old_with_12_percent_risk() -> None:
    patient = PatientFacts(age=50, risk_percent=12)
    assert applicability(population_criteria(STATIN_B), patient) is A.APPLIES
    assert applicability(population_criteria(STATIN_C), patient) is A.DOES_NOT_APPLY
    assert applicability(population_criteria(STATIN_I), patient) is A.DOES_NOT_APPLY
    assert applicability(population_criteria(ASPIRIN_B), patient) is A.APPLIES
    assert applicability(population_criteria(ASPIRIN_I_YOUNG), patient) is A.DOES_NOT_APPLY


def test_risk_boundary_belongs_to_the_higher_group() -> None:
    patient = PatientFacts(age=60, risk_percent=10)
    assert applicability(population_criteria(STATIN_B), patient) is A.APPLIES
    assert applicability(population_criteria(STATIN_C), patient) is A.DOES_NOT_APPLY


def test_unknown_when_the_question_lacks_the_number() -> None:
    patient = PatientFacts(age=50)
    assert applicability(population_criteria(STATIN_B), patient) is A.UNKNOWN
    details = applicability_details(population_criteria(STATIN_B), patient)
    assert details == {"age": A.APPLIES, "risk_percent": A.UNKNOWN}
    # Out of the age range decides even without the risk.
    assert applicability(population_criteria(STATIN_B), PatientFacts(age=80)) is A.DOES_NOT_APPLY


def test_sex_and_pregnancy() -> None:
    osteoporosis = population_criteria(OSTEOPOROSIS)
    assert applicability(osteoporosis, PatientFacts(age=70, sex="female")) is A.APPLIES
    assert applicability(osteoporosis, PatientFacts(age=70, sex="male")) is A.DOES_NOT_APPLY
    assert applicability(osteoporosis, PatientFacts(age=70)) is A.UNKNOWN
    preeclampsia = population_criteria(ASPIRIN_PREECLAMPSIA)
    assert applicability(preeclampsia, PatientFacts(sex="female", pregnant=True)) is A.APPLIES
    assert applicability(preeclampsia, PatientFacts(sex="male")) is A.DOES_NOT_APPLY
    assert applicability(preeclampsia, PatientFacts(sex="female")) is A.UNKNOWN


def test_kidney_function() -> None:
    fenofibrate = population_criteria(FENOFIBRATE)
    assert applicability(fenofibrate, PatientFacts(egfr=25)) is A.APPLIES
    assert applicability(fenofibrate, PatientFacts(egfr=45)) is A.DOES_NOT_APPLY
    assert applicability(fenofibrate, PatientFacts(ckd_stage="4")) is A.APPLIES
    assert applicability(fenofibrate, PatientFacts(ckd_stage="3b")) is A.DOES_NOT_APPLY
    assert applicability(fenofibrate, PatientFacts()) is A.UNKNOWN
    stages = population_criteria(CKD_STAGES)
    assert applicability(stages, PatientFacts(ckd_stage="3b")) is A.APPLIES
    assert applicability(stages, PatientFacts(ckd_stage="3a")) is A.DOES_NOT_APPLY
    assert applicability(stages, PatientFacts(ckd_stage="3")) is A.UNKNOWN
    assert applicability(stages, PatientFacts(egfr=35)) is A.APPLIES
    assert applicability(stages, PatientFacts(egfr=50)) is A.DOES_NOT_APPLY


def test_bmi() -> None:
    bariatric = population_criteria(BARIATRIC)
    assert applicability(bariatric, PatientFacts(bmi=32)) is A.APPLIES
    assert applicability(bariatric, PatientFacts(bmi=36)) is A.DOES_NOT_APPLY
    assert applicability(bariatric, PatientFacts()) is A.UNKNOWN


def test_no_criteria_applies() -> None:
    criteria = population_criteria(
        "Do not offer interferential therapy for managing low back pain."
    )
    assert criteria.is_empty()
    assert applicability(criteria, PatientFacts(age=50)) is A.APPLIES


def test_a_former_smoker_counts_only_if_they_quit_recently_enough() -> None:
    # USPSTF lung cancer screening (ngc:9686), verbatim.
    lung = population_criteria(
        "The USPSTF recommends annual screening for lung cancer with low-dose computed "
        "tomography (LDCT) in adults aged 55 to 80 years who have a 30 pack-year smoking history "
        "and currently smoke or have quit within the past 15 years."
    )
    assert lung.quit_smoking_within_years == 15
    quit_long_ago = patient_facts(
        "I quit smoking 20 years ago after about 30 pack-years. I'm 66 now."
    )
    assert quit_long_ago.facts.years_since_quit_smoking == 20
    assert applicability(lung, quit_long_ago.facts) == A.DOES_NOT_APPLY
    recent = patient_facts("I'm 66 and haven't smoked for 8 years.").facts
    assert applicability(lung, recent) == A.APPLIES
    # A current smoker says nothing about quitting: the criterion does not exclude them.
    assert applicability(lung, patient_facts("I'm 66 and still smoke.").facts) == A.APPLIES


def test_a_birth_cohort_is_judged_from_the_patients_age() -> None:
    # ngc:9955 (USPSTF hepatitis C), as written
    criteria = population_criteria(
        "The USPSTF also recommends offering one-time screening for HCV infection to adults "
        "born between 1945 and 1965."
    )
    assert criteria.birth_years is not None
    assert applicability(criteria, PatientFacts(age=45), this_year=2026) == A.DOES_NOT_APPLY
    assert applicability(criteria, PatientFacts(age=70), this_year=2026) == A.APPLIES
    assert applicability(criteria, PatientFacts(), this_year=2026) == A.UNKNOWN


def test_a_recommendation_for_limited_resource_settings_needs_the_question_to_say_so() -> None:
    # WHO position paper on mammography screening (ngc:10705), as written
    limited = population_criteria(
        "In limited resource settings, where the majority of women with breast cancer are "
        "diagnosed in late stages, and mammography screening is not cost-effective and "
        "feasible, early diagnosis of breast cancer through universal access of women with "
        "symptomatic lesions to prompt and effective diagnosis and treatment should be high on "
        "the public health agenda."
    )
    well = population_criteria(
        "In well-resourced settings, WHO suggests an organized, population-based screening "
        "programme for women aged 40 to 49 years only if such programme is conducted in the "
        "context of rigorous research, and monitoring and evaluation"
    )
    assert limited.limited_resources is True and well.limited_resources is False
    clinic = patient_facts("Should a 44-year-old woman start mammograms?").facts
    assert applicability(limited, clinic) == A.DOES_NOT_APPLY
    assert applicability(well, clinic) == A.APPLIES
    rural = patient_facts(
        "In a low-resource setting, should a 44-year-old woman start mammograms?"
    ).facts
    assert applicability(limited, rural) == A.APPLIES


def test_the_dose_asked_about_picks_between_dose_limited_recommendations() -> None:
    # USPSTF vitamin D and calcium to prevent fractures (ngc:9627), as written
    against = population_criteria(
        "The USPSTF recommends against daily supplementation with 400 IU or less of vitamin D3 "
        "and 1000 mg or less of calcium for the primary prevention of fractures in "
        "noninstitutionalized postmenopausal women."
    )
    unknown = population_criteria(
        "The USPSTF concludes that the current evidence is insufficient to assess the balance "
        "of the benefits and harms of daily supplementation with greater than 400 IU of "
        "vitamin D3 and greater than 1000 mg of calcium for the primary prevention of fractures "
        "in noninstitutionalized postmenopausal women."
    )
    asked = patient_facts(
        "Is 400 IU of vitamin D with 1,000 mg of calcium daily worth taking against fractures?"
    ).facts
    assert asked.doses == {"iu": [400.0], "mg": [1000.0]}
    assert not asked.described()  # doses select recommendations; they describe no patient

    def dose_fit(criteria: PopulationCriteria, question: str) -> A | None:
        return applicability_details(criteria, patient_facts(question).facts).get("dose")

    question = "Is 400 IU of vitamin D with 1,000 mg of calcium daily worth taking?"
    assert dose_fit(against, question) == A.APPLIES
    assert dose_fit(unknown, question) == A.DOES_NOT_APPLY
    question = "Should she take 2000 IU of vitamin D a day?"
    assert dose_fit(against, question) == A.DOES_NOT_APPLY
    assert dose_fit(unknown, question) == A.APPLIES
    # no dose asked: the drug at any dose; the dose limit does not judge
    assert dose_fit(against, "Should postmenopausal women take vitamin D?") is None


# NICE preterm labour and birth (ngc-10831), verbatim.
MAGNESIUM_OFFER = (
    "Offer intravenous magnesium sulfate for neuroprotection of the baby to women between 24+0 "
    "and 29+6 weeks of pregnancy who are: In established preterm labour; Having a planned "
    "preterm birth within 24 hours."
)
MAGNESIUM_CONSIDER = (
    "Consider intravenous magnesium sulfate for neuroprotection of the baby for women between "
    "30+0 and 33+6 weeks of pregnancy who are: In established preterm labour; Having a planned "
    "preterm birth within 24 hours."
)


def test_weeks_of_pregnancy_pick_between_recommendations() -> None:
    offer, consider = population_criteria(MAGNESIUM_OFFER), population_criteria(MAGNESIUM_CONSIDER)
    assert offer.gestational_weeks is not None
    assert (offer.gestational_weeks.low, round(offer.gestational_weeks.high or 0, 2)) == (24, 29.86)
    at_28_weeks = patient_facts("She's 28+2 weeks, in established preterm labour.").facts
    assert applicability(offer, at_28_weeks) == A.APPLIES
    assert applicability(consider, at_28_weeks) == A.DOES_NOT_APPLY
    at_31_weeks = patient_facts("She is 31 weeks pregnant, in established preterm labour").facts
    assert applicability(consider, at_31_weeks) == A.APPLIES
    # a question giving no week asks about any time in pregnancy
    assert applicability(offer, patient_facts("She is pregnant.").facts) == A.APPLIES


def test_weeks_are_read_only_in_text_about_pregnancy() -> None:
    assert population_criteria("infants aged 6 to 8 weeks").gestational_weeks is None
    after = population_criteria(
        "The USPSTF recommends the use of low-dose aspirin (81 mg/d) as preventive medication "
        "after 12 weeks of gestation in women who are at high risk for preeclampsia."
    ).gestational_weeks
    assert after is not None and (after.low, after.low_inclusive, after.high) == (12, False, None)


def test_age_bounds_written_with_symbols() -> None:
    # AHA/ASA stroke prevention in women (ngc-10288), verbatim start
    criteria = population_criteria(
        "Aspirin therapy can be useful in women ≥65 years of age (81 mg/d or 100 mg every other "
        "day) if BP is controlled"
    )
    assert criteria.age is not None and criteria.age.low == 65
    assert applicability_details(criteria, PatientFacts(age=45))["age"] == A.DOES_NOT_APPLY
    for text, low in (("patients >75 years", 75), ("adults older than 60 years", 60)):
        age = population_criteria(text).age
        assert age is not None and (age.low, age.low_inclusive) == (low, False)


def test_smoking_history_picks_who_is_screened() -> None:
    # USPSTF lung cancer screening (ngc-10192) and AAA screening (ngc-11212), verbatim parts
    lung = population_criteria(
        "The USPSTF recommends annual screening for lung cancer with low-dose computed "
        "tomography (LDCT) in adults aged 55 to 80 years who have a 30 pack-year smoking "
        "history and currently smoke or have quit within the past 15 years."
    )
    never = patient_facts("My 55-year-old patient who has never smoked wants screening.").facts
    heavy = patient_facts("A 60-year-old who smokes 20 cigarettes a day, 40 pack-years.").facts
    assert (never.ever_smoked, heavy.ever_smoked) == (False, True)
    assert applicability(lung, never) == A.DOES_NOT_APPLY
    assert applicability(lung, heavy) == A.APPLIES
    women_never = population_criteria(
        "The USPSTF recommends against routine screening for AAA in women who have never smoked."
    )
    assert women_never.ever_smoked is False
    assert applicability_details(women_never, heavy)["smoking"] == A.DOES_NOT_APPLY
