"""Text about taking two drugs together: guideline and patient-information sentences naming
both sides of a pair (a drug, or a class it belongs to), and rows of guideline tables (the
Beers criteria's drug-drug interactions), the most squarely about the pair first."""

from __future__ import annotations

import re
from collections import Counter
from itertools import combinations

from medcite.compose.gather.evidence import (
    EvidenceSentence,
    defined_in,
    holds_findings,
    passage_sentences,
)
from medcite.compose.gather.interactions import DrugClassMap
from medcite.compose.understand.concepts import QuestionConcepts
from medcite.index.base import LexicalQuery
from medcite.models import (
    Document,
    DrugMention,
    EvidenceSearch,
    Passage,
    PassageKind,
    SearchFilters,
    SearchHit,
    SourceSpan,
    SourceType,
)
from medcite.retrieve.searcher import Searcher
from medcite.text import analyze
from medcite.text.kinds import is_safety

_LINE = re.compile(r"[^\n]+")
_CELL_CHARS = 80  # a passage this short is a table cell
_CELL_CANDIDATES = 300
_CELL_DOCS = 5
_TEXT_SOURCES = [SourceType.GUIDELINE, SourceType.PATIENT_INFORMATION, SourceType.DRUG_LABEL]


def pair_text(
    singles: list[DrugMention],
    classes: list[DrugMention],
    searcher: Searcher,
    class_map: DrugClassMap,
    concepts: QuestionConcepts,
    log: list[EvidenceSearch],
) -> list[EvidenceSentence]:
    """Guideline and patient-information sentences naming both sides of a pair (a drug, or a
    class it belongs to), the most squarely about the pair first."""
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
            for s, terms in _hit_sentences(hit, rank, concepts, sides[a], sides[b]):
                specific[id(s)] = _specificity(s, terms, pair_names, pair_own)
                out.append(s)
        cells = _cell_rows(searcher, pair, own_a, own_b)
        specific |= {
            id(s): _specificity(s, pair_terms(s.text), pair_names, pair_own) for s in cells
        }
        out = cells + out
    # A sentence naming neither drug, and one side only by a class both share ("linezolid ...
    # with serotonergic activity (e.g., SSRIs)" for fluoxetine with St John's wort), is about
    # something else.
    kept = [s for s in out if specific[id(s)][:2] != (0, True)]
    return sorted(kept, key=lambda s: (specific[id(s)], s.rank))


def _hit_sentences(
    hit: SearchHit, rank: int, concepts: QuestionConcepts, side_a: list[str], side_b: list[str]
) -> list[tuple[EvidenceSentence, set[str]]]:
    """A passage's sentences naming both sides (else its table rows that do), each with the
    terms that tell which drugs it names."""
    if not holds_findings(hit.passage.section):
        return []  # "Maternal corticosteroids / Intravenous magnesium sulfate" considered
    defined = defined_in([hit.passage])  # "St. John's wort (SJW)"
    found = []
    for s in passage_sentences(hit.passage, hit.document, rank, concepts, defined):
        terms = pair_terms(s.text, defined)
        if _names_side(terms, side_a) and _names_side(terms, side_b):
            found.append((s, terms))
    if not found:
        rows = _table_rows(hit, rank, side_a, side_b)
        found = [(s, pair_terms(s.text, defined)) for s in rows]
    for s, _ in found:
        s.has_anchor, s.in_setting = True, True
    return found


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
        if not _pair_of_cells(lines[i].group(0), lines[i + 1].group(0), side_a, side_b):
            continue
        start = passage.start + lines[i].start()
        end = passage.start + lines[min(i + cells, len(lines)) - 1].end()
        out.append(table_sentence(doc, passage, start, end, rank))
    return out


def _side_terms(drug: DrugMention, class_map: DrugClassMap | None = None) -> list[str]:
    """Analyzed alternatives naming one side: the drug, its surface form, its classes' names
    (without a class map, the drug's own names only)."""
    names = [drug.name, drug.surface]
    classes = []
    if class_map is not None and drug.is_class:
        classes = [c for c in [class_map.class_for_name(drug.name)] if c]
    elif class_map is not None:
        classes = class_map.classes_of(drug.name)
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
    terms: set[str],
    names: tuple[list[str], list[str]],
    own: tuple[list[str], list[str]],
) -> tuple[int, ...]:
    """How squarely a sentence (with its `pair_terms`) is about the pair (lower first): the
    drugs named by their own names, then each side by its own names or classes (a class both
    share, "sedation", seldom means the pair), then taking them together said outright, a
    recommendation, safety."""
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


def table_sentence(
    doc: Document, passage: Passage, start: int, end: int, rank: int = 0
) -> EvidenceSentence:
    """A line of a table (an interaction-table row, a guideline table's row) as a claim."""
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
