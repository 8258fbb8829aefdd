"""Plain UTF-8 text files (.txt).

The title is the first non-empty line when it is short (under 200 characters) and stands as a
paragraph of its own (followed by a blank line, or the only line); otherwise the file stem. The
rest is one section, "Text": blank lines separate paragraphs, soft-wrapped lines are joined, and
list items ("- ", "* ", "1. ") stay one per line.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import chain
from pathlib import Path
from typing import ClassVar

from medcite.ingest.base import Loader
from medcite.ingest.userfiles import Paragraphs, Part, build_user_documents, read_lines
from medcite.models import Document

MAX_TITLE_CHARS = 200


class TextLoader(Loader):
    name: ClassVar[str] = "text"
    suffixes: ClassVar[tuple[str, ...]] = (".txt",)

    def load(self, path: Path) -> Iterator[Document]:
        """Streamed: only the lines of the paragraph being read and one document stay in memory."""
        lines = read_lines(path)
        first = next((line for line in lines if line.strip()), None)
        after = next(lines, None)
        title, body = path.stem, chain([first or "", after or ""], lines)
        candidate = (first or "").strip()
        if first is not None and len(candidate) < MAX_TITLE_CHARS and not (after or "").strip():
            title, body = candidate, lines
        yield from build_user_documents(path, title, _parts(body, candidate), self.chunk)


def _parts(lines: Iterable[str], title_line: str) -> Iterator[Part]:
    """Paragraphs as they complete; a file with only its title line has that line as its text."""
    paragraphs, any_text = Paragraphs(), False
    for line in lines:
        paragraphs.line(line)
        parts = paragraphs.drain()
        any_text = any_text or bool(parts)
        yield from parts
    parts = paragraphs.done()
    if not parts and not any_text and title_line:
        parts = [(title_line, False)]
    yield from parts
