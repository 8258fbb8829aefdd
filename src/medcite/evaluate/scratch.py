"""A scratch copy of the user's index with an evaluation set's documents added (the original stays untouched)."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from medcite.config import Settings
from medcite.index.sqlite import SqliteStore
from medcite.ingest.pipeline import ingest
from medcite.models import IngestReport


@contextmanager
def scratch_index(dataset: Path, settings: Settings) -> Iterator[tuple[SqliteStore, IngestReport]]:
    if not settings.index_path.exists():
        raise FileNotFoundError(
            f"no index at {settings.index_path}: build it first with `medcite ingest`"
        )
    with tempfile.TemporaryDirectory(prefix="medcite-eval-") as tmp:
        with SqliteStore(settings.index_path, read_only=True) as original:
            store = original.copy_to(Path(tmp) / "scratch.sqlite")
        try:
            report = ingest([dataset], store, settings)
            yield store, report
        finally:
            store.close()
