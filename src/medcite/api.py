"""The library's front door: ingest, search, ask and open the store with one Settings object."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from medcite.compose.composer import Composer
from medcite.config import Settings
from medcite.index.sqlite import SqliteStore
from medcite.ingest.pipeline import ingest as _ingest
from medcite.models import Answer, Audience, IngestReport, SearchFilters, SearchResult, SourceType
from medcite.retrieve.searcher import Searcher

_searchers: dict[Path, Searcher] = {}


def open_store(settings: Settings | None = None, read_only: bool = False) -> SqliteStore:
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
        report = _ingest(paths or settings.default_sources(), store, settings, progress=progress)
    _searchers.pop(settings.index_path, None)
    return report


def searcher_for(settings: Settings) -> Searcher:
    """A cached read-only Searcher per index file (opening one costs the lexicon load)."""
    searcher = _searchers.get(settings.index_path)
    if searcher is None or searcher.settings != settings:
        searcher = Searcher(open_store(settings, read_only=True), settings)
        _searchers[settings.index_path] = searcher
    return searcher


def ask(
    question: str,
    audience: Audience | str = Audience.CLINICIAN,
    context: str | None = None,
    settings: Settings | None = None,
) -> Answer:
    """A cited, structured Answer; context is the previous question, for a follow-up."""
    settings = settings or Settings()
    return Composer(searcher_for(settings)).answer(question, audience=audience, context=context)


def search(
    query: str,
    k: int = 10,
    source_types: Iterable[SourceType | str] | None = None,
    year_min: int | None = None,
    year_max: int | None = None,
    settings: Settings | None = None,
) -> SearchResult:
    """Ranked passages with their documents for a free-text query."""
    settings = settings or Settings()
    searcher = searcher_for(settings)
    filters = SearchFilters(
        source_types=[SourceType(t) for t in source_types] if source_types else None,
        year_min=year_min,
        year_max=year_max,
    )
    return searcher.search(query, filters=filters, k=k)
