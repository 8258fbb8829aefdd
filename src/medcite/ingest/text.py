"""Plain UTF-8 text files (.txt).

The title is the first non-empty line when it is short (under 200 characters) and stands as a
paragraph of its own (followed by a blank line, or the only line); otherwise the file stem. The
rest is one section, "Text": blank lines separate paragraphs, soft-wrapped lines are joined, and
list items ("- ", "* ", "1. ") stay one per line.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

from medcite.ingest.base import Loader
from medcite.ingest.userfiles import Paragraphs, build_user_document, read_text_file
from medcite.models import Document

MAX_TITLE_CHARS = 200


class TextLoader(Loader):
    name: ClassVar[str] = "text"
    suffixes: ClassVar[tuple[str, ...]] = (".txt",)

    def load(self, path: Path) -> Iterator[Document]:
        lines = read_text_file(path).splitlines()
        title, body = path.stem, lines
        first = next((i for i, line in enumerate(lines) if line.strip()), None)
        if first is not None:
            candidate = lines[first].strip()
            standalone = first + 1 == len(lines) or not lines[first + 1].strip()
            if len(candidate) < MAX_TITLE_CHARS and standalone:
                title, body = candidate, lines[first + 1 :]
                if not any(line.strip() for line in body):
                    body = [candidate]  # a one-line file: its line is also its text
        paragraphs = Paragraphs()
        for line in body:
            paragraphs.line(line)
        yield build_user_document(path, title, paragraphs.done(), self.chunk)
