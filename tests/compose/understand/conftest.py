from __future__ import annotations

import pytest

from medcite.compose.understand.understander import QuestionUnderstander
from medcite.config import Settings
from medcite.index.sqlite import SqliteStore


@pytest.fixture(scope="session")
def index_store() -> SqliteStore:
    path = Settings().index_path
    if not path.exists():
        pytest.skip(f"no index at {path}")
    return SqliteStore(path, read_only=True)


@pytest.fixture(scope="session")
def understander(index_store: SqliteStore) -> QuestionUnderstander:
    return QuestionUnderstander(index_store.document_frequency)


@pytest.fixture(scope="session")
def offline_understander() -> QuestionUnderstander:
    return QuestionUnderstander(None)
