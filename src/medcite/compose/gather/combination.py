"""Evidence about taking drugs together: interaction-table rows, guideline text about the pair
or its classes, and duplicate therapy (one drug by two routes, two drugs of one class).

A pair missing from the interaction table is reported as exactly that: the indexed DDInter
extract covers 8 of its ATC groups, so absence is never evidence of no interaction.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations, pairwise

from medcite.compose.gather.evidence import (
    EvidenceSentence,
    defined_in,
    holds_findings,
    passage_sentences,
)
from medcite.compose.gather.interactions import (
    DrugClassMap,
    InteractionFinding,
    InteractionLevel,
    InteractionTable,
)
from medcite.compose.understand.concepts import QuestionConcepts
from medcite.index.base import LexicalQuery
from medcite.models import (
    Document,
    DrugMention,
    EvidenceSearch,
    Intent,
    Note,
    NoteKind,
    Passage,
    PassageKind,
    SearchFilters,
    SearchHit,
    SourceSpan,
    SourceType,
    Understood,
)
from medcite.retrieve.searcher import Searcher
from medcite.text import analyze
from medcite.text.kinds import is_safety

_LINE = re.compile(r"[^\n]+")
_CELL_CHARS = 80  # a passage this short is a table cell
_CELL_CANDIDATES = 300
_CELL_DOCS = 5
_TEXT_SOURCES = [SourceType.GUIDELINE, SourceType.PATIENT_INFORMATION, SourceType.DRUG_LABEL]
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
    combo.text_sentences = _pair_text(singles, classes, searcher, sources.classes, concepts, log)
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
    return bool(
        understood.patient.described() or understood.populations or understood.filler_words
    )


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
            out.append(_table_sentence(doc, passage, f.span.start, f.span.end))
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
            out.append(_table_sentence(doc, passage, start, end))
        start += len(line)
    return out


def _table_sentence(
    doc: Document, passage: Passage, start: int, end: int, rank: int = 0
) -> EvidenceSentence:
    text = passage.text[start - passage.start : end - passage.start]  # hits carry no full text
    return EvidenceSentence(
        text=text,
        document=doc,
        passage=passage,
        start=start,
        end=end,
        rank=rank,
        terms=set(analyze(text)),
        coverage=1.0,
        context_coverage=1.0,
        has_anchor=True,
        in_setting=True,
    )


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


def _pair_text(
    singles: list[DrugMention],
    classes: list[DrugMention],
    searcher: Searcher,
    class_map: DrugClassMap,
    concepts: QuestionConcepts,
    log: list[EvidenceSearch],
) -> list[EvidenceSentence]:
    """Guideline and patient-information sentences naming both sides of a pair (a drug, or a
    class it belongs to), safety statements first."""
    drugs = singles + classes
    sides = [_side_terms(d, class_map) for d in drugs]
    names = [_side_terms(d) for d in drugs]
    out: list[EvidenceSentence] = []
    specific: dict[int, tuple[int, ...]] = {}
    for a, b in combinations(range(len(sides)), 2):
        # The pair's names and its own classes' ("opioids and benzodiazepines"): a guideline
        # may name only the classes. A class of both ("CNS depressants") tells them apart
        # from nothing, so passages naming each side by its own names come first.
        own_a, own_b = _own_terms(sides[a], sides[b]), _own_terms(sides[b], sides[a])
        pair_names, pair_own = (names[a], names[b]), (own_a, own_b)
        pair = " ".join(drugs[i].name for i in (a, b))
        by_class = " ".join(own_a + own_b + [_TOGETHER_WORDS])
        searches = [(pair, [sides[a], sides[b]]), (by_class, [own_a, own_b])]
        hits = _pair_hits(searcher, searches, log)
        for rank, hit in enumerate(hits, start=1):
            if not holds_findings(hit.passage.section):
                continue  # "Maternal corticosteroids / Intravenous magnesium sulfate" considered
            defined = defined_in([hit.passage])  # "St. John's wort (SJW)"
            found = [
                s
                for s in passage_sentences(hit.passage, hit.document, rank, concepts, defined)
                if _names_side(pair_terms(s.text, defined), sides[a])
                and _names_side(pair_terms(s.text, defined), sides[b])
            ]
            found = found or _table_rows(hit, rank, sides[a], sides[b])
            for s in found:
                s.has_anchor, s.in_setting = True, True
                specific[id(s)] = _specificity(s, pair_names, pair_own, defined)
            out += found
        rows = _cell_rows(searcher, pair, own_a, own_b)
        specific |= {id(s): _specificity(s, pair_names, pair_own) for s in rows}
        out = rows + out
    # A sentence naming neither drug, and one side only by a class both share ("linezolid ...
    # with serotonergic activity (e.g., SSRIs)" for fluoxetine with St John's wort), is about
    # something else.
    kept = [s for s in out if specific[id(s)][:2] != (0, True)]
    return sorted(kept, key=lambda s: (specific[id(s)], s.rank))


def _pair_hits(
    searcher: Searcher,
    searches: list[tuple[str, list[list[str]]]],
    log: list[EvidenceSearch],
) -> list[SearchHit]:
    """Text passages naming both sides: each search (a query, the term groups it requires)."""
    hits: dict[str, SearchHit] = {}
    for query, groups in searches:
        result = searcher.search(
            query, filters=SearchFilters(source_types=_TEXT_SOURCES), k=10, required=groups
        )
        log.append(
            EvidenceSearch(
                purpose="combination",
                query=query,
                terms=[t for g in groups for t in g],
                passages_found=len(result.hits),
            )
        )
        for hit in result.hits:
            hits.setdefault(hit.passage.id, hit)
    return list(hits.values())


def _cell_rows(
    searcher: Searcher, names: str, side_a: list[str], side_b: list[str], cells: int = 4
) -> list[EvidenceSentence]:
    """Rows of a guideline table stored one cell a passage (the Beers criteria's drug-drug
    interaction table: "Warfarin | NSAIDs | Increased risk of bleeding | Avoid when possible"):
    a short passage naming one side, followed by one naming the other."""
    # The store directly, not the searcher: its one-document diversity would drop the cells.
    # By the drugs' names, then a side at a time by its names and classes: a cell is short
    # and names one side only ("Corticosteroids, oral or parenteral" | "NSAIDs").
    guidelines = SearchFilters(source_types=[SourceType.GUIDELINE])
    searches = [(analyze(names), [side_a + side_b])]
    searches += [(analyze(" ".join(side)), [side]) for side in (side_a, side_b)]
    short: dict[str, Passage] = {}
    for terms, required in searches:
        lexical = LexicalQuery(terms=terms, required=required)
        for c in searcher.store.match(lexical, guidelines, limit=_CELL_CANDIDATES):
            if len(c.passage.text) <= _CELL_CHARS:
                short.setdefault(c.passage.id, c.passage)
    sides_in: dict[str, set[int]] = {}
    for cell in short.values():
        named = pair_terms(cell.text)
        sides_in.setdefault(cell.doc_id, set()).update(
            i for i, side in enumerate((side_a, side_b)) if _names_side(named, side)
        )
    per_doc = Counter(p.doc_id for p in short.values() if len(sides_in[p.doc_id]) == 2)
    doc_ids = [doc_id for doc_id, _ in per_doc.most_common(_CELL_DOCS)]
    docs = searcher.store.get_documents(doc_ids, with_passages=True)
    out: list[EvidenceSentence] = []
    for cell in short.values():
        doc = docs.get(cell.doc_id)
        if doc is None:
            continue
        row = doc.passages[cell.ordinal : cell.ordinal + cells]
        if (
            len(row) >= 2
            and len(row[1].text) <= _CELL_CHARS  # the cell beside it, not a paragraph
            and _pair_of_cells(row[0].text, row[1].text, side_a, side_b)
        ):
            out.append(_row_sentence(doc, row))
    return out


def _pair_of_cells(first: str, second: str, side_a: list[str], side_b: list[str]) -> bool:
    one, two = pair_terms(first), pair_terms(second)
    return (_names_side(one, side_a) and _names_side(two, side_b)) or (
        _names_side(one, side_b) and _names_side(two, side_a)
    )


def _row_sentence(doc: Document, row: list[Passage]) -> EvidenceSentence:
    text = " ".join(p.text for p in row)
    spans = [SourceSpan(doc_id=doc.id, passage_id=p.id, start=p.start, end=p.end) for p in row]
    return EvidenceSentence(
        text=text,
        document=doc,
        passage=row[0],
        start=row[0].start,
        end=row[-1].end,
        rank=0,
        terms=set(analyze(text)),
        coverage=1.0,
        context_coverage=1.0,
        has_anchor=True,
        in_setting=True,
        pieces=spans,
    )


def _table_rows(
    hit: SearchHit, rank: int, side_a: list[str], side_b: list[str], cells: int = 4
) -> list[EvidenceSentence]:
    """Rows of a table laid out one cell a line (the Beers criteria's drug-drug interaction
    table: "Warfarin / NSAIDs / Increased risk of bleeding / Avoid when possible ..."): a row
    starts at a cell naming one side, the next cell names the other."""
    passage, doc = hit.passage, hit.document
    lines = [m for m in _LINE.finditer(passage.text)]
    out = []
    for i in range(len(lines) - 1):
        first, second = (pair_terms(lines[j].group(0)) for j in (i, i + 1))
        pair = (_names_side(first, side_a) and _names_side(second, side_b)) or (
            _names_side(first, side_b) and _names_side(second, side_a)
        )
        if not pair:
            continue
        start = passage.start + lines[i].start()
        end = passage.start + lines[min(i + cells, len(lines)) - 1].end()
        out.append(_table_sentence(doc, passage, start, end, rank))
    return out


def _side_terms(drug: DrugMention, class_map: DrugClassMap | None = None) -> list[str]:
    """Analyzed alternatives naming one side: the drug, its surface form, its classes' names
    (without a class map, the drug's own names only)."""
    names = [drug.name, drug.surface]
    if class_map is None:
        analyzed = (" ".join(analyze(n, compound_parts=False)) for n in names)
        return list(dict.fromkeys(a for a in analyzed if a))
    found = class_map.class_for_name(drug.name) if drug.is_class else None
    classes = [found] if found else [] if drug.is_class else class_map.classes_of(drug.name)
    for c in classes:
        names += c.terms + (c.members if drug.is_class else [])
    analyzed = (" ".join(analyze(n, compound_parts=False)) for n in names)
    return list(dict.fromkeys(a for a in analyzed if a))


_TOGETHER_WORDS = "concurrent concomitant together combination"


_JOINTLY = re.compile(
    r"\b(?:together|concomitant\w*|concurrent\w*|combin\w*|co-?administ\w*|simultaneous\w*|"
    r"at the same time)\b",
    re.I,
)


def _specificity(
    s: EvidenceSentence,
    names: tuple[list[str], list[str]],
    own: tuple[list[str], list[str]],
    abbreviations: dict[str, str] | None = None,
) -> tuple[int, ...]:
    """How squarely a sentence is about the pair (lower first): the drugs named by their own
    names, then each side by its own names or classes (a class both share, "sedation", seldom
    means the pair), then taking them together said outright, a recommendation, safety."""
    terms = pair_terms(s.text, abbreviations)
    by_name = sum(_names_side(terms, n) for n in names)
    by_own = all(_names_side(terms, o) for o in own)
    recommendation = s.passage.kind == PassageKind.RECOMMENDATION
    return (
        -by_name,
        not by_own,
        not _JOINTLY.search(s.text),
        not (recommendation and s.passage.grade),
        not is_safety(s.text),
    )


def _own_terms(side: list[str], other: list[str]) -> list[str]:
    """A side's names that the other side does not share (or all of them, if none)."""
    return [t for t in side if t not in other] or side


_NEGATED = re.compile(r"\b(non)[- ](?=[a-z])", re.I)


def pair_terms(text: str, abbreviations: dict[str, str] | None = None) -> set[str]:
    """Terms for telling which drugs a text names: "non-steroidal" names no steroid; an
    abbreviation its source defines ("SJW") names the long form."""
    terms = set(analyze(_NEGATED.sub(r"\1", text)))
    for short, long_form in (abbreviations or {}).items():
        if re.search(rf"\b{re.escape(short)}s?\b", text):
            terms |= set(analyze(long_form))
    return terms


def _names_side(terms: set[str], alternatives: list[str]) -> bool:
    return any(all(part in terms for part in alt.split()) for alt in alternatives)
