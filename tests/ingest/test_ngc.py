from medcite.ingest.ngc import NgcLoader, recommendation_grade
from medcite.ingest.textclean import Block, join_listed_items
from medcite.models import SourceType
from tests.conftest import NGC


def test_ngc_summary_metadata_and_graded_recommendations() -> None:
    (doc,) = NgcLoader().load(NGC / "ngc-10000.xml")
    assert doc.id == "ngc:10000"
    assert doc.title.startswith(
        "Guidelines for the management of mature T-cell and NK-cell neoplasms"
    )
    assert doc.source_type is SourceType.GUIDELINE
    assert doc.publisher == "British Society for Haematology Guidelines - Professional Association"
    assert doc.year == 2013  # "2011 May (revised 2013 Aug)": the version in force
    assert "British Committee for Standards in Haematology" in (doc.citation or "")
    recs = {p.text: p for p in doc.passages if p.kind == "recommendation"}
    alemtuzumab = recs[
        "Intravenous alemtuzumab should be used as first line therapy for T-PLL (Grade 1B)."
    ]
    assert alemtuzumab.grade == "Grade 1B"
    assert alemtuzumab.section == "Major Recommendations: T-prolymphocytic Leukaemia (T-PLL)"


def test_ngc_html_is_clean_text_and_offsets_hold() -> None:
    (doc,) = NgcLoader().load(NGC / "ngc-10000.xml")
    assert "&lt;" not in doc.text and "<li>" not in doc.text and "&amp;" not in doc.text
    assert "(<9 g/dl)" in doc.text  # escaped "&amp;lt;9 g/dl" became a real "<"
    for p in doc.passages:
        assert doc.text[p.start : p.end] == p.text
    names = {s.name for s in doc.sections}
    assert {"Target Population", "Potential Harms"} <= names


def test_grade_in_its_own_paragraph_and_definitions_are_not_recommendations() -> None:
    (doc,) = NgcLoader().load(NGC / "ngc-10991.xml")
    graded = [p for p in doc.passages if p.grade]
    assert any(p.grade.startswith("Strong Against") for p in graded)
    intro = [
        p
        for p in doc.passages
        if "at the end of the" in p.text and "Major Recommendations" in p.text
    ]
    assert intro and all(p.kind == "text" for p in intro)


def test_recommendation_grade_patterns() -> None:
    assert recommendation_grade("Use X for Y (Grade 2C).") == "Grade 2C"
    assert recommendation_grade("Offer X [A]") == "A"
    assert recommendation_grade("Offer X (Strong recommendation, low quality evidence)") is not None
    assert recommendation_grade("Offer X (new 2013)") is None
    assert recommendation_grade("Offer X (see Table 2 in the original guideline document)") is None


def test_a_recommendation_leading_into_a_list_holds_its_items_and_grade() -> None:
    # VA/DoD substance use disorders: the options are <li> items of a nested list, the grade a
    # paragraph after them; each used to be a passage of its own, the recommendation a lead-in.
    (doc,) = NgcLoader().load(NGC / "ngc-10885.xml")
    recs = [p for p in doc.passages if p.kind == "recommendation"]
    opioid = next(p for p in recs if p.text.startswith("For patients with opioid use disorder,"))
    assert opioid.text.endswith(
        "preferences: Buprenorphine/naloxone; Methadone in an opioid treatment program. "
        "(Strong For; Reviewed, New-replaced)"
    )
    assert opioid.grade == "Strong For; Reviewed, New-replaced"
    # An item's text before its own sub-list is an item, not a paragraph ending the list.
    stimulant = next(p for p in recs if "stimulant use disorder, the Work Group" in p.text)
    assert "Recovery-focused behavioral therapy; General drug counseling" in stimulant.text
    assert not any(p.text == "Buprenorphine/naloxone" for p in doc.passages)
    for p in doc.passages:
        assert doc.text[p.start : p.end] == p.text


def test_items_that_are_sentences_and_headings_are_not_joined() -> None:
    blocks = [
        Block("Definitions:", "p"),
        Block("Grade A", "li"),
        Block("Offer the following to adults with asthma:", "p"),
        Block("Use an inhaler. Check technique at every visit.", "li"),
    ]
    assert join_listed_items(blocks) == blocks
