"""The question inside a consumer message: greetings, history and thanks around it."""

from __future__ import annotations

import re

from medcite.compose.understand.tokens import sentences

_ASKING = re.compile(
    r"\?\s*$|^\s*(what|whats|what's|how|why|when|where|which|who|is|are|can|could|does|do|"
    r"should|would|will|was|were|has|have|may)\b|\b(i (want|would like|need) to know|"
    r"please (tell|help|advise|let me know|send)|can you|could you|is there|are there|"
    r"any (advice|suggestions?|info\w*|help)|looking for|wondering|want to know)\b",
    re.I,
)
_COURTESY = re.compile(
    r"^\s*(hi|hello|hey|dear|thanks?|thank you|regards|sincerely|good (morning|day|evening))\b"
    r"[\s\w,!.]{0,30}$",
    re.I,
)


def focus_question(message: str, max_sentences: int = 2, short_words: int = 30) -> str:
    """The sentence(s) that ask: up to max_sentences asking ones, else the last sentence.
    A short message is its own focus."""
    parts = sentences(message)
    if len(parts) <= 1 or len(message.split()) <= short_words:
        return " ".join(parts) if parts else message.strip()
    content = [p for p in parts if not _COURTESY.match(p)]
    asking = [p for p in content if _ASKING.search(p)]
    chosen = asking[:max_sentences] if asking else content[-1:]
    return " ".join(chosen) if chosen else message.strip()
