import json

from typer.testing import CliRunner

from medcite.cli import app
from medcite.config import Settings


def test_search_json_with_type_filter(sample_store, sample_settings: Settings) -> None:
    result = CliRunner().invoke(
        app,
        [
            "search",
            "ketamine treatment-resistant depression",
            "--type",
            "guideline",
            "--json",
            "--index",
            str(sample_settings.index_path),
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["hits"] and all(h["document"]["source_type"] == "guideline" for h in data["hits"])
    assert "text" not in data["hits"][0]["document"]


def test_search_errors_are_messages_not_tracebacks(sample_store, sample_settings: Settings) -> None:
    runner = CliRunner()
    empty = runner.invoke(app, ["search", "  ", "--index", str(sample_settings.index_path)])
    assert empty.exit_code == 2 and "empty query" in empty.output
    bad_type = runner.invoke(
        app, ["search", "x", "--type", "blog", "--index", str(sample_settings.index_path)]
    )
    assert bad_type.exit_code == 2 and "unknown source type" in bad_type.output
