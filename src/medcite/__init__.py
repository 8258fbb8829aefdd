"""medcite: an offline clinical evidence answer engine with grounded, cited answers."""

from medcite.api import ingest, open_store, search
from medcite.config import Settings
from medcite.models import Document, Passage, SearchFilters, SearchHit, SearchResult, SourceType

__all__ = [
    "Document",
    "Passage",
    "SearchFilters",
    "SearchHit",
    "SearchResult",
    "Settings",
    "SourceType",
    "ingest",
    "open_store",
    "search",
]
__version__ = "0.1.0"
