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
