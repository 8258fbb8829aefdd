"""`medcite user` and `medcite serve`'s settings: passwords only from a prompt or stdin,
an older index upgraded by the writer commands, clear errors."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from medcite.cli import app
from medcite.cli.web import load_serve_settings
from medcite.config import Settings
from medcite.index.migrate import head_revision, upgrade
from medcite.index.opening import IndexOpenError, check_readable, writer_engine
from medcite.index.sqlite import SqliteStore
from medcite.publish import Accounts, PublishStore, open_publish_engine


@pytest.fixture
def index_copy(sample_store: SqliteStore, tmp_path: Path) -> Path:
    path = tmp_path / "index.sqlite"
    sample_store.copy_to(path).close()
    return path


def test_user_add_reads_the_password_from_stdin(index_copy: Path) -> None:
    runner = CliRunner()
    added = runner.invoke(
        app,
        ["user", "add", "--role", "reviewer", "--display-name", "Dr Rita Ng", "rita", "--index", str(index_copy)],
        input="a long enough password\n",
    )
    assert added.exit_code == 0, added.output
    assert "reviewer 'rita'" in added.output and "a long enough password" not in added.output
    listed = runner.invoke(app, ["user", "list", "--index", str(index_copy)])
    assert "rita\treviewer\tDr Rita Ng" in listed.output
    accounts = Accounts(PublishStore(open_publish_engine(index_copy, 1000)), 1)
    assert accounts.authenticate("rita", "a long enough password") is not None
    assert accounts.authenticate("rita", "wrong password") is None
    stored = sqlite3.connect(index_copy).execute("SELECT password_hash FROM users").fetchone()[0]
    assert stored.startswith("$argon2") and "a long enough password" not in stored


def test_user_add_refuses_bad_input(index_copy: Path) -> None:
    runner = CliRunner()
    index = ["--index", str(index_copy)]
    short = runner.invoke(app, ["user", "add", "rita", *index], input="short\n")
    assert short.exit_code == 2 and "password has 10" in short.output
    role = runner.invoke(app, ["user", "add", "--role", "king", "rita", *index], input="x" * 12 + "\n")
    assert role.exit_code == 2 and "unknown role" in role.output
    bad_name = runner.invoke(app, ["user", "add", "Rita Ng!", *index], input="x" * 12 + "\n")
    assert bad_name.exit_code == 2 and "username" in bad_name.output
    runner.invoke(app, ["user", "add", "rita", *index], input="x" * 12 + "\n")
    twice = runner.invoke(app, ["user", "add", "rita", *index], input="x" * 12 + "\n")
    assert twice.exit_code == 2 and "exists already" in twice.output
    no_password_option = runner.invoke(app, ["user", "add", "--password", "x" * 12, "eve", *index])
    assert no_password_option.exit_code == 2


def test_serve_upgrades_an_older_index_and_refuses_a_missing_one(tmp_path: Path, index_copy: Path) -> None:
    conn = sqlite3.connect(index_copy)
    for table in ("audit_log", "article_versions", "articles", "sessions", "users"):
        conn.execute(f"DROP TABLE {table}")
    conn.execute("UPDATE alembic_version SET version_num = '0002'")
    conn.commit()
    conn.close()
    with pytest.raises(IndexOpenError):
        check_readable(index_copy)  # readers refuse the older schema, untouched
    open_publish_engine(index_copy, 1000).dispose()
    assert check_readable(index_copy) == head_revision()
    with writer_engine(index_copy).begin() as connection:
        upgrade(connection)  # already at head: nothing to do
    missing = tmp_path / "nothing.sqlite"
    with pytest.raises(IndexOpenError, match="medcite ingest"):
        open_publish_engine(missing, 1000)
    assert not missing.exists()
    result = CliRunner().invoke(app, ["serve", "--index", str(missing)])
    assert result.exit_code == 2 and "medcite ingest" in result.output


def test_serve_settings_from_toml_json_and_options(tmp_path: Path) -> None:
    toml = tmp_path / "site.toml"
    toml.write_text('[serve]\nsite_name = "Riverside Evidence"\nmax_question_chars = 300\n')
    settings = load_serve_settings(toml, port=9000)
    assert (settings.site_name, settings.max_question_chars, settings.port) == ("Riverside Evidence", 300, 9000)
    as_json = tmp_path / "site.json"
    as_json.write_text('{"disclaimer_patient": "Ask your GP."}')
    assert load_serve_settings(as_json).disclaimer_patient == "Ask your GP."
    broken = tmp_path / "broken.toml"
    broken.write_text("site_name = \n")
    result = CliRunner().invoke(app, ["serve", "--config", str(broken), "--index", str(tmp_path / "x.sqlite")])
    assert result.exit_code == 2 and "cannot read the config file" in result.output
    assert Settings().index_path  # the default settings still load alongside
