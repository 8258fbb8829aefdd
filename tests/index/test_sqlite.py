from pathlib import Path

from medcite.index.base import LexicalQuery
from medcite.index.sqlite import SqliteStore, fts_expression
from medcite.models import SearchFilters


def test_documents_round_trip_with_exact_passage_spans(sample_store: SqliteStore) -> None:
    doc = sample_store.get_documents(["ngc:10000"], with_passages=True)["ngc:10000"]
    assert doc.passages and doc.sections
    for p in doc.passages:
        assert doc.text[p.start : p.end] == p.text


def test_stats_count_every_collection(sample_store: SqliteStore) -> None:
    stats = sample_store.stats()
    assert set(stats["by_collection"]) == {"ngc", "medquad", "pubmedqa", "bioasq"}
    assert stats["passages"] == sample_store.passage_count() > 0


def test_fts_expression_quotes_every_term() -> None:
    expr = fts_expression(
        LexicalQuery(terms=["depress", "near"], phrases=[("treatment", "resist")])
    )
    assert expr == '"depress" OR "near" OR "treatment resist"'


def test_match_and_document_frequency(sample_store: SqliteStore) -> None:
    df = sample_store.document_frequency(["alemtuzumab", "zzzzunseen"])
    assert df["alemtuzumab"] > 0 and df["zzzzunseen"] == 0
    found = sample_store.match(LexicalQuery(terms=["alemtuzumab"]), SearchFilters(), 5)
    assert found and all("alemtuzumab" in c.passage.text.lower() for c in found)


def test_copy_is_independent(sample_store: SqliteStore, tmp_path: Path) -> None:
    copy = sample_store.copy_to(tmp_path / "copy.sqlite")
    try:
        assert copy.stats()["documents"] == sample_store.stats()["documents"]
    finally:
        copy.close()
