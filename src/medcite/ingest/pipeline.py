"""Ingest files and folders into a store: detect formats, skip what is unchanged, report failures.

Each source file is written in one transaction together with the record that it was ingested,
so a run killed at any point leaves whole files or nothing, and the next run resumes from the
first file not recorded.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import nullcontext
from pathlib import Path

from rich.progress import Progress

from medcite.config import Settings
from medcite.index.base import Store
from medcite.ingest.base import FileDocuments, FileFailure, Loader
from medcite.ingest.registry import detect, is_dataset_documentation, make_loaders
from medcite.models import FileError, IngestReport

log = logging.getLogger("medcite.ingest")


def discover(paths: Iterable[Path]) -> Iterator[Path]:
    """Files under the given paths (hidden files and dataset READMEs/licences in folders left out)."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
                if child.is_file() and not hidden and not is_dataset_documentation(child):
                    yield child
        else:
            yield path


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def ingest(
    paths: Iterable[Path | str],
    store: Store,
    settings: Settings | None = None,
    progress: bool = False,
) -> IngestReport:
    settings = settings or Settings()
    started = time.perf_counter()
    report = IngestReport()
    loaders = make_loaders(settings.chunk)
    pending: dict[str, list[tuple[Path, str]]] = defaultdict(list)
    by_name: dict[str, Loader] = {ld.name: ld for ld in loaders}

    for path in discover(Path(p) for p in paths):
        report.files_seen += 1
        if not path.exists():
            report.failures.append(FileError(path=str(path), reason="no such file or folder"))
            continue
        loader = detect(path, loaders)
        if loader is None:
            report.files_unsupported.append(str(path))
            continue
        sha = file_sha256(path)
        if store.file_hash(str(path.resolve())) == sha:
            report.files_unchanged += 1
            continue
        pending[loader.name].append((path, sha))

    total = sum(len(v) for v in pending.values())
    bar = Progress(transient=True) if progress and total else nullcontext()
    with bar as prog:
        task = prog.add_task("ingesting", total=total) if prog else None
        for name, files in pending.items():
            shas = {path: sha for path, sha in files}
            for result in by_name[name].load_files(path for path, _ in files):
                _record(result, shas, name, store, report)
                if prog is not None:
                    prog.advance(task)
    report.elapsed_s = round(time.perf_counter() - started, 2)
    return report


def _record(
    result: FileDocuments | FileFailure,
    shas: dict[Path, str],
    loader: str,
    store: Store,
    report: IngestReport,
) -> None:
    if isinstance(result, FileFailure):
        log.warning("skipped %s: %s", result.path, result.reason)
        report.failures.append(FileError(path=str(result.path), reason=result.reason))
        return
    try:
        counts = store.write_file(
            str(result.path.resolve()), shas[result.path], loader, result.documents
        )
    except Exception as exc:  # e.g. a document violating a constraint: report, keep going
        log.warning("could not store %s: %s", result.path, exc)
        report.failures.append(FileError(path=str(result.path), reason=f"store error: {exc}"))
        return
    report.files_ingested += 1
    report.documents_added += counts.added
    report.documents_updated += counts.updated
    report.documents_unchanged += counts.unchanged
    report.passages_added += counts.passages
