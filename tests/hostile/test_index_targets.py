"""Broken --index targets: read-only commands refuse them in one line and change nothing."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from medcite import api
from medcite.config import Settings
from medcite.engine import Engine
from medcite.index.opening import IndexOpenError, IndexProblem
from medcite.index.sqlite import SqliteStore
from tests.conftest import NGC
from tests.hostile.conftest import Target, assert_clean, assert_error, invoke, snapshot

READ_ONLY_COMMANDS = [
    ["search", "ketamine depression", "--json"],
    ["ask", "Is ketamine recommended for depression?", "--json"],
    ["stats"],
]


def test_read_only_commands_refuse_every_broken_target(
    broken_targets: list[Target], tmp_path: Path
) -> None:
    questions = tmp_path / "questions.txt"
    questions.write_text("Is ketamine recommended for depression?\n")
    eval_command = ["eval", "integrity", str(questions), "--json"]
    for target in broken_targets:
        folder = target.path.parent if target.path.parent.exists() else target.path.parents[1]
        before = snapshot(folder)
        for command in [*READ_ONLY_COMMANDS, eval_command]:
            result = invoke(*command, "--index", str(target.path))
            assert_error(result, target.expected)
            assert str(target.path) in result.stderr, (target.name, result.stderr)
        assert snapshot(folder) == before, target.name


def test_api_and_engine_refuse_without_writing(broken_targets: list[Target]) -> None:
    for target in broken_targets:
        settings = Settings(index_path=target.path)
        folder = target.path.parent if target.path.parent.exists() else target.path.parents[1]
        before = snapshot(folder)
        with pytest.raises(IndexOpenError, match=re.escape(target.expected)):
            api.search("ketamine", settings=settings)
        with pytest.raises(IndexOpenError):
            api.ask("Is ketamine safe?", settings=settings)
        with pytest.raises(IndexOpenError):
            Engine(settings)
        assert snapshot(folder) == before, target.name


def test_foreign_and_newer_files_are_refused_by_ingest_too(broken_targets: list[Target]) -> None:
    by_name = {t.name: t for t in broken_targets}
    for name in ("foreign SQLite", "newer schema", "text file", "directory", "no revision"):
        target = by_name[name]
        before = snapshot(target.path.parent)
        result = invoke("ingest", str(NGC / "ngc-10000.xml"), "--index", str(target.path))
        assert_error(result, target.expected)
        assert snapshot(target.path.parent) == before, name
    foreign = sqlite3.connect(by_name["foreign SQLite"].path)
    tables = [r[0] for r in foreign.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    foreign.close()
    assert tables == ["customers"]


def test_an_older_index_is_refused_until_ingest_upgrades_it(
    broken_targets: list[Target], tmp_path: Path
) -> None:
    older = next(t for t in broken_targets if t.name == "older schema").path
    index = tmp_path / "older.sqlite"
    shutil.copyfile(older, index)
    with pytest.raises(IndexOpenError) as refused:
        SqliteStore(index, read_only=True)
    assert refused.value.problem is IndexProblem.OLDER_SCHEMA
    assert f"medcite ingest --index {index}" in str(refused.value)
    upgraded = invoke("ingest", str(NGC / "ngc-10000.xml"), "--index", str(index), "--json")
    assert upgraded.exit_code == 0, upgraded.stderr
    assert_clean(invoke("search", "ketamine", "--json", "--index", str(index)), json_out=True)


def test_a_read_only_index_is_read_but_never_written(hostile_index: Path, tmp_path: Path) -> None:
    index = tmp_path / "protected.sqlite"
    shutil.copyfile(hostile_index, index)
    index.chmod(0o444)
    try:
        before = snapshot(tmp_path)
        result = invoke("search", "ketamine depression", "--json", "--index", str(index))
        assert_clean(result, json_out=True)
        assert result.exit_code == 0
        ingest = invoke("ingest", str(NGC / "ngc-10000.xml"), "--index", str(index))
        assert_error(ingest, "is read-only")
        assert snapshot(tmp_path) == before
    finally:
        index.chmod(0o644)


def test_a_path_with_markup_characters_works(hostile_index: Path, tmp_path: Path) -> None:
    folder = tmp_path / "[red]a["
    folder.mkdir()
    index = folder / "]index.sqlite"
    assert "[/]" in str(index)
    shutil.copyfile(hostile_index, index)
    for command in (["stats"], ["search", "ketamine", "--json"]):
        result = invoke(*command, "--index", str(index))
        assert_clean(result, json_out=True)
        assert result.exit_code == 0, result.stderr


def test_read_only_commands_leave_a_valid_index_byte_for_byte(hostile_index: Path) -> None:
    before = snapshot(hostile_index.parent)
    for command in READ_ONLY_COMMANDS:
        assert invoke(*command, "--index", str(hostile_index)).exit_code == 0
    assert snapshot(hostile_index.parent) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_an_unreadable_index_is_one_line(hostile_index: Path, tmp_path: Path) -> None:
    index = tmp_path / "secret.sqlite"
    shutil.copyfile(hostile_index, index)
    index.chmod(0)
    try:
        assert_error(invoke("stats", "--index", str(index)), "cannot read")
    finally:
        index.chmod(0o644)
