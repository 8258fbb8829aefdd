"""Clinical reasoning on a real slice of the corpus: verdicts from applicable recommendations,
drug pairs from the interaction table and the Beers criteria, duplicate therapy, first-line
answers, red flags, unindexed drugs. Every answer must also pass integrity and invariants."""

from __future__ import annotations

import re

import pytest

from medcite.compose.composer import Composer
from medcite.config import Settings
from medcite.index.sqlite import SqliteStore
from medcite.models import (
    Answer,
    Applicability,
    Audience,
    NoteKind,
    RecommendationDirection,
    SourceType,
    Verdict,
)
from medcite.render import NOT_FOR_PATIENT, to_markdown, to_text
from medcite.retrieve.searcher import Searcher
from medcite.verify import check_answer
from medcite.verify.invariants import audience_consistent, check_invariants

SEED = (
    "Can a patient with treatment-resistant depression take oral ketamine and IV ketamine "
    "at the same time?"
)


@pytest.fixture(scope="module")
def composer(clinical_store: SqliteStore, clinical_settings: Settings) -> Composer:
    return Composer(Searcher(clinical_store, clinical_settings))


def _sound(answer: Answer, store: SqliteStore) -> None:
    integrity = check_answer(answer, store)
    assert integrity.ok, integrity.problems
    invariants = check_invariants(answer)
    assert invariants.ok, invariants.problems


def _bottom(answer: Answer) -> str:
    return " ".join(c.text for c in answer.bottom_line.claims)


def _types(answer: Answer) -> set[SourceType]:
    return {r.source_type for r in answer.references}


def test_seed_is_duplicate_therapy_against_the_guideline_with_interactions_and_a_gap(
    composer: Composer, clinical_store: SqliteStore
) -> None:
    answer = composer.answer(SEED)
    _sound(answer, clinical_store)
    assert answer.understood is not None
    assert "ketamine" in answer.understood.summary()
    assert answer.bottom_line.verdict == Verdict.NO
    assert "recommends against the use of ketamine" in _bottom(answer)
    assert answer.bottom_line.claims[0].direction == RecommendationDirection.AGAINST
    notes = [n for n in answer.notes if n.kind == NoteKind.DUPLICATE_THERAPY]
    assert notes and "oral and intravenous ketamine" in notes[0].text
    safety = next(s for s in answer.sections if s.key == "safety")
    assert any("Ketamine and" in c.text and "interaction" in c.text for c in safety.claims)
    assert SourceType.DRUG_INTERACTION_DATABASE in _types(answer)
    assert answer.evidence_gaps, "the combination itself is not in any source"


def test_a_major_interaction_says_no_with_the_table_row_and_the_beers_criteria(
    composer: Composer, clinical_store: SqliteStore
) -> None:
    question = (
        "My 78-year-old patient on warfarin for AF wants to take ibuprofen for his knee "
        "osteoarthritis. Is that OK?"
    )
    clinician = composer.answer(question)
    patient = composer.answer(question, audience=Audience.PATIENT)
    for answer in (clinician, patient):
        _sound(answer, clinical_store)
    assert clinician.bottom_line.verdict == Verdict.NO
    assert "Warfarin and Ibuprofen: Major interaction." in _bottom(clinician)
    said = " ".join(c.text for c in clinician.all_claims())
    assert "Increased risk of bleeding" in said  # the Beers row, joined from its table cells
    assert audience_consistent(clinician, patient)


def test_a_pair_missing_from_the_table_is_reported_as_missing_not_as_safe(
    composer: Composer, clinical_store: SqliteStore
) -> None:
    answer = composer.answer("Can sertraline and tramadol be taken together?")
    _sound(answer, clinical_store)
    assert answer.bottom_line.verdict != Verdict.YES
    missing = [n.text for n in answer.notes if n.kind == NoteKind.INTERACTION_NOT_INDEXED]
    assert missing and "not evidence of no interaction" in missing[0]


@pytest.mark.parametrize(
    ("question", "verdict", "quoted"),
    [
        pytest.param(
            "A patient on long-term morphine for back pain also wants diazepam for anxiety. "
            "Is prescribing them together acceptable?",
            Verdict.NO,
            ["avoid prescribing opioid pain medication and benzodiazepines concurrently"],
            id="a guideline naming the pair by its classes",
        ),
        pytest.param(
            "My elderly patient is on prednisone for polymyalgia and now wants naproxen for her "
            "hip. Any problem combining them?",
            Verdict.NO,
            ["Corticosteroids, oral or parenteral NSAIDs Increased risk of peptic ulcer disease"],
            id="a Beers row of class cells; non-steroidal names no steroid",
        ),
        pytest.param(
            "I take an SSRI for depression. Can I also take St John's wort?",
            Verdict.NO,
            ["Taking SJW in combination with selective serotonin"],
            id="an abbreviation the guideline defines names the drug",
        ),
        pytest.param(
            "I take fluoxetine for depression. Can I also take St John's wort?",
            Verdict.NO,
            ["Taking SJW in combination with selective serotonin"],
            id="a drug added to one the patient takes: pair text names either",
        ),
        pytest.param(
            "Should a 44-year-old woman with no family history of breast cancer begin screening "
            "mammography now, or wait until 50?",
            Verdict.IT_DEPENDS,
            ["should be an individual one", "between the ages of 40 and 49 years"],
            id="an individual decision quoted with whom it is for",
        ),
        pytest.param(
            "My 67-year-old patient who smoked for years wants to know if he should be "
            "screened for an abdominal aortic aneurysm.",
            Verdict.YES,
            ["in men aged 65 to 75 years who have ever smoked"],
            id="a yes/no question told, not asked",
        ),
        pytest.param(
            "A 44-year-old woman with no family history of breast cancer wonders whether to "
            "begin screening mammography now, or wait until 50.",
            Verdict.IT_DEPENDS,
            ["should be an individual one"],
            id="wondering whether to, without a question mark",
        ),
        pytest.param(
            "She's 28+2 weeks, contracting every 4 minutes, cervix 5 cm, so established preterm "
            "labour and birth looks likely today. Steroids are in. Should she also get "
            "magnesium sulfate?",
            Verdict.YES,
            ["Offer intravenous magnesium sulfate", "between 24+0 and 29+6 weeks"],
            id="a drug added to what she has had, in its window of pregnancy",
        ),
    ],
)
def test_the_verdict_and_the_statement_that_gives_it(
    composer: Composer,
    clinical_store: SqliteStore,
    question: str,
    verdict: Verdict,
    quoted: list[str],
) -> None:
    answer = composer.answer(question)
    _sound(answer, clinical_store)  # a class name the question's drug belongs to names it
    assert answer.bottom_line.verdict == verdict
    for phrase in quoted:
        assert phrase in _bottom(answer)


@pytest.mark.parametrize(
    ("question", "verdict", "phrase"),
    [
        (
            "55-year-old man, hypertensive, never had a heart attack or stroke, his calculated "
            "10-year cardiovascular risk is 12%. Should I start him on a statin for primary "
            "prevention?",
            Verdict.YES,
            "10% or greater",
        ),
        (
            "A 62-year-old smoker has a 10-year CVD risk of 8%. Would you offer a statin for "
            "primary prevention?",
            Verdict.IT_DEPENDS,
            "7.5% to 10%",
        ),
        (
            "Is starting a statin for primary prevention recommended in an 80-year-old without "
            "cardiovascular disease?",
            Verdict.NOT_ESTABLISHED,
            "insufficient",
        ),
        # USPSTF AAA: the D statement names the subject by its abbreviation; the I statement
        # is for women who have ever smoked, another subgroup.
        (
            "Should a 70-year-old woman who has never smoked have ultrasound screening for an "
            "abdominal aortic aneurysm?",
            Verdict.NO,
            "against routine screening for AAA",
        ),
        # "heart attack" is answered by recommendations on cardiovascular disease (its broader
        # name), and "baby aspirin" is searched as aspirin.
        (
            "I'm 74 and healthy with no heart disease. Should I start taking a baby aspirin every "
            "day to prevent a heart attack?",
            Verdict.NOT_ESTABLISHED,
            "70 years or older",
        ),
    ],
)
def test_the_patients_numbers_pick_the_recommendation_that_applies(
    composer: Composer, clinical_store: SqliteStore, question: str, verdict: Verdict, phrase: str
) -> None:
    answer = composer.answer(question)
    _sound(answer, clinical_store)
    assert answer.bottom_line.verdict == verdict
    assert phrase in _bottom(answer)


def test_a_d_recommendation_says_no_however_the_question_is_worded(
    composer: Composer, clinical_store: SqliteStore
) -> None:
    answer = composer.answer(
        "Honestly, is it still worth doing a neck ultrasound to screen my healthy adult "
        "patients for thyroid cancer?"
    )
    _sound(answer, clinical_store)
    assert answer.bottom_line.verdict == Verdict.NO
    assert "recommends against screening" in _bottom(answer)


def test_recommending_x_over_the_subject_is_a_recommendation_against_it(
    composer: Composer, clinical_store: SqliteStore
) -> None:
    answer = composer.answer(
        "If I'm starting a thiazide-type diuretic for hypertension, is hydrochlorothiazide the "
        "preferred one?"
    )
    _sound(answer, clinical_store)
    assert answer.bottom_line.verdict == Verdict.NO
    assert "chlorthalidone or indapamide over hydrochlorothiazide" in _bottom(answer)


def test_a_first_line_question_is_answered_with_the_treatment(
    composer: Composer, clinical_store: SqliteStore
) -> None:
    answer = composer.answer(
        "Newly diagnosed type 2 diabetes, diet hasn't been enough, kidneys are fine. Which "
        "oral drug should I start first?"
    )
    _sound(answer, clinical_store)
    assert "metformin" in _bottom(answer)


def test_a_drug_first_or_something_better_is_answered_with_the_better_treatment(
    composer: Composer, clinical_store: SqliteStore
) -> None:
    answer = composer.answer(
        "My 58-year-old patient has had trouble sleeping for over a year and is asking for "
        "zolpidem. Should I prescribe a sleeping pill first or is there a better initial treatment?"
    )
    _sound(answer, clinical_store)
    assert answer.bottom_line.verdict == Verdict.ANSWER
    assert "cognitive behavioral therapy" in _bottom(answer)


def test_how_to_go_about_a_treatment_is_not_a_recommendation_to_start_it(
    composer: Composer, clinical_store: SqliteStore
) -> None:
    answer = composer.answer(
        "My patient has had chronic pain for a year. Should I start opioid therapy for "
        "her chronic pain?"
    )
    _sound(answer, clinical_store)
    assert answer.bottom_line.verdict != Verdict.YES
    bottom = _bottom(answer)
    assert "only if" in bottom
    assert "Before starting" not in bottom and "When starting" not in bottom


@pytest.mark.parametrize(
    ("question", "interval"),
    [
        (
            "My patient is 45 and asks whether she really needs a Pap smear every year - what is "
            "the recommended interval?",
            "every 3 years",
        ),
        (
            "How often should a 62-year-old woman at average risk have a screening mammogram?",
            "biennial",
        ),
    ],
)
def test_an_interval_question_gets_the_interval_for_this_patient(
    composer: Composer, clinical_store: SqliteStore, question: str, interval: str
) -> None:
    answer = composer.answer(question)
    _sound(answer, clinical_store)
    bottom = _bottom(answer)
    assert interval in bottom
    assert "25–29" not in bottom  # the recommendation for younger women is not hers


def test_red_flags_come_first_and_answer_should_i_wait(
    composer: Composer, clinical_store: SqliteStore
) -> None:
    answer = composer.answer(
        "My husband's face suddenly looks droopy on one side and he is slurring his words. "
        "Should I wait to see if it goes away?",
        audience=Audience.PATIENT,
    )
    _sound(answer, clinical_store)
    assert answer.urgent is not None and "stroke_signs" in answer.urgent.red_flags
    assert "911" in answer.urgent.claims[0].text
    assert answer.bottom_line.verdict == Verdict.NO


def test_no_red_flag_for_an_ordinary_question(composer: Composer) -> None:
    answer = composer.answer("What are the symptoms of a stroke?")
    assert answer.urgent is None


def test_a_drug_the_index_lacks_is_said_to_be_missing_not_answered(
    composer: Composer, clinical_store: SqliteStore
) -> None:
    answer = composer.answer(
        "My mom has mild cognitive impairment and amyloid on her PET scan. Is lecanemab worth "
        "trying?"
    )
    _sound(answer, clinical_store)
    assert answer.bottom_line.verdict == Verdict.NOT_ESTABLISHED
    assert not answer.bottom_line.claims
    assert any("lecanemab" in n.text for n in answer.notes)


def test_a_question_asking_for_a_thing_without_a_yes_no_wording_gets_the_thing(
    composer: Composer,
) -> None:
    # A bare title question asks for the treatment; "Is metformin ...?" asks yes or no.
    answer = composer.answer("First-line drug for type 2 diabetes?")
    assert answer.bottom_line.verdict == Verdict.ANSWER
    assert "metformin" in _bottom(answer).lower()



def test_a_screening_question_about_a_patient_is_yes_no_whatever_comes_before_it(
    composer: Composer,
) -> None:
    # "... blood sugar or diabetes?" names the conditions screened for, not a choice.
    answer = composer.answer(
        "50 years old, BMI 31, feeling fine. Should my doctor be checking me for abnormal blood "
        "sugar or diabetes?"
    )
    assert answer.bottom_line.verdict != Verdict.ANSWER


def test_asking_whether_to_seek_care_is_answered_by_the_advice_to_seek_it(
    composer: Composer, clinical_store: SqliteStore
) -> None:
    # NHLBI stroke pages: "If you think you or someone else is having a TIA or stroke, call 911
    # right away." (the stance judge had read "you cannot tell if these symptoms are from a TIA
    # or a stroke, you should get to the hospital quickly" as a No)
    answer = composer.answer(
        "My father had a stroke two years ago. If he has another stroke, does he need to go to "
        "the hospital?",
        Audience.PATIENT,
    )
    _sound(answer, clinical_store)
    assert answer.bottom_line.verdict == Verdict.YES
    assert re.search(r"911|hospital", _bottom(answer))


def test_a_red_flag_message_asking_whether_to_call_for_help_is_answered_yes(
    composer: Composer, clinical_store: SqliteStore
) -> None:
    answer = composer.answer(
        "My dad's face is drooping on one side and his speech is slurred since this morning. "
        "Should we call 911?",
        Audience.PATIENT,
    )
    _sound(answer, clinical_store)
    assert answer.urgent is not None
    assert answer.bottom_line.verdict == Verdict.YES
    assert _bottom(answer) == answer.urgent.claims[0].text





@pytest.mark.parametrize(
    ("question", "off_setting_study"),
    [
        # An insulin trial's "fasting glucose" and an IVF study's "treatment cycle" share a
        # word with these questions but say nothing about stroke.
        ("My patient, 60, had a stroke last year. Is it safe for him to go fasting?", "15125825"),
        ("My patient, 50, has stroke risk factors. Should she avoid cycling?", "16253970"),
    ],
)
def test_a_patient_question_never_judges_research_outside_its_condition(
    composer: Composer, clinical_store: SqliteStore, question: str, off_setting_study: str
) -> None:
    answer = composer.answer(question)
    _sound(answer, clinical_store)
    assert f"pubmed:{off_setting_study}" not in {r.doc_id for r in answer.references}
    assert answer.bottom_line.verdict not in (Verdict.YES, Verdict.NO)


def test_a_lay_symptom_in_the_story_is_the_patient_a_recommendation_is_for(
    composer: Composer, clinical_store: SqliteStore
) -> None:
    # dev3, as sent: "ringing in both ears" is the tinnitus the recommendation is for
    answer = composer.answer(
        "ive had ringing in both ears for about a year, its worst at night when its quiet. my "
        "sister says ginkgo biloba pills fixed hers. Is that worth trying??",
        Audience.PATIENT,
    )
    _sound(answer, clinical_store)
    assert answer.bottom_line.verdict == Verdict.NO
    assert "should not recommend Ginkgo biloba" in _bottom(answer)


def test_a_red_flag_gets_the_advice_to_act_now_and_no_bare_no_to_an_either_or(
    composer: Composer, clinical_store: SqliteStore
) -> None:
    # dev3: the sudden worst headache and the stiff neck are both red flags; "get medical help
    # right away" comes before "let your provider know", and "No" would answer neither option
    answer = composer.answer(
        "my roommate (19) got a fever really suddenly this afternoon, says it's the worst "
        "headache of her life and her neck is so stiff she cant look down. She just wants to "
        "sleep it off. should I be worried or let her rest?",
        Audience.PATIENT,
    )
    _sound(answer, clinical_store)
    assert _bottom(answer).startswith("Get medical help right away")
    assert answer.bottom_line.verdict == Verdict.ANSWER


def test_a_statement_on_a_broader_name_of_the_condition_is_the_verdict(
    composer: Composer, clinical_store: SqliteStore
) -> None:
    # dev3: "lipid panel" screens for dyslipidemia; the USPSTF writes "lipid disorders", and
    # its I statement (not "Recent guidelines ... recommend measuring ...") is the answer
    answer = composer.answer(
        "Should asymptomatic children and adolescents without a known lipid disorder be "
        "routinely screened with a lipid panel?"
    )
    _sound(answer, clinical_store)
    assert answer.bottom_line.verdict == Verdict.NOT_ESTABLISHED
    assert "evidence is insufficient" in _bottom(answer)
    assert "Recent guidelines" not in _bottom(answer)


def test_what_a_guideline_considered_is_not_evidence():
    from medcite.compose.gather.evidence import holds_findings

    # NGC summaries list the interventions a guideline looked at, one topic a line
    assert not holds_findings("Interventions and Practices Considered")
    assert not holds_findings("Major Outcomes Considered")
    assert holds_findings("Major Recommendations")


def test_a_vignettes_verdict_comes_from_recommendations_in_its_condition(
    composer: Composer, clinical_store: SqliteStore
) -> None:
    # dev2: advice for patients taking corticosteroids (an osteoporosis recommendation) does
    # not say whether to give a steroid for fluid behind a 3-year-old's eardrums
    answer = composer.answer(
        "A 3-year-old has had fluid behind both eardrums for 5 weeks since an ear infection. No "
        "pain, hearing seems fine. The parents want antibiotics or a steroid to clear it. "
        "Should I prescribe either?"
    )
    _sound(answer, clinical_store)
    assert answer.bottom_line.verdict != Verdict.YES
    assert "ngc:10898" not in {r.doc_id for r in answer.references[:1]}


def test_a_recommendation_not_for_the_patient_is_shown_marked_as_such(
    composer: Composer, clinical_store: SqliteStore
) -> None:
    answer = composer.answer(
        "Should an 80-year-old without cardiovascular disease start a statin for primary "
        "prevention?"
    )
    _sound(answer, clinical_store)
    assert answer.bottom_line.verdict == Verdict.NOT_ESTABLISHED  # the I statement, 76 and older
    marked = [
        c
        for s in answer.sections
        for c in s.claims
        if c.applicability == Applicability.DOES_NOT_APPLY
    ]
    # the B statement for adults aged 40 to 75 says why it is not the answer
    assert marked and "aged 40 to 75 years" in marked[0].text
    assert marked[0].text not in _bottom(answer)
    shown = to_text(answer)
    assert f"{NOT_FOR_PATIENT} The USPSTF recommends that adults" in " ".join(shown.split())
    assert NOT_FOR_PATIENT in to_markdown(answer)


@pytest.mark.parametrize("audience", [Audience.PATIENT, Audience.CLINICIAN])
def test_asking_how_to_lower_ones_chances_is_answered_by_the_prevention_guideline(
    composer: Composer, clinical_store: SqliteStore, audience: Audience
) -> None:
    # Not a yes or no, not the sister's story, not the screening guideline that quotes it.
    answer = composer.answer(
        "My sister had preeclampsia. Can I lower my chances of getting it when I'm pregnant?",
        audience,
    )
    _sound(answer, clinical_store)
    assert answer.bottom_line.verdict == Verdict.ANSWER
    assert "low-dose aspirin" in _bottom(answer)
    refs = {r.number: r.doc_id for r in answer.references}
    assert refs[answer.bottom_line.claims[0].citations[0]] == "ngc:10602"


def test_a_patient_allergic_to_the_drug_of_choice_gets_what_the_guideline_gives_instead(
    composer: Composer, clinical_store: SqliteStore
) -> None:
    question = "First choice antibiotic for strep throat in a penicillin-allergic adult?"
    answer = composer.answer(question)
    _sound(answer, clinical_store)
    assert answer.understood is not None
    assert answer.understood.patient.allergies == ["penicillin"]
    assert "allergic to penicillin" in answer.understood.summary()
    assert _bottom(answer).startswith("If allergic to penicillin, a 10-day course of a first")
    # without the allergy, the drug of choice
    plain = composer.answer("First choice antibiotic for strep throat in an adult?")
    assert _bottom(plain) == "Penicillin V is the drug of choice in patients who can swallow pills."


def test_a_drug_the_patient_is_allergic_to_is_a_no_for_both_audiences(
    composer: Composer, clinical_store: SqliteStore
) -> None:
    question = "I'm allergic to penicillin. Is it safe for me to take amoxicillin?"
    answers = [composer.answer(question, audience) for audience in Audience]
    for answer in answers:
        _sound(answer, clinical_store)
        assert answer.bottom_line.verdict == Verdict.NO
        assert [n.kind for n in answer.notes if n.kind == NoteKind.ALLERGY] == [NoteKind.ALLERGY]
        shown = [c.text for s in answer.sections for c in s.claims]
        # no section offers a penicillin without speaking of the allergy
        assert not [t for t in shown if re.search(r"cillin", t) and "allerg" not in t.lower()]
    assert audience_consistent(*answers)
