"""Which loader reads which file: by content sniffing first, then by suffix."""

from __future__ import annotations

import gzip
from pathlib import Path

from medcite.config import ChunkSettings
from medcite.ingest.base import SNIFF_BYTES, Loader
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
    suffix_ok = [ld for ld in loaders if _suffix_matches(path, ld)]
    if not suffix_ok:
        return None
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    try:
        with opener(path, "rb") as fh:
            head = fh.read(SNIFF_BYTES)
    except (OSError, EOFError):  # unreadable or truncated gzip: no loader can read it
        return None
    for loader in suffix_ok:
        if loader.sniff(path, head):
            return loader
    return None


def _suffix_matches(path: Path, loader: Loader) -> bool:
    name = path.name.lower().removesuffix(".gz")
    return any(name.endswith(s) for s in loader.suffixes)
