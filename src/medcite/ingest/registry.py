"""Which loader reads which file: by content sniffing first, then by suffix."""

from __future__ import annotations

import gzip
import json
import zlib
from pathlib import Path
from typing import IO

from lxml import etree

from medcite.config import ChunkSettings
from medcite.ingest.base import (
    SNIFF_BYTES,
    Loader,
    LoadError,
    json_error,
    xml_error,
    xml_root_tag,
)
from medcite.ingest.bioasq import BioAsqLoader
from medcite.ingest.ddinter import DDInterLoader
from medcite.ingest.html import HtmlLoader
from medcite.ingest.jsonl import JsonlLoader
from medcite.ingest.markdown import MarkdownLoader
from medcite.ingest.medquad import MedQuadLoader
from medcite.ingest.ngc import NgcLoader
from medcite.ingest.pubmed_xml import PubMedXmlLoader
from medcite.ingest.pubmedqa import PubMedQaLoader
from medcite.ingest.text import TextLoader

# Most specific first: the XML and JSON loaders tell their formats apart by content.
LOADER_TYPES: tuple[type[Loader], ...] = (
    NgcLoader,
    MedQuadLoader,
    PubMedXmlLoader,
    PubMedQaLoader,
    BioAsqLoader,
    DDInterLoader,
    JsonlLoader,
    MarkdownLoader,
    HtmlLoader,
    TextLoader,
)
# Dataset documentation lying beside the data is not evidence.
_DOC_FILE_STEMS = {"readme", "license", "licence", "copying", "changelog"}


def is_dataset_documentation(path: Path) -> bool:
    return path.stem.lower() in _DOC_FILE_STEMS


def make_loaders(chunk: ChunkSettings | None = None) -> list[Loader]:
    return [cls(chunk) for cls in LOADER_TYPES]


def detect(path: Path, loaders: list[Loader]) -> Loader | None:
    """The loader for a file, or None if no loader reads its format."""
    try:
        return identify(path, loaders)
    except LoadError:
        return None


def identify(path: Path, loaders: list[Loader]) -> Loader | None:
    """The loader for a file; None if no loader reads files named like it. A file named like a
    supported format whose content no loader reads is a LoadError saying why (truncated gzip,
    not valid JSON at line 1 col 5, XML syntax error, empty file, ...)."""
    suffix_ok = [ld for ld in loaders if _suffix_matches(path, ld)]
    if not suffix_ok:
        return None
    head = _read_head(path)
    for loader in suffix_ok:
        if loader.sniff(path, head):
            return loader
    raise LoadError(_why_not_read(path, head, suffix_ok))


def _open(path: Path) -> IO[bytes]:
    return gzip.open(path, "rb") if path.name.lower().endswith(".gz") else path.open("rb")


def _read_head(path: Path) -> bytes:
    try:
        with _open(path) as fh:
            return fh.read(SNIFF_BYTES)
    except EOFError as exc:
        raise LoadError(f"truncated gzip: {exc}") from exc
    except (gzip.BadGzipFile, zlib.error) as exc:
        raise LoadError(f"corrupt gzip data: {exc}") from exc
    except OSError as exc:
        raise LoadError(f"cannot read: {exc.strerror or exc}") from exc


def _why_not_read(path: Path, head: bytes, loaders: list[Loader]) -> str:
    names = ", ".join(ld.name for ld in loaders)
    if not head.strip():
        return "empty file"
    kind = path.name.lower().removesuffix(".gz").rsplit(".", 1)[-1]
    if kind == "json":
        try:
            with _open(path) as fh:
                json.loads(fh.read().decode("utf-8-sig"))
        except UnicodeDecodeError as exc:
            return f"not UTF-8 text: invalid byte at offset {exc.start}"
        except json.JSONDecodeError as exc:
            return json_error(exc)
        return f"valid JSON, but not in a format the {names} loaders read"
    if kind == "xml":
        return _xml_syntax_error(path) or (
            f"XML root element <{xml_root_tag(head)}> is not one the {names} loaders read"
        )
    return f"content not recognised by the {names} loader(s)"


def _xml_syntax_error(path: Path) -> str | None:
    """The first syntax error of an XML file, read as a stream (entities never resolved)."""
    try:
        with _open(path) as fh:
            for _, element in etree.iterparse(
                fh, events=("end",), resolve_entities=False, no_network=True, huge_tree=True
            ):
                element.clear()
    except etree.XMLSyntaxError as exc:
        return xml_error(exc)
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        return f"corrupt gzip data: {exc}"
    return None


def _suffix_matches(path: Path, loader: Loader) -> bool:
    name = path.name.lower().removesuffix(".gz")
    return any(name.endswith(s) for s in loader.suffixes)
