import json
from pathlib import Path

from typer.testing import CliRunner

from medcite.cli import app
from medcite.config import Settings
from medcite.evaluate.metrics import ndcg_at, recall_at, reciprocal_rank
from medcite.index.sqlite import SqliteStore
from tests.conftest import BIOASQ, PUBMEDQA


def test_metrics_on_hand_checked_rankings() -> None:
    assert recall_at(["a", "x", "b"], {"a", "b", "c", "d"}, 2) == 0.25
    assert reciprocal_rank(["x", "y", "a"], {"a"}, 10) == 1 / 3
    assert ndcg_at(["a", "b"], {"a", "b"}, 10) == 1.0
    assert 0 < ndcg_at(["x", "a"], {"a"}, 10) < 1


def test_eval_retrieval_cli_on_a_real_bioasq_subset(
    sample_store: SqliteStore, sample_settings: Settings, tmp_path: Path
) -> None:
    index = sample_settings.index_path
    before = sample_store.stats()
    batch = BIOASQ / "Task9BGoldenEnriched" / "9B1_golden.json"  # not in the sample index
    result = CliRunner().invoke(
        app, ["eval", "retrieval", str(batch), "--index", str(index), "--limit", "40", "--json"]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["dataset"] == "bioasq" and report["questions"] == 40
    assert set(report["systems"]) == {"medcite", "bm25s"}
    assert report["gold_indexed_share"] > 0.9  # the batch's snippets went into the scratch copy
    assert report["systems"]["medcite"]["metrics"]["recall@10"] > 0.5
    # the user's index is untouched
    assert sample_store.stats()["documents"] == before["documents"]


def test_eval_retrieval_on_pubmedqa_finds_each_items_own_abstract(
    sample_settings: Settings,
) -> None:
    result = CliRunner().invoke(
        app,
        [
            "eval",
            "retrieval",
            str(PUBMEDQA),
            "--index",
            str(sample_settings.index_path),
            "--limit",
            "30",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["dataset"] == "pubmedqa"
    assert report["systems"]["medcite"]["metrics"]["hit@1"] > 0.8


def test_eval_without_an_index_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["eval", "retrieval", str(PUBMEDQA), "--index", str(tmp_path / "none.sqlite")]
    )
    assert result.exit_code == 2
    assert "medcite ingest" in result.output
