"""Store backends behind one interface (medcite.index.base.Store)."""

from medcite.index.base import Candidate, LexicalQuery, Store, WriteCounts
from medcite.index.sqlite import SqliteStore

__all__ = ["Candidate", "LexicalQuery", "SqliteStore", "Store", "WriteCounts"]
