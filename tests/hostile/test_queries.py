"""Hostile questions: FTS syntax, SQL, huge, control characters, broken Unicode, other scripts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from medcite import api
from medcite.config import Settings
from medcite.retrieve.query import QueryError
from tests.hostile.conftest import assert_clean, assert_error, invoke, snapshot

HOSTILE_QUERIES = {
    "fts quote": '"unbalanced ketamine',
    "fts operators": "ketamine NEAR(depression, 5) AND NOT suicide OR *",
    "fts column filter": "title:ketamine body:depression ^start {a b}:c",
    "sql injection": "ketamine'; DROP TABLE documents; --",
    "sql or": '" OR 1=1 -- depression',
    "huge": "depression ketamine " * 5_000,
    "control characters": "ket\x00amine\x1b[31m dep\x07ression\x85\x9f",
    "lone surrogates": "ketamine \udcff\udcfe depression \ud800",
    "emoji and combining": "ketamine 💊 de\u0301pression",
    "bidi override": "\u202eketamine\u202c depression",
    "only punctuation": "?!?! ... ---",
    "whitespace": " \t\n ",
}
OTHER_SCRIPTS = {
    "Arabic": "هل الكيتامين آمن للاكتئاب؟",
    "Hebrew": "האם קטמין בטוח לדיכאון?",
    "CJK": "氯胺酮对抑郁症安全吗？",
    "Korean": "케타민은 우울증에 안전한가요?",
    "Cyrillic": "Безопасен ли кетамин при депрессии?",
}


@pytest.mark.parametrize("query", HOSTILE_QUERIES.values(), ids=HOSTILE_QUERIES.keys())
def test_search_and_ask_survive_hostile_queries(query: str, hostile_index: Path) -> None:
    index = ["--index", str(hostile_index)]
    for command in ("search", "ask"):
        result = invoke(command, "--json", *index, "--", query)
        assert_clean(result, json_out=True)
        assert result.exit_code in (0, 2), (command, result.exit_code, result.stderr)
    context = invoke("ask", "--json", "--context", query, *index, "--", "ketamine depression")
    assert_clean(context, json_out=True)
    assert context.exit_code == 0, context.stderr


def test_the_index_is_unchanged_after_hostile_queries(hostile_index: Path) -> None:
    before = snapshot(hostile_index.parent)
    for query in HOSTILE_QUERIES.values():
        invoke("search", "--json", "--index", str(hostile_index), "--", query)
    assert snapshot(hostile_index.parent) == before


def test_broken_unicode_is_replaced_so_json_can_always_be_written(hostile_index: Path) -> None:
    settings = Settings(index_path=hostile_index)
    answer = api.ask(
        "ketamine \udcff depression", context="prev \ud800 question", settings=settings
    )
    data = json.loads(answer.model_dump_json())
    assert data["question"] == "ketamine \ufffd depression"
    assert data["context"] == "prev \ufffd question"
    found = api.search("ketamine \udcff", settings=settings)
    assert json.loads(found.model_dump_json())["query"]["text"] == "ketamine \ufffd"


@pytest.mark.parametrize("script", OTHER_SCRIPTS)
def test_questions_in_other_scripts_say_which_scripts_are_indexed(
    script: str, hostile_index: Path
) -> None:
    for command in ("search", "ask"):
        result = invoke(command, OTHER_SCRIPTS[script], "--json", "--index", str(hostile_index))
        assert_error(result, "Latin script")
        assert script in result.stderr


def test_a_query_of_common_words_keeps_the_punctuation_message(hostile_index: Path) -> None:
    with pytest.raises(QueryError, match="only punctuation or common words"):
        api.search("the of and?", settings=Settings(index_path=hostile_index))


def test_a_question_starting_with_a_dash_goes_after_double_dash(hostile_index: Path) -> None:
    index = ["--index", str(hostile_index)]
    refused = invoke("ask", "-is ketamine safe?", *index)
    assert_error(refused, "goes last, after `--`")
    accepted = invoke("ask", "--json", *index, "--", "-is ketamine safe in depression?")
    assert_clean(accepted, json_out=True)
    assert accepted.exit_code == 0
    assert json.loads(accepted.stdout)["question"] == "-is ketamine safe in depression?"
