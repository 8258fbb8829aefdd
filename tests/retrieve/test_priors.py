from medcite.config import RankSettings
from medcite.models import Document, SourceType
from medcite.retrieve.searcher import prior


def _doc(source_type: SourceType, year: int | None) -> Document:
    return Document(id="x", title="t", source_type=source_type, collection="c", text="", year=year)


def test_newer_over_older_and_reviews_over_single_studies() -> None:
    cfg = RankSettings()
    assert prior(_doc(SourceType.RESEARCH, 2016), "text", "general", cfg) > prior(
        _doc(SourceType.RESEARCH, 2001), "text", "general", cfg
    )
    assert (
        prior(_doc(SourceType.SYSTEMATIC_REVIEW, 2010), "text", "general", cfg)
        > prior(_doc(SourceType.TRIAL, 2010), "text", "general", cfg)
        > prior(_doc(SourceType.RESEARCH, 2010), "text", "general", cfg)
    )


def test_guideline_recommendations_lead_only_for_management_questions() -> None:
    cfg = RankSettings()
    guideline = _doc(SourceType.GUIDELINE, 2014)
    assert prior(guideline, "recommendation", "management", cfg) > prior(
        guideline, "text", "management", cfg
    )
    assert prior(guideline, "recommendation", "management", cfg) > prior(
        guideline, "recommendation", "general", cfg
    )
