"""DocumentBuilder: the one mechanism every loader uses to turn parsed content into a Document.

A loader adds sections (free text, chunked) and units (text that must stay one passage, such as a
guideline recommendation or a BioASQ snippet); the builder lays them out in one text, keeps
every passage's character offsets, and hashes the result.
"""

from __future__ import annotations

import hashlib
import json
import re

from medcite.config import ChunkSettings
from medcite.ingest.chunking import chunk_spans
from medcite.ingest.textclean import normalize_space
from medcite.models import Document, Passage, PassageKind, Section, SourceType

_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def parse_year(text: str | None) -> int | None:
    """First plausible four-digit year in text ('2011 May (revised 2013 Aug)' -> 2011)."""
    if not text:
        return None
    m = _YEAR.search(text)
    return int(m.group(1)) if m else None


def latest_year(text: str | None) -> int | None:
    """Latest year mentioned ('2011 May (revised 2013 Aug)' -> 2013): the version in force."""
    years = [int(y) for y in _YEAR.findall(text or "")]
    return max(years) if years else None


class DocumentBuilder:
    def __init__(
        self,
        doc_id: str,
        title: str,
        source_type: SourceType,
        collection: str,
        chunk: ChunkSettings | None = None,
        **fields: object,
    ) -> None:
        self.doc_id = doc_id
        self.title = normalize_space(title).replace("\n", " ")
        self.source_type = source_type
        self.collection = collection
        self.fields = fields
        self.chunk = chunk or ChunkSettings()
        self._text: list[str] = []
        self._length = 0
        self._sections: list[Section] = []
        self._unit_start = 0
        self._passages: list[Passage] = []

    # -- layout ---------------------------------------------------------------------------
    def _append(self, text: str) -> tuple[int, int]:
        if self._length:
            self._text.append("\n\n")
            self._length += 2
        start = self._length
        self._text.append(text)
        self._length += len(text)
        return start, self._length

    def _add_passages(
        self, section: str, text: str, offset: int, kind: PassageKind, grade: str | None
    ) -> None:
        """Chunk text (which lies at offset in the document) into passages."""
        for s, e in chunk_spans(text, self.chunk):
            ordinal = len(self._passages)
            self._passages.append(
                Passage(
                    id=f"{self.doc_id}#{ordinal}",
                    doc_id=self.doc_id,
                    ordinal=ordinal,
                    section=section,
                    text=text[s:e],
                    start=offset + s,
                    end=offset + e,
                    kind=kind,
                    grade=grade,
                )
            )

    def add_section(self, name: str, text: str, kind: PassageKind = PassageKind.TEXT) -> None:
        """Free text under a heading, chunked into passages."""
        text = normalize_space(text)
        if not text:
            return
        start, end = self._append(text)
        self._sections.append(Section(name=name, start=start, end=end))
        self._add_passages(name, text, start, kind, None)

    def add_unit(self, section: str, text: str, kind: PassageKind, grade: str | None = None) -> None:
        """Text that is one passage on its own (split only if longer than max_chars)."""
        text = normalize_space(text).replace("\n", " ")
        if not text:
            return
        start, end = self._append(text)
        self._unit_start = start
        if (
            self._sections
            and self._sections[-1].name == section
            and self._sections[-1].end == start - 2
        ):
            self._sections[-1].end = end
        else:
            self._sections.append(Section(name=section, start=start, end=end))
        self._add_passages(section, text, start, kind, grade)

    def grade_last_unit(self, grade: str) -> None:
        """Attach a grade given in its own paragraph to the recommendation just before it."""
        for p in reversed(self._passages):
            if p.start < self._unit_start:
                break
            if p.kind == PassageKind.RECOMMENDATION and p.grade is None:
                p.grade = grade

    @property
    def empty(self) -> bool:
        return not self._passages

    @property
    def length(self) -> int:
        """Characters of text laid out so far."""
        return self._length

    # -- result ---------------------------------------------------------------------------
    def build(self, source_path: str | None = None) -> Document:
        doc = Document(
            id=self.doc_id,
            title=self.title or self.doc_id,
            source_type=self.source_type,
            collection=self.collection,
            text="".join(self._text),
            sections=self._sections,
            passages=self._passages,
            source_path=source_path,
            **self.fields,  # type: ignore[arg-type]
        )
        doc.content_hash = content_hash(doc)
        return doc


def content_hash(doc: Document) -> str:
    """Hash of what a reader sees; where the file lay does not change it."""
    payload = doc.model_dump(mode="json", exclude={"content_hash", "source_path", "passages"})
    payload["passages"] = [(p.start, p.end, p.kind, p.grade, p.section) for p in doc.passages]
    raw = json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()
    return hashlib.sha256(raw).hexdigest()[:32]
