"""Section-aware chunking: split a section's text into passage spans at natural boundaries."""

from __future__ import annotations

import re

from medcite.config import ChunkSettings
from medcite.text import sentence_spans

_PARAGRAPH = re.compile(r"[^\n]+")


def _sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(start + s, start + e) for s, e in sentence_spans(text[start:end])]


def _hard_split(text: str, start: int, end: int, limit: int) -> list[tuple[int, int]]:
    """Cut an over-long sentence at the last space before the limit."""
    spans = []
    while end - start > limit:
        cut = text.rfind(" ", start, start + limit)
        cut = cut if cut > start else start + limit
        spans.append((start, cut))
        start = cut + 1 if text[cut : cut + 1] == " " else cut
    spans.append((start, end))
    return spans


def _atoms(text: str, start: int, end: int, cfg: ChunkSettings) -> list[tuple[int, int]]:
    """Paragraphs, or sentences of paragraphs too long to keep whole."""
    atoms: list[tuple[int, int]] = []
    for para in _PARAGRAPH.finditer(text, start, end):
        if para.end() - para.start() <= cfg.max_chars:
            atoms.append(para.span())
            continue
        for s, e in _sentence_spans(text, para.start(), para.end()):
            atoms.extend(
                _hard_split(text, s, e, cfg.max_chars) if e - s > cfg.max_chars else [(s, e)]
            )
    return [(s, e) for s, e in (_strip(text, a) for a in atoms) if e > s]


def _strip(text: str, span: tuple[int, int]) -> tuple[int, int]:
    s, e = span
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def chunk_spans(
    text: str, cfg: ChunkSettings, start: int = 0, end: int | None = None
) -> list[tuple[int, int]]:
    """Pack paragraphs (or sentences) of text[start:end] into spans of about target_chars."""
    end = len(text) if end is None else end
    chunks: list[list[int]] = []
    for s, e in _atoms(text, start, end, cfg):
        if chunks and e - chunks[-1][0] <= cfg.target_chars:
            chunks[-1][1] = e
        else:
            chunks.append([s, e])
    if len(chunks) > 1 and chunks[-1][1] - chunks[-1][0] < cfg.min_chars:
        last = chunks.pop()
        if last[1] - chunks[-1][0] <= cfg.max_chars:
            chunks[-1][1] = last[1]
        else:
            chunks.append(last)
    return [(s, e) for s, e in chunks]
