"""Claim views: what the article page shows about each claim."""

from medcite.models import Applicability, Claim
from medcite.web.view import _ClaimBuilder


def test_a_recommendation_not_for_the_patient_is_flagged_for_the_page() -> None:
    # USPSTF statin B statement (ngc-11104), shown for an 80-year-old
    text = (
        "The USPSTF recommends that adults without a history of cardiovascular disease (CVD) "
        "use a low- to moderate-dose statin ... (1) they are aged 40 to 75 years"
    )
    builder = _ClaimBuilder({}, {})
    marked = Claim(text=text, citations=[], spans=[], applicability=Applicability.DOES_NOT_APPLY)
    assert builder.build("s.0", marked).not_for_patient
    applies = marked.model_copy(update={"applicability": Applicability.APPLIES})
    assert not builder.build("s.1", applies).not_for_patient


def test_a_grade_definition_is_labelled_for_the_page() -> None:
    # ngc-11104's own definition of its grade C
    text = (
        "The USPSTF recommends selectively offering or providing this service to individual "
        "patients based on professional judgment and patient preferences."
    )
    builder = _ClaimBuilder({}, {})
    defined = Claim(text=text, citations=[], spans=[], defines_grade="C")
    assert builder.build("s.0", defined).grade_label == "What grade C means:"
    plain = defined.model_copy(update={"defines_grade": None})
    assert builder.build("s.1", plain).grade_label is None
