"""Markdown files (.md, .markdown).

An optional front matter block at the very top (a line "---", then simple "key: value" lines,
then "---" or "...") sets document fields; no YAML parser is involved, so lists and nesting are
ignored. Known keys: title, source_type (a SourceType value such as "guideline" or
"patient_information"; default "research"), publisher, journal, year (or date), url, doi, pmid,
license. Other keys are kept as metadata strings.

The title is the front matter title, else the first level-1 heading, else the file stem. ATX
headings ("#" to "######") and Setext headings (underlined with "=" or "-") start sections named
by their text. Inline markup is stripped: emphasis, inline code, links (their text is kept),
images and HTML tags (removed). List items and table rows stay one per line.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

from medcite.ingest.base import Loader, LoadError
from medcite.ingest.builder import parse_year
from medcite.ingest.userfiles import Paragraphs, build_user_document, read_text_file
from medcite.models import Document, SourceType

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_BREAK = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_REF_DEF = re.compile(r"^ {0,3}\[[^\]]+\]:\s+\S")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_FRONT_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$")
_BULLET = re.compile(r"^(\s*)[*+]\s+")

_ESCAPABLE = "\\`*_{}[]()#+-.!|<>~"
_ESCAPE = re.compile(r"\\([" + re.escape(_ESCAPABLE) + "])")
_ESCAPED = re.compile(f"[\ue000-{chr(0xE000 + len(_ESCAPABLE) - 1)}]")
# Inline markup spans longer than this stay as typed. Together with run classes that exclude the
# character opening the next candidate ("[", "<", the emphasis delimiter), it keeps every pattern
# linear in the line's length: a failed match never scans past the next place one could start.
MAX_INLINE_SPAN = 1000
_N = MAX_INLINE_SPAN
_INLINE: list[tuple[re.Pattern[str], str]] = [
    # images
    (re.compile(rf"!\[[^\[\]]{{0,{_N}}}\](?:\([^)\[]{{0,{_N}}}\)|\[[^\[\]]{{0,{_N}}}\])"), ""),
    (re.compile(rf"\[([^\[\]]{{1,{_N}}})\]\([^)\[]{{0,{_N}}}\)"), r"\1"),  # [text](url)
    (re.compile(rf"\[([^\[\]]{{1,{_N}}})\]\[[^\[\]]{{0,{_N}}}\]"), r"\1"),  # [text][ref]
    (re.compile(rf"<((?:https?|mailto):[^<>\s]{{1,{_N}}})>"), r"\1"),  # autolinks
    (re.compile(rf"</?[A-Za-z][^<>]{{0,{_N}}}>"), ""),  # inline HTML tags
]
_BACKTICKS = re.compile(r"`+")
# Strong and strikethrough, then single * or _ only at word edges (snake_case and 2*3*4 survive).
_EMPHASIS: list[re.Pattern[str]] = [
    *(
        re.compile(rf"{d}{d}(?=\S)([^{c}]{{1,{_N}}}?)(?<=\S){d}{d}")
        for c, d in (("*", r"\*"), ("_", "_"), ("~", "~"))
    ),
    *(
        re.compile(rf"(?<![\w*]){d}(?=\S)([^{c}]{{1,{_N}}}?)(?<=\S){d}(?![\w*])")
        for c, d in (("*", r"\*"), ("_", "_"))
    ),
]


def _drop_comments(text: str) -> str:
    """Remove <!-- ... --> in one pass; an unclosed comment is left as typed."""
    out, pos = [], 0
    while (start := text.find("<!--", pos)) != -1:
        end = text.find("-->", start + 4)
        if end == -1:
            break
        out.append(text[pos:start])
        pos = end + 3
    out.append(text[pos:])
    return "".join(out)


def _code_spans(text: str) -> str:
    """`code` and ``co`de`` to their content: a run of backticks pairs with the next run of the
    same length, found by one backward pass over the runs (linear, however many backticks)."""
    runs = [m.span() for m in _BACKTICKS.finditer(text)]
    if len(runs) < 2:
        return text
    closer: list[int | None] = [None] * len(runs)
    last_of_length: dict[int, int] = {}
    for i in range(len(runs) - 1, -1, -1):
        length = runs[i][1] - runs[i][0]
        closer[i] = last_of_length.get(length)
        last_of_length[length] = i
    out, pos, i = [], 0, 0
    while i < len(runs):
        j = closer[i]
        if j is None or runs[j][0] == runs[i][1]:  # no closing run, or empty content
            i += 1
            continue
        out += [text[pos : runs[i][0]], text[runs[i][1] : runs[j][0]]]
        pos, i = runs[j][1], j + 1
    out.append(text[pos:])
    return "".join(out)


_FIELDS = {
    "title",
    "source_type",
    "publisher",
    "journal",
    "year",
    "date",
    "url",
    "doi",
    "pmid",
    "license",
}


def strip_inline(text: str) -> str:
    """Markdown inline markup to plain text."""
    # Backslash-escaped characters are parked in the private-use area so no rule matches them.
    text = _ESCAPE.sub(lambda m: chr(0xE000 + _ESCAPABLE.index(m.group(1))), text)
    text = _drop_comments(text)
    for pattern, repl in _INLINE:
        text = pattern.sub(repl, text)
    text = _code_spans(text)
    for pattern in _EMPHASIS:
        text = pattern.sub(r"\1", text)
    text = _ESCAPED.sub(lambda m: _ESCAPABLE[ord(m.group()) - 0xE000], text)
    return html.unescape(text)


def split_front_matter(lines: list[str]) -> tuple[dict[str, str], list[str]]:
    """Front matter keys (lower-cased) and the lines after the block."""
    if not lines or lines[0].strip() != "---":
        return {}, lines
    for end in range(1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            meta = {}
            for line in lines[1:end]:
                if m := _FRONT_KEY.match(line.strip()):
                    meta[m.group(1).lower()] = m.group(2).strip().strip("\"'")
            return meta, lines[end + 1 :]
    return {}, lines  # no closing line: not front matter after all


def _source_type(value: str | None) -> SourceType:
    if not value:
        return SourceType.RESEARCH
    key = re.sub(r"[\s-]+", "_", value.strip().lower())
    try:
        return SourceType(key)
    except ValueError:
        allowed = ", ".join(t.value for t in SourceType)
        raise LoadError(f"front matter source_type {value!r} is not one of: {allowed}") from None


def markdown_parts(lines: list[str]) -> tuple[Paragraphs, str | None]:
    """The body as parts, and the first level-1 heading."""
    out = Paragraphs()
    h1: str | None = None
    fence: str | None = None
    for raw in lines:
        if fence:
            if raw.strip().startswith(fence):
                fence = None
            else:
                out.hard_line(raw)
            continue
        if m := _FENCE.match(raw):
            fence = m.group(1)
            out.end()
            continue
        level, heading = 0, None
        if m := _ATX.match(raw):
            level, heading = len(m.group(1)), m.group(2) or ""
        elif (m := _SETEXT.match(raw)) and (line := out.take_single_line()) is not None:
            level, heading = (1 if m.group(1)[0] == "=" else 2), line
        if heading is not None:
            heading = strip_inline(heading).strip()
            if level == 1 and h1 is None and heading:
                h1 = heading
            out.heading(heading)
        elif _BREAK.match(raw) or _REF_DEF.match(raw) or _TABLE_RULE.match(raw):
            out.end()
        else:
            line = re.sub(r"^ {0,3}(> ?)+", "", raw)  # block quotes read as plain text
            if line.lstrip().startswith("|"):
                cells = [strip_inline(c.strip()) for c in line.strip().strip("|").split("|")]
                out.hard_line(" | ".join(c for c in cells if c))
            else:
                out.line(strip_inline(_BULLET.sub(r"\1- ", line)))
    return out, h1


class MarkdownLoader(Loader):
    name: ClassVar[str] = "markdown"
    suffixes: ClassVar[tuple[str, ...]] = (".md", ".markdown")

    def load(self, path: Path) -> Iterator[Document]:
        meta, body = split_front_matter(read_text_file(path).splitlines())
        paragraphs, h1 = markdown_parts(body)
        year = meta.get("year") or meta.get("date")
        yield build_user_document(
            path,
            meta.get("title") or h1 or path.stem,
            paragraphs.done(),
            self.chunk,
            source_type=_source_type(meta.get("source_type")),
            publisher=meta.get("publisher") or None,
            journal=meta.get("journal") or None,
            year=parse_year(year),
            url=meta.get("url") or None,
            doi=meta.get("doi") or None,
            pmid=meta.get("pmid") or None,
            license=meta.get("license") or None,
            metadata={k: v for k, v in meta.items() if k not in _FIELDS and v},
        )
