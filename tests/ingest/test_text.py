"""TextLoader: title line, paragraphs, and refusing what is not UTF-8 text."""

from __future__ import annotations

from pathlib import Path

import pytest

from medcite.ingest.base import LoadError
from medcite.ingest.text import TextLoader
from medcite.ingest.userfiles import user_document_id
from medcite.models import Document, SourceType

FIXTURE = Path(__file__).parent / "fixtures" / "hand_hygiene_notes.txt"


def load_one(path: Path) -> Document:
    docs = list(TextLoader().load(path))
    assert len(docs) == 1
    doc = docs[0]
    for p in doc.passages:
        assert doc.text[p.start : p.end] == p.text
    return doc


def test_first_line_is_the_title_and_the_rest_one_section() -> None:
    doc = load_one(FIXTURE)
    assert doc.id == user_document_id(FIXTURE)
    assert doc.collection == "user"
    assert doc.source_type is SourceType.RESEARCH
    assert doc.title == "Hand hygiene before aseptic procedures"
    assert [s.name for s in doc.sections] == ["Text"]
    assert {p.section for p in doc.passages} == {"Text"}
    assert doc.title not in doc.text
    lines = doc.text.splitlines()
    # Hard-wrapped lines are joined; list items keep their own lines.
    assert lines[0].startswith("Clean hands with an alcohol-based hand rub or with soap and water")
    assert "water immediately before" in lines[0]
    assert lines[0].endswith("or handling an intravenous line.")
    assert lines[-2:] == [
        "- hands are visibly soiled",
        "- caring for patients with suspected Clostridioides difficile infection",
    ]


def test_long_or_wrapped_first_line_is_not_a_title(tmp_path: Path) -> None:
    long = tmp_path / "long_first.txt"
    long.write_text("word " * 60 + "\n\nSecond paragraph.\n", encoding="utf-8")
    assert load_one(long).title == "long_first"
    wrapped = tmp_path / "wrapped.txt"
    wrapped.write_text("A paragraph that starts the file\nand goes on here.\n", encoding="utf-8")
    doc = load_one(wrapped)
    assert doc.title == "wrapped"
    assert doc.text == "A paragraph that starts the file and goes on here."


def test_long_text_is_chunked_into_several_passages(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    paragraphs = [f"Paragraph {i}. " + "Some sentence about dosing. " * 12 for i in range(12)]
    path.write_text("Dosing notes\n\n" + "\n\n".join(paragraphs), encoding="utf-8")
    doc = load_one(path)
    assert len(doc.passages) > 3
    assert [p.ordinal for p in doc.passages] == list(range(len(doc.passages)))


def test_one_line_file_keeps_its_line_as_text(tmp_path: Path) -> None:
    path = tmp_path / "one.txt"
    path.write_text("Aspirin 75 mg daily\n", encoding="utf-8")
    doc = load_one(path)
    assert doc.title == "Aspirin 75 mg daily"
    assert doc.text == "Aspirin 75 mg daily"


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffTitle\n\nBody text.\n".encode())
    assert load_one(path).title == "Title"


@pytest.mark.parametrize(
    "content",
    [
        b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00",  # a binary
        "Caf\xe9 au lait\n".encode("latin-1"),  # not UTF-8
    ],
)
def test_non_utf8_files_are_load_errors(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "data.txt"
    path.write_bytes(content)
    with pytest.raises(LoadError, match="not UTF-8 text"):
        list(TextLoader().load(path))


def test_empty_file_is_a_load_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("\n\n   \n", encoding="utf-8")
    with pytest.raises(LoadError, match="no text"):
        list(TextLoader().load(path))
