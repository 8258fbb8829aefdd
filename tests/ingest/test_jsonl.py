"""JsonlLoader: the documented schema, and bad lines skipped without losing good ones."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from medcite.ingest.base import LoadError
from medcite.ingest.jsonl import JsonlLoader
from medcite.models import Document, SourceType

FIXTURE = Path(__file__).parent / "fixtures" / "local_protocols.jsonl"


def load(path: Path = FIXTURE) -> list[Document]:
    docs = list(JsonlLoader().load(path))
    for doc in docs:
        for p in doc.passages:
            assert doc.text[p.start : p.end] == p.text
    return docs


def test_bad_lines_are_skipped_and_logged(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="medcite.ingest"):
        docs = load()
    assert [d.id for d in docs] == ["user:htn-protocol-2024", "pubmed:99999999"]
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 2
    assert messages[0] == f"{FIXTURE} line 2: missing field 'title'"
    assert messages[1].startswith(f"{FIXTURE} line 5: not valid JSON at col")


def test_sections_recommendations_and_fields() -> None:
    doc = load()[0]
    assert doc.title == "Adult hypertension protocol"
    assert doc.source_type is SourceType.GUIDELINE
    assert doc.collection == "user"
    assert doc.publisher == "Riverside Health"
    assert doc.year == 2024
    assert doc.metadata == {"tags": ["cardiology", "primary care"], "owner": "Dr Lee"}
    assert [s.name for s in doc.sections] == ["Scope", "Diagnosis", "Recommendations", "Follow-up"]
    recs = [p for p in doc.passages if p.kind == "recommendation"]
    assert [(p.text, p.grade, p.section) for p in recs] == [
        ("Offer lifestyle advice to all adults with hypertension.", "A", "Recommendations"),
        ("Review treatment at least once a year.", None, "Follow-up"),
    ]


def test_prefixed_id_text_body_and_numeric_pmid() -> None:
    doc = load()[1]
    assert doc.id == "pubmed:99999999"
    assert doc.pmid == "99999999"
    assert doc.source_type is SourceType.RESEARCH
    assert [s.name for s in doc.sections] == ["Text"]


def test_file_with_no_valid_line_fails_naming_the_lines(tmp_path: Path) -> None:
    path = tmp_path / "bad.ndjson"
    path.write_text(
        '{"id": "a", "title": "T", "text": "x", "source_type": "blog"}\n'
        '["not", "an", "object"]\n'
        '{"id": "c", "title": "T", "text": "x", "sections": [{"name": "S", "text": "y"}]}\n'
        '{"id": "d", "title": "T", "text": "x", "year": 3000}\n',
        encoding="utf-8",
    )
    with pytest.raises(LoadError) as info:
        list(JsonlLoader().load(path))
    message = str(info.value)
    assert message.startswith("no valid line: line 1: source_type: Input should be")
    assert "line 2: expected a JSON object, got list" in message
    assert "line 3: give either 'text' or 'sections', not both" in message
    assert "line 4: year: Input should be less than or equal to 2100" in message


def test_duplicate_ids_keep_the_first(tmp_path: Path) -> None:
    path = tmp_path / "dup.jsonl"
    path.write_text(
        '{"id": "x", "title": "First", "text": "one"}\n'
        '{"id": "x", "title": "Second", "text": "two"}\n',
        encoding="utf-8",
    )
    assert [d.title for d in load(path)] == ["First"]


def test_empty_file_is_a_load_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_text("\n", encoding="utf-8")
    with pytest.raises(LoadError, match="no JSON lines"):
        list(JsonlLoader().load(path))
