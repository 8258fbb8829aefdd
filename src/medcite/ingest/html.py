"""HTML pages (.html, .htm) saved from the web or exported from other tools.

The title is <meta name="citation_title">, else <title>, else the first <h1>, else the file
stem. Headings h1-h6 start sections named by their text; navigation, scripts and styles are
skipped. Meta tags fill in what they can: citation_journal_title (journal), citation_date,
citation_publication_date, dc.date or article:published_time (year), citation_doi (doi),
citation_pmid (pmid), citation_publisher, dc.publisher or og:site_name (publisher), the
canonical link or og:url (url), and description and author (kept as metadata).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import lxml.html
from lxml import etree

from medcite.ingest.base import Loader, LoadError
from medcite.ingest.builder import parse_year
from medcite.ingest.textclean import html_blocks, normalize_space
from medcite.ingest.userfiles import build_user_document, looks_binary
from medcite.models import Document

_YEAR_KEYS = ("citation_publication_date", "citation_date", "dc.date", "article:published_time")
_PUBLISHER_KEYS = ("citation_publisher", "dc.publisher", "og:site_name")


def _parse(data: bytes) -> etree._Element:
    if looks_binary(data):
        raise LoadError("not an HTML file (binary data: NUL bytes)")
    try:
        # Decoded UTF-8 is safest; otherwise let lxml honour the page's <meta charset>.
        try:
            return lxml.html.document_fromstring(data.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError):  # ValueError: str with an XML encoding decl
            return lxml.html.document_fromstring(data)
    except etree.ParserError as exc:
        raise LoadError(f"no HTML content: {exc}") from exc


def _meta(root: etree._Element) -> dict[str, list[str]]:
    """Meta tag contents by lower-cased name (or property), in page order."""
    found: dict[str, list[str]] = {}
    for el in root.iter("meta"):
        key = (el.get("name") or el.get("property") or "").strip().lower()
        value = normalize_space(el.get("content") or "").replace("\n", " ")
        if key and value:
            found.setdefault(key, []).append(value)
    return found


def _first(meta: dict[str, list[str]], *keys: str) -> str | None:
    return next((meta[k][0] for k in keys if k in meta), None)


def _text(el: etree._Element | None) -> str:
    return normalize_space(el.text_content()).replace("\n", " ") if el is not None else ""


def _doi(value: str | None) -> str | None:
    """A DOI without its URL or 'doi:' prefix; None if the value is something else."""
    value = (value or "").strip()
    for prefix in ("https://doi.org/", "http://dx.doi.org/", "doi:"):
        if value.lower().startswith(prefix):
            value = value[len(prefix) :].strip()
    return value if value.startswith("10.") else None


def _content_markup(root: etree._Element) -> str:
    """The page's <main> (else <body>) without footers, as markup for html_blocks."""
    content = root.find(".//main")
    if content is None:
        content = root.find("body")
    if content is None:  # e.g. a page with a <head> only
        return ""
    for el in list(content.iter("footer")):
        el.drop_tree()
    return etree.tostring(content, encoding="unicode", method="html", with_tail=False)


def _strip_site(title: str, site: str | None) -> str:
    """'Article | Site' -> 'Article' when Site is the publisher the page names."""
    for sep in (" | ", " - ", " – ", " — "):
        if site and title.endswith(sep + site):
            return title[: -len(sep + site)].strip()
    return title


class HtmlLoader(Loader):
    name: ClassVar[str] = "html"
    suffixes: ClassVar[tuple[str, ...]] = (".html", ".htm")

    def load(self, path: Path) -> Iterator[Document]:
        root = _parse(path.read_bytes())
        meta = _meta(root)
        blocks = html_blocks(_content_markup(root))
        h1 = next((b.text for b in blocks if b.tag == "h1"), "")
        publisher = _first(meta, *_PUBLISHER_KEYS)
        page_title = _strip_site(_text(root.find("head/title")), publisher)
        title = _first(meta, "citation_title") or page_title or h1 or path.stem
        links = root.iter("link")
        canonical = next((el.get("href") for el in links if el.get("rel") == "canonical"), None)
        year = next((y for k in _YEAR_KEYS for v in meta.get(k, []) if (y := parse_year(v))), None)
        extra = {
            key: values[0] if len(values) == 1 else values
            for key, values in (
                ("description", meta.get("description") or meta.get("og:description") or []),
                ("author", meta.get("citation_author") or meta.get("author") or []),
            )
            if values
        }
        yield build_user_document(
            path,
            title,
            [(b.text, b.is_heading) for b in blocks],
            self.chunk,
            journal=_first(meta, "citation_journal_title"),
            year=year,
            doi=_doi(_first(meta, "citation_doi", "dc.identifier")),
            pmid=_first(meta, "citation_pmid"),
            publisher=publisher,
            url=canonical or _first(meta, "og:url"),
            metadata=extra,
        )
