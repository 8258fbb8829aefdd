"""Hostile option values: out-of-range numbers, bad enums, unknown options — one line each."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile.conftest import assert_error, invoke

BAD_OPTIONS = {
    "huge --since": (["search", "x", "--since", "99999999999999999999"], "'--since'"),
    "negative --since": (["search", "x", "--since", "-1"], "'--since'"),
    "word --until": (["search", "x", "--until", "soon"], "'--until'"),
    "--since after --until": (["search", "x", "--since", "2020", "--until", "2000"], "--since"),
    "zero -k": (["search", "x", "-k", "0"], "'-k'"),
    "huge -k": (["search", "x", "-k", "99999999999999999999"], "'-k'"),
    "negative -k": (["search", "x", "-k", "-5"], "'-k'"),
    "bad --type": (["search", "x", "--type", "blog"], "'--type'"),
    "bad --preset": (["search", "x", "--preset", "turbo"], "'--preset'"),
    "bad --audience": (["ask", "x", "--audience", "robot"], "'--audience'"),
    "unknown option": (["search", "x", "--bogus"], "--bogus"),
    "unknown command": (["serch", "x"], "serch"),
    "missing argument": (["ask"], "'question'"),
    "zero eval --limit": (["eval", "integrity", "QUESTIONS", "--limit", "0"], "'--limit'"),
    "negative eval --failures": (
        ["eval", "clinical", "QUESTIONS", "--failures", "-1"],
        "'--failures'",
    ),
}


@pytest.mark.parametrize("args,phrase", BAD_OPTIONS.values(), ids=BAD_OPTIONS.keys())
def test_bad_options_are_one_line(
    args: list[str], phrase: str, hostile_index: Path, tmp_path: Path
) -> None:
    questions = tmp_path / "questions.txt"
    questions.write_text("Is ketamine recommended for depression?\n")
    args = [str(questions) if a == "QUESTIONS" else a for a in args]
    result = invoke(*args, "--index", str(hostile_index))
    assert_error(result, phrase)
