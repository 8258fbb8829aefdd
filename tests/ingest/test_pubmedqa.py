import json

from medcite.ingest.pubmedqa import PubMedQaLoader
from medcite.models import SourceType
from tests.conftest import PUBMEDQA


def test_abstract_is_contexts_plus_long_answer_as_conclusions() -> None:
    raw = json.loads(PUBMEDQA.read_text())
    docs = {d.id: d for d in PubMedQaLoader().load(PUBMEDQA)}
    assert len(docs) == len(raw)
    doc = docs["pubmed:10808977"]
    item = raw["10808977"]
    assert doc.pmid == "10808977" and doc.year == 2000
    assert doc.url == "https://pubmed.ncbi.nlm.nih.gov/10808977/"
    assert [s.name for s in doc.sections] == [*item["LABELS"], "CONCLUSIONS"]
    conclusions = next(s for s in doc.sections if s.name == "CONCLUSIONS")
    assert doc.text[conclusions.start : conclusions.end] == item["LONG_ANSWER"]
    assert "Mammography" in doc.metadata["mesh"]
    # "Three-year randomized field trial." is a trial by its own words
    assert doc.source_type is SourceType.TRIAL


def test_study_types_are_inferred_across_the_file() -> None:
    types = {d.source_type for d in PubMedQaLoader().load(PUBMEDQA)}
    assert {SourceType.RESEARCH, SourceType.TRIAL, SourceType.SYSTEMATIC_REVIEW} <= types
