"""Evidence about taking drugs together: interaction-table rows, guideline text about the pair
or its classes, and duplicate therapy (one drug by two routes, two drugs of one class).

A pair missing from the interaction table is reported as exactly that: the indexed DDInter
extract covers 8 of its ATC groups, so absence is never evidence of no interaction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import combinations, pairwise

from medcite.compose.gather.evidence import EvidenceSentence
from medcite.compose.gather.interactions import (
    DrugClassMap,
    InteractionFinding,
    InteractionLevel,
    InteractionTable,
)
from medcite.compose.gather.pair_text import pair_text, table_sentence
from medcite.compose.understand.concepts import QuestionConcepts
from medcite.models import (
    Document,
    DrugMention,
    EvidenceSearch,
    Intent,
    Note,
    NoteKind,
    Understood,
)
from medcite.retrieve.searcher import Searcher

TABLE_SCOPE = (
    "the indexed DDInter extract covers 8 of its ATC groups (A, B, D, H, L, P, R, V), "
    "so this is not evidence of no interaction"
)


@dataclass
class Combination:
    """What the index says about the drugs of one question taken together."""

    drugs: list[str]  # canonical names, single drugs first, then classes
    findings: list[InteractionFinding] = field(default_factory=list)
    table_sentences: list[EvidenceSentence] = field(default_factory=list)  # DDInter lines
    text_sentences: list[EvidenceSentence] = field(default_factory=list)  # guideline text
    notes: list[Note] = field(default_factory=list)
    duplicate: bool = False

    @property
    def worst(self) -> InteractionLevel | None:
        return min((f.level for f in self.findings), key=lambda lv: lv.rank, default=None)


@dataclass
class CombinationSources:
    """What combination checks read: the interaction table and the class map."""

    table: InteractionTable
    classes: DrugClassMap


def combination_evidence(
    understood: Understood,
    searcher: Searcher,
    sources: CombinationSources,
    concepts: QuestionConcepts,
    log: list[EvidenceSearch],
) -> Combination | None:
    """Interaction and duplicate-therapy evidence, when the question names two drugs or more
    (or one drug by two routes, or a drug and a class)."""
    singles = _distinct([d for d in understood.drugs if not d.is_class])
    classes = [
        c
        for c in _distinct([d for d in understood.drugs if d.is_class])
        if not _class_of_any(c, singles, sources.classes)  # "hydrochlorothiazide, a thiazide"
    ]
    by_routes = [d for d in singles if len(set(d.routes)) > 1]
    asked_together = understood.intent == Intent.CO_ADMINISTRATION or about_a_patient(understood)
    if not (asked_together or by_routes):
        return None  # two drugs named in a research question are not a question of taking both
    if understood.intent != Intent.CO_ADMINISTRATION and offered_as_alternatives(understood):
        return None  # "orlistat or metformin?" asks which one, not about taking both
    if len(singles) + len(classes) < 2 and not by_routes:
        return None
    names = [d.name for d in singles]
    combo = Combination(drugs=names + [c.name for c in classes])
    combo.notes += [_two_routes(d) for d in by_routes]
    one_product = {
        frozenset((a.name, b.name))
        for a, b in combinations(singles, 2)
        if a.product is not None and a.product == b.product
    }
    combo.notes += _same_class(names, sources.classes, one_product)
    combo.duplicate = bool(combo.notes)
    combo.findings = sources.table.pairs(names)
    combo.table_sentences = _table_sentences(combo.findings, searcher)
    if len(names) == 1 and not classes:
        combo.table_sentences = _notable_lines(names[0], searcher, sources)
    combo.notes += _not_in_table(names, combo.findings, sources.table, one_product)
    combo.text_sentences = pair_text(singles, classes, searcher, sources.classes, concepts, log)
    return combo


_ALTERNATIVE = re.compile(r"^\s*,?\s*(?:or|vs\.?|versus|instead of|rather than)\s*$", re.I)


def offered_as_alternatives(understood: Understood) -> bool:
    """The question names its drugs as choices: "X or Y", "X versus Y", "X instead of Y"."""
    text = understood.question
    spans = []
    for drug in understood.drugs:
        at = text.lower().find(drug.surface.lower())
        if at >= 0:
            spans.append((at, at + len(drug.surface)))
    spans.sort()
    gaps = [text[a_end:b_start] for (_, a_end), (b_start, _) in pairwise(spans)]
    return bool(gaps) and all(_ALTERNATIVE.match(g) for g in gaps)


def about_a_patient(understood: Understood) -> bool:
    """The question describes a patient (numbers, population, chatty wording), not a study."""
    return bool(understood.patient.described() or understood.populations or understood.filler_words)


def _class_of_any(mention: DrugMention, drugs: list[DrugMention], classes: DrugClassMap) -> bool:
    found = classes.class_for_name(mention.name)
    return found is not None and any(d.name in found.members for d in drugs)


def _distinct(mentions: list[DrugMention]) -> list[DrugMention]:
    """One mention per drug, routes merged ("oral ketamine and IV ketamine")."""
    merged: dict[str, DrugMention] = {}
    for m in mentions:
        if m.name in merged:
            kept = merged[m.name]
            kept.routes = list(dict.fromkeys(kept.routes + m.routes))
        else:
            merged[m.name] = m.model_copy(deep=True)
    return list(merged.values())


def _two_routes(drug: DrugMention) -> Note:
    routes = " and ".join(dict.fromkeys(drug.routes))
    return Note(
        kind=NoteKind.DUPLICATE_THERAPY,
        text=f"Duplicate therapy: {routes} {drug.name} at the same time is the same drug by two "
        "routes; the combined dose and exposure add up.",
        section="safety",
    )


def _same_class(
    names: list[str], classes: DrugClassMap, one_product: set[frozenset[str]]
) -> list[Note]:
    notes = []
    for a, b in combinations(names, 2):
        if frozenset((a, b)) in one_product:
            continue  # a fixed combination is one prescription, not duplicate therapy
        shared = [c for c in classes.same_class(a, b) if c.atc]  # therapeutic classes only
        if shared:
            notes.append(
                Note(
                    kind=NoteKind.DUPLICATE_THERAPY,
                    text=f"Duplicate therapy: {a} and {b} are both {shared[0].label}.",
                    section="safety",
                )
            )
    return notes


def _table_sentences(
    findings: list[InteractionFinding], searcher: Searcher
) -> list[EvidenceSentence]:
    if not findings:
        return []
    docs = searcher.store.get_documents({f.span.doc_id for f in findings}, with_passages=True)
    out = []
    for f in sorted(findings, key=lambda f: f.level.rank):
        doc = docs.get(f.span.doc_id)
        passage = doc and next((p for p in doc.passages if p.id == f.span.passage_id), None)
        if doc is not None and passage is not None:
            out.append(table_sentence(doc, passage, f.span.start, f.span.end))
    return out


def _notable_lines(
    drug: str, searcher: Searcher, sources: CombinationSources, limit: int = 3
) -> list[EvidenceSentence]:
    """A drug asked about alone (two routes): its most severe table interactions with drugs
    of the classes clinicians ask about (opioids, CNS depressants, SSRIs, ...)."""
    doc_ids = sources.table.documents_of([drug])[drug]
    out: list[EvidenceSentence] = []
    for doc in searcher.store.get_documents(doc_ids, with_passages=True).values():
        levels = {s.name: s for s in doc.sections}
        for level in (InteractionLevel.MAJOR, InteractionLevel.MODERATE):
            section = levels.get(level.value)
            if section is not None:
                out += _class_partner_lines(doc, section.start, section.end, sources.classes)
            if len(out) >= limit:
                return out[:limit]
    return out[:limit]


def _class_partner_lines(
    doc: Document, begin: int, stop: int, classes: DrugClassMap
) -> list[EvidenceSentence]:
    out = []
    start = begin
    for line in doc.text[begin:stop].splitlines(keepends=True):
        partner = line.split(" and ", 1)[-1].split(":", 1)[0].strip().lower()
        end = start + len(line.rstrip())
        passage = next((p for p in doc.passages if p.start <= start and end <= p.end), None)
        if passage is not None and line.strip() and classes.classes_of(partner):
            out.append(table_sentence(doc, passage, start, end))
        start += len(line)
    return out


def _not_in_table(
    names: list[str],
    findings: list[InteractionFinding],
    table: InteractionTable,
    one_product: set[frozenset[str]],
) -> list[Note]:
    """Pairs the table has no row for; the parts of one combined product are not a pair."""
    listed = {frozenset((f.drug_a, f.drug_b)) for f in findings} | one_product
    notes = []
    for a, b in combinations(names, 2):
        if a == b or frozenset((a, b)) in listed:
            continue
        missing = [d for d in (a, b) if not table.known(d)]
        where = (
            f"{' and '.join(missing)} {'is' if len(missing) == 1 else 'are'} not in the indexed "
            "interaction table"
            if missing
            else f"the indexed interaction table has no row for {a} with {b}"
        )
        notes.append(
            Note(
                kind=NoteKind.INTERACTION_NOT_INDEXED,
                text=f"{a} + {b}: {where}; {TABLE_SCOPE}.",
                section="safety",
            )
        )
    return notes
