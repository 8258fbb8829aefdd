"""Drug-pair interaction rows (DDInter) with citable spans, and the drug-class map.

`InteractionTable(store).pairs(["sertraline", "warfarin"])` finds the DDInter line for every
pair of the question's drugs. A pair's line is cited from the first-named drug's document, so
a lookup gives exactly one line per pair. A pair that is not listed is not evidence of no
interaction: the indexed table holds only 8 of DDInter's 14 ATC groups; `known()` tells whether
a drug is in the table at all.

`DrugClassMap` reads medcite/data/drug_classes.csv: which drugs make up the classes clinicians
and patients ask about ("NSAIDs", "blood thinners"), for class-level guideline searches and
duplicate-therapy checks.
"""

from __future__ import annotations

import csv
import re
from enum import StrEnum
from importlib import resources
from itertools import combinations

from pydantic import BaseModel, Field

from medcite.index.base import Store
from medcite.ingest.ddinter import (
    drug_name_key,
    line_prefix,
    load_name_variants,
    without_salt,
)
from medcite.models import Document, DrugMention, SourceSpan

COLLECTION = "ddinter"


class InteractionLevel(StrEnum):
    """DDInter's severity levels, most severe first."""

    MAJOR = "Major"
    MODERATE = "Moderate"
    MINOR = "Minor"
    UNKNOWN = "Unknown"

    @property
    def rank(self) -> int:
        """0 for Major ... 3 for Unknown: lower is more severe."""
        return list(InteractionLevel).index(self)


class InteractionFinding(BaseModel):
    """One drug pair's line in the interaction table, citable by its span."""

    drug_a: str = Field(description="The first drug as asked (canonical lower-case name).")
    drug_b: str = Field(description="The second drug as asked.")
    level: InteractionLevel = Field(description="Severity as DDInter grades it.")
    name_a: str = Field(description="DDInter's name of the first drug.")
    name_b: str = Field(description="DDInter's name of the second drug.")
    text: str = Field(description="The cited line, exactly Document.text[span.start:span.end].")
    span: SourceSpan = Field(description="Where the line is: document, passage, offsets.")


def _candidate_keys(drug: str) -> list[str]:
    key = drug_name_key(drug)
    bare = without_salt(key)
    return [key, bare] if bare else [key]


class InteractionTable:
    """Pair lookups in the DDInter documents of a store (a few indexed queries per question)."""

    def __init__(self, store: Store, collection: str = COLLECTION) -> None:
        self.store = store
        self.collection = collection

    def documents_of(self, drugs: list[str]) -> dict[str, list[str]]:
        """DDInter document ids of each drug (empty when the drug is not in the table)."""
        candidates = {drug: _candidate_keys(drug) for drug in drugs}
        found = self.store.documents_named(
            [k for keys in candidates.values() for k in keys], self.collection
        )
        return {
            drug: next((found[k] for k in keys if k in found), [])
            for drug, keys in candidates.items()
        }

    def known(self, drug: str) -> bool:
        """Whether the drug is in the interaction table at all."""
        return bool(self.documents_of([drug])[drug])

    def pairs(self, drugs: list[str]) -> list[InteractionFinding]:
        """The table's line for every pair of the drugs that it lists, in the order asked."""
        drugs = list(dict.fromkeys(d for d in drugs if d.strip()))
        doc_ids = self.documents_of(drugs)
        listed = [d for d in drugs if doc_ids[d]]
        if len(listed) < 2:
            return []
        owners = {doc_id for d in listed[:-1] for doc_id in doc_ids[d]}
        partners = {doc_id for d in listed[1:] for doc_id in doc_ids[d]} - owners
        documents = self.store.get_documents(owners, with_passages=True)
        documents |= self.store.get_documents(partners, with_text=False)
        names = {doc_id: str(doc.metadata.get("drug", "")) for doc_id, doc in documents.items()}
        findings = []
        for drug_a, drug_b in combinations(listed, 2):
            lines = [
                _finding(drug_a, drug_b, documents[a], names[b])
                for a in doc_ids[drug_a]
                for b in doc_ids[drug_b]
                if a in documents and b in names
            ]
            found = [f for f in lines if f is not None]
            if found:
                findings.append(min(found, key=lambda f: f.level.rank))
        return findings


def _finding(drug_a: str, drug_b: str, owner: Document, partner: str) -> InteractionFinding | None:
    """The owner document's line about the partner, if it has one."""
    name_a = str(owner.metadata.get("drug", ""))
    prefix = line_prefix(name_a, partner)
    start = owner.text.find(prefix)
    while start > 0 and owner.text[start - 1] != "\n":
        start = owner.text.find(prefix, start + 1)
    if start < 0:
        return None
    end = owner.text.find("\n", start)
    end = len(owner.text) if end < 0 else end
    section = next((s for s in owner.sections if s.start <= start < s.end), None)
    passage = next((p for p in owner.passages if p.start <= start and end <= p.end), None)
    levels = {level.value for level in InteractionLevel}
    if section is None or passage is None or section.name not in levels:
        return None
    return InteractionFinding(
        drug_a=drug_a,
        drug_b=drug_b,
        level=InteractionLevel(section.name),
        name_a=name_a,
        name_b=partner,
        text=owner.text[start:end],
        span=SourceSpan(doc_id=owner.id, passage_id=passage.id, start=start, end=end),
    )


# -- drug classes -----------------------------------------------------------------------------
class DrugClass(BaseModel):
    """A class of drugs clinicians and patients ask about, with its members."""

    id: str = Field(description="Stable id, e.g. 'nsaid', 'anticoagulant'.")
    label: str = Field(description="Name to show, e.g. 'NSAIDs'.")
    terms: list[str] = Field(
        description="What people call the class (lower case), to match and search."
    )
    includes: list[str] = Field(default_factory=list, description="Ids of classes inside this one.")
    members: list[str] = Field(description="Member drugs (canonical lower-case generic names).")
    atc: str = Field(description="WHO ATC code(s) of the class, where ATC has one.")
    source: str = Field(description="Where the membership comes from.")


_NON_WORD = re.compile(r"[^a-z0-9']+")


def _term_key(text: str) -> str:
    return _NON_WORD.sub(" ", text.lower().replace("\u2019", "'")).strip()


class DrugClassMap:
    """Drug classes from medcite/data/drug_classes.csv: members, names, duplicate therapy."""

    def __init__(self, classes: list[DrugClass], variants: dict[str, list[str]]) -> None:
        self.classes = {c.id: c for c in classes}
        self._variants = variants
        self._by_term: dict[str, str] = {}
        for c in classes:
            for term in c.terms:
                self._by_term.setdefault(_term_key(term), c.id)
        self._by_member: dict[str, list[str]] = {}
        for c in classes:
            for member in c.members:
                self._by_member.setdefault(member, []).append(c.id)
        longest_first = sorted(self._by_term, key=len, reverse=True)
        self._term_pattern = re.compile(
            r"\b(?:" + "|".join(re.escape(t) for t in longest_first) + r")s?\b"
        )

    @classmethod
    def load(cls) -> DrugClassMap:
        """The shipped class table, with composite classes expanded to their members."""
        text = resources.files("medcite.data").joinpath("drug_classes.csv").read_text("utf-8")
        rows = list(csv.DictReader(line for line in text.splitlines() if not line.startswith("#")))
        own = {r["class_id"]: [drug_name_key(m) for m in _split(r["members"])] for r in rows}
        includes = {r["class_id"]: _split(r["includes"]) for r in rows}
        classes = [
            DrugClass(
                id=r["class_id"],
                label=r["label"],
                terms=_split(r["terms"]),
                includes=includes[r["class_id"]],
                members=_expand(r["class_id"], own, includes),
                atc=r["atc"],
                source=r["source"],
            )
            for r in rows
        ]
        return cls(classes, load_name_variants())

    def _canonical(self, drug: str) -> list[str]:
        """The drug's key and its other names, as the class table may list it."""
        keys = _candidate_keys(drug)
        return list(dict.fromkeys([*keys, *(v for k in keys for v in self._variants.get(k, []))]))

    def classes_of(self, drug: str) -> list[DrugClass]:
        """Every class the drug belongs to (e.g. tramadol: opioids, serotonergic drugs, ...)."""
        ids = [cid for name in self._canonical(drug) for cid in self._by_member.get(name, [])]
        return [self.classes[cid] for cid in dict.fromkeys(ids)]

    def labels_of(self, drug: DrugMention) -> list[str]:
        """What the classes of a drug mention are called ("Opioids"); a class mention's own
        label first."""
        own = self.class_for_name(drug.name) if drug.is_class else None
        found = [own] if own else [] if drug.is_class else self.classes_of(drug.name)
        return [c.label for c in found]

    def members(self, class_id: str) -> list[str]:
        """Member drugs of a class (composite classes include their sub-classes' members)."""
        return list(self.classes[class_id].members) if class_id in self.classes else []

    def class_for_name(self, text: str) -> DrugClass | None:
        """The class a name means ("NSAIDs", "blood thinner", "SSRI"), or None."""
        key = _term_key(text)
        cid = self._by_term.get(key) or self._by_term.get(key.removesuffix("s"))
        return self.classes[cid] if cid else None

    def classes_in(self, text: str) -> list[DrugClass]:
        """Classes named anywhere in a text ("Can I take NSAIDs with blood thinners?")."""
        found = (
            self.class_for_name(m.group(0)) for m in self._term_pattern.finditer(_term_key(text))
        )
        return list({c.id: c for c in found if c is not None}.values())

    def same_class(self, drug_a: str, drug_b: str) -> list[DrugClass]:
        """Classes both drugs belong to (a duplicate-therapy check)."""
        of_b = {c.id for c in self.classes_of(drug_b)}
        return [c for c in self.classes_of(drug_a) if c.id in of_b]

    def class_terms(self, class_id: str) -> list[str]:
        """Words to search guideline text with for the class ("nsaid", "anti-inflammatory", ...)."""
        return list(self.classes[class_id].terms) if class_id in self.classes else []


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


def _expand(class_id: str, own: dict[str, list[str]], includes: dict[str, list[str]]) -> list[str]:
    members, pending, seen = list(own[class_id]), list(includes[class_id]), {class_id}
    while pending:
        sub = pending.pop(0)
        if sub in seen:
            continue
        seen.add(sub)
        members.extend(own[sub])
        pending.extend(includes[sub])
    return list(dict.fromkeys(members))
