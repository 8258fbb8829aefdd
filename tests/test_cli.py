import json

from typer.testing import CliRunner

from medcite.cli import app
from medcite.config import Settings
from medcite.models import ANSWER_SCHEMA_VERSION


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


SEED = (
    "Can a patient with treatment-resistant depression take oral and IV ketamine at the same time?"
)


def test_ask_json_validates_against_the_published_schema(
    sample_store, sample_settings: Settings
) -> None:
    import jsonschema

    runner = CliRunner()
    index = ["--index", str(sample_settings.index_path)]
    answer = runner.invoke(app, ["ask", SEED, "--json", *index])
    assert answer.exit_code == 0, answer.output
    schema = runner.invoke(app, ["schema"])
    data = json.loads(answer.stdout)
    jsonschema.validate(data, json.loads(schema.stdout))
    assert data["schema_version"] == ANSWER_SCHEMA_VERSION
    assert data["bottom_line"]["verdict"] == "no"
    assert data["metadata"]["index_snapshot"] == sample_store.snapshot_id()


def test_ask_text_markdown_patient_and_follow_up(sample_store, sample_settings: Settings) -> None:
    runner = CliRunner()
    index = ["--index", str(sample_settings.index_path)]
    text = runner.invoke(app, ["ask", SEED, *index])
    assert text.exit_code == 0 and "BOTTOM LINE" in text.stdout and "REFERENCES" in text.stdout
    markdown = runner.invoke(app, ["ask", "--markdown", "--audience", "patient", SEED, *index])
    assert markdown.stdout.startswith("# ") and "## References" in markdown.stdout
    assert "not medical advice" in markdown.stdout
    follow = runner.invoke(
        app, ["ask", "What are the alternatives?", "--context", SEED, "--json", *index]
    )
    assert json.loads(follow.stdout)["context"] == SEED


def test_ask_errors_are_messages(sample_store, sample_settings: Settings) -> None:
    runner = CliRunner()
    empty = runner.invoke(app, ["ask", "", "--index", str(sample_settings.index_path)])
    assert empty.exit_code == 2 and "empty query" in empty.output
    bad = runner.invoke(app, ["ask", "x", "--audience", "robot"])
    assert bad.exit_code == 2 and "robot" in bad.output
    missing = runner.invoke(app, ["ask", "ketamine", "--index", "/nonexistent/index.sqlite"])
    assert missing.exit_code == 2 and "no index" in missing.output


def test_eval_integrity_command(tmp_path, sample_store, sample_settings: Settings) -> None:
    questions = tmp_path / "q.txt"
    questions.write_text(SEED + "\nWhat causes Wilson disease?\n")
    result = CliRunner().invoke(
        app,
        ["eval", "integrity", str(questions), "--json", "--index", str(sample_settings.index_path)],
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["all_checks"] == 1.0
