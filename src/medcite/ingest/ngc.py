"""National Guideline Clearinghouse (AHRQ) guideline summary XML.

Each major recommendation becomes its own passage with the strength/quality grade the summary
gives; scope, population, benefits/harms and contraindications become chunked sections.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from medcite.ingest.base import Loader, LoadError, parse_xml, xml_root_tag
from medcite.ingest.builder import DocumentBuilder, latest_year
from medcite.ingest.textclean import html_blocks, html_to_text, join_listed_items
from medcite.models import Document, PassageKind, SourceType

RECOMMENDATIONS = "Major Recommendations"
# Fields worth answering from, in reading order; boilerplate (methods, funding, disclaimers) is left out.
CONTENT_FIELDS = (
    "Disease/Condition(s)",
    "Guideline Category",
    "Guideline Objective(s)",
    "Target Population",
    "Interventions and Practices Considered",
    "Major Outcomes Considered",
    "Clinical Algorithm(s)",
    "Type of Evidence Supporting the Recommendations",
    "Potential Benefits",
    "Potential Harms",
    "Contraindications",
    "Qualifying Statements",
    "Rating Scheme for the Strength of the Evidence",
    "Rating Scheme for the Strength of the Recommendations",
)
LICENSE = (
    "Summary by AHRQ's National Guideline Clearinghouse (archived 2018); "
    "the guideline's copyright stays with its developer."
)
_NONE_PROVIDED = re.compile(r"^\s*(none provided|not stated|none)\.?\s*$", re.I)
_GRADE_WORDS = re.compile(
    r"grade|level|recommendation|evidence|quality|strong|weak|conditional|consensus|expert|"
    r"\bGPP\b|\bGCP\b|category|\bLE\b|\bGR\b|\bSOR\b|statement|principle|insufficient|opinion",
    re.I,
)
_GRADE_CODE = re.compile(
    r"^(?:[IVX]{1,4}[ ,-]*[A-D]?[ab]?|\d[A-D]?[+-]?|[A-D][+-]?|\d\|[+O]{4}|[A-D]-[IVX]{1,4}|"
    r"[IVX]{1,4}-\d|[A-D]\d?)$"
)
_TRAILING_BRACKET = re.compile(r"[\(\[]([^()\[\]]{1,90})[\)\]]\.?\s*$")
_LEADING_GRADE = re.compile(
    r"^\s*\[?((?:Grade|Level|Category)\s+[A-Z0-9]{1,4})\]?\s*[:.\-–]\s", re.I
)
_GRADE_LINE = re.compile(
    r"^\(?((?:strength of |grade of |level of |quality of |class of )?"
    r"(?:recommendation|evidence|grade|level|quality|strength|class|SOR|LOE)[^:]{0,40}:\s*.{1,60}?)\)?\.?$",
    re.I,
)
_DEFINED_AT_END = re.compile(
    r"(defined|given|provided|presented|found|listed|explained)[^.]{0,40}at the end of", re.I
)
_NOT_A_GRADE = re.compile(r"^(see |new |\d{4}|reference|table|figure|e\.g\.|i\.e\.)", re.I)


def recommendation_grade(text: str) -> str | None:
    """The grade a recommendation carries, e.g. 'Grade 1B' or 'Strong recommendation, low quality'."""
    if m := _TRAILING_BRACKET.search(text):
        inner = m.group(1).strip()
        if not _NOT_A_GRADE.match(inner) and (
            _GRADE_WORDS.search(inner) or _GRADE_CODE.match(inner)
        ):
            return inner
    if m := _LEADING_GRADE.match(text):
        return m.group(1)
    return None


def _fields(root: etree._Element) -> dict[str, list[str]]:
    """Field name -> its values (HTML markup, already unescaped by the XML parser)."""
    fields: dict[str, list[str]] = {}
    for field in root.iter("Field"):
        values = [v.get("Value") or "" for v in field.iter("FieldValue")]
        fields.setdefault(field.get("Name", ""), []).extend(v for v in values if v.strip())
    return fields


def _first_text(fields: dict[str, list[str]], name: str) -> str:
    values = fields.get(name) or []
    return html_to_text(values[0]).replace("\n", " ") if values else ""


def _first_link(markup: str) -> str | None:
    m = re.search(r'href="(https?://[^"]+)"', markup)
    return m.group(1) if m else None


class NgcLoader(Loader):
    name = "ngc"
    suffixes = (".xml",)
    revision = 2  # 2: a recommendation leading into a list holds the list's items

    def sniff(self, path: Path, head: bytes) -> bool:
        return (
            path.suffix.lower() == ".xml"
            and xml_root_tag(head) == "Version"
            and b"Guideline" in head
        )

    def load(self, path: Path) -> Iterator[Document]:
        fields = _fields(parse_xml(path))
        title = _first_text(fields, "Guideline Title")
        if not title:
            raise LoadError("no 'Guideline Title' field: not an NGC guideline summary")
        released = _first_text(fields, "Date Released")
        availability = " ".join(fields.get("Guideline Availability", []))
        builder = DocumentBuilder(
            f"ngc:{path.stem.removeprefix('ngc-')}",
            title,
            SourceType.GUIDELINE,
            "ngc",
            self.chunk,
            publisher="; ".join(html_to_text(v) for v in fields.get("Guideline Developer(s)", []))
            or None,
            year=latest_year(released),
            url=_first_link(availability),
            citation=_first_text(fields, "Bibliographic Source(s)") or None,
            license=LICENSE,
            metadata={
                "released": released,
                "categories": [html_to_text(v) for v in fields.get("Guideline Category", [])],
            },
        )
        self._add_recommendations(builder, fields.get(RECOMMENDATIONS, []))
        for name in CONTENT_FIELDS:
            text = "\n".join(html_to_text(v) for v in fields.get(name, []))
            if text and not _NONE_PROVIDED.match(text):
                builder.add_section(name, text)
        if builder.empty:
            raise LoadError("guideline summary has no text in any content field")
        yield builder.build(source_path=str(path))

    @staticmethod
    def _add_recommendations(builder: DocumentBuilder, values: list[str]) -> None:
        heading = ""
        in_definitions = False
        for value in values:
            for block in join_listed_items(html_blocks(value)):
                if block.is_heading:
                    heading = block.text.rstrip(":")
                    in_definitions = heading.lower().startswith(("definition", "abbreviation"))
                    continue
                section = f"{RECOMMENDATIONS}: {heading}" if heading else RECOMMENDATIONS
                if len(block.text) <= 100 and _GRADE_LINE.match(block.text):
                    builder.grade_last_unit(block.text.strip("()."))
                elif in_definitions or _DEFINED_AT_END.search(block.text):
                    builder.add_unit(section, block.text, kind=PassageKind.TEXT)
                else:
                    grade = recommendation_grade(block.text)
                    builder.add_unit(section, block.text, kind=PassageKind.RECOMMENDATION, grade=grade)
