"""Terminal text and Markdown show every part of a real answer, numbered like the JSON."""

from __future__ import annotations

import re

import pytest

from medcite.compose.composer import Composer
from medcite.config import Settings
from medcite.index.sqlite import SqliteStore
from medcite.models import Answer
from medcite.render import DISCLAIMER, bottom_line_text, to_markdown, to_text
from medcite.retrieve.searcher import Searcher

SEED = (
    "Can a patient with treatment-resistant depression take oral ketamine and IV ketamine "
    "at the same time?"
)


@pytest.fixture(scope="module")
def seed(sample_store: SqliteStore, sample_settings: Settings) -> Answer:
    return Composer(Searcher(sample_store, sample_settings)).answer(SEED)


def test_bottom_line_leads_with_the_verdict(seed: Answer) -> None:
    assert bottom_line_text(seed).startswith("No: Given the limited information on ketamine")
    assert bottom_line_text(seed).endswith("[1]")


def test_text_has_sections_gaps_references_and_disclaimer(seed: Answer) -> None:
    text = to_text(seed, width=100)
    assert text.startswith(SEED[:60])
    for heading in ("BOTTOM LINE", "EVIDENCE GAPS", "REFERENCES", "FOLLOW-UP QUESTIONS"):
        assert heading in text
    assert "[1] Guideline. VA/DoD clinical practice guideline" in text
    assert " ".join(DISCLAIMER.split()[:4]) in text
    assert all(len(line) <= 100 for line in text.splitlines() if "http" not in line)


def test_markdown_citations_resolve_to_listed_references(seed: Answer) -> None:
    markdown = to_markdown(seed)
    assert markdown.startswith(f"# {SEED}\n")
    assert "pending human review" in markdown and "Last updated:" in markdown
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", markdown)}
    listed = {int(n) for n in re.findall(r"^(\d+)\. \*\*", markdown, flags=re.M)}
    assert cited == listed == set(range(1, len(seed.references) + 1))
    assert "<http" in markdown
