"""Who a guideline recommendation is for, told from its wording: the subgroup it names ("women
with positive screening results"), the conditions it lists or adds ("any of the following:",
"co-occurring opioid use disorder"), a risk level, a stage of prevention, symptoms; and
sentences that are not the guideline's own advice for a patient (reported, presupposing a
decision, addressed to organisations). A recommendation for other people does not vote.
"""

from __future__ import annotations

import re

from medcite.compose.gather.evidence import EvidenceSentence
from medcite.text import analyze
from medcite.text.kinds import without_inclusions

# Words that name who, not which condition: "adults with ..." says nothing about a subgroup.
_GENERIC = frozenset(
    analyze(
        "a an the any all other known history risk factors factor family member members "
        "patient patients people persons person men women adults individuals those"
    )
)


# Cross-references and reported speech, not the guideline's own recommendation.
REPORTED = re.compile(
    r"\b(?:had|has previously|previously) recommended\b|\bha(?:s|ve) made other recommendations\b|"
    r"\bin (?:other|a separate|its \d{4}) recommendation statements?\b|^see\b|"
    # "Recent guidelines on screening for dyslipidemia in children recommend ..."
    r"^(?:recent|other|current|existing|several|some|many|previous) (?:[\w-]+ ){0,3}"
    r"(?:guidelines|organi[sz]ations|groups|societies)\b",
    re.I,
)
# How to go about a treatment already decided on ("Before starting opioid therapy, clinicians
# should establish treatment goals") is not a recommendation for starting it.
PRESUPPOSED = re.compile(
    r"^(?:recommendation \d+: )?(?:before|when|while|once|after|if) (?:(?:starting|initiating|"
    r"prescribing|beginning|using|continuing|increasing|changing)\b|(?:[\w-]+ ){1,3}"
    r"(?:are|is) (?:started|used|initiated|prescribed|given)\b)"
    # "Adults who choose to be screened should follow ...": how, once decided
    r"|^(?:[\w ]{1,30}, )?[\w-]+ who (?:choose|decide|elect|opt) to\b",
    re.I,
)
# Advice to organisations on how to run a service, not on what to do for a patient.
FOR_SERVICES = re.compile(
    r"(?:recommendation \d+: )?(?:organi[sz]ations|health[- ]?care (?:organi[sz]ations|systems|"
    r"settings)|health (?:systems|services|authorities)|institutions|hospitals|employers|"
    r"commissioners|policy ?makers|governments?)\b",
    re.I,
)
_SUBGROUP = re.compile(
    r"\b(?:patients?|people|persons?|adults|women|men|children|individuals|those|survivors|"
    r"relatives?|members)"
    # "women aged 65 to 75 years who have ever smoked"
    r"(?: aged? \d+(?:\s*(?:to|-|–|and)\s*\d+)?(?: years)?(?: old)?(?: or older| and older)?,?)?"
    r" (?:with|living with|who have|who had|who are(?! at\b)(?! not\b)|receiving|undergoing|on|after|"
    r"following|"
    r"treated (?:with|for)|(?:co-?)?infected with|"
    r"(?:identified|found|known)(?: as| to (?:have|be))?(?: having)?|"
    r"diagnosed with) (?:an? |the )?"
    # "breast, ovarian, or tubal cancer", up to the verb ("results should receive ...")
    r"((?:(?!(?:should|must|may|might|can|could|will|would|need|needs|is|are)\b)[\w-]+,? "
    r"(?:or |and |and/or )?){0,5}(?!(?:should|must|may|might|can|could|will|would|need|needs|"
    r"is|are)\b)[\w-]+)",
    re.I,
)


def for_other_subgroup(
    text: str, question_terms: frozenset[str], abbreviations_unknown: bool = False
) -> bool:
    """The recommendation targets people with a condition the question doesn't mention
    ("women with type 1 diabetes seeking conception" for a question about any adult). With
    `abbreviations_unknown`, a group named only by an abbreviation ("patients with T2DM") is
    not told apart: the question may name it in full."""
    if (criteria := _listed_criteria(text)) and not any(c & question_terms for c in criteria):
        return True  # "for families containing any of the following: ..." that the question lacks
    matches = [m.group(1) for m in _SUBGROUP.finditer(without_inclusions(text))]
    matches = [g for g in matches if not _ANY_OF_THE_FOLLOWING.match(g)]  # judged just above
    # "patients with alcohol use disorder and co-occurring opioid use disorder": its first word
    # names it ("use disorder" is also the question's own condition)
    comorbid = [_group_terms(m.group(1).split()[0]) for m in _COMORBID.finditer(text)]
    if any(c and not c & question_terms for c in comorbid):
        return True
    # How severe the condition is ("mild-to-moderate CDI") orders recommendations for a
    # question that does not say; it does not make them for another group.
    matches = [_SEVERITY.sub(" ", g).strip() for g in matches]
    if abbreviations_unknown:
        matches = [g for g in matches if any(not w.isupper() for w in g.split())]
    groups = [_group_terms(g) for g in matches]
    groups = [g for g in groups if g]
    return bool(groups) and not any(g & question_terms for g in groups)


def _listed_criteria(text: str) -> list[set[str]]:
    """The terms of each item of a list of conditions a recommendation is for ("patients with
    any of the following conditions: History of delirium tremens; ..."); a list of options
    ("offer one of the following medications: ...") is not one."""
    listed = _CRITERIA_LIST.search(text)
    if not listed:
        return []
    items = [_group_terms(item) for item in listed.group(1).split(";")]
    return [item for item in items if item]


_SEVERITY = re.compile(
    r"\b(?:mild|moderate|severe)(?:(?:-to-|-| to | or )(?:moderate|severe))?\b", re.I
)
_COMORBID = re.compile(
    r"\b(?:co-?occurring|comorbid|coexisting|co-?existing|concomitant)\s+"
    r"((?:(?!and\b|or\b)[\w-]+\s+){0,2}(?:disorders?|disease|conditions?|illness|[\w-]+))",
    re.I,
)
_ANY_OF_THE_FOLLOWING = re.compile(
    r"(?:any|one or more|at least one|all|either|each|both) of the following\b", re.I
)
_CRITERIA_LIST = re.compile(
    r"\b(?:with|containing|meeting|meet|meets|who (?:have|has)|presence of|if|when)\b[^:;.]{0,40}?"
    r"\b(?:any|one or more|at least one|all|either|each|both) of the following\b[^:]{0,60}:"
    r"\s*(.+)$",
    re.I | re.S,
)


def for_people_with(text: str, condition_terms: frozenset[str]) -> bool:
    """The recommendation is for people who have the condition ("the person with dementia")."""
    return any(_group_terms(m.group(1)) & condition_terms for m in _SUBGROUP.finditer(text))


_HARM = r"(?![ -](?:for|of) (?:adverse|harm|side|bleeding|complication|toxicity))"
_HIGH_RISK = re.compile(
    r"(?<!not )(?<!not at )\b(?:increased|high|higher|elevated)(?:[ -][\w-]+){0,3}?[ -]risk\b"
    + _HARM,
    re.I,
)
_AVERAGE_RISK = re.compile(
    r"\b(?:average|low|lower|usual)(?:[ -][\w-]+){0,3}?[ -]risk\b"
    + _HARM
    + r"|\bnot (?:at )?(?:increased|high) risk\b",
    re.I,
)


def _risk_level(text: str) -> str | None:
    high, average = bool(_HIGH_RISK.search(text)), bool(_AVERAGE_RISK.search(text))
    return None if high == average else ("high" if high else "average")


def other_risk_level(recommendation: str, question: str) -> bool:
    """A recommendation for people at increased risk does not apply to one at average risk
    (and the other way round)."""
    theirs, ours = _risk_level(recommendation), _risk_level(question)
    return theirs is not None and ours is not None and theirs != ours


_SECONDARY = re.compile(r"\bsecondary prevention\b", re.I)
_HAD_IT = re.compile(r"\b(?:secondary|after|since|history of|had an?|has had|survivors?)\b", re.I)


def secondary_for_primary(s: EvidenceSentence, question: str) -> bool:
    """Secondary-prevention advice (after an event) for a question about preventing a first one."""
    about = f"{s.document.title} {s.passage.section} {s.text}"
    return bool(_SECONDARY.search(about)) and not _HAD_IT.search(question)


def primary_for_affected(s: EvidenceSentence, question: str) -> bool:
    """Advice on preventing a first event for a question about someone having or who had one
    ("aspirin for primary prevention" is not about aspirin in suspected stroke)."""
    about = f"{s.document.title} {s.passage.section} {s.text}"
    if _PRIMARY.search(about):
        return _affirmed(_HAD_IT, question) or _affirmed(_AFFECTED, question)
    # "Guidelines for the prevention of stroke" for someone having one now
    return (
        bool(_PREVENTION.search(about))
        and not _SECONDARY.search(about)
        and _affirmed(_AFFECTED, question)
    )


def _affirmed(pattern: re.Pattern[str], question: str) -> bool:
    """The pattern occurs in the question, not denied ("never had a heart attack")."""
    return any(
        not _DENIED_BEFORE.search(question, 0, m.start()) for m in pattern.finditer(question)
    )


_DENIED_BEFORE = re.compile(r"\b(?:never|not|no|without|nor)\s+(?:[\w-]+\s+)?$", re.I)


_PRIMARY = re.compile(r"\bprimary prevention\b", re.I)
_PREVENTION = re.compile(r"\bprevent(?:ion|ing)\b", re.I)
_AFFECTED = re.compile(
    r"\b(?:suspected|acute|ongoing|(?:is|are|am) having|during (?:an?|the))\b", re.I
)


def _group_terms(words: str) -> set[str]:
    """Terms naming a subgroup; an abbreviation the analyzer drops as a stop word ("AS",
    ankylosing spondylitis) still counts."""
    terms = set(analyze(words)) - _GENERIC
    if terms:
        return terms
    return {w.lower() for w in words.split() if w.isupper() and len(w) > 1}


_ASYMPTOMATIC = re.compile(
    r"\basymptomatic\b|\b(?:no|without|any) (?:\w+ ){0,2}(?:symptoms?|problems?|complaints?)\b|"
    r"\bfeels? (?:completely |totally )?"
    r"(?:fine|well|healthy)\b|\bhealthy\b",
    re.I,
)
_SYMPTOMATIC = re.compile(
    r"(?<!a)\bsymptomatic\b|\b(?:if|when|with|who have|presenting with|persistent) (?:\w+ )?"
    r"symptoms\b|\bsymptoms (?:persist|suggest)\w*|\bsuspected (?:of|to have)\b|"
    r"\b(?:with|who have|presenting with) (?:\w+ )?signs (?:of|suggest\w*)\b|"
    r"\b(?:when|if) (?:[\w,-]+ ){1,10}(?:are|is) (?:observed|reported|noticed|suspected)\b",
    re.I,
)


def symptomatic_for_asymptomatic(recommendation: str, question: str) -> bool:
    """Advice for people with symptoms does not answer a question about someone without."""
    return bool(_ASYMPTOMATIC.search(question)) and bool(_SYMPTOMATIC.search(recommendation))


# "a healthy 45-year-old with no risk factors": someone without a disease.
_HEALTHY = re.compile(
    r"\bhealthy\b|\b(?:no|without any|without) (?:known |other )?(?:risk factors|medical "
    r"(?:problems|conditions|history)|health (?:problems|conditions))\b",
    re.I,
)
# A guideline on the care of people who have a disease ("Stable coronary artery disease",
# "... management of ST-elevation myocardial infarction"), not on preventing or finding one.
_CARE_OF_THE_ILL = re.compile(
    r"\b(?:management|treatment|care|rehabilitation) of\b|\b(?:disease|infarction|failure|"
    r"syndromes?)\b",
    re.I,
)
_PREVENTIVE = re.compile(
    r"\b(?:prevent\w*|screen\w*|primary|risk|counsel\w*|healthy|immuni[sz]\w*|vaccin\w*)",
    re.I,
)


def care_of_the_ill_for_healthy(s: EvidenceSentence, question: str) -> bool:
    """A guideline on caring for people with a disease does not answer a question about a
    healthy person who names none ("daily aspirin for a healthy 45-year-old?" is not
    answered by "Stable coronary artery disease")."""
    title = s.document.title
    return (
        bool(_HEALTHY.search(question))
        and bool(_CARE_OF_THE_ILL.search(title))
        and not _PREVENTIVE.search(title)
    )


_TREATMENT = re.compile(r"\b(?:treat\w*|therap\w*|management)\b", re.I)
_SCREENING = re.compile(
    r"\b(?:screen\w*|test\w*|check\w*|examin\w*|mammogra\w*|colonoscop\w*|ultraso\w*|"
    r"sonograph\w*|counsel\w*|vaccin\w*|immuni[sz]\w*)",
    re.I,
)


# "If both the HPV test and cytology test results are negative, ...", "When CIN 2+ is not
# identified on histologic testing, ...": follow-up of someone already tested.
_AFTER_A_RESULT = re.compile(
    r"\s*(?:if|when|after|following)\b[^.;]{0,120}?\b(?:results?|identified|diagnos\w*|"
    r"positive|negative|abnormal)\b",
    re.I,
)


def after_a_result(text: str) -> bool:
    """The recommendation follows up a test result or diagnosis someone already has."""
    return bool(_AFTER_A_RESULT.match(text))


def treats(object_phrase: str) -> bool:
    """What a recommendation is about is a treatment, not screening or testing ("adefovir
    dipivoxil for treatment of chronic hepatitis B")."""
    return bool(_TREATMENT.search(object_phrase)) and not _SCREENING.search(object_phrase)


PREFERRED = re.compile(r"\b(?:preferred|first[- ]line|first choice)\b", re.I)


def names_alternatives(text: str, subject: str | None) -> bool:
    """The text names what is not the subject by its negation ("nonopioid", "non-opioid") and
    not the subject itself."""
    stems = analyze(subject or "", compound_parts=False)
    if len(stems) != 1:
        return False
    terms = set(analyze(text, compound_parts=False))
    return stems[0] not in terms and any(t in terms for t in (f"non{stems[0]}",))
