"""Choosing the recommendation that answers an open treatment question, on real NGC text."""

from types import SimpleNamespace

from medcite.compose.judge.open_answer import _LATER_LINE, _more_severe_than_asked

# ngc:10899 (NICE pneumonia in adults), as written.
LOW = (
    "Consider amoxicillin in preference to a macrolide or a tetracycline for patients with "
    "low-severity community-acquired pneumonia."
)
MODERATE = (
    "Consider dual antibiotic therapy with amoxicillin and a macrolide for patients with "
    "moderate-severity community-acquired pneumonia."
)


def test_the_first_choice_is_for_the_form_the_question_names_or_the_mildest():
    plain = "First-line antibiotic for community-acquired pneumonia in a healthy outpatient?"
    assert not _more_severe_than_asked(LOW, plain)
    assert _more_severe_than_asked(MODERATE, plain)
    asked = "Which antibiotics for moderate-severity community-acquired pneumonia?"
    assert not _more_severe_than_asked(MODERATE, asked)


def test_a_recommendation_for_the_non_severe_form_is_not_for_a_more_severe_one():
    # ngc:9684 (AAP acute otitis media), as written.
    assert not _more_severe_than_asked(
        "The clinician should prescribe antibiotic therapy for bilateral AOM in children "
        "younger than 24 months without severe signs or symptoms (i.e., mild otalgia for less "
        "than 48 hours and temperature less than 39°C [102.2°F]).",
        "What is the first-line treatment for acute otitis media in a 2-year-old?",
    )


def test_a_biologic_or_a_treatment_after_another_fails_is_a_later_line():
    # ngc:11272 (NICE psoriasis biologics), as written.
    assert _LATER_LINE.search(
        "Offer ustekinumab as a first-line biologic agent to adults with psoriasis who fulfil "
        "the criteria for biologic therapy (see also Recommendations 4 and 5)."
    )
    assert not _LATER_LINE.search(LOW)


def test_an_assessment_is_not_a_treatment_and_a_laxative_is():
    from medcite.compose.gather.recommendations import GradeTable
    from medcite.compose.judge.open_answer import OpenAnswer
    from medcite.config import ComposeSettings

    judge = OpenAnswer(store=None, settings=ComposeSettings(), grade_table=GradeTable.load())  # type: ignore[arg-type]

    def recommends(text: str, question: str = "What is the first-line treatment?") -> bool:
        sentence = SimpleNamespace(text=text)
        return judge._recommends_a_treatment(sentence, question)  # type: ignore[arg-type]

    # ngc:10685 (NASPGHAN/ESPGHAN functional constipation), as written
    assert recommends(
        "The use of PEG with or without electrolytes is recommended as the first-line "
        "maintenance treatment."
    )
    assert not recommends(
        "Based on expert opinion, colonic manometry may be indicated in patients with "
        "intractable constipation before considering surgical intervention."
    )

    # ngc:9803 (ACG Clostridium difficile infections), as written: testing and prevention are
    # not what to treat with, unless prevention is asked about
    assert recommends(
        "Patients with mild-to-moderate CDI should be treated with metronidazole 500 mg orally "
        "three times per day for 10 days."
    )
    assert not recommends(
        "Underlying immunosuppression (including malignancy, chemotherapy, corticosteroid "
        "therapy, organ transplantation, and cirrhosis) increases the risk of CDI, and such "
        "patients should be tested if they have a diarrheal illness."
    )
    stewardship = "Antibiotic stewardship is recommended to reduce the risk of CDI."
    assert not recommends(stewardship, "What do I treat her C. diff with?")
    assert recommends(stewardship, "How can we prevent C. diff on the ward?")


def test_mild_to_moderate_is_not_more_severe_than_asked():
    assert not _more_severe_than_asked(
        "Patients with mild-to-moderate CDI should be treated with metronidazole.",
        "What do I treat her C. diff with?",
    )
