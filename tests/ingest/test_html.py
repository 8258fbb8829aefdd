"""HtmlLoader: title, meta tags, heading sections, page furniture left out."""

from __future__ import annotations

from pathlib import Path

import pytest

from medcite.ingest.base import LoadError
from medcite.ingest.html import HtmlLoader
from medcite.ingest.userfiles import user_document_id
from medcite.models import Document, SourceType

FIXTURE = Path(__file__).parent / "fixtures" / "asthma_inhalers.html"


def load_one(path: Path) -> Document:
    docs = list(HtmlLoader().load(path))
    assert len(docs) == 1
    doc = docs[0]
    for p in doc.passages:
        assert doc.text[p.start : p.end] == p.text
    return doc


def test_title_and_meta_tags() -> None:
    doc = load_one(FIXTURE)
    assert doc.id == user_document_id(FIXTURE)
    assert doc.collection == "user"
    assert doc.source_type is SourceType.RESEARCH
    # The site name the page declares is cut from the <title>.
    assert doc.title == "Inhaled corticosteroids in asthma"
    assert doc.journal == "Example Respiratory Journal"
    assert doc.publisher == "Example Respiratory Journal"
    assert doc.year == 2021
    assert doc.doi == "10.1234/erj.2021.0042"
    assert doc.url == "https://journal.example.org/articles/erj-2021-0042"
    assert doc.metadata == {
        "description": "Review of inhaled corticosteroid dosing in adult asthma.",
        "author": "A. Researcher",
    }


def test_headings_split_sections() -> None:
    doc = load_one(FIXTURE)
    names = [s.name for s in doc.sections]
    assert names == ["Inhaled corticosteroids in adult asthma", "Dosing", "Adverse effects"]
    dosing = next(s for s in doc.sections if s.name == "Dosing")
    assert doc.text[dosing.start : dosing.end].splitlines() == [
        "Most of the benefit is obtained at low to medium doses; higher doses add little benefit"
        " and more adverse effects.",
        "Low dose: budesonide 200–400 micrograms daily",
        "Medium dose: budesonide 400–800 micrograms daily",
    ]


def test_navigation_scripts_styles_and_footer_are_skipped() -> None:
    doc = load_one(FIXTURE)
    for furniture in ("Archive", "analytics", "font-family", "not content", "©"):
        assert furniture not in doc.text


def test_title_falls_back_to_h1_then_stem(tmp_path: Path) -> None:
    page = tmp_path / "page.htm"
    page.write_text("<html><body><h1>Heading one</h1><p>Body text.</p></body></html>")
    assert load_one(page).title == "Heading one"
    bare = tmp_path / "bare-page.html"
    bare.write_text("<p>Only a paragraph.</p>")
    doc = load_one(bare)
    assert doc.title == "bare-page"
    assert [s.name for s in doc.sections] == ["Text"]


def test_latin1_page_with_meta_charset(tmp_path: Path) -> None:
    page = tmp_path / "latin1.html"
    page.write_bytes(
        '<html><head><meta charset="iso-8859-1"><title>Caf\xe9</title></head>'
        "<body><p>Na\xefve patients.</p></body></html>".encode("latin-1")
    )
    doc = load_one(page)
    assert doc.title == "Café"
    assert doc.text == "Naïve patients."


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"", "no HTML content"), (b"\x00\x01\x02binary", "binary"), (b"<html></html>", "no text")],
)
def test_broken_pages_are_load_errors(tmp_path: Path, content: bytes, reason: str) -> None:
    page = tmp_path / "broken.html"
    page.write_bytes(content)
    with pytest.raises(LoadError, match=reason):
        list(HtmlLoader().load(page))
