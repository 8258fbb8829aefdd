"""PubMedQA JSON: PMID -> abstract sections (CONTEXTS with LABELS) plus LONG_ANSWER as CONCLUSIONS."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from medcite.ingest.base import Loader, LoadError, as_list, read_json
from medcite.ingest.builder import DocumentBuilder, parse_year
from medcite.ingest.study_type import infer_source_type, pubmed_url
from medcite.models import Document

LICENSE = "Abstract via PubMedQA (MIT); abstract © the publisher, citation data from PubMed (NLM)."


def is_pubmedqa(data: object) -> bool:
    if not isinstance(data, dict) or not data:
        return False
    first = next(iter(data.values()))
    return isinstance(first, dict) and "QUESTION" in first and "CONTEXTS" in first


class PubMedQaLoader(Loader):
    name = "pubmedqa"
    suffixes = (".json",)

    def sniff(self, path: Path, head: bytes) -> bool:
        return path.suffix.lower() == ".json" and b'"QUESTION"' in head and b'"CONTEXTS"' in head

    def load(self, path: Path) -> Iterator[Document]:
        data = read_json(path)
        if not is_pubmedqa(data):
            raise LoadError("not a PubMedQA file (expected {PMID: {QUESTION, CONTEXTS, ...}})")
        for pmid, item in data.items():
            yield self._document(str(pmid), item, path)

    def _document(self, pmid: str, item: dict, path: Path) -> Document:
        contexts = as_list(item.get("CONTEXTS"))
        labels = as_list(item.get("LABELS"))
        mesh = [str(m) for m in as_list(item.get("MESHES"))]
        text = " ".join(str(c) for c in contexts) + " " + str(item.get("LONG_ANSWER", ""))
        builder = DocumentBuilder(
            f"pubmed:{pmid}",
            # PubMedQA questions are the articles' titles (the dataset was built from them).
            str(item.get("QUESTION", "")),
            infer_source_type(mesh=mesh, text=text),
            "pubmedqa",
            self.chunk,
            year=parse_year(str(item.get("YEAR", ""))),
            url=pubmed_url(pmid),
            pmid=pmid,
            license=LICENSE,
            metadata={"mesh": mesh},
        )
        for i, context in enumerate(contexts):
            label = str(labels[i]) if i < len(labels) else "ABSTRACT"
            builder.add_section(label, str(context))
        if item.get("LONG_ANSWER"):
            builder.add_section("CONCLUSIONS", str(item["LONG_ANSWER"]))
        return builder.build(source_path=str(path))
