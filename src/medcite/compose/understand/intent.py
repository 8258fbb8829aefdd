"""What kind of answer a question asks for, from its wording."""

from __future__ import annotations

import re

from medcite.models import Intent

_YES_NO_START = re.compile(
    r"^\s*(is|are|can|could|does|do|did|should|shall|would|will|was|were|has|have|may|might|"
    r"must)\b",
    re.I,
)
# Checked in order: the first that matches wins (co-administration before yes/no, etc.).
INTENT_PATTERNS: list[tuple[Intent, re.Pattern[str]]] = [
    (
        Intent.CO_ADMINISTRATION,
        re.compile(
            r"\b(together|at the same time|same time|simultaneous\w*|concurrent\w*|combin\w*|"
            r"interact\w*|co-?administ\w*|along with|mix(ed|ing)?|with (my|his|her) )\b"
            r"|\btake \w+ (with|and) \w+",
            re.I,
        ),
    ),
    (
        Intent.FIRST_LINE,
        re.compile(
            r"\b(first[- ]line|first[- ]choice|go-to|[\w-]+ of choice|"
            r"initial (?:drug |medication )?(treatment|therapy|drug|medication|medicine|antibiotic)|"
            r"first (treatment|drug|therapy|medication|medicine)|first thing to (?:try|do|give|use)|"
            r"which [\w-]+ (?:is|are) (?:preferred|recommended|best|first[- ]line)\b|"
            r"which [\w-]+(?: [\w-]+)? (?:do|does|would|should|will) (?:they|you|doctors|we|most)"
            r"(?: \w+)? (?:start|use|give|prescribe|try|recommend)|"
            r"best (?:initial |first )?(treatment|drug|medication|medicine|antibiotic)|"
            r"preferred (?:initial )?(treatment|drug|agent|one|option|therapy|medication)|"
            r"(?:start|use|try|tried|give|prescribe|begin|recommend\w*) (?:\w+ )?first|"
            r"which (?:oral |first )?(?:drug|medication|medicine|antibiotic|treatment|agent|regimen)"
            r"(?: class)?(?:es|s)? "
            r"(?:should|would|do|to|and|for|first|is (?:best|preferred|recommended))\b|"
            r"which (?:oral |first )?(?:drug|medication|medicine|antibiotic|treatment|agent|regimen)"
            r"(?: class)?(?:es|s)?(?=\?))",
            re.I,
        ),
    ),
    (
        Intent.SCREENING,
        re.compile(
            r"\b(screen\w*|how often|interval|every \w+ years?|at what age|surveillance|co-?test\w*|"
            r"ask(?:ing)? (?:every|all|each) (?:[\w-]+ ){1,3}about|"
            r"check(?:ed|ing)? (?:\w+ ){0,2}for|(?:yearly|annual|routine(?:ly)?) "
            r"(?:[\w-]+ ){0,3}(?:tests?|checks?|exams?|scans?)|"
            r"(?:get|have|need|do|order)(?: \w+)? (?:a |an )?(?:psa|mammogra\w*|colonoscop\w*|"
            r"pap (?:smear|test)|dexa|bone density|ldct)\b|"
            r"(?:start|begin|stop|continue)\w* (?:\w+ )?(?:mammogra\w*|pap (?:smear|test)s?|"
            r"colonoscop\w*|psa test\w*))\b",
            re.I,
        ),
    ),
    (
        Intent.DOSING,
        re.compile(
            r"\b(dose|doses|dosage|dosing|how much|how many (mg|tablets|pills)|maximum daily|"
            r"titrat\w*|mg/kg)\b",
            re.I,
        ),
    ),
    (
        Intent.COMPARISON,
        re.compile(
            r"\b(versus|vs\.?|compared (to|with)|better than|difference between|which is "
            r"(better|safer|more effective))\b|\bor\b[^?]*\b(better|safer|more effective|preferred)\b",
            re.I,
        ),
    ),
    (
        Intent.SYMPTOMS,
        re.compile(
            r"(?<!no )(?<!any )(?<!without )(?<!of )"
            r"\b(symptoms?|signs?|manifestations?|presentation|what does (?:an? )?(?:\w+ ){1,2}"
            r"feel)\b",
            re.I,
        ),
    ),
    (
        Intent.CAUSES,
        re.compile(
            r"\b(causes?|caused|cause of|why (do|does|did|is|am)|etiology|"
            r"(?<!no )(?<!no other )(?<!without )(?<!without any )(?<!without other )risk factors?)\b",
            re.I,
        ),
    ),
    (
        Intent.DIAGNOSIS,
        re.compile(
            r"(?<!newly )(?<!recently )(?<!been )(?<!was )(?<!were )"
            # "someone diagnosed with ALS" describes the patient
            r"\b(diagnos\w*|tests?|testing|work-?up|biomarkers?|imaging|detect\w*)\b"
            r"(?!\s+with\b)",
            re.I,
        ),
    ),
    (
        Intent.PROGNOSIS,
        re.compile(
            # "the chances of getting it" ask about risk, not outcome
            r"\b(prognosis|life expectancy|survival|outlook|mortality|recover\w*|"
            r"chances?(?! of (?:getting|acquiring|developing|having|catching|contracting)))\b",
            re.I,
        ),
    ),
    (
        Intent.TREATMENT,
        re.compile(
            r"\b(treat\w*|therap\w*|manag\w*|cure|medications?|drugs?|remed\w*|get rid of|"
            r"what helps|"
            r"reliev\w*|what (?:can|should|could) (?:i|we|you|he|she|they) do "
            r"(?:at home )?(?:about|for))\b",
            re.I,
        ),
    ),
    (
        Intent.DEFINITION,
        re.compile(
            r"^\s*(what|who) (is|are)\b|\bdefin\w*|\bmeaning of\b|\bwhat does \w+ mean\b", re.I
        ),
    ),
]


# "Can you tell me what restless legs syndrome is?" asks for an explanation, not a yes or no
# ("Can you tell me whether ..." still does).
POLITE_REQUEST = re.compile(
    r"^\s*(?:please\s+|(?:can|could|would|will)\s+(?:you|someone|anyone|somebody)\s+"
    r"(?:please\s+)?)(?:tell|explain|describe|list|share|clarify|give(?=\s+(?:me|us)\b))\b"
    r"(?!\s+(?:(?:me|us)\s+)?(?:whether|if)\b)",
    re.I,
)


def is_yes_no(question: str) -> bool:
    return bool(_YES_NO_START.match(question)) and not POLITE_REQUEST.match(question)


# "X first, or is there a better initial treatment?" asks for the better one, not yes or no.
OPEN_ALTERNATIVE = re.compile(
    r"\bor (?:is|are) there (?:an? |any )?(?:better|other|alternative|different|safer|preferred)"
    r"|\bor (?:what|which) (?:else|other|would|should|is|are|do)\b|\bor what's\b",
    re.I,
)


def asks_yes_or_no(sentence: str) -> bool:
    """The asking sentence wants a yes or no, not a choice among options."""
    # "If I'm starting X, is Y preferred?"; "For a woman at high risk, is low-dose aspirin
    # recommended, and from when?"
    clauses = re.split(r"[,;:]\s+", sentence.strip())
    asks = is_yes_no(sentence) or any(is_yes_no(c) for c in clauses[1:])
    return asks and not OPEN_ALTERNATIVE.search(sentence)


# How to keep from getting it: "avoid catching", "lower my chances of getting it", "how can the
# risk be reduced"
PREVENTION = re.compile(
    r"\b(?:prevent\w*|avoid (?:getting|catching|developing)|"
    r"(?:lower|reduc|decreas|minimi[sz]|cut)\w* (?:\w+ ){0,2}(?:risks?|chances?|odds|"
    r"likelihood)|(?:risks?|chances?|odds|likelihood) (?:[\w-]+ ){0,6}(?:be )?"
    r"(?:lowered|reduced|decreased|minimi[sz]ed)|keep (?:\w+ )?from (?:getting|catching|"
    r"developing))\b",
    re.I,
)


_PREVENTION_WORD = re.compile(
    r"\b(?:lower\w*|reduc\w*|decreas\w*|minimi[sz]\w*|cut|risks?|chances?|odds|likelihood|"
    r"avoid|keep)\b",
    re.I,
)


def prevention_wording(question: str) -> set[int]:
    """Where the words saying it asks for prevention start ("lower", "chances" in "lower my
    chances of getting it"): how it is asked, not what it is about."""
    return {
        word.start()
        for match in PREVENTION.finditer(question)
        for word in _PREVENTION_WORD.finditer(question, match.start(), match.end())
    }


# "I know the causes are unclear, but I am looking for ways to ...": what follows asks
_BUT_ASKING = re.compile(
    r"[,;]\s*but\s+(?=(?:i|we)(?:'m| am| are| was| would| want| need)\b|(?:what|how|is|are|can|"
    r"could|should|does|do)\b)",
    re.I,
)


def classify(question: str, drug_count: int = 0) -> Intent:
    """The question's intent; a yes/no question keeps its specific intent when it has one
    ('Can sertraline and tramadol be taken together?' is co-administration)."""
    if turn := _BUT_ASKING.search(question):
        question = question[turn.end() :]
    for intent, pattern in INTENT_PATTERNS:
        if intent == Intent.CO_ADMINISTRATION and drug_count < 2 and not _names_pair(question):
            continue
        if pattern.search(question):
            if intent == Intent.DEFINITION and is_yes_no(question):
                continue
            return intent
    return Intent.YES_NO if is_yes_no(question) else Intent.GENERAL


def _names_pair(question: str) -> bool:
    return bool(
        re.search(r"\b(together|at the same time|interact\w*|along with)\b", question, re.I)
    )
