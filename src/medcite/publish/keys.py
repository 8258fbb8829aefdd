"""How a question finds its article: normalised text, and a readable URL slug."""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime

_NON_WORD = re.compile(r"[^\w]+")
_SLUG_CHARS = re.compile(r"[^a-z0-9]+")
# Path words after /articles/{id}/ that are pages of their own, never slugs.
RESERVED_SLUGS = frozenset({"versions", "diff", "transition", "edit", "regenerate", "audit"})


def normalize_question(text: str) -> str:
    """Case, punctuation and whitespace do not make a different question."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_NON_WORD.sub(" ", folded).replace("_", " ").split())


def question_key(question: str, context: str | None) -> str:
    """The article key: the question, and for a follow-up the question it follows."""
    key = normalize_question(question)
    if context and context.strip():
        key += " || " + normalize_question(context)
    return key


def slugify(text: str, max_words: int = 10) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = [w for w in _SLUG_CHARS.split(ascii_text) if w][:max_words]
    slug = "-".join(words) or "article"
    return f"{slug}-article" if slug in RESERVED_SLUGS else slug


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
