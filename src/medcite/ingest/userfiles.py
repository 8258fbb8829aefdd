"""What the loaders for users' own files (Markdown, HTML, plain text) share.

Such documents live in the "user" collection under an id derived from the file's absolute path,
so re-ingesting an edited file replaces the same document instead of adding a second one.

Text is read as a stream, so memory stays bounded whatever the file's size: lines longer than
MAX_LINE_CHARS and paragraphs longer than MAX_PARAGRAPH_CHARS are cut, and a file with more
than MAX_DOCUMENT_CHARS of text becomes several documents ("<title> (part 2)", id
"file:<hash>-2", ...), each written as soon as it is complete.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from medcite.config import ChunkSettings
from medcite.ingest.base import LoadError
from medcite.ingest.builder import DocumentBuilder
from medcite.models import Document, SourceType

USER_COLLECTION = "user"
DEFAULT_SECTION = "Text"
MAX_LINE_CHARS = 100_000
MAX_PARAGRAPH_CHARS = 100_000
MAX_DOCUMENT_CHARS = 2_000_000
_BINARY_SNIFF_BYTES = 8192
LIST_ITEM = re.compile(r"^\s*(?:[-*+•]|\d{1,3}[.)])\s+")

# (text, is_heading): a heading starts a new section named by its text.
Part = tuple[str, bool]


def user_document_id(path: Path) -> str:
    """'file:' + the first 16 hex digits of the SHA-256 of the file's absolute resolved path."""
    digest = hashlib.sha256(str(path.resolve()).encode("utf-8")).hexdigest()
    return f"file:{digest[:16]}"


def looks_binary(data: bytes) -> bool:
    return b"\x00" in data[:8192]


def read_text_file(path: Path) -> str:
    """A file's text as UTF-8 (a BOM is dropped); binary or other encodings are LoadErrors."""
    data = path.read_bytes()
    if looks_binary(data):
        raise LoadError("not UTF-8 text (binary data: NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LoadError(f"not UTF-8 text: invalid byte at offset {exc.start}") from exc


def read_lines(path: Path, max_line_chars: int = MAX_LINE_CHARS) -> Iterator[str]:
    """The file's lines as read_text_file().splitlines() gives them, streamed; a line longer
    than max_line_chars comes in pieces."""
    with path.open("rb") as raw:
        if looks_binary(raw.read(_BINARY_SNIFF_BYTES)):
            raise LoadError("not UTF-8 text (binary data: NUL bytes)")
        raw.seek(0)
        if raw.read(len(codecs.BOM_UTF8)) != codecs.BOM_UTF8:
            raw.seek(0)
        text = io.TextIOWrapper(raw, encoding="utf-8", errors="strict", newline="")
        number = 1
        try:
            while piece := text.readline(max_line_chars):
                yield from piece.splitlines()
                number += piece.endswith(("\n", "\r"))
        except UnicodeDecodeError as exc:
            raise LoadError(f"not UTF-8 text: invalid byte near line {number}") from exc


class Paragraphs:
    """Collects lines into parts: soft-wrapped lines join, list items and hard lines stand alone."""

    def __init__(self, max_chars: int = MAX_PARAGRAPH_CHARS) -> None:
        self.parts: list[Part] = []
        self.max_chars = max_chars
        self._lines: list[str] = []
        self._chars = 0

    def line(self, text: str) -> None:
        """A line of running text; a blank line ends the paragraph, a list item starts one."""
        if not text.strip() or LIST_ITEM.match(text) or self._chars > self.max_chars:
            self.end()
        if text.strip():
            self._lines.append(text.strip())
            self._chars += len(self._lines[-1]) + 1

    def drain(self) -> list[Part]:
        """The parts complete so far, handed over and forgotten (for streaming)."""
        parts, self.parts = self.parts, []
        return parts

    def hard_line(self, text: str) -> None:
        """A line that must not be joined with its neighbours (code, table rows)."""
        self.end()
        if text.strip():
            self.parts.append((text.strip(), False))

    def heading(self, text: str) -> None:
        self.end()
        if text.strip():
            self.parts.append((text.strip(), True))

    def take_single_line(self) -> str | None:
        """The pending paragraph if it is one line and no list item, removed (Setext headings)."""
        if len(self._lines) == 1 and not LIST_ITEM.match(self._lines[0]):
            self._chars = 0
            return self._lines.pop()
        return None

    def end(self) -> None:
        if self._lines:
            self.parts.append((" ".join(self._lines), False))
            self._lines.clear()
            self._chars = 0

    def done(self) -> list[Part]:
        self.end()
        return self.parts


def build_user_document(
    path: Path,
    title: str,
    parts: Iterable[Part],
    chunk: ChunkSettings | None = None,
    source_type: SourceType = SourceType.RESEARCH,
    **fields: object,
) -> Document:
    """One document from parts; text before the first heading goes into section 'Text'."""
    builder = DocumentBuilder(
        user_document_id(path), title, source_type, USER_COLLECTION, chunk, **fields
    )
    name, lines = DEFAULT_SECTION, []
    for text, is_heading in parts:
        if is_heading:
            builder.add_section(name, "\n".join(lines))
            name, lines = text, []
        else:
            lines.append(text)
    builder.add_section(name, "\n".join(lines))
    if builder.empty:
        raise LoadError("no text to index")
    return builder.build(source_path=str(path))


def build_user_documents(
    path: Path,
    title: str,
    parts: Iterable[Part],
    chunk: ChunkSettings | None = None,
    source_type: SourceType = SourceType.RESEARCH,
    max_document_chars: int = MAX_DOCUMENT_CHARS,
    **fields: object,
) -> Iterator[Document]:
    """Documents from a stream of parts: one, as build_user_document makes it, unless the text
    passes max_document_chars; then the next part starts the next document."""
    base_id = user_document_id(path)
    number = 1
    builder = DocumentBuilder(base_id, title, source_type, USER_COLLECTION, chunk, **fields)
    name, lines, pending = DEFAULT_SECTION, [], 0
    for text, is_heading in parts:
        if is_heading or pending > max_document_chars // 4:
            builder.add_section(name, "\n".join(lines))
            lines, pending = [], 0
            name = text if is_heading else name
        if builder.length > max_document_chars:
            yield builder.build(source_path=str(path))
            number += 1
            part_id, part_title = f"{base_id}-{number}", f"{title} (part {number})"
            builder = DocumentBuilder(
                part_id, part_title, source_type, USER_COLLECTION, chunk, **fields
            )
        if not is_heading:
            lines.append(text)
            pending += len(text)
    builder.add_section(name, "\n".join(lines))
    if builder.empty and number == 1:
        raise LoadError("no text to index")
    if not builder.empty:
        yield builder.build(source_path=str(path))
