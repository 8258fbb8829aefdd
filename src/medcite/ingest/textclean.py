"""Turning markup (escaped HTML, XML mixed content) into clean text blocks."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import lxml.html
from lxml import etree

_BLOCK_TAGS = {
    "p",
    "div",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "caption",
    "td",
    "th",
    "section",
    "article",
    "header",
    "footer",
    "table",
    "ul",
    "ol",
}
_HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_SKIP_TAGS = {"script", "style", "noscript", "head", "title", "nav", "template"}
_WS = re.compile(r"[ \t\r\f\v\u00a0\u2002\u2003\u2009\u200b]+")


def normalize_space(text: str) -> str:
    """Unicode-normalize and collapse runs of spaces (newlines are kept as paragraph breaks)."""
    text = unicodedata.normalize("NFC", text)
    lines = [_WS.sub(" ", line).strip() for line in text.splitlines()]
    return "\n".join(line for line in lines if line)


@dataclass
class Block:
    """One block of text from markup: a paragraph, list item, heading or table row."""

    text: str
    tag: str
    is_heading: bool = False


def _is_emphasis_heading(el: etree._Element, text: str) -> bool:
    """A <p> whose whole text is bold/underlined and short reads as a sub-heading."""
    if el.tag != "p" or len(text) > 150 or (text.endswith((".", ":")) and len(text) > 80):
        return False
    strong = "".join(s.text_content() for s in el.iter("strong", "b", "u") if s is not el).strip()
    return bool(strong) and normalize_space(strong) == text


def html_blocks(markup: str) -> list[Block]:
    """Split HTML (a fragment or a page) into clean text blocks in reading order."""
    if not markup or not markup.strip():
        return []
    root = lxml.html.fragment_fromstring(markup, create_parent="div")
    blocks: list[Block] = []
    pieces: list[str] = []

    def flush(tag: str, el: etree._Element | None = None) -> None:
        text = normalize_space("".join(pieces)).replace("\n", " ")
        pieces.clear()
        if text:
            heading = tag in _HEADING_TAGS or (el is not None and _is_emphasis_heading(el, text))
            blocks.append(Block(text=text, tag=tag, is_heading=heading))

    def walk(el: etree._Element) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _SKIP_TAGS or not tag:  # scripts, styles, comments: keep only the tail
            if el.tail:
                pieces.append(el.tail)
            return
        block = tag in _BLOCK_TAGS
        if block:
            flush("p")
        if tag == "br":
            pieces.append("\n")
        if el.text:
            pieces.append(el.text)
        for child in el:
            walk(child)
        if block:
            flush(tag, el)
        elif tag in {"td", "th"}:
            pieces.append(" ")
        if el.tail:
            pieces.append(el.tail)

    walk(root)
    flush("p")
    return blocks


def html_to_text(markup: str) -> str:
    """HTML to plain text: one block a line."""
    return "\n".join(b.text for b in html_blocks(markup))


def xml_text(el: etree._Element | None) -> str:
    """All text inside an XML element (mixed content flattened), whitespace-normalized."""
    if el is None:
        return ""
    return normalize_space(" ".join(el.itertext())).replace("\n", " ")
