"""The web app over a small real index (the session's sample index, copied so that articles
written by one test module do not leak into another), with one account per role."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from medcite.config import ServeSettings, Settings
from medcite.index.sqlite import SqliteStore
from medcite.publish import Role
from medcite.web.app import create_app

PASSWORD = "correct horse battery"
ACCOUNTS = {
    "edna": Role.EDITOR,
    "rita": Role.REVIEWER,
    "ravi": Role.REVIEWER,
    "ada": Role.ADMIN,
}
# Real questions the sample index answers with sections, an algorithm and pitfalls.
RICH_QUESTION = "Should adults with depression be treated with antidepressants or psychotherapy?"
KETAMINE = (
    "Can a patient with treatment-resistant depression take oral ketamine and IV ketamine "
    "at the same time?"
)
CSRF_INPUT = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture(scope="module")
def web_settings(sample_store: SqliteStore, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    path = tmp_path_factory.mktemp("web") / "index.sqlite"
    copy = sample_store.copy_to(path)
    copy.close()
    return Settings(index_path=path)


@pytest.fixture(scope="module")
def serve_settings() -> ServeSettings:
    return ServeSettings(ask_burst=50, ask_per_minute=600)


@pytest.fixture(scope="module")
def app(web_settings: Settings, serve_settings: ServeSettings) -> Iterator[object]:
    application = create_app(web_settings, serve_settings)
    accounts = application.state.web.accounts
    for name, role in ACCOUNTS.items():
        accounts.add_user(name, PASSWORD, role, display_name=name.title())
    yield application
    application.state.web.publisher.close()


@pytest.fixture
def client(app: object) -> TestClient:
    return TestClient(app)  # type: ignore[arg-type]


def csrf_of(client: TestClient, path: str = "/") -> str:
    """The CSRF token the page's forms carry (it also sets the visitor's cookie)."""
    page = client.get(path)
    match = CSRF_INPUT.search(page.text)
    assert match, page.text[:500]
    return match.group(1)


def login(client: TestClient, username: str, password: str = PASSWORD) -> str:
    """Log in through the form; returns the session's CSRF token."""
    token = csrf_of(client, "/login")
    response = client.post(
        "/login",
        data={"csrf_token": token, "username": username, "password": password, "next": "/"},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text[:300]
    return csrf_of(client, "/")


def api_login(client: TestClient, username: str) -> dict[str, str]:
    """Log in through the API; returns the headers later POSTs send."""
    response = client.post("/api/session", json={"username": username, "password": PASSWORD})
    assert response.status_code == 200, response.text
    return {"X-CSRF-Token": response.json()["csrf_token"]}
