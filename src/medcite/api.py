"""The library's front door: ingest, search, ask and open the store with one Settings object.

`ask` and `search` open an Engine for one call; to ask many questions, hold an
`medcite.engine.Engine` instead (opening one costs the lexicon load). Both only read the index
(SQLite mode=ro) and raise medcite.index.opening.IndexOpenError for a file they cannot read;
only `ingest` creates or migrates it.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from medcite.config import Settings
from medcite.engine import Engine
from medcite.index.sqlite import SqliteStore
from medcite.ingest.pipeline import ingest as _ingest
from medcite.models import Answer, Audience, IngestReport, SearchResult, SourceType


def open_store(settings: Settings | None = None, read_only: bool = False) -> SqliteStore:
    """The index at settings.index_path. read_only: never written, and refused (IndexOpenError)
    unless it is a medcite index at this schema revision; otherwise created or migrated."""
    settings = settings or Settings()
    return SqliteStore(settings.index_path, read_only=read_only)


def ingest(
    paths: Iterable[Path | str] | None = None,
    settings: Settings | None = None,
    progress: bool = False,
) -> IngestReport:
    """Add files/folders to the index (the default sources when paths is None)."""
    settings = settings or Settings()
    with open_store(settings) as store:
        return _ingest(paths or settings.default_sources(), store, settings, progress=progress)


def ask(
    question: str,
    audience: Audience | str = Audience.CLINICIAN,
    context: str | None = None,
    settings: Settings | None = None,
) -> Answer:
    """A cited, structured Answer; context is the previous question, for a follow-up."""
    with Engine(settings) as engine:
        return engine.ask(question, audience=audience, context=context)


def search(
    query: str,
    k: int = 10,
    source_types: Iterable[SourceType | str] | None = None,
    year_min: int | None = None,
    year_max: int | None = None,
    settings: Settings | None = None,
) -> SearchResult:
    """Ranked passages with their documents for a free-text query."""
    with Engine(settings) as engine:
        return engine.search(query, k, source_types, year_min, year_max)
