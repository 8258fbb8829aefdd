"""MarkdownLoader: front matter, headings as sections, inline markup stripped."""

from __future__ import annotations

from pathlib import Path

import pytest

from medcite.ingest.base import LoadError
from medcite.ingest.markdown import MarkdownLoader, strip_inline
from medcite.ingest.userfiles import user_document_id
from medcite.models import Document, SourceType

FIXTURE = Path(__file__).parent / "fixtures" / "gout_patient_leaflet.md"


def load_one(path: Path) -> Document:
    docs = list(MarkdownLoader().load(path))
    assert len(docs) == 1
    doc = docs[0]
    for p in doc.passages:
        assert doc.text[p.start : p.end] == p.text
    return doc


def test_front_matter_sets_the_fields() -> None:
    doc = load_one(FIXTURE)
    assert doc.title == "Gout: a guide for patients"
    assert doc.source_type is SourceType.PATIENT_INFORMATION
    assert doc.publisher == "Riverside Rheumatology Clinic"
    assert doc.year == 2023
    assert doc.url == "https://example.org/leaflets/gout"
    assert doc.license == "CC BY 4.0"
    assert doc.metadata == {"audience": "adults"}
    assert doc.collection == "user"
    assert doc.source_path == str(FIXTURE)


def test_id_is_derived_from_the_resolved_path(tmp_path: Path) -> None:
    doc = load_one(FIXTURE)
    assert doc.id == user_document_id(FIXTURE)
    assert doc.id.startswith("file:") and len(doc.id) == len("file:") + 16
    # An edited copy elsewhere is another document; the same path keeps its id after edits.
    copy = tmp_path / FIXTURE.name
    copy.write_text(FIXTURE.read_text(encoding="utf-8"), encoding="utf-8")
    first = load_one(copy)
    copy.write_text("# Changed\n\nNew text.\n", encoding="utf-8")
    assert first.id != doc.id
    assert load_one(copy).id == first.id


def test_headings_become_sections_and_markup_is_stripped() -> None:
    doc = load_one(FIXTURE)
    assert [s.name for s in doc.sections] == ["Gout", "Symptoms", "Treatment", "Living with gout"]
    assert "Gout is a type of inflammatory arthritis caused by urate crystals forming" in doc.text
    assert "See the NHS page on gout for more." in doc.text
    assert "offer colchicine or an NSAID" in doc.text
    for markup in ("**", "](", "![", "`", "gout-toe.png", "|---"):
        assert markup not in doc.text
    assert "Colchicine | During an attack" in doc.text.splitlines()


def test_list_items_stay_one_per_line() -> None:
    lines = load_one(FIXTURE).text.splitlines()
    assert "- sudden, severe pain in a joint" in lines
    assert "- the joint is hot, swollen and red and very tender to touch" in lines
    assert "- attacks settle within 1 to 2 weeks" in lines
    assert "1. Drink plenty of water." in lines


def test_code_blocks_keep_their_lines_and_are_not_headings() -> None:
    doc = load_one(FIXTURE)
    assert "# not a heading: code keeps its lines" in doc.text.splitlines()
    assert "not a heading: code keeps its lines" not in [s.name for s in doc.sections]


def test_without_front_matter_title_is_first_h1_else_stem(tmp_path: Path) -> None:
    md = tmp_path / "notes.md"
    md.write_text("Intro line.\n\n## Part\n\nBody.\n\n# Real title\n\nMore.\n", encoding="utf-8")
    doc = load_one(md)
    assert doc.title == "Real title"
    assert doc.source_type is SourceType.RESEARCH
    assert [s.name for s in doc.sections] == ["Text", "Part", "Real title"]
    plain = tmp_path / "plain-notes.markdown"
    plain.write_text("Just a paragraph\nwrapped over two lines.\n", encoding="utf-8")
    doc = load_one(plain)
    assert doc.title == "plain-notes"
    assert doc.text == "Just a paragraph wrapped over two lines."


def test_unknown_source_type_is_a_load_error(tmp_path: Path) -> None:
    md = tmp_path / "bad.md"
    md.write_text("---\nsource_type: blog\n---\n\nText.\n", encoding="utf-8")
    with pytest.raises(LoadError, match="source_type 'blog'"):
        list(MarkdownLoader().load(md))


def test_source_type_accepts_labels(tmp_path: Path) -> None:
    md = tmp_path / "review.md"
    md.write_text("---\nsource_type: Systematic review\n---\n\nText.\n", encoding="utf-8")
    assert load_one(md).source_type is SourceType.SYSTEMATIC_REVIEW


@pytest.mark.parametrize(
    ("markdown", "plain"),
    [
        ("**bold** and __strong__", "bold and strong"),
        ("*em* and _em_", "em and em"),
        ("snake_case_name stays, 2*3*4 too", "snake_case_name stays, 2*3*4 too"),
        ("a [link](https://x.org) here", "a link here"),
        ("![alt](img.png)after", "after"),
        ("use `x = 1` inline", "use x = 1 inline"),
        (r"\*not emphasis\*", "*not emphasis*"),
        ("a &amp; b <br> c", "a & b  c"),
    ],
)
def test_strip_inline(markdown: str, plain: str) -> None:
    assert strip_inline(markdown) == plain


def test_binary_file_is_a_load_error(tmp_path: Path) -> None:
    md = tmp_path / "image.md"
    md.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(LoadError, match="not UTF-8 text"):
        list(MarkdownLoader().load(md))
