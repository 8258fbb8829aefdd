"""A quoted recommendation's grade, defined in its own guideline's words (real NGC text)."""

from __future__ import annotations

import pytest

from medcite.compose.composer import Composer
from medcite.index.sqlite import SqliteStore
from medcite.render import to_markdown, to_text
from medcite.verify import check_answer

STATIN_8_PERCENT = (
    "A 62-year-old smoker with no other risk factors has a 10-year CVD risk of 8%. Would you "
    "offer a statin for primary prevention?"
)
C_MEANS = (
    "The USPSTF recommends selectively offering or providing this service to individual "
    "patients based on professional judgment and patient preferences."
)


def test_the_c_statement_quoted_comes_with_what_grade_c_means(
    clinical_composer: Composer, clinical_store: SqliteStore
) -> None:
    answer = clinical_composer.answer(STATIN_8_PERCENT)
    assert "(C recommendation)" in answer.bottom_line.claims[0].text
    section = next(s for s in answer.sections if s.key == "guideline_recommendations")
    defined = section.claims[0]
    assert (defined.defines_grade, defined.text) == ("C", C_MEANS)
    # cited to the statement's own guideline, and the span is the source's text
    assert defined.citations == answer.bottom_line.claims[0].citations
    assert check_answer(answer, clinical_store).ok
    assert f"What grade C means: {C_MEANS}" in " ".join(to_text(answer).split())
    assert "What grade C means:" in to_markdown(answer)


@pytest.mark.parametrize(
    "question",
    [
        "First choice antibiotic for strep throat in an adult?",  # ungraded
        # the I statement already says what grade I means ("the current evidence is
        # insufficient to assess the balance of benefits and harms")
        "Should an 80-year-old without cardiovascular disease start a statin for primary "
        "prevention?",
    ],
)
def test_no_grade_definition_when_ungraded_or_already_said(
    clinical_composer: Composer, question: str
) -> None:
    answer = clinical_composer.answer(question)
    assert answer.bottom_line.claims
    assert not any(c.defines_grade for s in answer.sections for c in s.claims)
