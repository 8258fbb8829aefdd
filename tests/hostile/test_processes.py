"""A few real processes: exit statuses, stdout vs stderr, and bytes that are not UTF-8."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.hostile.conftest import Target, snapshot

# The installed entry point, as a user runs it (else the same app through the interpreter).
_SCRIPT = shutil.which("medcite", path=str(Path(sys.executable).parent))
COMMAND = [_SCRIPT] if _SCRIPT else [sys.executable, "-c", "from medcite.cli import app; app()"]


def _run(*args: str | bytes) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "COLUMNS": "40"}  # narrow: an error line must still not wrap
    return subprocess.run([*COMMAND, *args], capture_output=True, timeout=60, env=env)


def _one_error_line(done: subprocess.CompletedProcess[bytes]) -> str:
    assert done.returncode == 2, done.stderr
    assert done.stdout == b""
    lines = done.stderr.decode().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), lines
    return lines[0]


def test_a_foreign_database_is_refused_by_a_real_process(broken_targets: list[Target]) -> None:
    foreign = next(t for t in broken_targets if t.name == "foreign SQLite").path
    before = snapshot(foreign.parent)
    line = _one_error_line(_run("search", "ketamine", "--json", "--index", str(foreign)))
    assert "not a medcite index" in line
    assert snapshot(foreign.parent) == before


def test_invalid_utf8_on_the_command_line_still_gives_json(hostile_index: Path) -> None:
    done = _run("ask", "--json", "--index", str(hostile_index), b"ketamine \xff\xfe depression")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["question"] == "ketamine \ufffd\ufffd depression"
    assert b"Traceback" not in done.stderr


def test_an_overflowing_year_is_one_line(hostile_index: Path) -> None:
    line = _one_error_line(
        _run("search", "x", "--since", "99999999999999999999", "--index", str(hostile_index))
    )
    assert "'--since'" in line
