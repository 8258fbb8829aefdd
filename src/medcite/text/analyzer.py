"""Text analysis shared by indexing and querying: one analyzer, so both sides agree on terms.

Terms are lower-case, English-stemmed words; numbers keep their decimals ("2.5"); a number
followed by a unit also yields a dose term ("5 mg" and "5mg" both give "5mg"); hyphenated names
("IL-6", "COVID-19", "5-HT3") yield the joined form ("il6") as well as their parts.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import Stemmer

_GREEK = {
    "α": "alpha",
    "β": "beta",
    "γ": "gamma",
    "δ": "delta",
    "κ": "kappa",
    "λ": "lambda",
    "μ": "mu",
    "µ": "mu",
    "τ": "tau",
    "ω": "omega",
    "ε": "epsilon",
    "θ": "theta",
}
_GREEK_RE = re.compile("|".join(_GREEK))
_TOKEN = re.compile(r"[a-z0-9]+(?:\.[0-9]+)?(?:[-/][a-z0-9]+(?:\.[0-9]+)?)*")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")
_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")
UNITS = frozenset(
    [
        "mg",
        "g",
        "kg",
        "mcg",
        "ug",
        "mug",
        "ng",
        "ml",
        "l",
        "dl",
        "iu",
        "u",
        "units",
        "unit",
        "mmol",
        "mol",
        "meq",
        "mm",
        "cm",
        "mmhg",
        "bpm",
        "hz",
        "mgkg",
        "h",
        "hr",
        "hrs",
        "min",
        "mins",
        "day",
        "days",
        "week",
        "weeks",
        "wk",
        "month",
        "months",
        "yr",
        "years",
        "percent",
    ]
)
STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "myself",
        "no",
        "nor",
        "not",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
        "may",
        "might",
        "must",
        "shall",
        "us",
        "via",
        "per",
        "whether",
        "versus",
        "vs",
        "etc",
        "eg",
        "ie",
        "get",
        "gets",
        "got",
        "use",
        "used",
        "using",
        "one",
        "two",
        "among",
        "upon",
        "within",
        "without",
        "describe",
        "list",
        "name",
        "tell",
        "know",
        "known",
    ]
)
_stemmer = Stemmer.Stemmer("english")


def fold(text: str) -> str:
    """Lower-case, Greek letters spelled out, accents removed, thousands separators dropped."""
    text = _GREEK_RE.sub(lambda m: _GREEK[m.group(0)], text.lower())
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _THOUSANDS.sub("", text)


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    if len(word) <= 3 or not word.isalpha():
        return word
    return _stemmer.stemWord(word)


def _expand_compound(token: str, parts: bool = True) -> list[str]:
    if "-" not in token and "/" not in token:
        return [token]
    pieces = [p for p in re.split(r"[-/]", token) if p]
    joined = ["".join(pieces)] if "-" in token else []
    return joined + pieces if parts or not joined else joined


def raw_tokens(text: str, compound_parts: bool = True) -> list[str]:
    """Folded tokens before stemming and stop-word removal (compounds expanded)."""
    return folded_tokens(fold(text), compound_parts)


def folded_tokens(folded: str, compound_parts: bool = True) -> list[str]:
    """Tokens of text already folded by `fold` (for callers that fold once and reuse it)."""
    tokens: list[str] = []
    for m in _TOKEN.finditer(folded):
        tokens.extend(_expand_compound(m.group(0), compound_parts))
    return tokens


def analyze(text: str, keep_stopwords: bool = False, compound_parts: bool = True) -> list[str]:
    """Index/query terms of text, in order (duplicates kept: BM25 counts them).

    compound_parts=False keeps "Mowat-Wilson" as "mowatwilson" only, for exact matching.
    """
    terms: list[str] = []
    tokens = raw_tokens(text, compound_parts)
    for i, tok in enumerate(tokens):
        if _NUMBER.match(tok) and i + 1 < len(tokens) and tokens[i + 1] in UNITS:
            terms.append(tok + tokens[i + 1])
        if not keep_stopwords and tok in STOPWORDS:
            continue
        terms.append(stem(tok))
    return terms


def name_key(name: str) -> str:
    """A name as looked up: its exact terms, so "Heart attacks" and "heart attack" agree, and
    "Alzheimer's disease" and "Alzheimer disease", "Stiff-Person" and "stiff person"."""
    # Stopwords stay: "Down syndrome" is not "syndrome".
    terms = analyze(name.replace("-", " "), keep_stopwords=True, compound_parts=False)
    return " ".join(t for t in terms if t != "s")


def unique_terms(text: str) -> list[str]:
    """Distinct terms of text in first-seen order."""
    return list(dict.fromkeys(analyze(text)))
