"""Transitional alias of :mod:`medcite.text` (removed once every caller imports medcite.text)."""

from medcite.text.analyzer import *  # noqa: F403
from medcite.text.analyzer import STOPWORDS, UNITS, analyze, fold, raw_tokens, stem, unique_terms

__all__ = ["STOPWORDS", "UNITS", "analyze", "fold", "raw_tokens", "stem", "unique_terms"]
