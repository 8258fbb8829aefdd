"""Ingest files and folders into a store: detect formats, skip what is unchanged, report failures.

Each source file is written in one transaction together with the record that it was ingested,
so a run killed at any point leaves whole files or nothing, and the next run resumes from the
first file not recorded. Files whose documents are merged across files (BioASQ batches, the
DDInter tables: loaders with merges_files) are loaded together and written in one transaction,
with every file that was ever recorded for that loader: when any of them is new or changed, the
whole group is rebuilt, so a merged document always comes from all of its files.

Nothing is opened before it is known to be a regular, readable file under the size cap; every
file or folder left out is reported with the reason, and so is every record a loader skips.
"""

from __future__ import annotations

import logging
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

from rich.progress import Progress

from medcite.config import Settings
from medcite.index.base import SourceFileWrite, Store, WriteCounts
from medcite.ingest.base import FileDocuments, FileFailure, Loader, LoadError, describe_error
from medcite.ingest.files import discover, file_problem, file_sha256
from medcite.ingest.registry import identify, make_loaders
from medcite.models import Document, FileError, IngestReport, SkippedRecord

log = logging.getLogger("medcite.ingest")

__all__ = ["discover", "file_sha256", "ingest"]


@dataclass
class PlannedFile:
    """A file a loader will read, with its content hash and whether the store lacks it."""

    path: Path
    sha256: str
    changed: bool

    @property
    def key(self) -> str:
        return str(self.path.resolve())


class SourceError(Exception):
    """A loader failed while its documents were being stored (not the store itself)."""


def ingest(
    paths: Iterable[Path | str],
    store: Store,
    settings: Settings | None = None,
    progress: bool = False,
) -> IngestReport:
    settings = settings or Settings()
    started = time.perf_counter()
    report = IngestReport()
    loaders = {ld.name: ld for ld in make_loaders(settings.chunk)}
    planned = _plan((Path(p) for p in paths), store, loaders, settings, report)
    work = list(_work(planned, store, loaders, settings, report))
    total = sum(len(files) for _, files in work)
    bar = Progress(transient=True) if progress and total else nullcontext()
    with bar as prog:
        task = prog.add_task("ingesting", total=total) if prog else None
        for loader, files in work:
            if loader.merges_files:
                _store_group(loader, files, store, report)
                if prog is not None:
                    prog.advance(task, len(files))
                continue
            shas = {f.path: f.sha256 for f in files}
            for result in loader.load_files(f.path for f in files):
                _store_file(result, shas, loader.record_name, store, report)
                if prog is not None:
                    prog.advance(task)
    report.elapsed_s = round(time.perf_counter() - started, 2)
    return report


def _fail(report: IngestReport, path: Path | str, reason: str) -> None:
    log.warning("skipped %s: %s", path, reason)
    report.failures.append(FileError(path=str(path), reason=reason))


def _plan(
    paths: Iterable[Path],
    store: Store,
    loaders: dict[str, Loader],
    settings: Settings,
    report: IngestReport,
) -> dict[str, list[PlannedFile]]:
    """Every readable file of a supported format, by loader; each file once."""
    planned: dict[str, list[PlannedFile]] = defaultdict(list)
    seen: set[str] = set()
    for item in discover(paths):
        if isinstance(item, FileError):
            _fail(report, item.path, item.reason)
            continue
        if str(item.resolve()) in seen:
            continue
        seen.add(str(item.resolve()))
        report.files_seen += 1
        if (problem := file_problem(item, settings.max_file_mb)) is not None:
            _fail(report, item, problem)
            continue
        try:
            loader = identify(item, list(loaders.values()))
            if loader is None:
                report.files_unsupported.append(str(item))
                continue
            sha = file_sha256(item)
        except LoadError as exc:
            _fail(report, item, str(exc))
            continue
        except OSError as exc:
            _fail(report, item, f"cannot read: {exc.strerror or exc}")
            continue
        recorded = store.ingested_file(str(item.resolve()))
        changed = recorded != (sha, loader.record_name)
        planned[loader.name].append(PlannedFile(item, sha, changed))
    return planned


def _work(
    planned: dict[str, list[PlannedFile]],
    store: Store,
    loaders: dict[str, Loader],
    settings: Settings,
    report: IngestReport,
) -> Iterator[tuple[Loader, list[PlannedFile]]]:
    """What each loader must read: changed files, or a whole group if any member changed."""
    for name, files in planned.items():
        loader = loaders[name]
        if loader.merges_files:
            group = files + _recorded_members(loader, files, store, loaders, settings)
            if any(f.changed for f in group):
                yield loader, group
            else:
                report.files_unchanged += len(files)
            continue
        report.files_unchanged += sum(not f.changed for f in files)
        if changed := [f for f in files if f.changed]:
            yield loader, changed


def _recorded_members(
    loader: Loader,
    given: list[PlannedFile],
    store: Store,
    loaders: dict[str, Loader],
    settings: Settings,
) -> list[PlannedFile]:
    """Files recorded for a merging loader but not given this time, that can still be read:
    their content belongs in the documents the group rebuilds."""
    keys = {f.key for f in given}
    members = []
    for recorded, record in sorted(store.source_files(loader.name).items()):
        path = Path(recorded)
        if recorded in keys or file_problem(path, settings.max_file_mb) is not None:
            continue
        try:
            if identify(path, list(loaders.values())) is not loader:
                continue
            current = file_sha256(path)
        except (LoadError, OSError):
            continue
        members.append(PlannedFile(path, current, record != (current, loader.record_name)))
    return members


def _store_group(
    loader: Loader, files: list[PlannedFile], store: Store, report: IngestReport
) -> None:
    """Load a merging loader's files together and store them in one transaction."""
    shas = {f.path: f.sha256 for f in files}
    writes: list[SourceFileWrite] = []
    skipped: list[SkippedRecord] = []
    for result in loader.load_files(f.path for f in files):
        if isinstance(result, FileFailure):
            _fail(report, result.path, result.reason)
            continue
        docs = list(result.documents)
        writes.append(SourceFileWrite(str(result.path.resolve()), shas[result.path], docs))
        skipped.extend(result.skipped)
    if not writes:
        return
    try:
        counts = store.write_files(writes, loader.record_name)
    except Exception as exc:  # e.g. a document violating a constraint: report, keep going
        for write in writes:
            _fail(report, write.path, f"store error: {exc}")
        return
    _count(report, counts, files=len(writes))
    report.skipped_records.extend(skipped)


def _store_file(
    result: FileDocuments | FileFailure,
    shas: dict[Path, str],
    loader: str,
    store: Store,
    report: IngestReport,
) -> None:
    if isinstance(result, FileFailure):
        _fail(report, result.path, result.reason)
        return
    try:
        counts = store.write_file(
            str(result.path.resolve()), shas[result.path], loader, _source(result.documents)
        )
    except SourceError as exc:  # the file broke while it was read: nothing of it was stored
        _fail(report, result.path, str(exc))
        return
    except Exception as exc:  # e.g. a document violating a constraint: report, keep going
        _fail(report, result.path, f"store error: {exc}")
        return
    _count(report, counts, files=1)
    report.skipped_records.extend(result.skipped)


def _source(documents: Iterable[Document]) -> Iterator[Document]:
    """The documents, with a loader's error told apart from a store error."""
    try:
        yield from documents
    except Exception as exc:
        raise SourceError(describe_error(exc)) from exc


def _count(report: IngestReport, counts: WriteCounts, files: int) -> None:
    report.files_ingested += files
    report.documents_added += counts.added
    report.documents_updated += counts.updated
    report.documents_unchanged += counts.unchanged
    report.passages_added += counts.passages
