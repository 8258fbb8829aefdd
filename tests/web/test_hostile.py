"""Hostile inputs: markup in questions and in indexed source text is shown as text; the ask
rate limit; a locked database gives 503 and the app recovers by itself."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from medcite.config import ServeSettings, Settings
from medcite.index.sqlite import SqliteStore
from medcite.ingest.pipeline import ingest
from medcite.web.app import create_app
from tests.web.conftest import csrf_of

SCRIPT = '<script>alert("xss")</script>'
HOSTILE_RECORD = {
    "id": "evil-1",
    "title": "<img src=x onerror=alert(1)> Zebrafenib for quokka syndrome: a guideline",
    "source_type": "guideline",
    "publisher": "<script>alert('publisher')</script> Evil Org",
    "year": 2024,
    "url": "javascript:alert('url')",
    "text": f"Quokka syndrome {SCRIPT} is rare. Zebrafenib <iframe src=//evil.example> is studied.",
    "recommendations": [
        {
            "text": f"Zebrafenib {SCRIPT} is recommended for adults with quokka syndrome.",
            "grade": "<b onmouseover=alert(2)>A</b>",
        }
    ],
}
QUESTION = "Is zebrafenib recommended for quokka syndrome?"


@pytest.fixture(scope="module")
def hostile_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    folder = tmp_path_factory.mktemp("hostile")
    records = folder / "hostile.jsonl"
    records.write_text(json.dumps(HOSTILE_RECORD) + "\n", encoding="utf-8")
    settings = Settings(index_path=folder / "index.sqlite")
    with SqliteStore(settings.index_path) as store:
        report = ingest([records], store, settings)
    assert not report.failures
    return settings


@pytest.fixture(scope="module")
def hostile_app(hostile_settings: Settings) -> object:
    return create_app(
        hostile_settings, ServeSettings(ask_burst=2, ask_per_minute=1, db_busy_timeout_ms=100)
    )


def _ask(client: TestClient, question: str) -> str:
    response = client.post(
        "/ask", data={"csrf_token": csrf_of(client), "question": question}, follow_redirects=False
    )
    assert response.status_code == 303, response.text[:300]
    return response.headers["location"]


def test_markup_in_sources_and_questions_is_text(hostile_app: object) -> None:
    client = TestClient(hostile_app)  # type: ignore[arg-type]
    page = client.get(_ask(client, f"{QUESTION} {SCRIPT}")).text
    assert "alert(" in page  # the hostile text is there ...
    assert "<script>alert" not in page and "<img src=x" not in page and "<b onmouseover" not in page
    assert "&lt;script&gt;alert(&#34;xss&#34;)&lt;/script&gt;" in page  # ... as text
    assert 'href="javascript:' not in page
    # the source document page escapes the indexed text too
    source = client.get("/sources/user:evil-1").text
    assert "Zebrafenib &lt;script&gt;" in source and "<script>alert" not in source
    assert 'href="javascript:' not in source
    scripts = re.findall(r"<script[^>]*>", page)
    assert scripts == ['<script src="/static/medcite.js" defer>']
    api = client.get("/api/articles", params={"q": "zebrafenib"}).json()
    assert SCRIPT in api["articles"][0]["question"]  # JSON keeps the text as asked


def test_ask_is_rate_limited_per_client_but_cached_articles_are_not(hostile_app: object) -> None:
    client = TestClient(hostile_app)  # type: ignore[arg-type]
    statuses = [
        client.post("/api/ask", json={"question": f"Is zebrafenib safe with drug {n}?"}).status_code
        for n in range(4)
    ]
    assert statuses[:1] == [200] and 429 in statuses
    limited = client.post("/api/ask", json={"question": "Is zebrafenib safe in children?"})
    assert limited.status_code == 429 and int(limited.headers["retry-after"]) >= 1
    assert limited.json()["error"]["title"] == "Too many questions"
    again = client.post("/api/ask", json={"question": "Is zebrafenib safe with drug 0?"})
    assert again.status_code == 200 and again.json()["created"] is False


def test_locked_database_gives_503_then_recovers(hostile_settings: Settings) -> None:
    app = create_app(hostile_settings, ServeSettings(db_busy_timeout_ms=100))
    client = TestClient(app)
    locker = sqlite3.connect(Path(hostile_settings.index_path), isolation_level=None)
    try:
        locker.execute("BEGIN EXCLUSIVE")
        locked = client.post("/api/ask", json={"question": "Does zebrafenib cause rashes?"})
        assert locked.status_code == 503
        assert locked.json()["error"]["status"] == 503 and locked.headers["retry-after"]
        page = client.get("/articles")
        assert page.status_code in (200, 503) and "Traceback" not in page.text
    finally:
        locker.execute("ROLLBACK")
        locker.close()
    recovered = client.post("/api/ask", json={"question": "Does zebrafenib cause rashes?"})
    assert recovered.status_code == 200
