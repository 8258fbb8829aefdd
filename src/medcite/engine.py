"""The Engine: one per process, owning the settings, the store, the searcher and the composer.

Front doors (CLI, web app, benchmarks) build one Engine and ask it many questions; opening
one costs the lexicon load, so nothing else caches searchers or stores.
"""

from __future__ import annotations

from collections.abc import Iterable

from medcite.compose.composer import Composer
from medcite.compose.judge.stance import StanceModel
from medcite.config import Settings
from medcite.index.base import Store
from medcite.index.sqlite import SqliteStore
from medcite.models import Answer, Audience, SearchFilters, SearchResult, SourceType
from medcite.retrieve.searcher import Searcher


class Engine:
    """Answers and searches over one index; read-only, safe to reuse across questions."""

    def __init__(self, settings: Settings | None = None, store: Store | None = None) -> None:
        """Open settings.index_path read-only unless a store is given; an index that is
        missing, foreign or at another schema revision raises IndexOpenError (nothing is
        written)."""
        self.settings = settings or Settings()
        self.store = store or SqliteStore(self.settings.index_path, read_only=True)
        self.searcher = Searcher(self.store, self.settings)
        self.composer = Composer(self.searcher, StanceModel.shipped())

    def ask(
        self,
        question: str,
        audience: Audience | str = Audience.CLINICIAN,
        context: str | None = None,
    ) -> Answer:
        """A cited, structured Answer; context is the previous question, for a follow-up."""
        return self.composer.answer(question, audience=audience, context=context)

    def search(
        self,
        query: str,
        k: int = 10,
        source_types: Iterable[SourceType | str] | None = None,
        year_min: int | None = None,
        year_max: int | None = None,
    ) -> SearchResult:
        """Ranked passages with their documents for a free-text query."""
        filters = SearchFilters(
            source_types=[SourceType(t) for t in source_types] if source_types else None,
            year_min=year_min,
            year_max=year_max,
        )
        return self.searcher.search(query, filters=filters, k=k)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
