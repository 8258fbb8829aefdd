"""medcite: an offline clinical evidence answer engine with grounded, cited answers."""

from medcite._version import __version__
from medcite.api import ask, ingest, open_store, search
from medcite.config import Settings
from medcite.engine import Engine
from medcite.models import (
    Answer,
    Audience,
    Document,
    Passage,
    SearchFilters,
    SearchHit,
    SearchResult,
    SourceType,
)

__all__ = [
    "Answer",
    "Audience",
    "Document",
    "Engine",
    "Passage",
    "SearchFilters",
    "SearchHit",
    "SearchResult",
    "Settings",
    "SourceType",
    "__version__",
    "ask",
    "ingest",
    "open_store",
    "search",
]
