"""Lay terms, filler words, condition names and spelling correction: the question's words
mapped to the words the index uses."""

from __future__ import annotations

import csv
import difflib
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from medcite.compose.understand.tokens import PhraseMatch, PhraseTable, Token, tokenize
from medcite.text import STOPWORDS, analyze

TermFrequency = Callable[[Iterable[str]], dict[str, int]]
"""How many index passages hold each analyzed term (e.g. `Store.document_frequency`)."""

# Head nouns and endings that make a word or run of words a condition ("uncomplicated cystitis").
CONDITION_HEADS = frozenset(
    [
        "disease",
        "diseases",
        "syndrome",
        "disorder",
        "disorders",
        "deficiency",
        "cancer",
        "carcinoma",
        "tumor",
        "tumour",
        "infection",
        "infections",
        "failure",
        "injury",
        "fever",
        "anemia",
        "anaemia",
        "palsy",
        "dystrophy",
        "depression",
        "hypertension",
        "diabetes",
        "asthma",
        "arthritis",
        "dementia",
        "stroke",
        "obesity",
        "pneumonia",
    ]
)
CONDITION_SUFFIXES = ("itis", "osis", "emia", "aemia", "pathy", "oma", "algia", "ectasis")
_MODIFIER_SUFFIXES = ("ed", "ic", "al", "ant", "ive", "ous", "ent", "ary", "ile", "ar")


def _read_lines(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


@dataclass(frozen=True)
class LayTerm:
    lay: str
    clinical: str
    case_sensitive: bool


class LayTerms:
    """Lay phrases ('ear wax') -> clinical terms ('cerumen'); case-sensitive ones ('ODD') only
    match as written."""

    def __init__(self, terms: list[LayTerm]) -> None:
        self.terms = terms
        self.table = PhraseTable({t.lay.lower(): t.clinical for t in terms if not t.case_sensitive})
        self.exact = {t.lay: t.clinical for t in terms if t.case_sensitive}

    @classmethod
    def load(cls, path: Path) -> LayTerms:
        with open(path, encoding="utf-8") as f:
            rows = csv.DictReader(line for line in f if not line.startswith("#"))
            terms = [LayTerm(r["lay"], r["clinical"], r["case_sensitive"] == "1") for r in rows]
        return cls(terms)

    def find(self, tokens: list[Token], taken: set[int]) -> list[PhraseMatch]:
        # Phrases first: "latent TB" is latent tuberculosis infection, not "TB" alone.
        found = self.table.find(tokens, taken)
        taken.update(i for m in found for i in range(m.start, m.end))
        found += [
            PhraseMatch(i, i + 1, self.exact[t.text])
            for i, t in enumerate(tokens)
            if t.text in self.exact and i not in taken
        ]
        taken.update(m.start for m in found)
        return sorted(found, key=lambda m: m.start)


class FillerWords:
    """Words and phrases that say how a question is asked, not what it is about."""

    def __init__(self, phrases: list[str]) -> None:
        self.table = PhraseTable({p: p for p in phrases})

    @classmethod
    def load(cls, path: Path) -> FillerWords:
        return cls([p.lower() for p in _read_lines(path)])

    def find(self, tokens: list[Token], taken: set[int]) -> list[PhraseMatch]:
        return self.table.find(tokens, taken)


def _eponyms(names: list[str]) -> dict[str, str]:
    """An eponym without its head word names the disease ("Guillain-Barré" for Guillain-Barre
    syndrome, "Crohn's" for Crohn's disease); a plain word does not ("Down")."""
    out: dict[str, str] = {}
    for name in names:
        first, _, head = name.partition(" ")
        if head in ("syndrome", "disease") and (
            first.endswith("'s") or re.fullmatch(r"[a-z]{3,}-[a-z]{3,}", first)
        ):
            out.setdefault(tokenize(first)[0].key, name)
    return out


class ConditionNames:
    """Known condition names (MedQuAD page topics) plus the shape of a condition phrase."""

    def __init__(self, names: list[str]) -> None:
        self.table = PhraseTable({**_eponyms(names), **{n: n for n in names}})
        self.words = (
            frozenset(
                _letters(w) for n in names for w in n.split() if w.isalpha() or w.endswith("'s")
            )
            - STOPWORDS
        )

    @classmethod
    def load(cls, path: Path) -> ConditionNames:
        return cls(_read_lines(path))

    def find(self, tokens: list[Token], taken: set[int]) -> list[PhraseMatch]:
        """Known names first (longest), then single words shaped like a condition, each
        extended left over adjective-like modifiers ('treatment-resistant depression')."""
        found = self.table.find(tokens, set(taken))
        used = {i for m in found for i in range(m.start, m.end)}
        for i, token in enumerate(tokens):
            if i in used or i in taken:
                continue
            singular = token.key[:-1] if token.key.endswith("s") else ""
            if len(singular) > 3 and singular in self.table:  # "migraines", "cataracts"
                found.append(PhraseMatch(i, i + 1, singular))
            elif i and f"{tokens[i - 1].key} {token.key}s" in self.table:  # "a kidney stone"
                found.append(PhraseMatch(i - 1, i + 1, f"{tokens[i - 1].key} {token.key}s"))
            elif is_condition_word(token.key):
                found.append(PhraseMatch(i, i + 1, token.key))
        ordered = sorted(found, key=lambda m: m.start)
        return [self._extend_left(tokens, m, taken) for m in ordered]

    def _extend_left(self, tokens: list[Token], match: PhraseMatch, taken: set[int]) -> PhraseMatch:
        start = match.start
        while start > 0 and start - 1 not in taken and self._is_modifier(tokens[start - 1].key):
            start -= 1
        if start > 1 and tokens[start - 1].key in _TYPE_NUMBERS and tokens[start - 2].key == "type":
            start -= 2  # "type 2 diabetes"
        if start == match.start:
            return match
        return PhraseMatch(start, match.end, " ".join(t.key for t in tokens[start : match.end]))

    def _is_modifier(self, key: str) -> bool:
        if key in _STATUS_WORDS or key in _ASKING_VERBS:
            return False
        return _is_modifier(key) or _letters(key) in self.words


# How a condition stands for the patient ("newly diagnosed"), not a kind of it.
_STATUS_WORDS = frozenset(
    ["diagnosed", "newly", "recently", "suspected", "confirmed", "presumed", "possible", "known"]
)
# Verbs a question asks with, before the condition ("What causes cataracts?"), though some
# condition names contain them.
_ASKING_VERBS = frozenset(
    ["cause", "causes", "help", "helps", "treat", "treats", "prevent", "prevents", "cure"]
)
_TYPE_NUMBERS = frozenset(["1", "2", "3", "i", "ii", "1a", "1b"])


# Heads that name one condition by themselves; the others name a kind ("social anxiety
# disorder" is not generalized anxiety disorder, "lung cancer" not breast cancer).
_SPECIFIC_HEADS = frozenset(["anemia", "anaemia", "asthma", "arthritis", "dementia"]) | frozenset(
    ["depression", "diabetes", "hypertension", "obesity", "pneumonia", "stroke"]
)


def names_one_condition(key: str) -> bool:
    """A word that names one condition by itself: "pneumonia", "pharyngitis", "asthma"."""
    return is_condition_word(key) and (key in _SPECIFIC_HEADS or key not in CONDITION_HEADS)


# Words with a condition's ending that name no condition ("should the diagnosis be confirmed")
_NOT_CONDITION_WORDS = """diagnosis prognosis hypnosis osmosis mitosis meiosis apoptosis
    symbiosis anastomosis empathy sympathy homeopathy naturopathy osteopathy nostalgia diploma aroma"""
_NOT_CONDITIONS = frozenset(_NOT_CONDITION_WORDS.split())


def is_condition_word(key: str) -> bool:
    return (
        key.isalpha()
        and len(key) > 5
        and (key in CONDITION_HEADS or key.endswith(CONDITION_SUFFIXES))
        and key not in _NOT_CONDITIONS
    )


def _is_modifier(key: str) -> bool:
    if key in STOPWORDS or not key[:1].isalpha():
        return False
    return ("-" in key and key.replace("-", "").isalpha()) or (
        key.isalpha() and len(key) > 4 and key.endswith(_MODIFIER_SUFFIXES)
    )


def _letters(word: str) -> str:
    return word[:-2] if word.endswith("'s") else word.replace("'", "")


class SpellingCorrector:
    """Unknown words -> the closest known drug or condition word, when the index has it.

    Candidates are bucketed by first letter so difflib compares against a few hundred words.
    """

    def __init__(self, words: Iterable[str], cutoff: float = 0.84, min_length: int = 5) -> None:
        self.cutoff = cutoff
        self.min_length = min_length
        self.known = frozenset(
            w for w in (_letters(word) for word in words) if w.isalpha() and len(w) >= min_length
        )
        buckets: dict[str, list[str]] = defaultdict(list)
        for word in self.known:
            buckets[word[0]].append(word)
        self.buckets = dict(buckets)

    def candidate(self, word: str) -> str | None:
        if word in self.known:
            return None
        near = [w for w in self.buckets.get(word[:1], ()) if abs(len(w) - len(word)) <= 2]
        best = difflib.get_close_matches(word, near, n=1, cutoff=self.cutoff)
        return best[0] if best else None

    def corrections(self, words: list[str], term_frequency: TermFrequency | None) -> dict[str, str]:
        """Corrections for the words the index does not hold; none without an index (a word
        missing from the lexicons is most often a correct word)."""
        if term_frequency is None:
            return {}
        words = [w for w in dict.fromkeys(words) if len(w) >= self.min_length and w.isalpha()]
        words = [w for w in words if w not in self.known and w not in STOPWORDS]
        if not words:
            return {}
        stems = {w: (analyze(w) or [w])[0] for w in words}
        counts = term_frequency(list(stems.values()))
        words = [w for w in words if counts.get(stems[w], 0) == 0]
        found = {w: c for w in words if (c := self.candidate(w))}
        if found:
            stems = {c: (analyze(c) or [c])[0] for c in found.values()}
            counts = term_frequency(list(stems.values()))
            found = {w: c for w, c in found.items() if counts.get(stems[c], 0) > 0}
        return found
