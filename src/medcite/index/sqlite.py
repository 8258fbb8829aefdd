"""The embedded default store: one SQLite file with an FTS5 index (SQLAlchemy 2 + Alembic)."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, select, text
from sqlalchemy.engine import Engine

from medcite.index import schema
from medcite.index.base import (
    LOOKUP_NAMES_KEY,
    LOOKUP_ONLY_KINDS,
    Candidate,
    IngestedFile,
    LexicalQuery,
    SourceFileWrite,
    Store,
    WriteCounts,
)
from medcite.index.migrate import upgrade
from medcite.index.opening import (
    check_readable,
    check_writable,
    connect_read_only,
    read_only_engine,
    writer_engine,
)
from medcite.models import Document, Passage, SearchFilters, Section
from medcite.text import analyze

_SEARCHED_PASSAGES = "kind NOT IN ({})".format(
    ", ".join(f"'{k}'" for k in sorted(LOOKUP_ONLY_KINDS))
)
# Documents looked up and written together while a file streams in: this many, or fewer when
# their text passes WRITE_BATCH_CHARS (a huge file comes as several large documents).
WRITE_BATCH = 200
WRITE_BATCH_CHARS = 4_000_000
_PASSAGE_COLUMNS = (
    'p.rowid, p.id, p.doc_id, p.ordinal, p.section, p.kind, p.grade, p.start, p."end", p.text'
)


def fts_expression(query: LexicalQuery) -> str:
    """FTS5 MATCH text built only from analyzed terms, each quoted: user text never reaches FTS syntax."""
    parts = [f'"{t}"' for t in query.terms]
    parts += ['"' + " ".join(p) + '"' for p in query.phrases if p]
    expression = " OR ".join(dict.fromkeys(parts))
    groups = [" OR ".join(f'"{t}"' for t in dict.fromkeys(g)) for g in query.required if g]
    if not groups:
        return expression
    required = " AND ".join(f"({g})" for g in groups)
    return f"({expression}) AND {required}" if expression else required


def _filter_sql(filters: SearchFilters) -> tuple[str, dict[str, object]]:
    clauses, params = [], {}
    if filters.source_types:
        names = [f":st{i}" for i in range(len(filters.source_types))]
        clauses.append(f"d.source_type IN ({', '.join(names)})")
        params |= {f"st{i}": t.value for i, t in enumerate(filters.source_types)}
    if filters.collections:
        names = [f":co{i}" for i in range(len(filters.collections))]
        clauses.append(f"d.collection IN ({', '.join(names)})")
        params |= {f"co{i}": c for i, c in enumerate(filters.collections)}
    if filters.year_min is not None:
        clauses.append("d.year >= :year_min")
        params["year_min"] = filters.year_min
    if filters.year_max is not None:
        clauses.append("d.year <= :year_max")
        params["year_max"] = filters.year_max
    return " AND ".join(clauses), params


def _batches(docs: Iterable[Document]) -> Iterator[list[Document]]:
    batch: list[Document] = []
    chars = 0
    for doc in docs:
        batch.append(doc)
        chars += len(doc.text)
        if len(batch) >= WRITE_BATCH or chars >= WRITE_BATCH_CHARS:
            yield batch
            batch, chars = [], 0
    if batch:
        yield batch


def _passage(row: tuple) -> Passage:
    _rowid, pid, doc_id, ordinal, section, kind, grade, start, end, body = row[:10]
    return Passage(
        id=pid,
        doc_id=doc_id,
        ordinal=ordinal,
        section=section,
        kind=kind,
        grade=grade,
        start=start,
        end=end,
        text=body,
    )


class SqliteStore(Store):
    def __init__(self, path: Path | str, read_only: bool = False) -> None:
        """Open the index at path.

        read_only: never write (SQLite URI mode=ro) and refuse anything but a medcite index at
        this medcite's schema revision (IndexOpenError). Otherwise create or migrate it, as
        `ingest` does; a foreign or newer file is refused too.
        """
        self.path = Path(path)
        self.read_only = read_only
        if read_only:
            check_readable(self.path)
            self.engine: Engine = read_only_engine(self.path)
        else:
            check_writable(self.path)
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.engine = writer_engine(self.path)
            with self.engine.begin() as conn:
                upgrade(conn)
        self._conn: Connection = self.engine.connect()
        self._passage_count: int | None = None

    # -- writing ----------------------------------------------------------------------------
    def ingested_file(self, path: str) -> IngestedFile | None:
        t = schema.source_files
        row = self._conn.execute(select(t.c.sha256, t.c.loader).where(t.c.path == path)).first()
        self._conn.rollback()
        return IngestedFile(row[0], row[1]) if row else None

    def source_files(self, loader: str) -> dict[str, IngestedFile]:
        t = schema.source_files
        rows = self._conn.execute(
            select(t.c.path, t.c.sha256, t.c.loader).where(
                (t.c.loader == loader) | t.c.loader.startswith(f"{loader}@", autoescape=True)
            )
        ).all()
        self._conn.rollback()
        return {path: IngestedFile(sha, name) for path, sha, name in rows}

    def write_files(self, files: Sequence[SourceFileWrite], loader: str) -> WriteCounts:
        counts = WriteCounts()
        # The snapshot id is derived from what was written, so equal content gives equal ids.
        changes = hashlib.sha256()
        with self.engine.begin() as conn:
            for source in files:
                stored = 0
                for batch in _batches(source.documents):
                    stored += len(batch)
                    for doc in self._upsert(conn, batch, counts):
                        changes.update(f"{doc.id}:{doc.content_hash};".encode())
                changes.update(f"{source.path}:{source.sha256};".encode())
                self._record_file(conn, source, loader, stored)
            if counts.added or counts.updated:
                self._bump_snapshot(conn, changes.hexdigest())
        self._passage_count = None
        return counts

    def _upsert(
        self, conn: Connection, docs: list[Document], counts: WriteCounts
    ) -> list[Document]:
        """Insert new and changed documents; the ones written, in order."""
        ids = [d.id for d in docs]
        d = schema.documents
        existing = dict(conn.execute(select(d.c.id, d.c.content_hash).where(d.c.id.in_(ids))).all())
        changed = [doc for doc in docs if existing.get(doc.id) != doc.content_hash]
        updated = [doc.id for doc in changed if doc.id in existing]
        counts.unchanged += len(docs) - len(changed)
        counts.updated += len(updated)
        counts.added += len(changed) - len(updated)
        counts.passages += sum(len(doc.passages) for doc in changed)
        self._delete(conn, updated)
        self._insert(conn, changed)
        return changed

    @staticmethod
    def _record_file(
        conn: Connection, source: SourceFileWrite, loader: str, documents: int
    ) -> None:
        t = schema.source_files
        conn.execute(t.delete().where(t.c.path == source.path))
        conn.execute(
            t.insert().values(
                path=source.path,
                sha256=source.sha256,
                loader=loader,
                documents=documents,
                ingested_at=datetime.now(UTC).isoformat(timespec="seconds"),
            )
        )

    @staticmethod
    def _delete(conn: Connection, doc_ids: list[str]) -> None:
        for doc_id in doc_ids:
            conn.exec_driver_sql(
                "DELETE FROM passage_fts WHERE rowid IN (SELECT rowid FROM passages WHERE doc_id = ?)",
                (doc_id,),
            )
            conn.exec_driver_sql("DELETE FROM passages WHERE doc_id = ?", (doc_id,))
            conn.exec_driver_sql("DELETE FROM document_names WHERE doc_id = ?", (doc_id,))
            conn.exec_driver_sql("DELETE FROM documents WHERE id = ?", (doc_id,))

    @staticmethod
    def _insert(conn: Connection, docs: list[Document]) -> None:
        if not docs:
            return
        conn.execute(
            schema.documents.insert(),
            [
                d.model_dump(mode="json", exclude={"passages", "metadata"}) | {"extra": d.metadata}
                for d in docs
            ],
        )
        cur = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        for doc in docs:
            title_terms = " ".join(analyze(doc.title))
            names = doc.metadata.get(LOOKUP_NAMES_KEY) or []
            cur.executemany(
                "INSERT OR IGNORE INTO document_names (name, doc_id, collection) VALUES (?, ?, ?)",
                [
                    (name, doc.id, doc.collection)
                    for name in ([names] if isinstance(names, str) else names)
                ],
            )
            for p in doc.passages:
                cur.execute(
                    'INSERT INTO passages (id, doc_id, ordinal, section, kind, grade, start, "end", text)'
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (p.id, p.doc_id, p.ordinal, p.section, p.kind, p.grade, p.start, p.end, p.text),
                )
                if p.kind in LOOKUP_ONLY_KINDS:
                    continue
                cur.execute(
                    "INSERT INTO passage_fts (rowid, title, section, body) VALUES (?, ?, ?, ?)",
                    (
                        cur.lastrowid,
                        title_terms,
                        " ".join(analyze(p.section)),
                        " ".join(analyze(p.text)),
                    ),
                )
        cur.close()

    @staticmethod
    def _bump_snapshot(conn: Connection, salt: str) -> None:
        old = conn.execute(text("SELECT value FROM store_meta WHERE key = 'snapshot'")).scalar()
        new = hashlib.sha256(f"{old}:{salt}".encode()).hexdigest()[:16]
        conn.execute(
            text("INSERT OR REPLACE INTO store_meta (key, value) VALUES ('snapshot', :v)"),
            {"v": new},
        )

    # -- reading ----------------------------------------------------------------------------
    def get_documents(
        self, ids: Iterable[str], with_passages: bool = False, with_text: bool = True
    ) -> dict[str, Document]:
        ids = list(dict.fromkeys(ids))
        if not ids:
            return {}
        d = schema.documents
        columns = list(d.c) if with_text else [c for c in d.c if c.name not in {"text", "sections"}]
        rows = self._conn.execute(select(*columns).where(d.c.id.in_(ids))).mappings().all()
        passages: dict[str, list[Passage]] = {}
        if with_passages:
            marks = ", ".join("?" * len(ids))
            for row in self._conn.exec_driver_sql(
                f"SELECT {_PASSAGE_COLUMNS} FROM passages p WHERE p.doc_id IN ({marks}) ORDER BY p.ordinal",
                tuple(ids),
            ):
                passages.setdefault(row[2], []).append(_passage(tuple(row)))
        self._conn.rollback()
        out = {}
        for row in rows:
            data = dict(row)
            data["metadata"] = data.pop("extra") or {}
            data["sections"] = [Section(**s) for s in data.get("sections") or []]
            data.setdefault("text", "")
            data["passages"] = passages.get(data["id"], [])
            out[data["id"]] = Document.model_validate(data)
        return out

    def document_frequency(self, terms: Iterable[str]) -> dict[str, int]:
        terms = list(dict.fromkeys(terms))
        if not terms:
            return {}
        marks = ", ".join("?" * len(terms))
        rows = self._conn.exec_driver_sql(
            f"SELECT term, doc FROM passage_vocab WHERE term IN ({marks})", tuple(terms)
        ).all()
        self._conn.rollback()
        found = dict(rows)
        return {t: int(found.get(t, 0)) for t in terms}

    def passage_count(self) -> int:
        if self._passage_count is None:
            self._passage_count = (
                self._conn.exec_driver_sql(
                    f"SELECT count(*) FROM passages WHERE {_SEARCHED_PASSAGES}"
                ).scalar()
                or 0
            )
            self._conn.rollback()
        return self._passage_count

    def documents_named(
        self, names: Iterable[str], collection: str | None = None
    ) -> dict[str, list[str]]:
        names = list(dict.fromkeys(names))
        if not names:
            return {}
        marks = ", ".join("?" * len(names))
        sql = f"SELECT name, doc_id FROM document_names WHERE name IN ({marks})"
        params: tuple[str, ...] = tuple(names)
        if collection is not None:
            sql += " AND collection = ?"
            params += (collection,)
        found: dict[str, list[str]] = {}
        for name, doc_id in self._conn.exec_driver_sql(sql + " ORDER BY name, doc_id", params):
            found.setdefault(name, []).append(doc_id)
        self._conn.rollback()
        return found

    def match(self, query: LexicalQuery, filters: SearchFilters, limit: int) -> list[Candidate]:
        expression = fts_expression(query)
        if not expression:
            return []
        where, params = _filter_sql(filters)
        w_title, w_section, w_body = query.column_weights
        join = "JOIN documents d ON d.id = p.doc_id" if where else ""
        sql = (
            f"SELECT {_PASSAGE_COLUMNS}, bm25(passage_fts, {w_title}, {w_section}, {w_body}) AS s, "
            f"f.title, f.body FROM passage_fts f JOIN passages p ON p.rowid = f.rowid {join} "
            f"WHERE passage_fts MATCH :q {'AND ' + where if where else ''} ORDER BY s LIMIT :n"
        )
        rows = self._conn.execute(text(sql), {"q": expression, "n": limit, **params}).all()
        self._conn.rollback()
        return [
            Candidate(
                passage=_passage(tuple(r)),
                lexical_score=-float(r[10]),
                terms=frozenset(r[11].split()) | frozenset(r[12].split()),
            )
            for r in rows
        ]

    # -- bookkeeping --------------------------------------------------------------------------
    def stats(self) -> dict[str, object]:
        q = self._conn.exec_driver_sql
        by_collection = dict(
            q("SELECT collection, count(*) FROM documents GROUP BY collection").all()
        )
        by_type = dict(q("SELECT source_type, count(*) FROM documents GROUP BY source_type").all())
        stats = {
            "path": str(self.path),
            "documents": sum(by_collection.values()),
            "passages": self.passage_count(),
            "files": q("SELECT count(*) FROM source_files").scalar(),
            "by_collection": by_collection,
            "by_source_type": by_type,
            "size_bytes": sum(
                p.stat().st_size for p in self.path.parent.glob(self.path.name + "*")
            ),
            "snapshot": self.snapshot_id(),
        }
        self._conn.rollback()
        return stats

    def snapshot_id(self) -> str:
        value = self._conn.execute(
            text("SELECT value FROM store_meta WHERE key = 'snapshot'")
        ).scalar()
        self._conn.rollback()
        return value or "empty"

    def copy_to(self, destination: Path) -> SqliteStore:
        """A consistent copy of this index (for scratch evaluation), opened as its own store."""
        destination.parent.mkdir(parents=True, exist_ok=True)
        # SQLite's backup API reads a consistent snapshot (WAL included) without writing here.
        source, target = connect_read_only(self.path), sqlite3.connect(destination)
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
        return SqliteStore(destination)

    def close(self) -> None:
        self._conn.close()
        self.engine.dispose()
