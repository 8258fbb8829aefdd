"""PubMed/MEDLINE citation XML: the annual baseline and update files (.xml or .xml.gz), or efetch.

Each PubmedArticle becomes a document 'pubmed:<PMID>': one section per labelled AbstractText
(named by its Label; unlabelled text is "Abstract"), or the title alone as section "Title" when
the record has no abstract, so it can still be found. DeleteCitation blocks and book records are
ignored. Files are streamed with iterparse and each record is freed once read, so a 30,000-record
baseline file never sits in memory whole.
"""

from __future__ import annotations

import gzip
import logging
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, ClassVar

from lxml import etree

from medcite.ingest.base import Loader, LoadError, xml_error, xml_root_tag
from medcite.ingest.builder import DocumentBuilder, parse_year
from medcite.ingest.study_type import infer_source_type, pubmed_url
from medcite.ingest.textclean import xml_text
from medcite.models import Document

LICENSE = "PubMed citation data (NLM); abstract © the publisher"
ROOT_TAG = "PubmedArticleSet"
_GZIP_MAGIC = b"\x1f\x8b"
_RECORD_TAGS = ("PubmedArticle", "DeleteCitation", "PubmedBookArticle")

log = logging.getLogger("medcite.ingest")


def _xml_head(head: bytes) -> bytes:
    """The start of the XML, inflating it first if the head is of a gzip stream."""
    if not head.startswith(_GZIP_MAGIC):
        return head
    try:
        return zlib.decompressobj(wbits=31).decompress(head)
    except zlib.error:
        return b""


def _abstract_sections(abstract: etree._Element | None) -> list[tuple[str, str]]:
    """(name, text) per AbstractText; consecutive parts with the same name are merged."""
    sections: list[tuple[str, list[str]]] = []
    for part in abstract.iterfind("AbstractText") if abstract is not None else ():
        name = (part.get("Label") or "").strip() or "Abstract"
        if not (text := xml_text(part)):
            continue
        if sections and sections[-1][0] == name:
            sections[-1][1].append(text)
        else:
            sections.append((name, [text]))
    return [(name, "\n".join(texts)) for name, texts in sections]


def _plain(el: etree._Element) -> str:
    """Text of an element without mixed content (MeSH terms, publication types): cheaper."""
    return " ".join((el.text or "").split())


def _year(article: etree._Element) -> int | None:
    pubdate = article.find("Journal/JournalIssue/PubDate")
    if pubdate is not None:
        year = parse_year(pubdate.findtext("Year")) or parse_year(pubdate.findtext("MedlineDate"))
        if year:
            return year
    return parse_year(article.findtext("ArticleDate/Year"))


def _citation(article: etree._Element) -> str | None:
    """NLM-style source line: 'N Engl J Med. 2015 Nov 26;373(22):2103-16.'"""
    journal = article.find("Journal")
    if journal is None:
        return None
    name = journal.findtext("ISOAbbreviation") or journal.findtext("Title")
    pubdate = journal.find("JournalIssue/PubDate")
    date = ""
    if pubdate is not None:
        parts = (pubdate.findtext(t) for t in ("Year", "Season", "Month", "Day"))
        date = " ".join(p for p in parts if p) or pubdate.findtext("MedlineDate") or ""
    volume, issue = journal.findtext("JournalIssue/Volume"), journal.findtext("JournalIssue/Issue")
    pages = article.findtext("Pagination/MedlinePgn")
    place = (volume or "") + (f"({issue})" if issue else "") + (f":{pages}" if pages else "")
    line = ". ".join(p.strip() for p in (name, date) if p and p.strip())
    line += f";{place}" if place and date else f". {place}" if place else ""
    return f"{line}." if line else None


def _doi(record: etree._Element, article: etree._Element) -> str | None:
    for el in record.iterfind("PubmedData/ArticleIdList/ArticleId"):
        if el.get("IdType") == "doi" and (el.text or "").strip():
            return el.text.strip()
    for el in article.iterfind("ELocationID"):
        if el.get("EIdType") == "doi" and (el.text or "").strip():
            return el.text.strip()
    return None


class PubMedXmlLoader(Loader):
    name: ClassVar[str] = "pubmed_xml"
    suffixes: ClassVar[tuple[str, ...]] = (".xml", ".xml.gz")

    def sniff(self, path: Path, head: bytes) -> bool:
        if not path.name.lower().endswith(self.suffixes):
            return False
        return xml_root_tag(_xml_head(head)) == ROOT_TAG

    def load(self, path: Path) -> Iterator[Document]:
        with path.open("rb") as raw:
            gzipped = raw.read(2) == _GZIP_MAGIC
        try:
            with gzip.open(path, "rb") if gzipped else path.open("rb") as fh:
                yield from self._records(fh, path)
        except etree.XMLSyntaxError as exc:
            raise LoadError(xml_error(exc)) from exc
        except EOFError as exc:
            raise LoadError(f"truncated gzip: {exc}") from exc
        except (gzip.BadGzipFile, zlib.error) as exc:
            raise LoadError(f"corrupt gzip data: {exc}") from exc

    def _records(self, fh: IO[bytes], path: Path) -> Iterator[Document]:
        context = etree.iterparse(
            fh,
            events=("end",),
            tag=_RECORD_TAGS,
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            huge_tree=True,
        )
        for _, el in context:
            if el.tag == "PubmedArticle" and (doc := self._document(el, path)) is not None:
                yield doc
            # Free what has been read: the record and the (emptied) records before it.
            el.clear(keep_tail=True)
            parent = el.getparent()
            while parent is not None and el.getprevious() is not None:
                del parent[0]
        root = context.root  # type: ignore[attr-defined]
        if root is not None and root.tag != ROOT_TAG:
            raise LoadError(f"not PubMed XML: root element is <{root.tag}>, not <{ROOT_TAG}>")

    def _document(self, record: etree._Element, path: Path) -> Document | None:
        citation = record.find("MedlineCitation")
        article = citation.find("Article") if citation is not None else None
        pmid = (citation.findtext("PMID") or "").strip() if citation is not None else ""
        if not pmid or article is None:
            log.warning("%s: skipped a PubmedArticle without PMID or Article", path)
            return None
        title = xml_text(article.find("ArticleTitle")) or xml_text(article.find("VernacularTitle"))
        sections = _abstract_sections(article.find("Abstract"))
        pub_types = [
            t for e in article.iterfind("PublicationTypeList/PublicationType") if (t := _plain(e))
        ]
        mesh = [
            t
            for e in citation.iterfind("MeshHeadingList/MeshHeading/DescriptorName")
            if (t := _plain(e))
        ]
        abstract = "\n".join(text for _, text in sections)
        builder = DocumentBuilder(
            f"pubmed:{pmid}",
            title,
            infer_source_type(pub_types, mesh, f"{title}\n{abstract}"),
            "pubmed",
            self.chunk,
            journal=xml_text(article.find("Journal/Title")) or None,
            year=_year(article),
            url=pubmed_url(pmid),
            pmid=pmid,
            doi=_doi(record, article),
            license=LICENSE,
            citation=_citation(article),
            metadata={"mesh": mesh, "publication_types": pub_types},
        )
        for name, text in sections:
            builder.add_section(name, text)
        if builder.empty:
            builder.add_section("Title", title)
        if builder.empty:
            log.warning("%s: skipped PMID %s: no title and no abstract", path, pmid)
            return None
        return builder.build(source_path=str(path))
