"""Messages asking whether to seek care, and red flags: the advice to seek care answers them,
never a recommendation that says nothing about seeking care."""

from __future__ import annotations

import re

from medcite.compose.gather.evidence import Evidence, EvidenceSentence
from medcite.compose.judge.choice import BottomLineChoice
from medcite.models import Note, NoteKind, SourceType, Understood, Verdict
from medcite.text import analyze

ASKS_TO_SEEK_CARE = re.compile(
    r"\b(?:(?:need|have|ought|should|must) (?:(?:i|we|he|she|they|you) )?(?:to )?|"
    r"(?:time|whether|when) to )"
    r"(?:go|get|see|call|visit|seek|take (?:him|her|them|me))\b[^.?!]{0,25}"
    r"\b(?:hospital|emergency|er\b|a&e|doctor|physician|gp\b|911|9-1-1|care|help)|"
    r"\bis (?:this|it|that) (?:an? )?(?:emergency|urgent)\b",
    re.I,
)
SEEK_CARE = re.compile(
    r"\b(?:call 911|call 9-1-1|go to (?:the |an )?(?:hospital|emergency)|get to (?:the |a )?"
    r"hospital|see (?:a|your) (?:doctor|health care provider)|seek (?:medical )?(?:care|help|"
    r"attention)|get medical (?:care|help)|contact your doctor)\b",
    re.I,
)
ASKS_TO_WAIT = re.compile(
    r"\b(?:wait|hold off|ignore|sleep (?:it|on it)|see if it goes away|until tomorrow|"
    r"stay (?:at )?home|ride it out|let (?:him|her|them|me) (?:rest|sleep))\b",
    re.I,
)
ASKS_WHAT_TO_DO = re.compile(
    r"\bwhat (?:should|do|can|must) (?:i|we|he|she|they) do\b|\bwhat to do\b|"
    r"\bdon'?t know what to do\b|\bhelp\b",
    re.I,
)


def advice_to_seek_care(
    evidence: Evidence, understood: Understood, question: str
) -> BottomLineChoice | None:
    """Patient pages saying when to seek care answer "Do I need to go to hospital?"."""
    if not ASKS_TO_SEEK_CARE.search(question):
        return None
    conditions = [set(analyze(c, compound_parts=False)) for c in understood.conditions]
    advice = [
        s
        for s in evidence.sentences
        if s.on_topic
        and (s.has_anchor or any(c <= s.terms for c in conditions))
        and s.document.source_type == SourceType.PATIENT_INFORMATION
        and SEEK_CARE.search(s.text)
    ]
    return BottomLineChoice(Verdict.YES, advice[:1]) if advice else None


def unadvised(judged: BottomLineChoice, question: str) -> BottomLineChoice | None:
    """Whether to go to the ER is answered by advice on seeking care, not by a guideline on
    how to investigate hemoptysis: a Yes or No quoting none says the sources don't say."""
    if (
        ASKS_TO_SEEK_CARE.search(question)
        and judged.verdict in (Verdict.YES, Verdict.NO)
        and not any(SEEK_CARE.search(s.text) for s in judged.sentences)
    ):
        note = Note(
            kind=NoteKind.NOT_GIVEN,
            text="The indexed sources found do not say when to seek care for this.",
        )
        return BottomLineChoice(Verdict.NOT_ESTABLISHED, [], notes=[note])
    return None


def red_flag_answer(
    judged: BottomLineChoice, urgent: list[EvidenceSentence], question: str
) -> BottomLineChoice:
    """Red flags: "should I wait?" is answered No by the advice to seek care now, and so is
    "what should we do?" or a message the index has nothing else on."""
    if ASKS_TO_WAIT.search(question):
        # "should I be worried or let her rest?" offers two answers; "No" would say neither
        either_or = re.search(r"\bor (?:should |do |can )?(?:i |we )?(?:just )?\w+", question)
        return BottomLineChoice(Verdict.ANSWER if either_or else Verdict.NO, urgent[:1])
    if ASKS_TO_SEEK_CARE.search(question):  # "Should I call 911?", "Is this an emergency?"
        return BottomLineChoice(Verdict.YES, urgent[:1])
    if judged.verdict == Verdict.ABSTAIN or ASKS_WHAT_TO_DO.search(question):
        return BottomLineChoice(Verdict.ANSWER, urgent[:1])
    return judged
