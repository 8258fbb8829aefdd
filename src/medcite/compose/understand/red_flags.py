"""Emergency symptoms described in a message, each with a citable sentence from the index."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from medcite.models import RedFlagHit

# A red flag is someone's symptom, not a clinical topic: "What causes chest pain?" is not an
# emergency, "my husband has chest pain" is. Messages must speak of a person.
PERSONAL = re.compile(
    r"\b(i|i'm|im|i've|ive|me|my|he|she|his|her|husband|wife|son|daughter|mother|father|mom|"
    r"dad|friend|baby|child|patient)\b",
    re.I,
)


@dataclass(frozen=True)
class RedFlag:
    id: str
    label: str
    patterns: list[list[re.Pattern[str]]]  # any entry matches when all its patterns do
    doc_id: str
    quote: str

    def match(self, text: str) -> str | None:
        for entry in self.patterns:
            hits = [p.search(text) for p in entry]
            if all(hits):
                return hits[0].group(0) if hits[0] else None
        return None


class RedFlags:
    def __init__(self, flags: list[RedFlag]) -> None:
        self.flags = flags

    @classmethod
    def load(cls, path: Path) -> RedFlags:
        raw = json.loads(path.read_text(encoding="utf-8"))["flags"]
        return cls([_flag(item) for item in raw])

    def find(self, text: str) -> list[RedFlagHit]:
        if not PERSONAL.search(text):
            return []
        hits: list[RedFlagHit] = []
        for flag in self.flags:
            matched = flag.match(text)
            if matched is not None:
                hits.append(
                    RedFlagHit(
                        id=flag.id,
                        label=flag.label,
                        matched=matched,
                        doc_id=flag.doc_id,
                        quote=flag.quote,
                    )
                )
        return hits


def _flag(item: dict) -> RedFlag:
    entries = [p if isinstance(p, list) else [p] for p in item["patterns"]]
    patterns = [[re.compile(p, re.I) for p in entry] for entry in entries]
    return RedFlag(item["id"], item["label"], patterns, item["doc_id"], item["quote"])
