"""What the loaders for users' own files (Markdown, HTML, plain text) share.

Such documents live in the "user" collection under an id derived from the file's absolute path,
so re-ingesting an edited file replaces the same document instead of adding a second one.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

from medcite.config import ChunkSettings
from medcite.ingest.base import LoadError
from medcite.ingest.builder import DocumentBuilder
from medcite.models import Document, SourceType

USER_COLLECTION = "user"
DEFAULT_SECTION = "Text"
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


class Paragraphs:
    """Collects lines into parts: soft-wrapped lines join, list items and hard lines stand alone."""

    def __init__(self) -> None:
        self.parts: list[Part] = []
        self._lines: list[str] = []

    def line(self, text: str) -> None:
        """A line of running text; a blank line ends the paragraph, a list item starts one."""
        if not text.strip() or LIST_ITEM.match(text):
            self.end()
        if text.strip():
            self._lines.append(text.strip())

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
            return self._lines.pop()
        return None

    def end(self) -> None:
        if self._lines:
            self.parts.append((" ".join(self._lines), False))
            self._lines.clear()

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
