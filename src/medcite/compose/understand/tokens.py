"""Words with their character offsets, sentences, and phrase tables matched over words."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Letters of any script ("Sjögren", "Ménière"), digits, inner hyphens, slashes and points.
_WORD = re.compile(r"[^\W_](?:[^\W_]|[\-/.']|,(?=\d{3}))*(?:[^\W_]|%)|[^\W_]")
_SENTENCE_END = re.compile(r"(?<=[.?!])[\"')\]]*\s+|\n\s*\n")
_ABBREVIATION_END = re.compile(
    r"\b(?:dr|mr|mrs|ms|vs|e\.g|i\.e|etc|approx|no|st)\.$", re.IGNORECASE
)


@dataclass(frozen=True)
class Token:
    """One word of the text: as written, folded for lookup, and where it is."""

    text: str
    key: str
    start: int
    end: int


# British spellings looked up as the American ones most of the vocabularies use ("colour
# blindness", "haemophilia", "paediatric", "oesophageal", "tumour").
_BRITISH = (
    (re.compile(r"^(colo|tumo|behavio|humo|odo|vapo)ur"), r"\1r"),
    (re.compile(r"^(?:h|an|leuk|isch|septic|hyperkal|hypokal|hypoglyc|hyperglyc|bacter|tox)?aem"),
     lambda m: m.group(0).replace("aem", "em")),
    (re.compile(r"^(orthop|p|gyn|encyclop)ae"), r"\1e"),
    (re.compile(r"^(o)(esoph|estr|edem)"), r"\2"),
    (re.compile(r"(diarrh|dyspn|apn|gonorrh|amenorrh|dysmenorrh|seborrh)oea"), r"\1ea"),
    (re.compile(r"^(caes|foet)"), lambda m: {"caes": "ces", "foet": "fet"}[m.group(1)]),
)


def _key(word: str) -> str:
    key = _without_accents(word.lower().replace("\u2019", "'"))
    key = key[:-2] if key.endswith("'s") and len(key) > 4 else key
    for pattern, american in _BRITISH:
        key = pattern.sub(american, key)
    return key


def _without_accents(word: str) -> str:
    """"barré" -> "barre": names are listed without their accents."""
    if word.isascii():
        return word
    folded = unicodedata.normalize("NFKD", word)
    return "".join(c for c in folded if not unicodedata.combining(c))


def tokenize(text: str) -> list[Token]:
    return [Token(m.group(0), _key(m.group(0)), m.start(), m.end()) for m in _WORD.finditer(text)]


def sentences(text: str) -> list[str]:
    """Sentences of a message, split at . ? ! whatever follows (consumer messages skip capitals)."""
    merged: list[str] = []
    for part in (p.strip() for p in _SENTENCE_END.split(text)):
        if not part:
            continue
        if merged and _ABBREVIATION_END.search(merged[-1]):
            merged[-1] = f"{merged[-1]} {part}"
        else:
            merged.append(part)
    return merged


@dataclass(frozen=True)
class PhraseMatch:
    start: int  # token index
    end: int  # one past the last token
    value: str


class PhraseTable:
    """Phrases of up to max_words words, looked up over token keys, longest match first."""

    def __init__(self, phrases: dict[str, str]) -> None:
        self.phrases = phrases
        self.max_words = max((len(p.split()) for p in phrases), default=1)

    def __contains__(self, phrase: str) -> bool:
        return phrase in self.phrases

    def find(self, tokens: list[Token], taken: set[int] | None = None) -> list[PhraseMatch]:
        """Non-overlapping matches left to right; tokens in `taken` are skipped and claimed."""
        taken = taken if taken is not None else set()
        matches: list[PhraseMatch] = []
        i = 0
        while i < len(tokens):
            match = self._longest_at(tokens, i, taken)
            if match is None:
                i += 1
                continue
            matches.append(match)
            taken.update(range(match.start, match.end))
            i = match.end
        return matches

    def _longest_at(self, tokens: list[Token], i: int, taken: set[int]) -> PhraseMatch | None:
        for n in range(min(self.max_words, len(tokens) - i), 0, -1):
            if any(j in taken for j in range(i, i + n)):
                continue
            phrase = " ".join(t.key for t in tokens[i : i + n])
            value = self.phrases.get(phrase)
            if value is not None:
                return PhraseMatch(i, i + n, value)
        return None
