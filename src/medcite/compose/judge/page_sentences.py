"""Which sentence of the topic pages answers: one on the question's main condition, one
that stands alone, one that says what the wording asks ("Can it be cured?") or, short of
that, how the condition is treated."""

from __future__ import annotations

import re

from medcite.compose.gather.evidence import EvidenceSentence
from medcite.compose.gather.topic_pages import AskedKind
from medcite.models import Note, NoteKind, Understood
from medcite.text import name_key
from medcite.text.abbreviations import abbreviates
from medcite.text.kinds import refers_back


def pages_off_main_condition(sentences: list[EvidenceSentence], understood: Understood) -> set[int]:
    """Topic pages (by id of their document) on something other than the question's main
    condition: the gas page for "PID ... a campground or gas station"."""
    if not understood.conditions:
        return set()
    # Word overlap, not containment: the main condition may carry a verb ("causes kidney
    # stones") and a page's focus a phrase ("What I need to know about Kidney Stones").
    first = understood.conditions[0]
    # "GERD" names the same condition as "gastroesophageal reflux disease"
    same = [c for c in understood.conditions if c == first or abbreviates(c, first)]
    main = {w for c in same for w in name_key(c).split()} - _HEAD_NOUNS
    out = set()
    for s in sentences:
        focus = set(name_key(str(s.document.metadata.get("focus", ""))).split()) - _HEAD_NOUNS
        if s.topic_page and focus and not focus & main:
            out.add(id(s.document))
    return out


_HEAD_NOUNS = frozenset(name_key("disease syndrome disorder infection").split())


def standing_alone(
    chosen: list[EvidenceSentence], sentences: list[EvidenceSentence]
) -> list[EvidenceSentence]:
    """A page sentence that leans on the one before it ("It is usually mild with fever and a
    rash.") comes with that sentence ("Rubella is an infection caused by a virus."), when it
    stands just before it in the same passage and does not lean back itself."""
    if not chosen or not chosen[0].topic_page or not refers_back(chosen[0].text):
        return chosen
    top = chosen[0]
    before = [
        s
        for s in sentences
        if s.passage is top.passage
        and s.end <= top.start
        and not s.document.text[s.end : top.start].strip()
        and not refers_back(s.text)
    ]
    return before[:1] + chosen


# Says how a condition is treated or prevented ("A series of shots can prevent rabies").
TREATS = re.compile(
    r"\b(?:treat\w*|therap\w*|cur(?:e|ed|es|ing)|prevent\w*|manag\w*|medicines?|"
    r"medications?|drugs?|shots?|vaccin\w*|surgery|surgical|antibiotics?)\b",
    re.I,
)


def not_stated(asked: AskedKind, understood: Understood) -> Note:
    topic = understood.conditions[0] if understood.conditions else "it"
    what = asked.label.format(topic=topic) if asked.label else "this"
    return Note(
        kind=NoteKind.NOT_GIVEN,
        text=f"The indexed sources found do not say {what}; they say how it is treated.",
    )


# "If not treated, it can lead to ...", "A test can also check on how you are managing it"
_NOT_TREATING = re.compile(r"\b(?:(?:not|un)[- ]?treated|tests?)\b", re.I)


def says_how_treated(text: str) -> bool:
    """It says how the condition is treated ("Chronic hepatitis C is treated with medicines")."""
    return bool(TREATS.search(text)) and not _NOT_TREATING.search(text)


def list_item(s: EvidenceSentence) -> bool:
    """It opens a list item: one of many listed, or the last item run into the next paragraph
    ("- Certain medicines Treatment depends on the cause.")."""
    return s.document.text[max(0, s.start - 2) : s.start] in ("- ", "* ", "\u2022 ")
