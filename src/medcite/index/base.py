"""The store interface every backend implements (SQLite today; PostgreSQL behind the same one)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from medcite.models import Document, Passage, PassageKind, SearchFilters

# Passages of these kinds are looked up by the names their document declares, never searched:
# a table of thousands of near-identical lines would crowd out prose and skew term rarity.
LOOKUP_ONLY_KINDS = frozenset({PassageKind.INTERACTION})
# Document.metadata key: the names a document is found by through documents_named (lower case
# for drugs; `medcite.text.name_key` form for the topics of patient pages).
LOOKUP_NAMES_KEY = "lookup_names"


@dataclass
class WriteCounts:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    passages: int = 0


@dataclass
class SourceFileWrite:
    """One source file to record, with the documents to store with it."""

    path: str
    sha256: str
    documents: Iterable[Document]


class IngestedFile(NamedTuple):
    """What the store recorded when a source file was last ingested completely."""

    sha256: str
    loader: str  # the loader's record name: its name and output revision ("ngc@2")


@dataclass
class Candidate:
    """A passage the full-text index matched, with its lexical score and indexed terms."""

    passage: Passage
    lexical_score: float
    terms: frozenset[str] = field(default_factory=frozenset)


@dataclass
class LexicalQuery:
    """What to match: any of the terms or phrases (already analyzed), scored by BM25.

    required: groups of alternative terms (e.g. ("iv", "intravenous")); when given, a passage
    must contain at least one term of every group.
    """

    terms: Sequence[str]
    phrases: Sequence[Sequence[str]] = ()
    required: Sequence[Sequence[str]] = ()
    column_weights: tuple[float, float, float] = (0.6, 0.3, 1.0)


class Store(ABC):
    """Documents, passages and a lexical index; one transaction per source file."""

    @abstractmethod
    def ingested_file(self, path: str) -> IngestedFile | None:
        """How the file was last ingested completely, if it was."""

    def write_file(
        self, path: str, sha256: str, loader: str, docs: Iterable[Document]
    ) -> WriteCounts:
        """Atomically upsert a file's documents (by id and content hash) and record the file."""
        return self.write_files([SourceFileWrite(path, sha256, docs)], loader)

    @abstractmethod
    def write_files(self, files: Sequence[SourceFileWrite], loader: str) -> WriteCounts:
        """Upsert several files' documents and record the files in one transaction: a document
        merged from several files is stored with all of them, or not at all. Documents are
        consumed as they come (a loader may stream them), so memory stays bounded."""

    @abstractmethod
    def source_files(self, loader: str) -> dict[str, IngestedFile]:
        """Every file recorded as ingested by the named loader (any of its revisions)."""

    @abstractmethod
    def get_documents(
        self, ids: Iterable[str], with_passages: bool = False, with_text: bool = True
    ) -> dict[str, Document]:
        """Documents by id; passages only when asked, text left empty when not (both are heavy)."""

    @abstractmethod
    def document_frequency(self, terms: Iterable[str]) -> dict[str, int]:
        """How many passages contain each term."""

    @abstractmethod
    def passage_count(self) -> int: ...

    @abstractmethod
    def documents_named(
        self, names: Iterable[str], collection: str | None = None
    ) -> dict[str, list[str]]:
        """Ids of the documents that declare each name (metadata `lookup_names`), by name."""

    @abstractmethod
    def match(self, query: LexicalQuery, filters: SearchFilters, limit: int) -> list[Candidate]:
        """Best passages by BM25 for the query, restricted by filters."""

    @abstractmethod
    def stats(self) -> dict[str, object]:
        """Counts by collection and source type, size on disk, snapshot id."""

    @abstractmethod
    def snapshot_id(self) -> str:
        """Changes whenever the content changes; recorded with results for reproducibility."""

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
