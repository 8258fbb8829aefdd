"""ROUGE-2 against the reference implementation (rouge-score) on real BioASQ ideal answers."""

from __future__ import annotations

import pytest
from rouge_score import rouge_scorer

from medcite.evaluate.datasets import load_questions
from medcite.evaluate.rouge import best_rouge_n, rouge_n
from tests.conftest import BIOASQ


def _pairs() -> list[tuple[str, str]]:
    _, questions = load_questions(BIOASQ / "Task8BGoldenEnriched" / "8B1_golden.json")
    answers = [q.ideal_answer for q in questions if len(q.ideal_answer) >= 2][:25]
    return [(a[0], a[1]) for a in answers]


@pytest.mark.parametrize("stem", [True, False])
def test_matches_rouge_score(stem: bool) -> None:
    scorer = rouge_scorer.RougeScorer(["rouge2"], use_stemmer=stem)
    pairs = _pairs()
    assert len(pairs) >= 10
    for candidate, reference in pairs:
        expected = scorer.score(reference, candidate)["rouge2"].fmeasure
        assert rouge_n(candidate, reference, 2, stem=stem) == pytest.approx(expected, abs=0.02)


def test_best_of_several_references() -> None:
    candidate, reference = _pairs()[0]
    assert best_rouge_n(candidate, ["unrelated words only here", reference]) == rouge_n(
        candidate, reference
    )
    assert best_rouge_n(candidate, []) == 0.0
