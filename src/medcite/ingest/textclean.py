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
    depth: int = 0  # how many lists (<ul>, <ol>) it sits in


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

    def flush(tag: str, depth: int, el: etree._Element | None = None) -> None:
        text = normalize_space("".join(pieces)).replace("\n", " ")
        pieces.clear()
        if text:
            heading = tag in _HEADING_TAGS or (el is not None and _is_emphasis_heading(el, text))
            blocks.append(Block(text=text, tag=tag, is_heading=heading, depth=depth))

    def walk(el: etree._Element, enclosing: tuple[str, int], depth: int) -> None:
        """enclosing: the tag and list depth of the innermost block around el; text before a
        nested block belongs to it (an item's text before its sub-list is an item)."""
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _SKIP_TAGS or not tag:  # scripts, styles, comments: keep only the tail
            if el.tail:
                pieces.append(el.tail)
            return
        block = tag in _BLOCK_TAGS
        if block:
            flush(*enclosing)
        if tag == "br":
            pieces.append("\n")
        if el.text:
            pieces.append(el.text)
        inner = depth + (tag in ("ul", "ol"))
        for child in el:
            walk(child, (tag, depth) if block else enclosing, inner)
        if block:
            flush(tag, depth, el)
        elif tag in {"td", "th"}:
            pieces.append(" ")
        if el.tail:
            pieces.append(el.tail)

    walk(root, ("p", 0), 0)
    flush("p", 0)
    return blocks


# A paragraph introducing the list after it: "... recommends offering one of the following
# medications:" (a colon, or "following" with no closing punctuation), or one broken off at a
# word no sentence ends with ("... offered to patients with alcohol use disorder who").
_LEAD_IN = re.compile(r":\s*$|\bfollowing\b[^.!?]*[^.!?)\s]\s*$", re.I)
_DANGLING = re.compile(
    r"\b(?:who|whom|whose|that|which|with|and|or|to|of|for|if|when|where|in|by|are|is|have|"
    r"has|include|including|such as|either|offering|using|offer|use|consider|considering)\s*$",
    re.I,
)
_ITEM_END = re.compile(r"(?:[\s;,.]+(?:and|or))?[\s;,.]*$", re.I)
_SENTENCE_BREAK = re.compile(r"[.!?]\s+[A-Z]")
_PARENTHESISED = re.compile(r"^\([^()]{1,100}\)\.?$")
_MIN_LEAD_IN_WORDS = 4  # "Definitions:" or "Recommendation:" introduce no sentence


def join_listed_items(
    blocks: list[Block], max_item_chars: int = 200, max_items: int = 15
) -> list[Block]:
    """A sentence that leads into a list of short items ("... offering one of the following
    medications:" then "Buprenorphine/naloxone", "Methadone ...") joined with its items and
    the parenthesised grade after them into one block: "...: Buprenorphine/naloxone; Methadone
    .... (Strong For)". Items that are sentences of their own stay blocks of their own."""
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        lead = blocks[i]
        items: list[str] = []
        j = i + 1
        if (
            not lead.is_heading
            and len(lead.text.split()) >= _MIN_LEAD_IN_WORDS
            and (_LEAD_IN.search(lead.text) or _DANGLING.search(lead.text))
        ):
            while (
                j < len(blocks)
                and len(items) < max_items
                and _is_list_item(blocks[j], max_item_chars)
                and blocks[j].depth > lead.depth
            ):
                items.append(_ITEM_END.sub("", blocks[j].text))
                j += 1
        if not items:
            out.append(lead)
            i += 1
            continue
        joint = ": " if _LEAD_IN.search(lead.text) else " "
        text = f"{lead.text.rstrip(' :')}{joint}{'; '.join(items)}."
        if j < len(blocks) and _PARENTHESISED.match(blocks[j].text):
            text = f"{text} {blocks[j].text}"
            j += 1
        out.append(Block(text=text, tag=lead.tag))
        i = j
    return out


def _is_list_item(block: Block, max_chars: int) -> bool:
    return (
        block.tag == "li"
        and len(block.text) <= max_chars
        and not _SENTENCE_BREAK.search(block.text)
    )


def html_to_text(markup: str) -> str:
    """HTML to plain text: one block a line."""
    return "\n".join(b.text for b in html_blocks(markup))


def xml_text(el: etree._Element | None) -> str:
    """All text inside an XML element (mixed content flattened), whitespace-normalized."""
    if el is None:
        return ""
    return normalize_space(" ".join(el.itertext())).replace("\n", " ")
