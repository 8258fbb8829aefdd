"""What the grade of a quoted recommendation means, in its guideline's own words.

USPSTF statements end "(C recommendation)"; the same summary defines each grade in a table of
lines, a grade alone on its line and its definition on the next ("C" / "The USPSTF recommends
selectively offering or providing this service to individual patients based on professional
judgment and patient preferences. ..."). A clinician reading "It depends (C recommendation)"
is shown that sentence, cited to the same guideline.
"""

from __future__ import annotations

import re

from medcite.compose.gather.evidence import EvidenceSentence
from medcite.index.base import Store
from medcite.models import Document
from medcite.text import analyze
from medcite.text.sentences import sentence_spans

_GRADE_TAG = re.compile(r"\((?:grade )?([A-DI])(?: recommendation| statement)?\)\s*\.?$", re.I)
# A definition says what the grade recommends or concludes ("The USPSTF recommends against the
# service.", "The USPSTF concludes that the current evidence is insufficient ...")
_DEFINES = re.compile(r"\b(?:recommends?|concludes?|suggests?)\b", re.I)


def grade_of(s: EvidenceSentence) -> str | None:
    """The letter grade a recommendation carries, from its passage or its closing tag."""
    tag = _GRADE_TAG.search(s.text)
    grade = tag.group(1) if tag else s.passage.grade
    return grade.upper() if grade and len(grade) == 1 else None


def grade_meanings(
    quoted: list[EvidenceSentence], store: Store, max_overlap: float
) -> list[tuple[str, EvidenceSentence]]:
    """(grade, its definition) for each graded recommendation quoted, each grade of a guideline
    once; not when the statement already says it (`max_overlap`: share of the definition's
    words the statement has)."""
    graded = [(grade, s) for s in quoted if (grade := grade_of(s))]
    if not graded:
        return []
    full = store.get_documents({s.document.id for _, s in graded}, with_passages=True)
    out: dict[tuple[str, str], EvidenceSentence] = {}
    for grade, s in graded:
        document = full.get(s.document.id)
        meaning = grade_meaning(s, document) if document else None
        if meaning is not None and _adds_to(meaning, s, max_overlap):
            out.setdefault((s.document.id, grade), meaning)
    return [(grade, meaning) for (_, grade), meaning in out.items()]


def grade_meaning(s: EvidenceSentence, document: Document) -> EvidenceSentence | None:
    """The first sentence of the guideline's own definition of the grade the recommendation
    carries, as a citable sentence of the document (read in full); None when it has none."""
    grade = grade_of(s)
    if grade is None:
        return None
    text = document.text
    label = rf"(?m)^[ \t]*(?:Grade[ \t]+)?{grade}(?:[ \t]+Statement)?[ \t]*$\s+"
    for m in re.finditer(label, text):
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        spans = sentence_spans(text[m.end() : line_end])
        if not spans:
            continue
        start, end = (m.end() + offset for offset in spans[0])
        definition = text[start:end]
        passage = next((p for p in document.passages if p.start <= start and end <= p.end), None)
        if passage is None or not _DEFINES.search(definition):
            continue
        return EvidenceSentence(
            text=definition,
            document=document,
            passage=passage,
            start=start,
            end=end,
            rank=s.rank,
            terms=set(analyze(definition)),
            coverage=s.coverage,
            context_coverage=s.context_coverage,
            has_anchor=False,
            in_setting=True,
        )
    return None


def _adds_to(meaning: EvidenceSentence, statement: EvidenceSentence, max_overlap: float) -> bool:
    said = len(meaning.terms & set(analyze(statement.text)))
    return said < max_overlap * len(meaning.terms)
