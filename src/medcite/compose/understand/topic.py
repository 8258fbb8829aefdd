"""The understood question as the later stages use it: the topic text and words that make the
question's concepts, its subject and setting, the search query, and whether it is about what to
do (treat, screen, prescribe)."""

from __future__ import annotations

import csv
import re
from importlib import resources

from medcite.compose.gather.evidence import TopicWords
from medcite.compose.understand.intent import PREVENTION, asks_yes_or_no
from medcite.models import Intent, SearchIntent, Understood
from medcite.retrieve.query import detect_intent
from medcite.text.sentences import last_question

_WORD = re.compile(r"[\w\-']+")
_TREATMENT_INTENTS = {
    Intent.SCREENING,
    Intent.FIRST_LINE,
    Intent.TREATMENT,
    Intent.DOSING,
    Intent.CO_ADMINISTRATION,
}


def topic_words(understood: Understood) -> TopicWords:
    """The focus question with lay terms, spellings and brands rewritten, and its topic words
    (topic words found elsewhere in a long message are added at the end)."""
    text = understood.focus_question or understood.question
    for rewrite in understood.rewrites:
        text = re.sub(rf"\b{re.escape(rewrite.original)}\b", rewrite.replacement, text)
    words = {p.lower() for w in understood.topic_words for p in w.split()}
    present = {w.lower() for w in _WORD.findall(text)}
    missing = [w for w in understood.topic_words if w.split()[0].lower() not in present]
    if missing:
        text = f"{text}. {' '.join(missing)}"
    drugs = understood.asked_drugs()
    # Conditions as the text now writes them ("heart attack" -> "myocardial infarction").
    conditions = [_rewritten(c, understood) for c in understood.conditions]
    condition = _main_condition(conditions, text)
    if understood.intent == Intent.SCREENING and (
        condition is None or not _sought(condition, text)
    ):
        condition = _screening_target(text) or condition
    if understood.intent == Intent.SCREENING and (
        condition is None
        or _names_a_test(condition, text)
        or (_vaccinated_against(condition, text) and screened_by_test(text))
    ):
        # "HPV co-testing" and "a Pap smear if she has had the HPV vaccine" screen for cervical
        # cancer, not for HPV
        condition = screened_by_test(text)
        if condition:  # named only through its test: it joins the topic
            text = f"{text}. {condition}"
            words |= set(condition.split())
    about_condition = condition is not None and (
        understood.intent == Intent.SCREENING
        or (understood.intent == Intent.FIRST_LINE and not understood.is_yes_no)
        or _long_message(understood)
    )
    # "Should I prescribe zolpidem first, or is there a better initial treatment?" asks what
    # comes first for insomnia: the condition is the subject, the drug one candidate.
    asks_which_first = understood.intent == Intent.FIRST_LINE and not asks_yes_or_no(
        last_question(text)
    )
    if drugs and not (asks_which_first and about_condition):
        # as the text writes it: "corticosteroids", not the name inside it
        named = re.search(rf"\b{re.escape(drugs[0].name)}\b", text, re.I)
        subject = drugs[0].name if named else drugs[0].surface
    elif about_condition:
        subject = condition  # the condition screened for, or to be treated first
    else:
        subject = None
    # A drug added to the patient's treatment is asked about without the ones they take.
    added = understood.added_drug()
    asked = [added] if added is not None else understood.drugs
    core = {w.lower() for d in asked for w in (d.name, d.surface, *d.routes)}
    core |= {_ROUTE_ABBREVIATIONS.get(r, r) for d in asked for r in d.routes}
    core |= set((condition or "").lower().split())
    return TopicWords(
        text=text,
        words=frozenset(words),
        subject=subject,
        setting=condition,
        core=frozenset(core),
        about_setting=about_condition and (not drugs or asks_which_first),
        subject_aliases=tuple(
            screening_test_names(condition)
            if condition and understood.intent == Intent.SCREENING
            else ()
        ),
        setting_aliases=broader_conditions(condition) if condition else (),
    )


def _rewritten(condition: str, understood: Understood) -> str:
    for rewrite in understood.rewrites:
        if rewrite.original.lower() == condition.lower():
            return rewrite.replacement
    return condition


_ROUTE_ABBREVIATIONS = {"intravenous": "iv", "intramuscular": "im", "subcutaneous": "sc"}
_DISEASE = re.compile(
    r"(?:cancer|carcinoma|tumou?r|disease|disorder|syndrome|infection|failure|deficiency|"
    r"diabetes|depression|pain|injury|\w+(?:itis|osis|emia|aemia|oma|pathy|algia|ism))$",
    re.I,
)


def _long_message(understood: Understood) -> bool:
    """A consumer's message of several sentences: its condition, not its rarest word ("what
    time frame would you put on this cure"), is what it is about."""
    return len(understood.question.split()) > 30


def _main_condition(conditions: list[str], text: str) -> str | None:
    """The condition the question is about: one screened or tested for ("screened for
    chlamydia"), else one the asking sentence names (not the history around it), never one the
    text denies ("no bleeding history"), a disease before a test."""
    asking = last_question(text).lower()
    named = [
        c
        for c in conditions
        if (c.lower() in text.lower() or _abbreviated_in(c, text)) and not _denied(c, text)
    ]
    sought = [c for c in named if _sought(c, text)]
    if sought:
        return sought[0]
    in_question = [c for c in named if c.lower() in asking]
    candidates = in_question or named
    diseases = [c for c in candidates if _DISEASE.search(c)]
    return (diseases or candidates or [None])[0]


def _vaccinated_against(condition: str, text: str) -> bool:
    """The condition is named as what a vaccine is for ("the HPV vaccine", "a flu shot")."""
    pattern = rf"\b{re.escape(condition)}\s+(?:vaccin\w*|shots?|immuni[sz]ation)"
    return re.search(pattern, text, re.I) is not None


def _abbreviated_in(condition: str, text: str) -> bool:
    """The text writes the condition by its initials ("UTI", "ADHD")."""
    initials = "".join(w[0] for w in re.split(r"[\s-]+", condition) if w).upper()
    return len(initials) > 1 and re.search(rf"\b{initials}s?\b", text) is not None


def _sought(condition: str, text: str) -> bool:
    pattern = (
        r"\b(?:screen\w*|check\w*|test\w*|look\w* for|detect\w*)\b[^.?!]{0,30}?\bfor\b"
        rf"[^.?!]{{0,15}}?\b{re.escape(condition)}"
    )
    return re.search(pattern, text, re.I) is not None


_TARGET = re.compile(
    r"\b(?:screen\w*|check\w*|test\w*)\b[^.?!]{0,30}?\bfor\s+(?:an?\s+|the\s+)?"
    r"((?:[\w'-]+\s?){1,4})",
    re.I,
)
_TARGET_END = re.compile(
    r"\s+\b(?:even|though|if|because|with|and|or|in|at|to|since|when|as|before|after|now)\b.*",
    re.I,
)


def _screening_target(text: str) -> str | None:
    """What a screening question screens for, when no known condition name says it
    ("screened for chlamydia even though ..." -> "chlamydia")."""
    found = _TARGET.search(text)
    if found is None:
        return None
    target = _TARGET_END.sub("", found.group(1)).strip(" ?.,")
    return target or None


def _screening_tests() -> list[tuple[re.Pattern[str], str, list[str]]]:
    text = resources.files("medcite.data").joinpath("screening_tests.csv").read_text("utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    return [
        (re.compile(row["pattern"], re.I), row["condition"], row["names"].split("|"))
        for row in rows
    ]


SCREENING_TESTS = _screening_tests()  # an immutable table read once, like a compiled regex


def _broader_conditions() -> dict[str, tuple[str, ...]]:
    text = resources.files("medcite.data").joinpath("broader_conditions.csv").read_text("utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    return {row["condition"]: tuple(row["broader"].split("|")) for row in rows}


BROADER_CONDITIONS = _broader_conditions()  # read once, like SCREENING_TESTS


def broader_conditions(condition: str) -> tuple[str, ...]:
    """What guidelines may call the condition more broadly ("myocardial infarction" ->
    "cardiovascular disease"), from medcite/data/broader_conditions.csv."""
    return BROADER_CONDITIONS.get(condition.lower(), ())


def screened_by_test(text: str) -> str | None:
    """The condition a named screening test is for ("Pap smear" -> cervical cancer)."""
    return next(
        (condition for pattern, condition, _ in SCREENING_TESTS if pattern.search(text)), None
    )


def _names_a_test(condition: str, text: str) -> bool:
    """The condition is named only inside a screening test's name ("HPV co-testing")."""
    return any(
        condition.lower() in m.group(0).lower()
        for pattern, _, _ in SCREENING_TESTS
        for m in pattern.finditer(text)
    )


def screening_test_names(condition: str) -> list[str]:
    """How sources name the tests that screen for a condition (breast cancer -> mammography)."""
    return [n for _, c, names in SCREENING_TESTS if c == condition.lower() for n in names]


def _denied(condition: str, text: str) -> bool:
    pattern = (
        rf"\b(?:no|without|never had|denies|free of)\b(?:\s+\w+){{0,2}}\s+{re.escape(condition)}"
    )
    return re.search(pattern, text, re.I) is not None


def search_query(understood: Understood) -> str:
    """The understood topic words, plus the word for what a screening or prevention question
    asks ("lower my chances of getting preeclampsia": prevention)."""
    query = understood.search_query.strip()
    if understood.intent == Intent.SCREENING and query and "screen" not in query.lower():
        query += " screening"
    asked = understood.focus_question or understood.question
    if query and PREVENTION.search(asked) and "prevent" not in query.lower():
        query += " prevention"
    return query


def is_about_treatment(question: str, understood: Understood) -> bool:
    """A question about what to do (treat, screen, prescribe), as opposed to what is known."""
    # "Can metformin be continued with an eGFR of 25?": a drug for a described patient.
    for_a_patient = bool(understood.asked_drugs()) and understood.patient.described()
    return (
        detect_intent(question) == SearchIntent.MANAGEMENT
        or understood.intent in _TREATMENT_INTENTS
        or for_a_patient
    )
