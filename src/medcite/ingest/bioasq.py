"""BioASQ Task B JSON: gold snippets become passages of the PubMed abstract they cite.

Snippets of the same PMID are merged into one document across all files given together, so a
directory of BioASQ batches yields one document per cited article. The pipeline loads and
stores all BioASQ files together (merges_files), so no article is ever rebuilt from some of
its files only.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from medcite.ingest.base import (
    FileDocuments,
    FileFailure,
    Loader,
    LoadError,
    as_list,
    describe_error,
    read_json,
)
from medcite.ingest.builder import DocumentBuilder
from medcite.ingest.study_type import infer_source_type, pubmed_url
from medcite.models import Document, PassageKind

LICENSE = "Abstract excerpts via BioASQ (research use); abstract © the publisher, PubMed (NLM)."


def pmid_from_url(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1].strip()


def questions(data: object) -> list[dict]:
    if not isinstance(data, dict) or not isinstance(data.get("questions"), list):
        raise LoadError('not a BioASQ file (expected {"questions": [...]})')
    return [q for q in data["questions"] if isinstance(q, dict)]


@dataclass
class _Article:
    titles: set[str] = field(default_factory=set)
    snippets: set[tuple[int, str]] = field(default_factory=set)
    files: set[str] = field(default_factory=set)


class BioAsqLoader(Loader):
    name = "bioasq"
    suffixes = (".json",)
    merges_files = True

    def sniff(self, path: Path, head: bytes) -> bool:
        return path.suffix.lower() == ".json" and b'"questions"' in head

    def load(self, path: Path) -> Iterator[Document]:
        for batch in self.load_files([path]):
            if isinstance(batch, FileFailure):
                raise LoadError(batch.reason)
            yield from batch.documents

    def load_files(self, paths: Iterable[Path]) -> Iterator[FileDocuments | FileFailure]:
        articles: dict[str, _Article] = defaultdict(_Article)
        good: list[Path] = []
        for path in paths:
            try:
                self._collect(path, articles)
                good.append(path)
            except Exception as exc:
                yield FileFailure(path, describe_error(exc))
        by_file: dict[str, list[Document]] = defaultdict(list)
        for pmid, article in sorted(articles.items()):
            # The merged document is written with the first file that cites it.
            by_file[min(article.files)].append(self._document(pmid, article))
        for path in good:
            yield FileDocuments(path, by_file.get(str(path), []))

    @staticmethod
    def _collect(path: Path, articles: dict[str, _Article]) -> None:
        for q in questions(read_json(path)):
            for snippet in as_list(q.get("snippets")):
                if (
                    not isinstance(snippet, dict)
                    or not snippet.get("text")
                    or not snippet.get("document")
                ):
                    continue
                article = articles[pmid_from_url(str(snippet["document"]))]
                article.files.add(str(path))
                text = " ".join(str(snippet["text"]).split())
                if snippet.get("beginSection") == "title":
                    article.titles.add(text)
                else:
                    article.snippets.add((int(snippet.get("offsetInBeginSection") or 0), text))

    def _document(self, pmid: str, article: _Article) -> Document:
        texts = [t for _, t in sorted(article.snippets)]
        # Shortest title, ties broken by text: set order must not decide (it varies by run).
        title = min(article.titles, key=lambda t: (len(t), t)) if article.titles else ""
        builder = DocumentBuilder(
            f"pubmed:{pmid}",
            title or f"PubMed {pmid} (abstract excerpts)",
            infer_source_type(text=" ".join([title, *texts])),
            "bioasq",
            self.chunk,
            url=pubmed_url(pmid),
            pmid=pmid,
            license=LICENSE,
        )
        seen: set[str] = set()
        for text in texts:
            if text not in seen and not any(text in other for other in seen):
                seen.add(text)
                builder.add_unit("Abstract", text, kind=PassageKind.SNIPPET)
        if builder.empty and title:
            builder.add_unit("Title", title, kind=PassageKind.SNIPPET)
        return builder.build(source_path=min(article.files))
