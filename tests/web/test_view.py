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
