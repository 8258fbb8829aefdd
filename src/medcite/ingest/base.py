"""The loader interface, format detection, and helpers every loader shares."""

from __future__ import annotations

import ast
import json
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from lxml import etree

from medcite.config import ChunkSettings
from medcite.models import Document, SkippedRecord

SNIFF_BYTES = 4096


class LoadError(Exception):
    """A file could not be read; the message says why (the pipeline adds the path)."""


@dataclass
class FileFailure:
    """A file that was skipped, and why."""

    path: Path
    reason: str


@dataclass
class FileDocuments:
    """Everything one file yields; written to the store in one transaction.

    documents may be a generator that reads the file as the store consumes it: a parse error
    then surfaces during the write, which is rolled back and reported for the file. skipped
    fills with the records the loader leaves out as it reads.
    """

    path: Path
    documents: Iterable[Document]
    skipped: list[SkippedRecord] = field(default_factory=list)


class Loader(ABC):
    """Reads one source format into Documents. Subclasses share the DocumentBuilder."""

    name: ClassVar[str]
    suffixes: ClassVar[tuple[str, ...]]
    # Whether documents are merged across files: such files are loaded and stored together.
    merges_files: ClassVar[bool] = False
    # Raised whenever what the loader makes of an unchanged file changes (passages split
    # differently, new metadata), so that the next ingest reads its files again.
    revision: ClassVar[int] = 1

    @property
    def record_name(self) -> str:
        """The name files are recorded under: the loader's name, and its revision after 1."""
        return self.name if self.revision == 1 else f"{self.name}@{self.revision}"

    def __init__(self, chunk: ChunkSettings | None = None) -> None:
        self.chunk = chunk or ChunkSettings()

    def sniff(self, path: Path, head: bytes) -> bool:
        """Whether this loader reads the file; by default, by its suffix alone."""
        return path.suffix.lower() in self.suffixes

    @abstractmethod
    def load(self, path: Path) -> Iterator[Document]:
        """Documents in the file; raise LoadError (or let a parser error out) if it is broken."""

    def load_reporting(self, path: Path, skipped: list[SkippedRecord]) -> Iterator[Document]:
        """Documents in the file; loaders that leave out bad records append them to skipped."""
        return self.load(path)

    def load_files(self, paths: Iterable[Path]) -> Iterator[FileDocuments | FileFailure]:
        """Each file's documents, read lazily. Loaders that merge across files override this."""
        for path in paths:
            batch = FileDocuments(path, ())
            batch.documents = self.load_reporting(path, batch.skipped)
            yield batch


def describe_error(exc: BaseException) -> str:
    text = str(exc).strip() or exc.__class__.__name__
    return text if isinstance(exc, LoadError) else f"{exc.__class__.__name__}: {text}"


# -- shared parsing helpers -------------------------------------------------------------------
def parse_xml(path: Path) -> etree._Element:
    """Parse an XML file strictly: a truncated or malformed file is a LoadError, not a guess."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    try:
        return etree.parse(str(path), parser).getroot()
    except etree.XMLSyntaxError as exc:
        raise LoadError(xml_error(exc)) from exc


def xml_error(exc: etree.XMLSyntaxError) -> str:
    return f"XML syntax error: {exc}"


def json_error(exc: json.JSONDecodeError) -> str:
    return f"not valid JSON at line {exc.lineno} col {exc.colno}: {exc.msg}"


def read_json(path: Path) -> Any:
    data = path.read_bytes()
    if not data.strip():
        raise LoadError("empty file")
    try:
        return json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise LoadError(f"not UTF-8 text: invalid byte at offset {exc.start}") from exc
    except json.JSONDecodeError as exc:
        raise LoadError(json_error(exc)) from exc


def as_list(value: Any) -> list[Any]:
    """Lists that some datasets store as Python-literal strings ("['a', 'b']") become lists."""
    if value is None:
        return []
    if isinstance(value, str):
        stripped = value.strip()
        if stripped[:1] in "[(":
            try:
                parsed = ast.literal_eval(stripped)
            except (ValueError, SyntaxError):
                return [value]
            return list(parsed) if isinstance(parsed, list | tuple) else [parsed]
        return [value]
    return list(value) if isinstance(value, list | tuple) else [value]


def xml_root_tag(head: bytes) -> str | None:
    """Name of the first element in an XML prefix, without parsing the whole file."""
    text = head.decode("utf-8", errors="ignore")
    pos = 0
    while (pos := text.find("<", pos)) != -1:
        nxt = text[pos + 1 : pos + 2]
        if nxt and (nxt.isalpha() or nxt == "_"):
            end = pos + 1
            while end < len(text) and (text[end].isalnum() or text[end] in "_-.:"):
                end += 1
            return text[pos + 1 : end]
        pos += 1
    return None
