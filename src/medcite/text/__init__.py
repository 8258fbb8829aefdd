"""The one text-analysis module every stage uses: the analyzer (tokens, folding, stemming,
stopwords) and the sentence splitter with exact character offsets."""

from medcite.text.analyzer import (
    STOPWORDS,
    UNITS,
    analyze,
    fold,
    folded_tokens,
    name_key,
    raw_tokens,
    stem,
    unique_terms,
)
from medcite.text.sentences import is_fragment, is_statement, sentence_spans

__all__ = [
    "STOPWORDS",
    "UNITS",
    "analyze",
    "fold",
    "folded_tokens",
    "is_fragment",
    "is_statement",
    "name_key",
    "raw_tokens",
    "sentence_spans",
    "stem",
    "unique_terms",
]
