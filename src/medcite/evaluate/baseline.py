"""The bm25s baseline: plain BM25 over exactly the passages (title + text) the store holds."""

from __future__ import annotations

import bm25s
import Stemmer

from medcite.index.sqlite import SqliteStore


class Bm25sBaseline:
    def __init__(self, store: SqliteStore) -> None:
        rows = (
            store.engine.connect()
            .exec_driver_sql(
                "SELECT p.doc_id, d.title, p.text, d.pmid FROM passages p JOIN documents d ON d.id = p.doc_id"
            )
            .all()
        )
        self.doc_keys = [pmid or doc_id for doc_id, _title, _text, pmid in rows]
        self.stemmer = Stemmer.Stemmer("english")
        corpus = [f"{title}\n{text}" for _doc, title, text, _pmid in rows]
        tokens = bm25s.tokenize(corpus, stopwords="en", stemmer=self.stemmer, show_progress=False)
        self.retriever = bm25s.BM25()
        self.retriever.index(tokens, show_progress=False)

    def documents(self, query: str, k: int = 10, depth: int = 200) -> list[str]:
        """Top-k distinct documents, in the order of their best passage."""
        tokens = bm25s.tokenize([query], stopwords="en", stemmer=self.stemmer, show_progress=False)
        if not tokens.vocab:
            return []
        depth = min(depth, len(self.doc_keys))
        results, _scores = self.retriever.retrieve(
            tokens, k=depth, show_progress=False, n_threads=1
        )
        ranked: list[str] = []
        for idx in results[0]:
            key = self.doc_keys[int(idx)]
            if key not in ranked:
                ranked.append(key)
                if len(ranked) == k:
                    break
        return ranked
