import pytest

from medcite.config import Settings
from medcite.index.sqlite import SqliteStore
from medcite.models import SearchFilters, SourceType
from medcite.retrieve.query import QueryError
from medcite.retrieve.searcher import Searcher


@pytest.fixture(scope="module")
def searcher(sample_store: SqliteStore, sample_settings: Settings) -> Searcher:
    return Searcher(sample_store, sample_settings)


def test_finds_the_graded_guideline_recommendation(searcher: Searcher) -> None:
    hits = searcher.search("first line therapy for T-PLL").hits
    top = hits[0]
    assert top.document.id == "ngc:10000"
    assert top.passage.grade == "Grade 1B"
    assert "alemtuzumab" in top.passage.text
    assert top.document.text == ""  # hits carry document metadata, not the whole text


@pytest.mark.parametrize(
    "query",
    [
        'ketamine "depression',
        "depression AND NOT ketamine",
        "NEAR(depression ketamine, 3)",
        "title:depression body:*",
        "depress* OR (((",
        "[brackets] {braces} ^caret -minus +plus",
        "'; DROP TABLE documents; --",
        "депрессия 抑郁症 dépression",
    ],
)
def test_hostile_queries_get_clean_results(searcher: Searcher, query: str) -> None:
    result = searcher.search(query)
    assert isinstance(result.hits, list)


def test_a_100kb_query_is_cut_and_answered(searcher: Searcher) -> None:
    result = searcher.search("depression treatment " * 5000)
    assert len(result.query.text) <= searcher.settings.max_query_chars
    assert result.hits


@pytest.mark.parametrize("query", ["", "   ", "\x00\x01", "??? !!! ...", "the and of"])
def test_empty_or_wordless_queries_raise_a_clear_error(searcher: Searcher, query: str) -> None:
    with pytest.raises(QueryError, match="query"):
        searcher.search(query)


def test_source_type_and_year_filters(searcher: Searcher) -> None:
    guidelines = searcher.search(
        "depression", filters=SearchFilters(source_types=[SourceType.GUIDELINE])
    ).hits
    assert guidelines and all(h.document.source_type is SourceType.GUIDELINE for h in guidelines)
    recent = searcher.search("depression", filters=SearchFilters(year_min=2015)).hits
    assert recent and all(h.document.year and h.document.year >= 2015 for h in recent)


def test_diversity_caps_passages_per_document(searcher: Searcher) -> None:
    hits = searcher.search("depression treatment", k=20).hits
    per_doc: dict[str, int] = {}
    for h in hits:
        per_doc[h.document.id] = per_doc.get(h.document.id, 0) + 1
    assert max(per_doc.values()) <= searcher.settings.rank.max_passages_per_doc
    assert [h.rank for h in hits] == list(range(1, len(hits) + 1))


def test_abbreviations_are_expanded(searcher: Searcher) -> None:
    result = searcher.search("TRD management")
    assert any(
        "treatment" in e.lower() and "depression" in e.lower() for e in result.query.expansions
    )
    assert any("depress" in h.passage.text.lower() for h in result.hits[:5])


def test_management_questions_put_guideline_recommendations_first(
    sample_store: SqliteStore, sample_settings: Settings
) -> None:
    query = "how should treatment resistant depression be treated"
    default = Searcher(sample_store, sample_settings).search(query).hits
    lexical_settings = Settings.preset("lexical", index_path=sample_settings.index_path)
    lexical = Searcher(sample_store, lexical_settings).search(query).hits

    def first_guideline_rank(hits: list) -> int:
        return next(h.rank for h in hits if h.document.source_type is SourceType.GUIDELINE)

    assert default[0].document.source_type is SourceType.GUIDELINE
    assert default[0].passage.kind == "recommendation"
    assert first_guideline_rank(default) <= first_guideline_rank(lexical)
