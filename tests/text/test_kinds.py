"""Claim kinds and population checks on real guideline sentences."""

from medcite.compose.gather.criteria import parse_age
from medcite.models import Intent
from medcite.text.kinds import (
    asked_for,
    gives_interval,
    gives_symptoms,
    is_dosing,
    is_safety,
    names_treatment,
    other_form,
    other_population,
    refers_back,
    states_aim,
    treatments_named,
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


# ngc:11196 (ACP low back pain), ngc:9684 (AAP acute otitis media), as written.
CHRONIC_LBP = (
    "Recommendation 3: In patients with chronic low back pain who have had an inadequate "
    "response to nonpharmacologic therapy, clinicians and patients should consider "
    "pharmacologic treatment with NSAIDs as first-line therapy, or tramadol or duloxetine as "
    "second-line therapy."
)
AOM_AMOXICILLIN = (
    "Clinicians should prescribe amoxicillin for AOM when a decision to treat with antibiotics "
    "has been made and the child has not received amoxicillin in the past 30 days."
)


def test_another_form_of_the_condition_is_told_apart() -> None:
    assert other_form(CHRONIC_LBP, "What should be tried first for acute low back pain?")
    assert not other_form(CHRONIC_LBP, "First-line drug for chronic low back pain?")
    assert not other_form(CHRONIC_LBP, "What helps low back pain?")  # the question says neither


def test_a_patients_age_names_their_population() -> None:
    question = "A 3-year-old has acute otitis media. Which antibiotic?"
    assert other_population(AOM_AMOXICILLIN, question)  # the words alone name no child
    assert not other_population(AOM_AMOXICILLIN, question, age=3)
    assert other_population(AOM_AMOXICILLIN, "A 45-year-old with otitis media?", age=45)


def test_treatments_named_counts_the_options() -> None:
    acp_gout = (
        "Recommendation 1: The American College of Physicians (ACP) recommends that clinicians "
        "choose corticosteroids, nonsteroidal anti-inflammatory drugs (NSAIDs), or colchicine "
        "to treat patients with acute gout."
    )
    assert treatments_named(acp_gout) >= 3
    assert names_treatment(CHRONIC_LBP)


def test_a_sentence_gives_symptoms_when_it_says_what_they_are() -> None:
    # Real MedQuAD sentences.
    assert gives_symptoms(
        "Common signs and symptoms of hemochromatosis include joint pain, fatigue, general "
        "weakness, weight loss, and stomach pain."
    )
    assert gives_symptoms("The first symptom is usually a rash, which may look like a bull's eye.")
    assert gives_symptoms(
        "SPS is characterized by fluctuating muscle rigidity in the trunk and limbs."
    )
    # Naming symptoms is not saying what they are.
    assert not gives_symptoms(
        "The first number of the fraction is how many people had the symptom, and the second "
        "number is the total number of people who were examined in one study."
    )
    assert not gives_symptoms(
        "In the early stages, your health care provider will look at your symptoms and medical "
        "history, to figure out whether you have Lyme disease."
    )


def test_a_sentence_leaning_on_the_one_before_cannot_stand_alone() -> None:
    assert refers_back("Some people with diabetes dont have any of these signs or symptoms.")
    assert refers_back("These symptoms usually get worse over time.")
    assert not refers_back("Symptoms of the disorder differ among people with the disease.")
    # MedQuAD (NIHSeniorHealth diabetes), as written: "Others" contrasts the sentence before
    assert refers_back("Others require oral medications or insulin, and some may need both.")


def test_a_study_aim_is_not_a_finding():
    # pubmed:10575390's first sentence, as indexed
    assert states_aim(
        "To compare adherence to follow-up recommendations for colposcopy or repeated "
        "Papanicolaou (Pap) smears for women with previously abnormal Pap smear results."
    )
    assert states_aim("The aim of this study was to assess the effect of exercise.")
    assert not states_aim("To date, no trial has shown a mortality benefit.")
    assert not states_aim("Screening reduced mortality by 20%.")
    # pubmed:8017535, as indexed
    assert states_aim(
        "This study was undertaken to examine whether use of alcohol, cigarettes, marijuana, "
        "cocaine, and other illicit drugs is related to the likelihood of sexual behaviors."
    )


def test_procedures_and_laxatives_are_treatments():
    # ngc:11216 (AAO-HNS BPPV) and ngc:10685 (functional constipation), as written
    assert names_treatment(
        "Clinicians should treat, or refer to a clinician who can treat, patients with "
        "posterior canal BPPV with a canalith repositioning procedure (CRP)."
    )
    assert names_treatment(
        "The use of lactulose as the first-line maintenance treatment is recommended."
    )
    assert not names_treatment("The maneuver should be repeated with the opposite ear down.")


def test_obstetric_wording_names_a_pregnancy() -> None:
    # ngc:10831 (NICE preterm labour and birth), as written
    offer = (
        "Offer intravenous magnesium sulfate for neuroprotection of the baby to women between "
        "24+0 and 29+6 weeks of pregnancy who are in established preterm labour."
    )
    asked = "She's 28+2 weeks, contracting every 4 minutes. Should she also get magnesium sulfate?"
    assert not other_population(offer, asked)
    assert other_population(offer, "Should a 40-year-old man get magnesium sulfate?")
    # a condition only pregnancy has names a pregnancy
    assert not other_population(
        ASPIRIN_PREGNANCY, "How can I lower my chances of getting preeclampsia?"
    )


def test_at_what_week_asks_for_weeks() -> None:
    wanted = asked_for(Intent.SCREENING, "At what week do they check for gestational diabetes?")
    assert wanted is not None
    assert wanted.given_by(
        "The USPSTF recommends screening for gestational diabetes mellitus (GDM) in "
        "asymptomatic pregnant women after 24 weeks of gestation."
    )
    assert not wanted.given_by("Screening for gestational diabetes is recommended.")


def test_tuberculosis_drugs_are_treatments() -> None:
    # NICE tuberculosis (ngc:10880), as written
    latent = (
        "For people, including those with HIV, aged younger than 65 years with evidence of "
        "latent TB ..., offer either of the following drug treatments: 3 months of isoniazid "
        "(with pyridoxine) and rifampicin; 6 months of isoniazid (with pyridoxine) [new 2016]."
    )
    assert names_treatment(latent)
    active = "offer: Isoniazid (with pyridoxine), rifampicin, pyrazinamide and ethambutol"
    assert treatments_named(active) == 4


def test_a_condition_named_as_a_risk_factor_is_no_safety_claim() -> None:
    # ngc:11104 (USPSTF statins), as written
    assert not is_safety(
        "Clinicians may selectively offer adults who smoke or have dyslipidemia, diabetes, or "
        "hypertension and a 7.5% to 10% 10-year CVD event risk a low- to moderate-dose statin."
    )
    assert is_safety("Tyramine-rich foods can trigger a hypertensive crisis with MAOIs.")
