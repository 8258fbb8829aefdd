"""PubMedXmlLoader on a baseline-format file with three real PubMed records."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from medcite.ingest.base import SNIFF_BYTES, LoadError
from medcite.ingest.pubmed_xml import LICENSE, PubMedXmlLoader
from medcite.models import Document, SourceType

FIXTURE = Path(__file__).parent / "fixtures" / "pubmed_baseline_sample.xml"


def load(path: Path = FIXTURE) -> dict[str, Document]:
    return {doc.id: doc for doc in PubMedXmlLoader().load(path)}


def assert_spans(doc: Document) -> None:
    assert doc.passages
    for p in doc.passages:
        assert doc.text[p.start : p.end] == p.text
    for s in doc.sections:
        assert doc.text[s.start : s.end].strip()


def test_reads_every_article_and_ignores_delete_citation() -> None:
    docs = load()
    assert list(docs) == ["pubmed:26551272", "pubmed:16214597", "pubmed:13054692"]
    for doc in docs.values():
        assert_spans(doc)
        assert doc.collection == "pubmed"
        assert doc.license == LICENSE
        assert doc.url == f"https://pubmed.ncbi.nlm.nih.gov/{doc.pmid}/"


def test_structured_abstract_of_a_randomized_trial() -> None:
    doc = load()["pubmed:26551272"]
    assert doc.title == "A Randomized Trial of Intensive versus Standard Blood-Pressure Control."
    assert doc.source_type is SourceType.TRIAL
    assert [s.name for s in doc.sections] == ["BACKGROUND", "METHODS", "RESULTS", "CONCLUSIONS"]
    assert {p.section for p in doc.passages} == {"BACKGROUND", "METHODS", "RESULTS", "CONCLUSIONS"}
    assert doc.year == 2015
    assert doc.journal == "The New England journal of medicine"
    assert doc.doi == "10.1056/NEJMoa1511939"
    assert doc.pmid == "26551272"
    assert doc.citation == "N Engl J Med. 2015 Nov 26;373(22):2103-16."
    assert "Randomized Controlled Trial" in doc.metadata["publication_types"]
    assert doc.metadata["mesh"][:2] == ["Aged", "Antihypertensive Agents"]
    assert "P<0.001" in doc.text  # character entities are decoded


def test_meta_analysis_with_medline_date() -> None:
    doc = load()["pubmed:16214597"]
    assert doc.source_type is SourceType.SYSTEMATIC_REVIEW
    assert doc.year == 2005  # from <MedlineDate>2005 Oct 8-14</MedlineDate>
    assert [s.name for s in doc.sections] == ["Abstract"]
    assert doc.doi == "10.1016/S0140-6736(05)67394-1"
    assert doc.citation == "Lancet. 2005 Oct 8-14;366(9493):1267-78."


def test_article_without_abstract_is_findable_by_title() -> None:
    doc = load()["pubmed:13054692"]
    assert doc.source_type is SourceType.RESEARCH
    assert doc.year == 1953
    assert [s.name for s in doc.sections] == ["Title"]
    assert [p.text for p in doc.passages] == [doc.title]


def test_gzipped_file_reads_the_same(tmp_path: Path) -> None:
    gz = tmp_path / "pubmed25n0001.xml.gz"
    gz.write_bytes(gzip.compress(FIXTURE.read_bytes()))
    loader = PubMedXmlLoader()
    assert loader.sniff(gz, gz.read_bytes()[:SNIFF_BYTES])
    assert [d.content_hash for d in loader.load(gz)] == [d.content_hash for d in load().values()]


def test_sniff_needs_the_pubmed_root(tmp_path: Path) -> None:
    loader = PubMedXmlLoader()
    head = FIXTURE.read_bytes()[:SNIFF_BYTES]
    assert loader.sniff(FIXTURE, head)
    assert not loader.sniff(tmp_path / "sample.txt", head)
    other = b'<?xml version="1.0"?>\n<!DOCTYPE x>\n<Version><Guideline/></Version>'
    assert not loader.sniff(tmp_path / "guideline.xml", other)


def test_truncated_xml_is_a_load_error(tmp_path: Path) -> None:
    data = FIXTURE.read_bytes()
    broken = tmp_path / "truncated.xml"
    broken.write_bytes(data[: len(data) // 2])
    with pytest.raises(LoadError, match="XML syntax error"):
        list(PubMedXmlLoader().load(broken))


def test_truncated_gzip_is_a_load_error(tmp_path: Path) -> None:
    data = gzip.compress(FIXTURE.read_bytes())
    broken = tmp_path / "truncated.xml.gz"
    broken.write_bytes(data[: len(data) // 2])
    with pytest.raises(LoadError):
        list(PubMedXmlLoader().load(broken))


def test_other_xml_is_a_load_error(tmp_path: Path) -> None:
    other = tmp_path / "other.xml"
    other.write_text("<Version><Guideline>x</Guideline></Version>", encoding="utf-8")
    with pytest.raises(LoadError, match="not PubMed XML"):
        list(PubMedXmlLoader().load(other))
