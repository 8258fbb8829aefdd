"""medcite: an offline clinical evidence answer engine with grounded, cited answers."""

from medcite.api import ask, ingest, open_store, search
from medcite.config import Settings
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
    "Passage",
    "SearchFilters",
    "SearchHit",
    "SearchResult",
    "Settings",
    "SourceType",
    "ask",
    "ingest",
    "open_store",
    "search",
]
__version__ = "0.1.0"
