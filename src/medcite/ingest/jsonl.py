"""JSON Lines (.jsonl, .ndjson): one document per line, for corpora exported from other systems.

Schema of each line (a JSON object; blank lines are skipped, unknown fields are ignored):

    id               string, required. Becomes the document id "user:<id>", unless it already
                     contains ":" (e.g. "pubmed:123"), in which case it is used as given.
    title            string, required.
    text             string: the body, one section "Text". Give either "text" or "sections".
    sections         list of {"name": string, "text": string}, in reading order.
    source_type      one of guideline, systematic_review, trial, research, patient_information,
                     drug_label, drug_interaction_database. Default: research.
    publisher, journal, url, pmid, doi, license, citation
                     strings (pmid may also be a number).
    year             integer, 1800-2100.
    metadata         object whose values are strings or lists of strings.
    recommendations  list of {"text": string, "grade": string (optional), "section": string
                     (optional, default "Recommendations")}; each one stays a single passage.

Example:

    {"id": "htn-2024", "title": "Hypertension protocol", "source_type": "guideline",
     "sections": [{"name": "Scope", "text": "Adults with ..."}],
     "recommendations": [{"text": "Offer ...", "grade": "A"}]}

A line that is not valid JSON or breaks the schema is skipped and reported (in the ingest
report's skipped_records, and as a warning on the "medcite.ingest" logger) with the file, the
line number and why; the valid lines are kept.
Only a file with no valid line at all fails, with a LoadError listing the first problems.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

from pydantic import BaseModel, Field, ValidationError, field_validator, model_validator

from medcite.ingest.base import Loader, LoadError
from medcite.ingest.builder import DocumentBuilder
from medcite.ingest.userfiles import DEFAULT_SECTION, USER_COLLECTION
from medcite.models import Document, SkippedRecord, SourceType

log = logging.getLogger("medcite.ingest")
MAX_REPORTED = 5


class SectionIn(BaseModel):
    name: str = Field(min_length=1)
    text: str


class RecommendationIn(BaseModel):
    text: str = Field(min_length=1)
    grade: str | None = None
    section: str = Field(default="Recommendations", min_length=1)


class JsonlRecord(BaseModel):
    """One line of a .jsonl file (see the module docstring)."""

    id: str = Field(min_length=1)
    title: str = Field(min_length=1)
    text: str | None = None
    sections: list[SectionIn] | None = None
    source_type: SourceType = SourceType.RESEARCH
    publisher: str | None = None
    journal: str | None = None
    year: int | None = Field(default=None, ge=1800, le=2100)
    url: str | None = None
    pmid: str | None = None
    doi: str | None = None
    license: str | None = None
    citation: str | None = None
    metadata: dict[str, str | list[str]] = Field(default_factory=dict)
    recommendations: list[RecommendationIn] = Field(default_factory=list)

    @field_validator("pmid", mode="before")
    @classmethod
    def _pmid_number(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value

    @model_validator(mode="after")
    def _has_body(self) -> JsonlRecord:
        if self.text is not None and self.sections is not None:
            raise ValueError("give either 'text' or 'sections', not both")
        if not (self.text or "").strip() and not any(s.text.strip() for s in self.sections or []):
            raise ValueError("needs a non-empty 'text' or 'sections'")
        return self

    @property
    def doc_id(self) -> str:
        return self.id if ":" in self.id else f"user:{self.id}"


def _describe(exc: ValidationError) -> str:
    """Pydantic errors as short phrases: "missing field 'title'", "year: ..."."""
    reasons = []
    for err in exc.errors():
        loc = ".".join(str(p) for p in err["loc"])
        if err["type"] == "missing":
            reasons.append(f"missing field '{loc}'")
        else:
            msg = err["msg"].removeprefix("Value error, ")
            reasons.append(f"{loc}: {msg}" if loc else msg)
    return "; ".join(reasons)


def parse_line(raw: bytes) -> JsonlRecord:
    """One line as a record; ValueError says what is wrong with it."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 text (invalid byte at offset {exc.start})") from exc
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON at col {exc.colno}: {exc.msg}") from exc
    if not isinstance(data, dict):
        raise ValueError(f"expected a JSON object, got {type(data).__name__}")
    try:
        return JsonlRecord.model_validate(data)
    except ValidationError as exc:
        raise ValueError(_describe(exc)) from exc


class JsonlLoader(Loader):
    name: ClassVar[str] = "jsonl"
    suffixes: ClassVar[tuple[str, ...]] = (".jsonl", ".ndjson")

    def load(self, path: Path) -> Iterator[Document]:
        return self.load_reporting(path, [])

    def load_reporting(self, path: Path, skipped: list[SkippedRecord]) -> Iterator[Document]:
        errors: list[str] = []
        seen: dict[str, int] = {}
        with path.open("rb") as fh:
            for number, raw in enumerate(fh, start=1):
                line = raw.removeprefix(b"\xef\xbb\xbf") if number == 1 else raw
                if not line.strip():
                    continue
                try:
                    record = parse_line(line)
                    if (first := seen.get(record.doc_id)) is not None:
                        raise ValueError(f"duplicate id '{record.doc_id}' (first on line {first})")
                except ValueError as exc:
                    errors.append(f"line {number}: {exc}")
                    skipped.append(SkippedRecord(path=str(path), line=number, reason=str(exc)))
                    log.warning("%s line %d: %s", path, number, exc)
                    continue
                seen[record.doc_id] = number
                yield self._document(record, path)
        if not seen:
            if not errors:
                raise LoadError("no JSON lines in file")
            more = f" (and {len(errors) - MAX_REPORTED} more)" if len(errors) > MAX_REPORTED else ""
            raise LoadError("no valid line: " + "; ".join(errors[:MAX_REPORTED]) + more)

    def _document(self, record: JsonlRecord, path: Path) -> Document:
        builder = DocumentBuilder(
            record.doc_id,
            record.title,
            record.source_type,
            USER_COLLECTION,
            self.chunk,
            **record.model_dump(
                include={
                    "publisher",
                    "journal",
                    "year",
                    "url",
                    "pmid",
                    "doi",
                    "license",
                    "citation",
                    "metadata",
                }
            ),
        )
        if record.text is not None:
            builder.add_section(DEFAULT_SECTION, record.text)
        for section in record.sections or []:
            builder.add_section(section.name, section.text)
        for rec in record.recommendations:
            builder.add_unit(rec.section, rec.text, "recommendation", rec.grade)
        return builder.build(source_path=str(path))
