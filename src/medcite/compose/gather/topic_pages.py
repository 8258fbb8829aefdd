"""Patient pages on the question's topic: the page a consumer-health site keeps for the
condition a message names and the kind of thing it asks (its symptoms, causes, treatment...).

A long message dilutes search ("severe cramps in my feet ... twisting into an arc"), but the
condition it names ("Stiff person syndrome") is the title of pages that answer it. Pages
declare the names of their topic at ingest (MedQuAD's focus, see `ingest.medquad.focus_names`);
the question's word runs are looked up among those names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from medcite.compose.understand.intent import PREVENTION
from medcite.index.base import Store
from medcite.models import Document, Intent, Understood
from medcite.text import name_key

# The kinds of page (MedQuAD question types) that answer each intent, best first; a topic's
# overview ("information") page sums up its symptoms, causes and treatment too.
PAGE_TYPES: dict[Intent, tuple[str, ...]] = {
    Intent.SYMPTOMS: ("symptoms", "information"),
    Intent.CAUSES: ("causes", "susceptibility", "genetic changes", "information"),
    Intent.DIAGNOSIS: ("exams and tests", "information"),
    Intent.PROGNOSIS: ("outlook", "stages", "information"),
    Intent.DEFINITION: ("information",),
    Intent.TREATMENT: ("treatment", "information"),
    Intent.FIRST_LINE: ("treatment", "information"),
    Intent.GENERAL: ("information",),
}


@dataclass(frozen=True)
class AskedKind:
    """A kind of thing a question's wording asks whatever its intent ("Is it inherited?",
    "How common is it?", "Can it be cured?"), and the pages that answer it, best first."""

    pattern: re.Pattern[str]
    kinds: tuple[str, ...]
    # A fact such a page states, answering a yes/no question without weighing studies
    states_fact: bool = False
    # What a sentence of the page must speak of to answer it ("Asthma has no cure.")
    answered_by: re.Pattern[str] | None = None
    # What it asks, for saying that no source says it ("whether {topic} can be cured")
    label: str | None = None


# Checked in order: the first that matches wins.
ASKED_KINDS: tuple[AskedKind, ...] = (
    AskedKind(
        re.compile(
            # "hereditary" names diseases ("hereditary spherocytosis"); it asks only at the end
            r"\b(?:inherit\w*|runs? in (?:the |my |our )?famil\w*|"
            r"pass(?:ed|es)? (?:it |this )?(?:on|down)(?: to| in| through)?)\b|"
            r"\b(?:hereditary|genetic)\s*\?|"
            # "both parents carry the EVC gene ... will all their offspring be affected?"
            r"\bwill (?:all |any )?(?:of )?(?:their|our|my|the) (?:offspring|children|kids|"
            r"bab(?:y|ies)) (?:be affected|get it|have it|inherit)\b",
            re.I,
        ),
        ("inheritance", "genetic changes", "information"),
        states_fact=True,
        answered_by=re.compile(
            # the pattern, not "an inherited condition that affects bone growth"
            r"\b(?:autosomal|x-linked|recessive|dominant|inherited (?:in|from)|"
            r"runs? in famil\w*|cluster in famil\w*|pass(?:ed)? (?:down|on))",
            re.I,
        ),
    ),
    AskedKind(
        re.compile(r"\bhow (?:common|rare|many (?:people|children|adults))\b", re.I),
        ("frequency", "information"),
        states_fact=True,
    ),
    AskedKind(
        PREVENTION,
        ("prevention", "information"),
    ),
    AskedKind(re.compile(r"\bcomplications?\b", re.I), ("complications", "information")),
    AskedKind(
        # "Can a woman catch PID from a toilet seat?", "Is it contagious?": how it is caught
        re.compile(
            r"\bcontagious\b|\b(?:catch|contract|pick up) (?:[\w-]+ ){0,6}from\b|"
            r"\b(?:is it|is this|an?) (?:\w+ )?infectious (?:illness|disease|condition)\b|"
            r"\b(?:spread|transmitted|passed) (?:from|between) (?:person|people|one)\b|"
            r"\bhow (?:is|does) (?:[\w-]+ ){1,3}(?:spread|transmitted)\b|"
            # "How do people catch hepatitis A?"
            r"\bhow (?:do|does|did|can|could) (?:people|you|someone|a person|i|kids|children) "
            r"(?:catch|get|contract)\b",
            re.I,
        ),
        ("causes", "information"),
        states_fact=True,
        answered_by=re.compile(
            # what it is caused by, not what it causes ("PID is ... a cause of infertility")
            r"\b(?:caused by|causes of|spread\w*|transmit\w*|contagious|infectious|catch\w*|"
            r"sexual\w*)\b",
            re.I,
        ),
    ),
    AskedKind(
        re.compile(
            # lay wording only: "prognosis" in a study title asks what the study found
            r"\b(?:shorten (?:\w+ )?li(?:fe|ves)|life expectancy|life[- ]threatening|fatal|"
            r"deadly|die (?:of|from))\b",
            re.I,
        ),
        ("outlook", "information"),
        states_fact=True,
    ),
    AskedKind(
        # "Will he get better, and how long does recovery take?": the course of the illness
        re.compile(
            r"\b(?:will|would|does|do|can) (?:he|she|they|i|it|my \w+) (?:\w+ )?(?:get better|"
            r"recover|improve)\b|\bhow long (?:does|will|would|did|is) (?:the )?(?:recovery|it|"
            r"this) (?:usually |normally |typically )?(?:take|last)\b|"
            # "Will my daughter grow out of her eczema?", "Can sciatica go away on its own?",
            # "just diagnosed with Parkinson's. What should we expect?"
            r"\bgrow out of\b|\boutgrows?\b|\bgo away (?:on (?:its|their) own|by (?:itself|themselves))\b|"
            r"\bwhat (?:should|can|do|will) (?:we|i|he|she|they) expect\b",
            re.I,
        ),
        ("outlook", "information"),
        states_fact=True,
        answered_by=re.compile(
            r"\b(?:recover\w*|improve\w*|better|weeks?|months?|years?|outlook|prognosis)\b",
            re.I,
        ),
    ),
    AskedKind(
        # "What happens if high blood pressure is not treated?": what it leads to
        re.compile(
            r"\bwhat happens if\b[^?]*\b(?:not treated|untreated|(?:don't|do not|doesn't|does "
            r"not) (?:treat|get (?:it )?treated))|\bif (?:it is |it's )?(?:left )?untreated\b",
            re.I,
        ),
        ("complications", "outlook", "information"),
    ),
    AskedKind(
        # "How would I know if I have a blood clot?": what it feels like
        re.compile(
            r"\bhow (?:would|do|can|will|could) (?:i|you|we|they) (?:know|tell) "
            r"(?:if|whether)\b",
            re.I,
        ),
        ("symptoms", "information"),
    ),
    AskedKind(
        # "Is there anything that can slow down macular degeneration?": how it is treated
        re.compile(
            r"\bslow (?:down )?(?:the )?(?:progress\w*|it|this|\w+ degeneration)|"
            r"\banything (?:that )?(?:can |to )?(?:help|slow|stop)\b",
            re.I,
        ),
        ("treatment", "information"),
        states_fact=True,
        answered_by=re.compile(r"\b(?:slow\w*|treat\w*|help\w*|reduce\w*|no cure)\b", re.I),
    ),
    AskedKind(
        # "I was just told I have type 2 diabetes. Will I need insulin?": how it is treated
        re.compile(
            r"\bwill (?:i|he|she|they|we|my \w+) (?:\w+ )?(?:need|have to (?:take|use|have))\b",
            re.I,
        ),
        ("treatment", "information"),
        states_fact=True,
    ),
    AskedKind(
        # "What can I do at home for hemorrhoids?": what people can do themselves
        re.compile(r"\b(?:at home|home (?:remed\w*|treatment|care)|self-care)\b", re.I),
        ("treatment", "information"),
        answered_by=re.compile(r"\b(?:home|lifestyle|diet\w*|over-the-counter|self-care)\b", re.I),
    ),
    AskedKind(
        # "Can GERD be cured?", "Is there a cure?": the page that says whether there is one
        re.compile(
            r"\b(?:be|get|is it|are they) (?:\w+ ){0,2}cured\b|\bcurable\b|"
            r"\b(?:a|any|no|permanent|the) cure\b",
            re.I,
        ),
        ("treatment", "outlook", "information"),
        states_fact=True,
        answered_by=re.compile(r"\b(?:cur(?:e|es|ed|able)|incurable)\b", re.I),
        label="whether {topic} can be cured",
    ),
    AskedKind(
        # "Should we be worried?", "Is this disease dangerous?": how serious it usually is
        re.compile(
            r"\b(?:be worried|worry|how (?:bad|serious)|(?:is|it's|it is) (?:\w+ )?"
            r"(?:dangerous|serious))\b",
            re.I,
        ),
        ("outlook", "information"),
        states_fact=True,
        answered_by=re.compile(
            r"\b(?:mild|serious|dangerous|severe|life-threatening|fatal|harmless|outlook|"
            r"prognosis|(?:raises?|increases?) (?:the |your )?risk|(?:higher|greater|increased) "
            r"risk|lead to|complications?)\b",
            re.I,
        ),
    ),
)

TOPIC_COLLECTION = "medquad"
# Among pages of one kind, plain-language consumer sites before the genetics and rare-disease
# references, whose symptom pages are mostly phenotype tables (MedQuAD's `source`).
SOURCE_ORDER = (
    "MPlusHealthTopics",
    "NIHSeniorHealth",
    "NHLBI",
    "NIDDK",
    "NINDS",
    "CDC",
    "CancerGov",
    "GARD",
    "GHR",
)
_ABBREVIATION = re.compile(r"^[A-Z][A-Z0-9]{1,6}$")
_LONGEST_NAME = 8  # words; MedQuAD's longest common focus names are shorter


def topic_pages(store: Store, understood: Understood, max_pages: int) -> list[Document]:
    """The pages on the topic the question names that answer its kind of question, the most
    specific topic first ("hairy cell leukemia" before "leukemia"); none for questions no
    kind of page answers (yes/no, dosing, drugs taken together)."""
    wanted = asked_kinds(understood.focus_question or understood.question)
    if not wanted:
        if understood.intent == Intent.GENERAL and understood.is_yes_no:
            return []  # "Multidisciplinary breast cancer clinics. Do they work?" is not about cancer
        wanted = PAGE_TYPES.get(understood.intent, ())
    if not wanted or max_pages <= 0:
        return []
    named = topic_names(store, understood)
    ids = list(dict.fromkeys(doc_id for doc_ids in named.values() for doc_id in doc_ids))
    if not ids:
        return []
    # Choose among the pages by their metadata; read in full only the ones chosen (a common
    # topic such as "breast cancer" has some 60 pages).
    heads = store.get_documents(ids, with_text=False)
    pages = [heads[i] for i in ids if i in heads and page_type(heads[i]) in wanted]
    # The main condition's pages before those of a symptom told with it ("PID after a week of
    # lower belly pain and fever"); stable: the most specific topic's pages stay first within
    # a kind and source.
    main = _main_condition_pages(understood, named)
    pages.sort(
        key=lambda d: (
            bool(main) and d.id not in main,
            wanted.index(page_type(d)),
            _source_rank(d),
            _question_number(d),
        )
    )
    chosen = [d.id for d in pages[:max_pages]]
    full = store.get_documents(chosen, with_passages=True)
    return [full[i] for i in chosen if i in full]


def _main_condition_pages(understood: Understood, named: dict[str, list[str]]) -> set[str]:
    """Pages on a topic named inside the question's main (first) condition."""
    if not understood.conditions:
        return set()
    main = f" {name_key(understood.conditions[0])} "
    return {i for name, doc_ids in named.items() if f" {name} " in main for i in doc_ids}


def asked_kind(question: str) -> AskedKind | None:
    """What the question's wording asks for, if it names a kind of page (None: go by intent)."""
    return next((kind for kind in ASKED_KINDS if kind.pattern.search(question)), None)


def asked_kinds(question: str) -> tuple[str, ...]:
    """The kinds of page the question's wording asks for, best first (none: go by intent)."""
    kind = asked_kind(question)
    return kind.kinds if kind else ()


def answered_by_page(question: str) -> bool:
    """A yes/no question whose answer is a fact a topic page states ("Does cystic fibrosis run
    in families?", "Is it common?", "Can it be cured?"), not a judgement studies weigh."""
    kind = asked_kind(question)
    return kind is not None and kind.states_fact


def page_type(doc: Document) -> str:
    """Its MedQuAD question type ("treatment", "prevention", ...)."""
    return str(doc.metadata.get("qtype", ""))


def _question_number(doc: Document) -> int:
    """Where the page's question stands on its site ("...:0000052-3" before "...-25")."""
    tail = doc.id.rsplit("-", 1)[-1]
    return int(tail) if tail.isdigit() else 0


def _source_rank(doc: Document) -> int:
    source = str(doc.metadata.get("source", ""))
    return SOURCE_ORDER.index(source) if source in SOURCE_ORDER else len(SOURCE_ORDER)


def topic_names(store: Store, understood: Understood) -> dict[str, list[str]]:
    """Names of page topics the question uses, with their pages' ids: longest first, none
    inside a longer one.

    Names are looked for in what the question was understood to be about (its topic words,
    in order, and the conditions it names), not in the story around it. One-word names
    ("pain", "falls", "gas") count only inside a condition."""
    conditions = [name_key(c).split() for c in understood.conditions]
    topic = name_key(" ".join(understood.topic_words)).split()
    candidates = {g for words in [topic, *conditions] for g in _runs(words)}
    found = store.documents_named(candidates, TOPIC_COLLECTION)
    in_condition = {g for words in conditions for g in _runs(words)}
    in_condition |= {name_key(w) for w in understood.topic_words if _ABBREVIATION.match(w)}
    usable = [n for n in found if " " in n or n in in_condition]
    usable.sort(key=lambda n: -len(n.split()))
    kept: dict[str, list[str]] = {}
    for name in usable:
        if not any(_inside(name, longer) for longer in kept):
            kept[name] = found[name]
    return kept


def _runs(words: list[str]) -> set[str]:
    return {
        " ".join(words[i : i + n])
        for n in range(1, _LONGEST_NAME + 1)
        for i in range(len(words) - n + 1)
    }


def _inside(name: str, longer: str) -> bool:
    return f" {name} " in f" {longer} "
