"""Answer evaluation commands on small real subsets (scratch copies of the sample index)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from medcite.config import Settings
from medcite.evaluate.answers import (
    evaluate_bioasq,
    evaluate_integrity,
    evaluate_pubmedqa,
    read_question_file,
    stance_scores,
)
from medcite.index.sqlite import SqliteStore
from medcite.ingest.base import LoadError
from tests.conftest import BIOASQ, PUBMEDQA


@pytest.fixture(scope="module")
def pubmedqa_subset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    items = dict(list(json.loads(PUBMEDQA.read_text()).items())[:30])
    path = tmp_path_factory.mktemp("pqa") / "subset.json"
    path.write_text(json.dumps(items))
    return path


def test_stance_scores_confusion_and_majority() -> None:
    scores = stance_scores(["yes", "yes", "no", "maybe"], ["yes", "no", "no", "yes"])
    assert scores.accuracy == 0.5
    assert scores.majority_class == "yes" and scores.majority_baseline == 0.5
    assert scores.confusion["yes"] == {"yes": 1, "no": 1, "maybe": 0}
    assert scores.per_class_recall == {"yes": 0.5, "no": 1.0, "maybe": 0.0}


def test_pubmedqa_eval_on_a_real_subset(
    pubmedqa_subset: Path, sample_store: SqliteStore, sample_settings: Settings
) -> None:
    before = sample_store.snapshot_id()
    report = evaluate_pubmedqa(pubmedqa_subset, sample_settings)
    assert report.stance.questions == 30
    assert sum(sum(row.values()) for row in report.stance.confusion.values()) == 30
    assert report.hit_at_1 >= 0.9 and report.hit_at_5 >= report.hit_at_1
    assert report.stance.accuracy > report.stance.majority_baseline - 0.1
    assert report.timing.integrity_share == 1.0
    assert sample_store.snapshot_id() == before  # the user's index is untouched


def test_bioasq_eval_on_a_real_batch(sample_settings: Settings, sample_store: SqliteStore) -> None:
    report = evaluate_bioasq(BIOASQ / "Task8BGoldenEnriched" / "8B1_golden.json", sample_settings)
    assert report.yesno.questions > 5 and report.summary_questions > 5
    assert 0.0 < report.rouge2_bottom_line < 1.0 and 0.0 < report.rouge2_baseline < 1.0
    assert set(report.yesno.confusion) <= {"yes", "no", "maybe"}
    assert report.timing.integrity_share == 1.0


def test_eval_refuses_the_wrong_format(pubmedqa_subset: Path, sample_settings: Settings) -> None:
    with pytest.raises(LoadError, match="not bioasq"):
        evaluate_bioasq(pubmedqa_subset, sample_settings)


def test_integrity_eval_over_a_question_file(
    tmp_path: Path, sample_settings: Settings, sample_store: SqliteStore
) -> None:
    questions = tmp_path / "questions.txt"
    questions.write_text(
        "# seed and friends\n"
        "Can a patient with treatment-resistant depression take oral and IV ketamine together?\n"
        "\n"
        "What are the symptoms of adult acute lymphoblastic leukemia?\n"
        "What is the airspeed velocity of an unladen swallow?\n"
    )
    assert len(read_question_file(questions)) == 3
    report = evaluate_integrity(questions, sample_settings)
    assert report.answers == 6  # clinician and patient
    assert report.all_checks == 1.0 and not report.failures
    assert report.timing.abstained == 2
