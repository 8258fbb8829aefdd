"""Whether a question wants a yes or no, or asks for a thing (a treatment, an interval, how to
prevent it) however it is worded."""

from __future__ import annotations

import re

from medcite.compose.gather.combination import about_a_patient
from medcite.compose.judge.stance import is_yes_no_question, split_sentences
from medcite.compose.understand.intent import PREVENTION, asks_yes_or_no
from medcite.models import Intent, Understood
from medcite.text.kinds import asked_for

_IS_THERE_TREATMENT = re.compile(
    r"\b(?:is|are) there (?:any |a |an )?(?:\w+ )?(?:treatments?|cures?|medicines?|"
    r"medications?|therap(?:y|ies)|remed(?:y|ies))\b",
    re.I,
)


# Asking what one can do, not whether a named thing works ("Should I take aspirin to prevent
# it?" stays yes/no)
_ASKS_WHAT_PREVENTS = re.compile(
    r"\b(?:can|could|should|do|would) (?:i|we|you|she|he|they) (?:\w+ )?(?:do|lower|reduce|"
    r"decrease|minimi[sz]e|cut|prevent|avoid|keep)\b|\b(?:is|are) there (?:anything|something|"
    r"any ways?|ways?)\b|"
    # "Can the risk of neural tube defects be reduced?", not "... be reduced by folic acid?"
    r"\bcan (?:the )?(?:risk|chance|odds|likelihood)s? of [^?]*? be (?:reduced|lowered|"
    r"decreased|minimi[sz]ed)\b(?! (?:by|with|using|through|via|if)\b)",
    re.I,
)


_WHETHER = re.compile(
    # "asks whether she should", "wonders whether to begin", "wants to know if she should"
    r"\b(?:whether|(?:know|wonder\w*|ask\w*)\s+if)\s+(?:or not\s+)?(?:\w+\s+){0,3}?"
    r"(?:should|needs?|must|can|is|are|has to)\b|\bwhether to\b",
    re.I,
)


def asks_yes_no(question: str, understood: Understood) -> bool:
    """A yes/no question, or a message asking whether someone should do something ("asks me
    whether she should start mammograms now ... What does the evidence say?") when it does
    not ask for a thing (an interval, an age, a dose, a treatment). A question asking for a
    treatment or dose is yes/no only when worded as one ("Is metformin first-line ...?"),
    not as a bare title ("First-line antibiotic for pneumonia?")."""
    wants_a_thing = asked_for(understood.intent, question) is not None
    # "First-line antibiotic for pneumonia?" asks for the antibiotic; a study title "Chronic
    # functional somatic symptoms: a single syndrome?" still asks yes or no.
    names_a_thing = understood.intent in (Intent.FIRST_LINE, Intent.DOSING)
    worded_yes_no = any(asks_yes_or_no(s) for s in split_sentences(question))
    if names_a_thing:
        # "Is low-dose aspirin recommended, and from when and at what dose?" asks both
        return worded_yes_no
    if understood.intent == Intent.TREATMENT and _IS_THERE_TREATMENT.search(question):
        return False  # "Is there any treatment for X?" asks what the treatment is
    if _ASKS_WHAT_PREVENTS.search(question) and PREVENTION.search(question):
        return False  # "Can I lower my chances of getting it?" asks how
    if is_yes_no_question(question):
        return True
    screening_a_patient = understood.intent == Intent.SCREENING and about_a_patient(understood)
    if screening_a_patient and worded_yes_no:
        # "50 years old, BMI 31. Should my doctor be checking me for abnormal blood sugar or
        # diabetes?" names the conditions screened for, it does not offer a choice.
        return True
    return not wants_a_thing and bool(_WHETHER.search(question))
