import json

from medcite.ingest.base import FileDocuments, FileFailure
from medcite.ingest.bioasq import BioAsqLoader
from tests.conftest import BIOASQ


def test_snippets_of_one_pmid_merge_into_one_document_across_files() -> None:
    files = sorted((BIOASQ / "Task7BGoldenEnriched").glob("*.json"))
    results = list(BioAsqLoader().load_files(files))
    docs = [d for r in results if isinstance(r, FileDocuments) for d in r.documents]
    ids = [d.id for d in docs]
    assert len(ids) == len(set(ids))
    pmids = {
        s["document"].rsplit("/", 1)[-1]
        for f in files
        for q in json.loads(f.read_text())["questions"]
        for s in q["snippets"]
    }
    assert {d.pmid for d in docs} == pmids


def test_snippet_passages_and_title() -> None:
    docs = {
        d.id: d for d in BioAsqLoader().load(BIOASQ / "Task7BGoldenEnriched" / "7B1_golden.json")
    }
    doc = docs["pubmed:28293123"]
    texts = [p.text for p in doc.passages]
    assert any("Dako's IHC 22C3, to assess PD-L1 status" in t for t in texts)
    assert all(p.kind == "snippet" for p in doc.passages)
    assert doc.url == "https://pubmed.ncbi.nlm.nih.gov/28293123/"
    for p in doc.passages:
        assert doc.text[p.start : p.end] == p.text


def test_a_broken_file_is_reported_and_the_rest_goes_in(tmp_path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"questions": [{"body": "x"')
    good = BIOASQ / "Task7BGoldenEnriched" / "7B1_golden.json"
    results = list(BioAsqLoader().load_files([broken, good]))
    failures = [r for r in results if isinstance(r, FileFailure)]
    assert [f.path for f in failures] == [broken]
    assert failures[0].reason.startswith("not valid JSON at line 1 col 28")
    assert any(isinstance(r, FileDocuments) and r.documents for r in results)
