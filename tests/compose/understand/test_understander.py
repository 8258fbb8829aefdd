from __future__ import annotations

import pytest

from medcite.compose.gather.combination import offered_as_alternatives
from medcite.compose.judge.stance import is_yes_no_question
from medcite.compose.understand.intent import asks_yes_or_no
from medcite.compose.understand.patient import implied_words, patient_facts
from medcite.compose.understand.topic import broader_conditions
from medcite.compose.understand.understander import QuestionUnderstander
from medcite.models import Intent, Population, RewriteReason


@pytest.mark.parametrize(
    ("question", "names"),
    [
        ("Can sertraline and tramadol be taken together?", ["sertraline", "tramadol"]),
        ("Is it safe to take Advil with Coumadin?", ["ibuprofen", "warfarin"]),
        ("My mom takes Zoloft and Plavix, is that ok?", ["sertraline", "clopidogrel"]),
        ("Can I take Tylenol for a fever?", ["acetaminophen"]),
        ("Are NSAIDs safe with an SSRI?", ["nsaid", "ssri"]),
        ("Is a blood thinner needed after a stent?", ["anticoagulant"]),
        (
            "Is trimethoprim-sulfamethoxazole OK in someone on weekly methotrexate?",
            ["trimethoprim", "sulfamethoxazole", "methotrexate"],
        ),
        ("Can I take TMP/SMX with warfarin?", ["trimethoprim", "sulfamethoxazole", "warfarin"]),
        ("Is a follow-up needed after a non-ST elevation infarct?", []),
    ],
)
def test_drugs_and_brands_map_to_generic(offline_understander, question, names):
    understood = offline_understander.understand(question)
    assert [d.name for d in understood.drugs] == names


def test_brand_rewrite_and_ordinary_words_are_not_drugs(offline_understander):
    understood = offline_understander.understand("Can I drink coffee while on Zoloft?")
    assert [d.name for d in understood.drugs] == ["sertraline"]
    assert ("Zoloft", "sertraline", RewriteReason.BRAND) in [
        (r.original, r.replacement, r.reason) for r in understood.rewrites
    ]
    plain = offline_understander.understand(
        "I have been feeling tired and my stomach hurts after I eat, what could be the cause?"
    )
    assert plain.drugs == []


def test_routes_bind_to_their_drug(offline_understander):
    understood = offline_understander.understand(
        "Can a patient with treatment-resistant depression take oral and IV ketamine at the same time?"
    )
    (ketamine,) = understood.drugs
    assert ketamine.name == "ketamine"
    assert ketamine.routes == ["oral", "intravenous"]
    assert understood.intent == Intent.CO_ADMINISTRATION
    assert "treatment-resistant depression" in understood.conditions
    assert understood.summary() == (
        "oral intravenous ketamine · treatment-resistant depression · co-administration"
    )
    twice = offline_understander.understand("oral ketamine and IV ketamine")
    assert twice.drugs[0].routes == ["oral", "intravenous"]


def test_doses_as_written(offline_understander):
    understood = offline_understander.understand(
        "Is aspirin 81 mg enough, or 0.5 mg/kg of ketamine?"
    )
    doses = {d.name: d.doses for d in understood.drugs}
    assert doses == {"acetylsalicylic acid": ["81 mg"], "ketamine": ["0.5 mg/kg"]}


def test_patient_numbers(offline_understander):
    facts = offline_understander.understand(
        "Should a 50-year-old with a 12% 10-year cardiovascular risk take a statin?"
    ).patient
    assert (facts.age, facts.risk_percent) == (50, 12)
    assert (
        offline_understander.understand("Can metformin be used in stage 3b CKD?").patient.ckd_stage
        == "3b"
    )
    woman = offline_understander.understand("an 80 year old woman with eGFR 35 and BMI 31").patient
    assert (woman.age, woman.sex, woman.egfr, woman.bmi) == (80, "female", 35, 31)
    pregnant = offline_understander.understand(
        "I am 28 weeks pregnant, can I take labetalol?"
    ).patient
    assert (pregnant.pregnant, pregnant.gestational_week) == (True, 28)


@pytest.mark.parametrize(
    ("question", "query", "intent"),
    [
        (
            "Would you give a 30-year-old with uncomplicated cystitis nitrofurantoin as a go-to first choice?",
            "uncomplicated cystitis nitrofurantoin",
            Intent.FIRST_LINE,
        ),
        (
            "Is it still worth screening an 80-year-old woman for osteoporosis with a DEXA scan?",
            "screening osteoporosis DEXA scan",
            Intent.SCREENING,
        ),
        (
            "My patient is 45 and asks whether she really needs a Pap smear every year - what is the recommended interval?",
            "Pap smear recommended interval",
            Intent.SCREENING,
        ),
        ("Can metformin be used in stage 3b CKD?", "metformin CKD", Intent.YES_NO),
        (
            "Can sertraline and tramadol be taken together?",
            "sertraline tramadol together",
            Intent.CO_ADMINISTRATION,
        ),
    ],
)
def test_filler_and_patient_details_leave_the_query(offline_understander, question, query, intent):
    understood = offline_understander.understand(question)
    assert understood.search_query == query
    assert understood.intent == intent


def test_first_line_summary(offline_understander):
    understood = offline_understander.understand(
        "Would you give a 30-year-old with uncomplicated cystitis nitrofurantoin as a go-to first choice?"
    )
    assert (
        understood.summary()
        == "nitrofurantoin · uncomplicated cystitis · first-line choice · age 30"
    )
    assert understood.is_yes_no


def test_lay_terms_and_odd(offline_understander):
    understood = offline_understander.understand(
        "How do I get rid of ear wax? I'm on a blood thinner and a water pill."
    )
    assert understood.search_query == "cerumen anticoagulant diuretic"
    odd = offline_understander.understand("My son has ODD. Is it odd that he sleeps so much?")
    assert "oppositional defiant disorder" in odd.search_query
    assert "odd" not in odd.search_query.lower().split()


def test_follow_up_carries_the_subject(offline_understander):
    understood = offline_understander.understand(
        "What about breastfeeding?", context="Is metformin safe in pregnancy?"
    )
    assert [d.name for d in understood.drugs] == ["metformin"]
    assert understood.carried_over == ["metformin"]
    assert Population.BREASTFEEDING in understood.populations
    assert understood.search_query.startswith("metformin")


def test_misspellings_corrected_against_the_index(understander):
    understood = understander.understand(
        "Hi, my doctor said I have Rayanud syndrome and Hashimoto thyriodits. What should I do? Thanks"
    )
    assert {(r.original, r.replacement) for r in understood.rewrites} >= {
        ("Rayanud", "raynaud"),
        ("thyriodits", "thyroiditis"),
    }
    assert "raynaud syndrome" in understood.search_query


def test_the_parts_of_a_combined_product_know_their_product(offline_understander):
    understood = offline_understander.understand("Can I take TMP-SMX with warfarin?")
    products = {d.name: d.product for d in understood.drugs}
    assert products == {"trimethoprim": "TMP-SMX", "sulfamethoxazole": "TMP-SMX", "warfarin": None}


@pytest.mark.parametrize(
    "question",
    [
        "I'm 74. Should I start taking a baby aspirin every day to prevent a heart attack?",
        "We're trying for a baby. How much folic acid should I take every day?",
    ],
)
def test_a_baby_that_is_a_dose_or_a_plan_is_not_an_infant(offline_understander, question):
    understood = offline_understander.understand(question)
    assert Population.INFANTS not in understood.populations
    assert (
        Population.INFANTS
        in offline_understander.understand("Can my baby have ibuprofen for a fever?").populations
    )


@pytest.mark.parametrize(
    ("question", "alternatives"),
    [
        ("For an overweight adult, should I routinely prescribe orlistat or metformin?", True),
        ("Is ibuprofen better than naproxen versus celecoxib for knee pain?", False),
        ("Should I use sertraline instead of fluoxetine?", True),
        ("Can sertraline and tramadol be taken together?", False),
        ("My patient on warfarin wants ibuprofen, or naproxen?", False),
    ],
)
def test_drugs_named_as_choices_are_alternatives_not_a_combination(
    offline_understander, question, alternatives
):
    understood = offline_understander.understand(question)
    assert offered_as_alternatives(understood) is alternatives


def test_a_denied_family_history_is_not_the_topic(offline_understander):
    understood = offline_understander.understand(
        "No one in my family has had breast or ovarian cancer. Should I still get BRCA genetic "
        "testing just to be safe?"
    )
    topic = " ".join(understood.topic_words).lower()
    assert "brca" in topic
    assert "ovarian" not in topic and "breast" not in topic


@pytest.mark.parametrize(
    ("question", "yes_no"),
    [
        ("Can you tell me what restless legs syndrome is and what helps it?", False),
        ("Could you please explain how statins lower cholesterol?", False),
        ("Can you give me the usual dose of amoxicillin for a child?", False),
        ("Can you tell me whether I can take ibuprofen with warfarin?", True),
        ("Can you tell me if aspirin is safe in pregnancy?", True),
        ("Would you give a 30-year-old nitrofurantoin for cystitis?", True),
    ],
)
def test_a_polite_request_for_an_explanation_is_not_a_yes_no_question(
    offline_understander, question, yes_no
):
    assert offline_understander.understand(question).is_yes_no is yes_no
    assert is_yes_no_question(question) is yes_no


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        (
            "First-line antibiotic for community-acquired pneumonia in a healthy outpatient?",
            Intent.FIRST_LINE,
        ),
        ("Best initial drug for migraine prevention?", Intent.FIRST_LINE),
        (
            "My patient has newly diagnosed hypertension and is Black, age 55 - which drug "
            "class first?",
            Intent.FIRST_LINE,
        ),
        ("What do guidelines recommend first for knee osteoarthritis pain?", Intent.FIRST_LINE),
        ("What is the first thing to try for my toddler's ear infection?", Intent.FIRST_LINE),
        ("Initial treatment of alcohol use disorder - which medication?", Intent.FIRST_LINE),
        (
            "I've had heartburn almost every day for months. What can I do about it?",
            Intent.TREATMENT,
        ),
        ("How do I get rid of head lice?", Intent.TREATMENT),
        (
            "Positive rapid strep test, no allergies. What's the antibiotic of choice?",
            Intent.FIRST_LINE,
        ),
        (
            "My 4 year old has functional constipation. Which laxative do they normally start "
            "kids like him on?",
            Intent.FIRST_LINE,
        ),
        # "diagnosed with" tells who the patient is; it does not ask how to diagnose
        ("What is the outlook for someone diagnosed with ALS?", Intent.PROGNOSIS),
        ("How is celiac disease diagnosed?", Intent.DIAGNOSIS),
        ("What does a kidney stone feel like?", Intent.SYMPTOMS),
        ("What helps with restless legs at night?", Intent.TREATMENT),
        # what follows "but" asks; the chances of getting it are a risk, not an outcome
        (
            "I know the causes of preeclampsia are unclear, but how can I lower my chances of "
            "getting it?",
            Intent.GENERAL,
        ),
        ("What are the chances of survival after a cardiac arrest?", Intent.PROGNOSIS),
    ],
)
def test_natural_ways_of_asking_what_to_do(offline_understander, question, intent):
    assert offline_understander.understand(question).intent == intent


def test_a_woman_who_is_not_pregnant_is_not_in_pregnancy(offline_understander):
    understood = offline_understander.understand(
        "Treatment of choice for bacterial vaginosis in a non-pregnant woman?"
    )
    assert Population.PREGNANCY not in understood.populations
    pregnant = offline_understander.understand(
        "Treatment of choice for bacterial vaginosis in a pregnant woman?"
    )
    assert Population.PREGNANCY in pregnant.populations


def test_a_disorder_named_after_a_drug_is_the_disorder(offline_understander):
    understood = offline_understander.understand(
        "Initial treatment of alcohol use disorder - which medication?"
    )
    assert understood.conditions == ["alcohol use disorder"] and not understood.drugs
    both = offline_understander.understand("Can I drink alcohol while taking metronidazole?")
    assert {d.name for d in both.drugs} == {"ethanol", "metronidazole"}


def test_a_condition_written_as_its_abbreviation_is_named():
    meanings = {"AAA": ["Abdominal Aortic Aneurysm"], "TIA": ["transient ischemic attack"]}
    understander = QuestionUnderstander(None, abbreviations=meanings)
    understood = understander.understand(
        "Should a 67-year-old smoker who quit 10 years ago get an AAA ultrasound?"
    )
    assert understood.conditions[0] == "abdominal aortic aneurysm"
    # Ambiguous or unknown abbreviations name nothing.
    ambiguous = QuestionUnderstander(
        None, abbreviations={"MS": ["multiple sclerosis", "mitral stenosis"]}
    )
    assert "multiple sclerosis" not in ambiguous.understand("Is MS inherited?").conditions
    # One long form inside the others is the condition (the shared lexicon's two IBS rows).
    nested = QuestionUnderstander(
        None,
        abbreviations={
            "IBS": ["irritable bowel syndrome", "constipation-predominant irritable bowel syndrome"]
        },
    )
    assert nested.understand("Is IBS curable?").conditions[0] == "irritable bowel syndrome"


def test_relatives_in_the_story_are_not_the_topic(offline_understander):
    understood = offline_understander.understand(
        "My sister had preeclampsia. Can I lower my chances of getting it when I'm pregnant?"
    )
    assert "sister" not in understood.topic_words
    assert understood.conditions == ["preeclampsia"]


def test_a_lay_drug_name_is_searched_as_the_drug(offline_understander):
    understood = offline_understander.understand("Should I take a baby aspirin every day?")
    assert "baby" not in understood.search_query and "aspirin" in understood.search_query
    assert Population.INFANTS not in understood.populations


def test_broader_names_of_a_condition_go_one_way():
    assert "cardiovascular disease" in broader_conditions("myocardial infarction")
    assert broader_conditions("cardiovascular disease") == ()


def test_opioid_use_disorder_is_one_condition(offline_understander):
    # listed in ngc:10885's Disease/Condition(s) after "including"
    understood = offline_understander.understand(
        "What's the preferred initial treatment for opioid use disorder?"
    )
    assert understood.conditions == ["opioid use disorder"] and not understood.drugs


def test_a_denied_finding_is_not_a_condition_and_a_disease_comes_before_symptoms(
    offline_understander,
):
    understood = offline_understander.understand(
        "14-year-old with fever, tonsillar exudate, tender anterior neck nodes and no cough; "
        "the rapid strep test is positive. What's the antibiotic of choice?"
    )
    assert understood.conditions == ["streptococcal pharyngitis", "fever"]


def test_british_spellings_find_the_condition(offline_understander):
    understood = offline_understander.understand(
        "How common is red-green colour blindness in boys compared with girls?"
    )
    assert understood.conditions == ["red-green color blindness"]
    assert offline_understander.understand("Is haemophilia inherited?").conditions == ["hemophilia"]


def test_a_dose_is_the_patients_detail_unless_the_dose_is_asked(offline_understander):
    staying = offline_understander.understand(
        "72-year-old on metformin 1 g twice a day. His eGFR has come back at 27 on two checks a "
        "month apart. Can he stay on metformin?"
    )
    assert staying.topic_words == ["metformin", "eGFR"]
    assert staying.patient.egfr == 27
    dosing = offline_understander.understand("What dose of metformin 500 mg should I start with?")
    assert {"500", "mg"} <= set(dosing.topic_words)


def test_a_treatment_question_is_about_the_condition_told_before_it(offline_understander):
    understood = offline_understander.understand(
        "62-year-old woman with brief spinning spells when she rolls over in bed; Dix-Hallpike "
        "on the right gives torsional upbeating nystagmus. Should I just give her meclizine, or "
        "what is the initial treatment?"
    )
    assert understood.intent == Intent.FIRST_LINE
    assert "vertigo" in understood.topic_words and "meclizine" in understood.topic_words


def test_an_age_in_months_and_normal_findings_are_details(offline_understander):
    fluoride = offline_understander.understand(
        "For an 18-month-old with a mouthful of baby teeth, should we be painting on fluoride "
        "varnish at well-child visits?"
    )
    assert "18-month-old" not in fluoride.topic_words
    orlistat = offline_understander.understand(
        "I'm 34 with a BMI of 29. No diabetes, and my blood pressure and cholesterol are "
        "normal. Can my GP prescribe orlistat?"
    )
    assert orlistat.conditions == [] and "GP" not in orlistat.topic_words


def test_gestational_weeks_in_a_range_are_no_age(offline_understander):
    understood = offline_understander.understand(
        "Should we screen all pregnant women for gestational diabetes at 24 to 28 weeks?"
    )
    assert understood.patient.age is None
    assert (
        offline_understander.understand("Which antihypertensive is preferred in pregnancy?").intent
        == Intent.FIRST_LINE
    )


def test_an_age_set_off_by_commas_after_a_person(offline_understander):
    understood = offline_understander.understand(
        "My husband, 89, has been unable to urinate for 11 hours. Is it time to call the doctor?"
    )
    assert understood.patient.age == 89
    assert Population.OLDER_ADULTS in understood.populations


def test_a_grown_up_daughter_is_no_child(offline_understander):
    grown = offline_understander.understand("My daughter is 20 and has PID. Can she catch it?")
    assert Population.CHILDREN not in grown.populations
    young = offline_understander.understand("My daughter has PID. Can she catch it again?")
    assert Population.CHILDREN in young.populations


def test_asking_every_patient_about_a_condition_is_screening(offline_understander):
    understood = offline_understander.understand(
        "Am I supposed to ask every woman her age about domestic violence?"
    )
    assert understood.intent == Intent.SCREENING



def test_a_treatment_question_is_about_the_infection_not_the_drug_that_caused_it(
    offline_understander,
):
    # dev3: the antibiotic in the story caused the infection; the question asks what to give
    understood = offline_understander.understand(
        "44-year-old woman got C. diff after clindamycin for a dental abscess: 5 loose stools "
        "a day, WBC 9.8, creatinine normal, no fever, belly soft. Clinda is stopped. What do I "
        "treat her with?"
    )
    assert understood.conditions[0] == "Clostridium difficile infection"
    assert understood.asked_drugs() == []
    assert understood.search_query == "Clostridium difficile infection treat"


def test_the_condition_the_question_names_comes_before_the_story(offline_understander):
    understood = offline_understander.understand(
        "UK practice: 28-year-old nurse, household contact of her brother who has smear-positive "
        "pulmonary tuberculosis. IGRA positive, chest X-ray clear, no symptoms, LFTs normal. "
        "Which regimen should I offer her for latent tuberculosis infection?"
    )
    assert understood.conditions == [
        "latent tuberculosis infection",
        "smear-positive pulmonary tuberculosis",
    ]
    assert understood.intent == Intent.FIRST_LINE


def test_a_condition_told_by_its_abbreviation_is_carried_into_a_treatment_question():
    understander = QuestionUnderstander(
        None, abbreviations={"ADHD": ["attention deficit hyperactivity disorder"]}
    )
    understood = understander.understand(
        "8-year-old boy, combined-type ADHD confirmed on parent and teacher Vanderbilt scales, "
        "behaviour plan at school already in place but he's still struggling. If we go to "
        "medication, which class do we start with?"
    )
    assert understood.search_query.startswith("attention deficit hyperactivity disorder")


def test_lay_names_of_conditions_in_the_story(offline_understander):
    hep = offline_understander.understand(
        "45-year-old accountant, never injected drugs, wants every test going including hep C. "
        "Should I screen him?"
    )
    assert hep.conditions == ["hepatitis C"]
    ears = offline_understander.understand(
        "ive had ringing in both ears for about a year. my sister says ginkgo biloba pills "
        "fixed hers. Is that worth trying??"
    )
    assert "tinnitus" in ears.conditions


def test_what_a_talk_is_about_is_no_denied_finding(offline_understander):
    understood = offline_understander.understand(
        "Do I need to spend time at a 12-year-old's visit talking about not starting smoking?"
    )
    assert "smoking" in understood.topic_words


def test_a_cancer_no_one_in_the_family_had_is_no_condition(offline_understander):
    understood = offline_understander.understand(
        "No one in my family has had breast or ovarian cancer. Should I still get BRCA genetic "
        "testing just to be safe?"
    )
    assert "ovarian cancer" not in understood.conditions


def test_an_eponym_without_its_head_word_names_the_disease(offline_understander):
    gbs = offline_understander.understand(
        "My dad is 61 and was diagnosed with Guillain-Barré a week after a stomach bug. Will he "
        "get better?"
    )
    assert gbs.conditions == ["guillain-barre syndrome"]
    assert offline_understander.understand("Is Crohn's inherited?").conditions == [
        "crohn's disease"
    ]
    assert offline_understander.understand("My son has Down. Is it inherited?").conditions == []


def test_what_to_do_at_home_asks_for_treatment(offline_understander):
    understood = offline_understander.understand("What can I do at home for hemorrhoids?")
    assert understood.intent == Intent.TREATMENT


def test_a_well_child_visit_gives_the_age_and_a_denied_history_no_condition(
    offline_understander,
):
    understood = offline_understander.understand(
        "Mum is asking at her son's 2-year visit whether he needs an eye test. He seems to see "
        "fine, no squint, no family history of lazy eye. Should I do vision screening at this age?"
    )
    assert understood.patient.age == 2
    assert understood.conditions == []


def test_obstetric_weeks_are_a_pregnancy_not_an_age(offline_understander):
    understood = offline_understander.understand(
        "She's 28+2 weeks, contracting every 4 minutes, cervix 5 cm, so established preterm "
        "labour and birth looks likely today. Steroids are in. Should she also get magnesium "
        "sulfate?"
    )
    assert understood.patient.age is None
    assert understood.patient.gestational_week == 28 + 2 / 7  # 28 weeks and 2 days
    assert Population.PREGNANCY in understood.populations
    # the steroids are in already: the question is whether to add magnesium sulfate
    assert understood.added_drug().name == "magnesium sulfate"
    assert [d.name for d in understood.asked_drugs()] == ["magnesium sulfate"]


def test_a_drug_added_to_what_the_patient_takes(offline_understander):
    added = offline_understander.understand(
        "She takes levothyroxine every morning. Can she take ibuprofen for her knee?"
    )
    assert added.added_drug().name == "ibuprofen"
    # one sentence naming both, or asking about them together, is about the pair
    for question in (
        "Can a patient on warfarin take ibuprofen?",
        "I take warfarin. Can I take ibuprofen together with it?",
    ):
        assert offline_understander.understand(question).added_drug() is None


def test_when_it_started_is_not_the_topic_and_lay_symptoms_are_named(offline_understander):
    blood = offline_understander.understand(
        "My dad has been coughing up blood since this morning. Should we go to the ER?"
    )
    assert blood.conditions[0] == "hemoptysis"
    assert "morning" not in blood.topic_words
    stiffness = offline_understander.understand("What helps morning stiffness in arthritis?")
    assert "morning" in stiffness.search_query
    snoring = offline_understander.understand(
        "My husband snores really loud and stops breathing at night. Is that dangerous?"
    )
    assert snoring.conditions == ["sleep apnea"]


def test_an_organisation_is_no_condition(offline_understander):
    understood = offline_understander.understand(
        "My 43-year-old patient follows the American Cancer Society guidance. At what age does "
        "the ACS say average-risk women should start regular screening mammograms?"
    )
    assert not any("cancer" in c for c in understood.conditions)
    assert offline_understander.understand("Is lung cancer screening worth it?").conditions


def test_what_the_patient_does_not_have_is_no_topic(offline_understander):
    understood = offline_understander.understand(
        "I'm 56 and postmenopausal. My friend says I should take estrogen plus progestin to "
        "protect my heart and bones even though I don't have hot flashes. Is that recommended?"
    )
    words = {w.lower() for w in understood.topic_words}
    assert not words & {"hot", "flashes", "though"}
    assert {"estrogen", "progestin"} <= words


def test_a_yes_no_clause_inside_a_longer_question_is_asked():
    question = (
        "For a pregnant woman at high risk of preeclampsia, is low-dose aspirin recommended, "
        "and from when and at what dose?"
    )
    assert asks_yes_or_no(question)
    assert not asks_yes_or_no("For a pregnant woman at high risk, what dose of aspirin?")


def test_a_bmi_names_the_weight_class_guidelines_use():
    assert implied_words(patient_facts("50 years old, BMI 31, feeling fine.").facts) == (
        "obese obesity"
    )
    assert implied_words(patient_facts("62 with a BMI of 27").facts) == "overweight"
    assert implied_words(patient_facts("BMI 22, runs daily").facts) == ""


def test_a_condition_the_patient_never_had_is_no_condition(offline_understander):
    understood = offline_understander.understand(
        "My dad is 70, doesn't smoke and has never had a stroke. Should he take aspirin every day?"
    )
    assert understood.conditions == []
    assert [w.lower() for w in understood.topic_words] == ["aspirin"]


def test_a_plural_finds_the_condition_and_an_asking_verb_is_no_part_of_it(offline_understander):
    assert offline_understander.understand("Are migraines genetic?").conditions == ["migraine"]
    assert offline_understander.understand("What causes gout?").conditions == ["gout"]
    # the index names the condition in the plural only
    stone = offline_understander.understand("What does a kidney stone feel like?")
    assert stone.conditions == ["kidney stones"]
    assert offline_understander.understand("Does aspirin help headaches?").conditions == [
        "headaches"
    ]


def test_anti_d_immunoglobulin_is_a_drug(offline_understander):
    understood = offline_understander.understand(
        "RhD-negative, 9 weeks pregnant, light spotting yesterday. Does she need anti-D?"
    )
    assert [d.name for d in understood.drugs] == ["anti-d immunoglobulin"]


def test_words_with_a_disease_ending_that_name_no_disease(offline_understander):
    understood = offline_understander.understand(
        "Should the diagnosis be confirmed with home blood pressure readings before treatment?"
    )
    assert "diagnosis" not in understood.conditions
