"""Medical abbreviation lexicon (CSV: Abbreviation/Shorthand,Meaning,More Info)."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from medcite.text import STOPWORDS, analyze

MAX_MEANINGS = 3


@dataclass
class AbbreviationLexicon:
    """Short form -> long forms (case-sensitive: 'ALL' is a leukaemia, 'all' is a word)."""

    meanings: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def from_dir(cls, folder: Path) -> AbbreviationLexicon:
        meanings: dict[str, list[str]] = {}
        for path in sorted(folder.glob("*.csv")):
            with path.open(encoding="utf-8", errors="replace", newline="") as fh:
                for row in csv.reader(fh):
                    if len(row) < 2 or row[0].startswith("Abbreviation/"):
                        continue
                    short, meaning = row[0].strip(), row[1].strip()
                    if short and meaning and meaning not in meanings.get(short, []):
                        meanings.setdefault(short, []).append(meaning)
        return cls(meanings)

    def expand(self, text: str) -> list[str]:
        """Long forms of the abbreviations written in text (upper-case or with digits)."""
        found: list[str] = []
        for token in re.findall(r"[A-Za-z0-9][A-Za-z0-9\-/]*[A-Za-z0-9]", text):
            if token.lower() in STOPWORDS or token.islower() or len(token) < 2:
                continue
            for meaning in self.meanings.get(token, [])[:MAX_MEANINGS]:
                if meaning.lower() not in text.lower():
                    found.append(meaning)
        return list(dict.fromkeys(found))

    @cached_property
    def long_forms(self) -> dict[tuple[str, ...], str]:
        """Analyzed long form -> its abbreviation, for finding abbreviations of spelled-out terms."""
        index: dict[tuple[str, ...], str] = {}
        for short, meanings in self.meanings.items():
            if len(short) < 3 or short.lower() in STOPWORDS:
                continue
            for meaning in meanings:
                terms = tuple(analyze(meaning))
                if len(terms) >= 2:
                    index.setdefault(terms, short)
        return index

    def abbreviations_in(self, terms: list[str]) -> list[str]:
        """Abbreviations whose long form appears, as consecutive terms, in the analyzed query."""
        found = []
        for n in range(2, 6):
            for i in range(len(terms) - n + 1):
                if short := self.long_forms.get(tuple(terms[i : i + n])):
                    found.append(short)
        return found


@lru_cache(maxsize=8)
def load_lexicon(folder: str) -> AbbreviationLexicon:
    path = Path(folder)
    return AbbreviationLexicon.from_dir(path) if path.is_dir() else AbbreviationLexicon()
