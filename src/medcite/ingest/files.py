"""Find the files to ingest and check each one before any loader opens it.

Folders are walked without following symbolic links to folders; hidden entries and dataset
READMEs/licences are left out. A folder that cannot be read, a path that is not a regular file
(a FIFO, a device such as /dev/zero, a socket), a file over the size cap and a file that cannot
be read are each reported with the reason and skipped; the rest still go in.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from medcite.ingest.registry import is_dataset_documentation
from medcite.models import FileError

BYTES_PER_MB = 1_000_000
_HASH_BLOCK = 1 << 20
_SPECIAL_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def discover(paths: Iterable[Path]) -> Iterator[Path | FileError]:
    """Files under the given paths in a stable order, and the folders that could not be read."""
    for path in paths:
        if path.is_dir():
            yield from _walk(path)
        else:
            yield path


def _walk(root: Path) -> list[Path | FileError]:
    found: list[Path] = []
    unreadable: list[FileError] = []

    def report(exc: OSError) -> None:
        reason = f"folder not read: {exc.strerror or exc}"
        unreadable.append(FileError(path=str(exc.filename or root), reason=reason))

    for folder, dirnames, filenames in os.walk(root, onerror=report):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            child = Path(folder, name)
            if not name.startswith(".") and not is_dataset_documentation(child):
                found.append(child)
    return [*sorted(found), *unreadable]


def file_problem(path: Path, max_mb: float) -> str | None:
    """Why the file cannot be ingested, found without opening it; None when it can be."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return "broken symbolic link" if path.is_symlink() else "no such file or folder"
    except OSError as exc:
        return f"cannot read: {exc.strerror or exc}"
    if not stat.S_ISREG(info.st_mode):
        kind = next((name for test, name in _SPECIAL_KINDS if test(info.st_mode)), "special")
        return f"not a regular file but {kind}: skipped without opening it"
    if info.st_size > max_mb * BYTES_PER_MB:
        size = info.st_size / BYTES_PER_MB
        return f"too large: {size:,.0f} MB is over the {max_mb:,.0f} MB limit (max_file_mb)"
    if not os.access(path, os.R_OK):
        return "cannot read: permission denied"
    return None


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(_HASH_BLOCK), b""):
            digest.update(block)
    return digest.hexdigest()
