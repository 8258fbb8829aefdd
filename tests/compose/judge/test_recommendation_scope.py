"""Who a recommendation is for, and which sentences may vote at all, on real NGC sentences."""

from types import SimpleNamespace

import pytest

from medcite.compose.judge.patient_fit import affirmed_terms
from medcite.compose.judge.recommendation_scope import (
    FOR_SERVICES,
    PRESUPPOSED,
    REPORTED,
    care_of_the_ill_for_healthy,
    for_other_subgroup,
    for_people_with,
    primary_for_affected,
    symptomatic_for_asymptomatic,
)
from medcite.text import analyze


@pytest.mark.parametrize(
    ("sentence", "presupposed"),
    [
        # ngc:10953 (CDC opioids for chronic pain)
        (
            "Before starting opioid therapy for chronic pain, clinicians should establish "
            "treatment goals with all patients.",
            True,
        ),
        (
            "When opioids are started, clinicians should prescribe the lowest effective dosage.",
            True,
        ),
        (
            "Clinicians should consider opioid therapy only if expected benefits for both pain "
            "and function are anticipated to outweigh risks to the patient.",
            False,
        ),
        # ngc:9686 (American Cancer Society lung cancer screening)
        (
            "Adults who choose to be screened should follow the NLST protocol of annual LDCT "
            "screening until they reach age 74 years.",
            True,
        ),
        (
            "Wherever possible, adults who choose to undergo lung screening preferably should "
            "enter an organized screening program at an institution with expertise in LDCT "
            "screening.",
            True,
        ),
    ],
)
def test_how_to_go_about_a_treatment_is_not_a_vote_for_it(sentence, presupposed):
    assert bool(PRESUPPOSED.search(sentence)) is presupposed


def test_advice_to_organisations_is_not_advice_for_a_patient():
    # ngc:11069 (RNAO delirium, dementia and depression in older adults)
    assert FOR_SERVICES.match(
        "Organizations select validated screening and assessment tools for delirium, dementia, "
        "and depression that are appropriate to the population and health-care setting."
    )
    assert not FOR_SERVICES.match("Assess older adults with dementia for pain.")


def test_a_denied_family_history_makes_family_advice_another_subgroup():
    # ngc:10191 (USPSTF BRCA-related cancer)
    family = (
        "The USPSTF recommends that primary care providers screen women who have family "
        "members with breast, ovarian, tubal, or peritoneal cancer with 1 of several screening "
        "tools."
    )
    denied = affirmed_terms(
        "No one in my family has had breast or ovarian cancer. Should I still get BRCA genetic "
        "testing just to be safe?"
    )
    assert "ovarian" not in denied and "breast" not in denied
    assert for_other_subgroup(family, denied)
    affirmed = affirmed_terms("My sister had ovarian cancer. Should I get BRCA testing?")
    assert not for_other_subgroup(family, affirmed)


def test_care_for_people_with_the_condition_does_not_answer_screening_for_it():
    # ngc:11069
    care = (
        "Evaluate the plan of care in collaboration with the person with dementia (as "
        "appropriate), his/her family/care partners, and the interprofessional team."
    )
    assert for_people_with(care, frozenset(analyze("dementia")))
    assert not for_people_with(care, frozenset(analyze("osteoporosis")))


def test_advice_once_findings_are_observed_is_for_symptomatic_people():
    # ngc:11069
    assess = (
        "Assess older adults for possible dementia when changes in cognition, behaviour, mood, "
        "or function are observed or reported."
    )
    question = (
        "My 72-year-old mother has no memory problems at all. Is dementia screening recommended?"
    )
    assert symptomatic_for_asymptomatic(assess, question)
    assert not symptomatic_for_asymptomatic(assess, "Should dementia be screened for at 72?")


def test_words_naming_who_do_not_make_a_subgroup_match():
    # ngc:10472 (USPSTF hepatitis B): the question says "patient", the subgroup is hemodialysis.
    periodic = (
        "Periodic screening may be useful in patients with ongoing risk for HBV transmission "
        "(for example, active injection drug users, men who have sex with men, and patients "
        "receiving hemodialysis) who do not receive vaccination."
    )
    question = affirmed_terms(
        "New patient today, 38, moved here from Vietnam, feels fine. Should I be checking him "
        "for hepatitis B?"
    )
    assert for_other_subgroup(periodic, question)
    # "including those who are pregnant" widens who it is for (USPSTF genital herpes statement)
    hsv = (
        "The USPSTF recommends against routine serologic screening for genital herpes simplex "
        "virus (HSV) infection in asymptomatic adolescents and adults, including those who are "
        "pregnant (D recommendation)."
    )
    assert not for_other_subgroup(hsv, affirmed_terms("Should a 25-year-old be tested for herpes?"))


def test_a_subgroup_named_after_an_age_range_is_told_apart():
    # ngc:10510 (USPSTF AAA), as written; the question denies smoking.
    never = affirmed_terms("Should a 70-year-old woman who has never smoked be screened for AAA?")
    assert for_other_subgroup(
        "The USPSTF concludes that the current evidence is insufficient to assess the balance of "
        "benefits and harms of screening for AAA in women aged 65 to 75 years who have ever "
        "smoked.",
        never,
    )


def test_people_identified_to_have_a_finding_are_a_subgroup():
    # ngc:10904 (USPSTF breast cancer screening), as written.
    assert for_other_subgroup(
        "The USPSTF concludes that the current evidence is insufficient to assess the balance of "
        "benefits and harms of adjunctive screening for breast cancer using breast "
        "ultrasonography in women identified to have dense breasts on an otherwise negative "
        "screening mammogram.",
        affirmed_terms("Should a 44-year-old woman be screened every year?"),
    )


def test_who_a_recommendation_is_for_stops_at_its_verb():
    # ngc:10191 (USPSTF BRCA): "women with positive screening results" is the subgroup, not
    # "... results should receive genetic"; a question denying any family history is not in it.
    question = affirmed_terms(
        "No one in my family has had breast or ovarian cancer. Should I still get BRCA genetic "
        "testing just to be safe?"
    )
    assert for_other_subgroup(
        "Women with positive screening results should receive genetic counseling and, if "
        "indicated after counseling, BRCA testing.",
        question - set(analyze("BRCA genetic testing")),
    )


def test_a_list_of_conditions_a_recommendation_is_for_must_include_the_patients():
    # ngc:10885 (VA/DoD substance use disorders), as ingested.
    inpatient = (
        "The Work Group recommends inpatient medically supervised alcohol withdrawal management "
        "for patients with any of the following conditions: History of delirium tremens or "
        "withdrawal seizures; Inability to tolerate oral medication; Severe alcohol withdrawal "
        "(i.e., CIWA-Ar score ≥20). (Strong For; Reviewed, Amended)"
    )
    # The votes compare the question's words other than its subject (alcohol withdrawal).
    subject = set(analyze("alcohol withdrawal"))
    plain = affirmed_terms("Can my patient do alcohol withdrawal at home?") - subject
    assert for_other_subgroup(inpatient, plain)
    seizures = affirmed_terms("He had seizures in his last alcohol withdrawal. Detox at home?")
    assert not for_other_subgroup(inpatient, seizures - subject)
    # A list of options to choose from is not a list of conditions.
    options = (
        "For patients with opioid use disorder, the Work Group recommends offering one of the "
        "following medications considering patient preferences: Buprenorphine/naloxone; "
        "Methadone in an opioid treatment program."
    )
    assert not for_other_subgroup(
        options, affirmed_terms("Best treatment for opioid use disorder?")
    )


def _sentence(title: str, text: str) -> SimpleNamespace:
    return SimpleNamespace(
        document=SimpleNamespace(title=title), passage=SimpleNamespace(section=""), text=text
    )


def test_prevention_advice_is_not_for_someone_having_the_event():
    # ngc:11001 (USPSTF aspirin) and ngc:10288 (AHA stroke prevention in women), as written.
    aspirin = _sentence(
        "Aspirin use for the primary prevention of cardiovascular disease and colorectal "
        "cancer: U.S. Preventive Services Task Force recommendation statement.",
        "The USPSTF recommends initiating low-dose aspirin use for the primary prevention of "
        "cardiovascular disease (CVD) and colorectal cancer (CRC) in adults aged 50 to 59 years "
        "who have a 10% or greater 10-year CVD risk.",
    )
    assert primary_for_affected(aspirin, "Should a man with a suspected stroke get aspirin?")
    assert primary_for_affected(aspirin, "He had a heart attack last year. Aspirin?")
    assert not primary_for_affected(
        aspirin, "55, never had a heart attack or stroke, 10-year risk 12%. Aspirin?"
    )
    women = _sentence(
        "Guidelines for the prevention of stroke in women.",
        "If a high-risk woman has an indication for aspirin but is intolerant of aspirin "
        "therapy, clopidogrel should be substituted.",
    )
    assert primary_for_affected(women, "My wife is having a stroke. Should she take aspirin?")
    assert not primary_for_affected(women, "Should a woman with atrial fibrillation take aspirin?")


def test_the_guidelines_own_population_is_not_another_subgroup_when_none_is_named():
    # ngc:10856 (NICE type 2 diabetes in adults), as ingested; the question names no condition,
    # so the votes add the guideline's title to what it says of the patient.
    stop = (
        "In adults with type 2 diabetes, review the dose of metformin if the estimated glomerular "
        "filtration rate (eGFR) is below 45 ml/minute/1.73 m2: Stop metformin if the eGFR is "
        "below 30 ml/minute/1.73 m2."
    )
    question = affirmed_terms("72-year-old on metformin, eGFR 27. Can he stay on metformin?")
    assert for_other_subgroup(stop, question)
    title = frozenset(analyze("Type 2 diabetes in adults: management."))
    assert not for_other_subgroup(stop, question | title)


def test_how_severe_a_condition_is_does_not_make_another_subgroup():
    # ngc:9803, as written; the question names the infection by its lay abbreviation
    asker = frozenset(analyze("C. diff Clostridium difficile infection"))
    assert not for_other_subgroup(
        "Patients with mild-to-moderate CDI should be treated with metronidazole 500 mg orally "
        "three times per day for 10 days.",
        asker,
        abbreviations_unknown=True,
    )
    assert for_other_subgroup(
        "Patients with mild-to-moderate ulcerative colitis should be treated with mesalamine.",
        asker,
    )


def test_people_not_at_elevated_risk_are_no_subgroup():
    # ngc:11202 (Canadian Task Force, hepatitis C), as written
    asker = affirmed_terms("45-year-old accountant, never injected drugs. Should I screen him?")
    assert not for_other_subgroup(
        "The Canadian Task Force on Preventive Health Care (CTFPHC) recommends against "
        "screening for hepatitis C virus (HCV) in adults who are not at elevated risk (strong "
        "recommendation; low-quality evidence).",
        asker,
    )


def test_what_other_guidelines_recommend_is_reported_not_recommended():
    # ngc:11043 (USPSTF lipid disorders in children), as written
    assert REPORTED.search(
        "Recent guidelines on screening for dyslipidemia in children recommend measuring either "
        "LDL-C or non-HDL-C levels."
    )
    # ngc:11299 (USPSTF vision screening in children), as written
    assert REPORTED.search(
        "Some clinical practice guidelines now recommend using handheld autorefractors and "
        "photoscreeners as alternative approaches to screening in children 6 months to 5 years."
    )
    assert not REPORTED.search("The USPSTF recommends screening for HIV infection.")


def test_people_infected_with_the_condition_have_it():
    # NICE chronic hepatitis B (ngc:9953), as written
    text = "Offer peginterferon alfa and ribavirin in adults co-infected with chronic hepatitis B"
    assert for_people_with(text, frozenset(analyze("hepatitis B")))


def test_care_of_a_disease_is_not_for_a_healthy_person():
    # ngc:9899 (Stable coronary artery disease) and ngc:10288, as titled and written.
    stable_cad = _sentence(
        "Stable coronary artery disease.",
        "The use of one aspirin tablet daily (81 mg) is strongly recommended unless there are "
        "medical contraindications.",
    )
    healthy = "Is daily low-dose aspirin 81 mg recommended for a healthy 45-year-old with no risk factors?"
    assert care_of_the_ill_for_healthy(stable_cad, healthy)
    assert not care_of_the_ill_for_healthy(stable_cad, "Should my father take aspirin daily?")
    prevention = _sentence(
        "Guidelines for the prevention of stroke in women.",
        "Aspirin therapy can be useful in women >=65 years of age if BP is controlled.",
    )
    assert not care_of_the_ill_for_healthy(prevention, healthy)
