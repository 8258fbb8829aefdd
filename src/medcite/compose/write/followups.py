"""Three next questions a reader is likely to ask, taken from what the index can answer.

Many indexed documents are titled by the question they answer (consumer health pages, PubMedQA
abstracts); titles of on-topic retrieved documents make follow-ups that medcite can answer.
Templates over the question's own concepts fill in when there are too few.
"""

from __future__ import annotations

import re

from medcite.compose.gather.evidence import Evidence
from medcite.compose.judge.stance import is_yes_no_question
from medcite.models import Audience, SourceType
from medcite.text import analyze

# For "can/should/is X ... in Y?" questions, where the subject is usually the intervention.
_INTERVENTION = (
    "What are the risks and side effects of {subject}?",
    "What are the alternatives to {subject} for {setting}?",
    "How is {setting} treated?",
)
# Otherwise the subject may be a condition: questions that make sense either way.
_NEUTRAL = (
    "What do guidelines recommend about {subject} in {setting}?",
    "What is the evidence on {subject} in {setting}?",
)
_ABOUT_TREATMENT = re.compile(
    r"\b(take|taking|give|giving|prescrib\w*|treat\w*|therap\w*|dos\w+|drug|medication)\b",
    re.I,
)
_SPACE_BEFORE_MARK = re.compile(r"\s+\?$")


def follow_up_questions(evidence: Evidence, audience: Audience, n: int = 3) -> list[str]:
    asked = set(analyze(evidence.question))
    anchor = evidence.concepts.anchor
    subject = next((c for c in evidence.concepts.concepts if anchor in c.words), None)
    out: list[str] = []
    for s in sorted((s for s in evidence.sentences if s.on_topic), key=lambda s: s.rank):
        title = _SPACE_BEFORE_MARK.sub("?", s.document.title.strip())
        if not title.endswith("?") or len(title) > 140:
            continue
        if (
            audience == Audience.PATIENT
            and s.document.source_type != SourceType.PATIENT_INFORMATION
        ):
            continue
        terms = {t for t in analyze(title) if len(t) > 1}
        if subject is not None and not evidence.concepts.contains(subject, terms):
            continue
        if terms <= asked or any(set(analyze(q)) == terms for q in out):
            continue
        out.append(title)
        if len(out) == n:
            return out
    if _ABOUT_TREATMENT.search(evidence.question):
        out += _templates(evidence, asked)[: n - len(out)]
    return out


def _templates(evidence: Evidence, asked: set[str]) -> list[str]:
    concepts = evidence.concepts
    anchor, setting = concepts.anchor, concepts.setting
    if anchor is None or setting is None:
        return []
    if is_yes_no_question(evidence.question):
        templates, subject = _INTERVENTION, anchor.surface
    else:
        templates = _NEUTRAL
        subject = next(c.surface for c in concepts.concepts if anchor in c.words)
    questions = [t.format(subject=subject, setting=setting.surface) for t in templates]
    return [q for q in questions if not set(analyze(q)) <= asked]
