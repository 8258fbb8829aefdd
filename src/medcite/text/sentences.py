"""Sentence spans: claims are whole source sentences, located by exact character offsets."""

from __future__ import annotations

import re

# A sentence ends at . ! ? followed by space and an upper-case letter, digit or opening bracket,
# unless the period belongs to a common abbreviation, an initial or a decimal number.
_BOUNDARY = re.compile(r"(?<=[.!?])[\"')\]]?\s+(?=[A-Z0-9(\[\"'])")
_NO_BREAK_BEFORE = re.compile(
    r"(?:\b(?:vs|e\.g|i\.e|et al|al|approx|fig|figs|no|dr|mr|mrs|ms|st|ref|refs|incl|cf|ca|resp|"
    r"mg|ml|min|max|inc|co|ltd|jr|sr|vol|pp|p|n|sp|spp|var|viz)\.|\b[A-Z]\.)$",
    re.I,
)
_MIN_WORDS = 4
# Labels and pointers, not claims.
_LABELS = (
    "Medical Subject Headings",
    "Keywords",
    "Key words",
    "Trial registration",
    "Funding",
    "See ",
    "Refer to ",
    "For more information",
    "For more details",
    "For further information",
)


_LINE = re.compile(r"[^\n]+")
_BULLET = re.compile(r"[-*\u2022]\s+")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in text; lines and list items never join."""
    spans: list[tuple[int, int]] = []
    for line in _LINE.finditer(text):
        start = line.start()
        if bullet := _BULLET.match(text, start):
            start = bullet.end()
        spans.extend(_line_sentences(text, start, line.end()))
    return spans


def _line_sentences(text: str, begin: int, stop: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = begin
    for match in _BOUNDARY.finditer(text, begin, stop):
        head = text[start : match.start()].rstrip("\"')]")
        if _NO_BREAK_BEFORE.search(head[-12:]):
            continue
        spans.append((start, match.start() + len(match.group(0).rstrip())))
        start = match.end()
    spans.append((start, stop))
    out: list[tuple[int, int]] = []
    for s, e in spans:
        out.extend(_split_leading_tag(text, s, e))
    return [trimmed for s, e in out if (trimmed := _trim(text, s, e))]


_LEADING_TAG = re.compile(r"\s*\([^()]{1,80}\)\s+(?=[A-Z])")


def _split_leading_tag(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Guideline grade tags like "(Strong Against)" end the previous sentence, not start the next."""
    match = _LEADING_TAG.match(text, start, end)
    if not match:
        return [(start, end)]
    return [(start, match.end()), (match.end(), end)]


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


_LIST_LEAD_IN = re.compile(r"\b(?:the following|as follows)\b", re.I)
_LISTED = re.compile(r":\s*\S+(?:\s+\S+){2,}")  # the list itself follows a colon
# Points at content it does not hold: "the table below includes how often ...".
_POINTS_ELSEWHERE = re.compile(
    r"\b(?:tables?|lists?|figures?|charts?|box(?:es)?|listed)\s+below\b",
    re.I,
)
_INLINE_ITEM = re.compile(r"\s-\s")
_MAX_INLINE_ITEMS = 5  # more " - " items than this: a flattened list or table, not a sentence


def is_fragment(sentence: str) -> bool:
    """The tail of a broken sentence or list item ("may be used with steroid creams ..."):
    it starts in lower case ("eGFR ..." does not count)."""
    return sentence[:2].isalpha() and sentence[:2].islower()


def is_statement(sentence: str) -> bool:
    """A sentence worth quoting: enough words, not a bare heading, grade tag or question."""
    words = re.findall(r"[A-Za-z]{2,}", sentence)
    if sum(w[0].islower() for w in words) < 3:  # a title or link label, not a sentence
        return False
    if sentence.startswith(_LABELS):
        return False
    if len(words) < _MIN_WORDS or not sentence.rstrip().endswith((".", "!", '"')):
        return False
    if _LIST_LEAD_IN.search(sentence) and not _LISTED.search(sentence):
        return False  # "... provides the following list of signs and symptoms for X."
    if _POINTS_ELSEWHERE.search(sentence):
        return False
    if len(_INLINE_ITEM.findall(sentence)) > _MAX_INLINE_ITEMS:
        return False
    return not (sentence.startswith("(") and sentence.endswith(")"))


def last_question(text: str) -> str:
    """The last sentence of a message that ends with a question mark (the whole text if none):
    "Steroids are in. Should she also get magnesium sulfate?" -> the second sentence."""
    questions = [q for q in re.split(r"(?<=[.!?])\s+", text) if q.strip().endswith("?")]
    return questions[-1] if questions else text
