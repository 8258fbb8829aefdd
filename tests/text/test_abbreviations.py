"""Abbreviations a guideline defines, read from real NGC sentences."""

from medcite.text.abbreviations import abbreviates, defined_abbreviations

# ngc:9684 (acute otitis media) and ngc:10899 / ngc:10035 / ngc:11104, as written.
DEFINING = (
    "Clinicians should diagnose acute otitis media (AOM) in children who present with moderate "
    "to severe bulging of the tympanic membrane (TM). Screening for lung cancer with low-dose "
    "computed tomography (LDCT) is recommended in high-risk populations."
)


def test_a_long_form_whose_initials_spell_the_abbreviation_is_read() -> None:
    found = defined_abbreviations(DEFINING)
    assert found["AOM"] == "acute otitis media"
    assert found["TM"] == "tympanic membrane"
    assert found["LDCT"] == "low-dose computed tomography"


def test_grades_and_labels_in_brackets_are_not_abbreviations() -> None:
    text = (
        "Clinicians should prescribe amoxicillin for AOM when a decision to treat with "
        "antibiotics has been made (Evidence Quality: Grade B, Rec. Strength: Recommendation). "
        "The USPSTF recommends against screening for ovarian cancer in asymptomatic women "
        "(D recommendation)."
    )
    assert defined_abbreviations(text) == {}


def test_a_short_form_runs_through_its_long_form_in_order() -> None:
    # "GERD" is not the initials of "gastroesophageal reflux disease" (g-r-d), as authors write it
    assert abbreviates("GERD", "gastroesophageal reflux disease")
    assert abbreviates("copd", "chronic obstructive pulmonary disease")
    assert not abbreviates("gerd", "gastroparesis")  # one word is no long form
    assert not abbreviates("ibs", "inflammatory bowel disease")  # no "s" after the "b"
    assert not abbreviates("pid", "gastroesophageal reflux disease")
