"""Drugs and drug classes named in a question, with the routes and doses that modify them."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from medcite.compose.understand.tokens import PhraseTable, Token
from medcite.models import DrugMention

# Route or formulation words -> the canonical route ("IV" and "intravenous" are one route).
ROUTES = {
    "oral": "oral",
    "orally": "oral",
    "po": "oral",
    "iv": "intravenous",
    "intravenous": "intravenous",
    "intravenously": "intravenous",
    "im": "intramuscular",
    "intramuscular": "intramuscular",
    "intramuscularly": "intramuscular",
    "intranasal": "intranasal",
    "nasal": "intranasal",
    "subcutaneous": "subcutaneous",
    "subcutaneously": "subcutaneous",
    "sc": "subcutaneous",
    "sq": "subcutaneous",
    "topical": "topical",
    "inhaled": "inhaled",
    "inhalation": "inhaled",
    "sublingual": "sublingual",
    "transdermal": "transdermal",
    "rectal": "rectal",
    "intrathecal": "intrathecal",
    "extended-release": "extended-release",
    "er": "extended-release",
    "xr": "extended-release",
    "sustained-release": "extended-release",
    "sr": "extended-release",
    "immediate-release": "immediate-release",
    "ir": "immediate-release",
    "injectable": "injection",
    "injection": "injection",
    "injected": "injection",
    "patch": "transdermal",
    "tablet": "tablet",
    "tablets": "tablet",
    "pill": "tablet",
    "pills": "tablet",
    "liquid": "liquid",
    "cream": "topical",
    "ointment": "topical",
    "gel": "topical",
    "spray": "spray",
    "eye drops": "ophthalmic",
}
# Upper-case-only routes: "IV ketamine" but not "iv" in roman numerals lists, "IM" not "im".
_CASE_SENSITIVE_ROUTES = {"iv", "im", "po", "sc", "sq", "er", "xr", "sr", "ir"}
_COMBINED = re.compile(r"[-/]")
_LINKS = {"and", "or", "vs", "versus", ",", "/", "plus", "then"}
DOSE = re.compile(
    r"\b\d+(?:\.\d+)?\s?(?:-|to)?\s?(?:\d+(?:\.\d+)?\s?)?"
    r"(?:mg|mcg|µg|ug|g|ml|mL|units?|IU|iu|meq|mEq|mmol)"
    r"(?:\s?/\s?(?:kg|day|d|m2|h|hr|dose|week|wk|ml|mL))*\b"
)


@dataclass(frozen=True)
class DrugMatch:
    start: int  # token index
    end: int
    mention: DrugMention
    is_brand: bool


class DrugLexicon:
    """Drug name variants (brand and generic) and class names -> canonical lower-case names.

    drug_lexicon.tsv gives the variants; drug_name_variants.csv and drug_classes.csv (the
    class-member map's files) give the canonical names the rest of medcite uses.
    """

    def __init__(self, names: dict[str, str], brands: set[str], classes: dict[str, str]) -> None:
        self.names = PhraseTable(names)
        self.classes = PhraseTable(classes)
        self.brands = brands

    @classmethod
    def load(cls, data_dir: Path) -> DrugLexicon:
        names: dict[str, str] = {}
        brands: set[str] = set()
        with open(data_dir / "drug_lexicon.tsv", encoding="utf-8") as f:
            for line in f:
                if line.startswith("#"):
                    continue
                variant, canonical, brand = line.rstrip("\n").split("\t")
                names[variant] = canonical
                if brand == "1" or _looks_like_brand(variant, canonical):
                    brands.add(variant)
        names.update(_read_csv(data_dir / "drug_name_variants.csv", "variant", "name"))
        classes: dict[str, str] = {}
        for row in _rows(data_dir / "drug_classes.csv"):
            for term in row["terms"].split("|"):
                classes.setdefault(term.strip().lower(), row["class_id"].replace("_", " "))
        return cls(names, brands, classes)

    def canonical(self, name: str) -> str | None:
        """The generic name for a variant ('zoloft' -> 'sertraline'), if it is a drug."""
        return self.names.phrases.get(name.lower())

    def find(self, tokens: list[Token], taken: set[int]) -> list[DrugMatch]:
        """Classes first ('blood thinner' is a class), then drugs; claims the tokens it uses."""
        found: list[DrugMatch] = []
        for match in self.classes.find(tokens, taken):
            surface = _surface(tokens, match.start, match.end)
            mention = DrugMention(name=match.value, surface=surface, is_class=True)
            found.append(DrugMatch(match.start, match.end, mention, False))
        for match in self.names.find(tokens, taken):
            surface = _surface(tokens, match.start, match.end)
            variant = " ".join(t.key for t in tokens[match.start : match.end])
            mention = DrugMention(name=match.value, surface=surface)
            found.append(DrugMatch(match.start, match.end, mention, variant in self.brands))
        found += self._combined_products(tokens, taken)
        return sorted(found, key=lambda m: m.start)

    def _combined_products(self, tokens: list[Token], taken: set[int]) -> list[DrugMatch]:
        """A fixed combination written as one word ("trimethoprim-sulfamethoxazole", "TMP/SMX")
        names each of its drugs; every part must be a drug, or the word is something else."""
        found = []
        for i, token in enumerate(tokens):
            if i in taken or not _COMBINED.search(token.key):
                continue
            parts = [p for p in _COMBINED.split(token.key) if p]
            names = [self.names.phrases.get(p) for p in parts]
            if len(parts) < 2 or not all(names):
                continue
            taken.add(i)
            for part, name in zip(parts, names, strict=True):
                mention = DrugMention(name=name or part, surface=part, product=token.text)
                found.append(DrugMatch(i, i + 1, mention, part in self.brands))
        return found


def _looks_like_brand(variant: str, canonical: str) -> bool:
    """The package marks few brands; a one-word name unlike its generic is one (Zoloft)."""
    return " " not in variant and variant[:4] != canonical[:4]


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


def _read_csv(path: Path, key: str, value: str) -> dict[str, str]:
    """Variant -> canonical overrides that the drug-class map uses ('paracetamol')."""
    return {r[key].lower(): r[value].lower() for r in _rows(path)} if path.exists() else {}


def _surface(tokens: list[Token], start: int, end: int) -> str:
    return " ".join(t.text for t in tokens[start:end])


def route_of(token: Token) -> str | None:
    route = ROUTES.get(token.key)
    if route and token.key in _CASE_SENSITIVE_ROUTES and not token.text.isupper():
        return None
    return route


def bind_routes(tokens: list[Token], drugs: list[DrugMatch], window: int = 4) -> set[int]:
    """Attach each route word to the drug it modifies: the next drug across 'and'/'or' and other
    routes ('oral and IV ketamine'), else the drug just before ('ketamine IV'). Returns the
    token indexes of routes used."""
    used: set[int] = set()
    starts = {m.start: m for m in drugs}
    ends = {m.end - 1: m for m in drugs}
    for i, token in enumerate(tokens):
        route = route_of(token)
        if route is None or any(m.start <= i < m.end for m in drugs):
            continue
        target = _next_drug(tokens, i, starts, window) or _previous_drug(i, ends)
        if target is not None:
            if route not in target.mention.routes:
                target.mention.routes.append(route)
            used.add(i)
    return used


def _next_drug(
    tokens: list[Token], i: int, starts: dict[int, DrugMatch], window: int
) -> DrugMatch | None:
    for j in range(i + 1, min(len(tokens), i + 1 + window)):
        if j in starts:
            return starts[j]
        if not (tokens[j].key in _LINKS or route_of(tokens[j])):
            return None
    return None


def _previous_drug(i: int, ends: dict[int, DrugMatch]) -> DrugMatch | None:
    return ends.get(i - 1)


def bind_doses(text: str, tokens: list[Token], drugs: list[DrugMatch]) -> list[tuple[int, int]]:
    """Doses as written, attached to the nearest drug before them (else after); returns their
    character spans."""
    spans: list[tuple[int, int]] = []
    for m in DOSE.finditer(text):
        spans.append((m.start(), m.end()))
        if not drugs:
            continue
        before = [d for d in drugs if tokens[d.end - 1].end <= m.start()]
        after = [d for d in drugs if 0 <= tokens[d.start].start - m.end() <= 4]  # "5 mg of X"
        target = after[0] if after else before[-1] if before else drugs[0]
        target.mention.doses.append(m.group(0))
    return spans
