"""Query understanding: validate user text, analyze it, expand abbreviations, guess intent."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from medcite.models import QueryAnalysis, SearchIntent
from medcite.retrieve.abbreviations import AbbreviationLexicon
from medcite.text import analyze, unique_terms


class QueryError(ValueError):
    """The query cannot be searched (e.g. it is empty); the message says why."""


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Lone surrogates: invalid UTF-8 on a command line arrives as these (surrogateescape) and no
# encoder accepts them, so the JSON of an answer that echoed them could not be written.
_SURROGATE = re.compile("[\ud800-\udfff]")
# Unicode character-name prefixes shown under a friendlier script name.
_SCRIPT_NAMES = {"CJK": "CJK (Chinese/Japanese)", "HANGUL": "Korean (Hangul)"}
_MANAGEMENT = re.compile(
    r"\b(treat|treatment|treating|therap|manag|recommend|guideline|first[- ]line|should|dose|dosing|"
    r"prescri|drug|medication|screen|prevent|prophyla|indicated|contraindicat|safe|take|initiat|"
    r"discontinu|switch|monitor|vaccin|surgery|intervention)",
    re.I,
)
_DIAGNOSIS = re.compile(r"\b(diagnos|test|screen|imaging|biomarker|sign|symptom)", re.I)


@dataclass
class ParsedQuery:
    analysis: QueryAnalysis
    phrases: list[tuple[str, ...]]
    truncated: bool


def clean_query(text: str, max_chars: int) -> tuple[str, bool]:
    if not isinstance(text, str):
        raise QueryError(f"query must be text, got {type(text).__name__}")
    text = _CONTROL.sub(" ", _SURROGATE.sub("\ufffd", text)).strip()
    if not text:
        raise QueryError("empty query: type a question or some search terms")
    truncated = len(text) > max_chars
    return (text[:max_chars] if truncated else text), truncated


def unindexed_scripts(text: str) -> list[str]:
    """Scripts of the letters in text that the analyzer cannot index (it keeps Latin letters,
    accents folded, Greek letters spelled out, and digits), in first-seen order."""
    scripts: dict[str, None] = {}
    for char in text:
        if not char.isalpha() or analyze(char, keep_stopwords=True):
            continue
        prefix = unicodedata.name(char, "OTHER").split()[0]
        scripts[_SCRIPT_NAMES.get(prefix, prefix.title())] = None
    return list(scripts)


def _no_terms_message(text: str) -> str:
    scripts = unindexed_scripts(text)
    if not scripts:
        return "the query has no searchable words (only punctuation or common words)"
    return (
        "the query has no searchable words: medcite indexes words in Latin script (English "
        f"sources) and numbers, and this query is written in {', '.join(scripts)} script"
    )


def detect_intent(text: str) -> SearchIntent:
    if _MANAGEMENT.search(text):
        return SearchIntent.MANAGEMENT
    if _DIAGNOSIS.search(text):
        return SearchIntent.DIAGNOSIS
    return SearchIntent.GENERAL


def parse_query(
    text: str, lexicon: AbbreviationLexicon | None, max_chars: int = 2000
) -> ParsedQuery:
    text, truncated = clean_query(text, max_chars)
    terms = unique_terms(text)
    expansions: list[str] = []
    phrases: list[tuple[str, ...]] = []
    if lexicon is not None:
        for meaning in lexicon.expand(text):
            expanded = tuple(analyze(meaning))
            if len(expanded) == 1:
                terms.append(expanded[0])
            elif expanded:
                phrases.append(expanded)
            expansions.append(meaning)
        for short in lexicon.abbreviations_in(terms):
            terms.append(short.lower())
            expansions.append(short)
    if not terms and not phrases:
        raise QueryError(_no_terms_message(text))
    analysis = QueryAnalysis(
        text=text,
        terms=list(dict.fromkeys(terms)),
        expansions=expansions,
        intent=detect_intent(text),
    )
    return ParsedQuery(analysis=analysis, phrases=phrases, truncated=truncated)
