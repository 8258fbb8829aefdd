"""Abbreviations a text defines ("acute otitis media (AOM)"), so that later sentences saying
only "AOM" are read as naming acute otitis media."""

from __future__ import annotations

import re

_DEFINED = re.compile(r"\(([A-Z][A-Za-z]{1,7})s?\)")
_WORD = re.compile(r"[\w'-]+")


def defined_abbreviations(text: str) -> dict[str, str]:
    """Abbreviation -> long form, for each "long form (ABBR)" whose words' initials spell the
    abbreviation ("community-acquired pneumonia (CAP)": c-a-p)."""
    found: dict[str, str] = {}
    if "(" not in text:
        return found
    for m in _DEFINED.finditer(text):
        abbreviation = m.group(1)
        letters = [c.lower() for c in abbreviation if c.isupper()]
        words = _WORD.findall(text[max(0, m.start() - 100) : m.start()])
        long_form = _long_form(words, letters)
        if long_form:
            found.setdefault(abbreviation, long_form)
    return found


def _long_form(words: list[str], letters: list[str]) -> str | None:
    """The shortest run of last words whose initials (hyphenated parts count) spell letters."""
    for n in range(1, min(len(words), len(letters) + 2) + 1):
        run = words[-n:]
        initials = [part[0].lower() for w in run for part in w.split("-") if part]
        if initials == letters or [w[0].lower() for w in run] == letters:
            return " ".join(run)
    return None


def abbreviates(short: str, long: str) -> bool:
    """A one-word short form that authors would write for a longer name: its letters run in
    order through the name, the first and last starting words, every word giving one or more
    ("GERD": gastroesophageal reflux disease; not "IBS" for inflammatory bowel disease)."""
    short, long = short.lower(), long.lower()
    if " " in short or not 2 <= len(short) <= 8 or " " not in long:
        return False
    word_of = [long[:i].count(" ") for i in range(len(long))]
    starts = {0} | {i + 1 for i, c in enumerate(long) if c in " -"}
    words = word_of[-1] + 1

    def fits(letter: int, position: int, used: frozenset[int]) -> bool:
        if letter == len(short):
            return len(used) == words
        last = letter == len(short) - 1
        for i in range(position, len(long)):
            fitting = long[i] == short[letter] and (i in starts or not last)
            if fitting and fits(letter + 1, i + 1, used | {word_of[i]}):
                return True
        return False

    return short[0] == long[0] and fits(1, 1, frozenset({0}))
