"""The question's concepts: its specific words, grouped with their synonyms, rarest first.

A concept is a run of adjacent specific words in the question ("treatment-resistant
depression", "IV ketamine"); each word is a group of alternative index terms (its own term, a
hyphenated compound's spaced phrase, an abbreviation's one-word long form). Concepts decide
what evidence is on topic and which combinations to check before stating an evidence gap.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from medcite.compose.understand.patient import names_population
from medcite.index.base import Store
from medcite.retrieve.abbreviations import AbbreviationLexicon
from medcite.text import STOPWORDS, analyze, fold

# Words that say what is asked, not what it is about.
QUESTION_WORDS = frozenset(
    analyze(
        "take taking use used using time times same safe safely effective effectiveness help "
        "helps work works need needs way ways best good common possible also ever still really "
        "recommended recommend treat treated treating option options something anyone someone "
        "person people patient patients usual usually many much long often get make "
        "link linked links association associated relationship related role impact effect effects "
        "influence affect affects involved involvement there any together concurrent "
        "concurrently simultaneous simultaneously combined combination both yes "
        "offer offered offering give given giving prescribe prescribed start started stop "
        "stopped continue continued try tried consider considered treatment treatments "
        "management first-line second-line third-line first line best",
        keep_stopwords=True,
    )
)
_PUNCTUATION = re.compile(r"[,;:.!?()]")
_WORD = re.compile(r"[^\W_](?:[^\W_]|[\-/.']|,(?=\d{3}))*[^\W_]|[^\W_]")


@dataclass
class Word:
    surface: str
    terms: list[str]  # alternatives; a phrase is terms joined by a space
    idf: float
    specific: bool = True  # rare enough to require when checking a combination for a gap
    known: bool = True  # the index has it (an unknown word may be a spelling variant)
    verb: bool = False  # a verb as the question uses it: "should we be painting on ..."


# Common nouns that finish a specific name: "Wilson disease", "Lynch syndrome".
HEAD_NOUNS = frozenset(
    [
        "disease",
        "diseases",
        "syndrome",
        "disorder",
        "disorders",
        "deficiency",
        "cancer",
        "tumor",
        "tumour",
        "infection",
        "failure",
        "injury",
        "virus",
        "fever",
        "anemia",
        "anaemia",
        "palsy",
        "dystrophy",
    ]
)


# Words that introduce who or what a question is about: "a patient with X", "safe in pregnancy".
SETTING_WORDS = frozenset(
    [
        "with",
        "in",
        "for",
        "among",
        "during",
        "while",
        "after",
        "following",
        "undergoing",
        "receiving",
    ]
)


@dataclass
class Concept:
    words: list[Word] = field(default_factory=list)
    head: str = ""  # a common head noun that follows the words in the question
    lead: str = ""  # the word just before it ("with" in "a patient with X")

    @property
    def surface(self) -> str:
        return " ".join([w.surface for w in self.words] + ([self.head] if self.head else []))

    @property
    def idf(self) -> float:
        return max(w.idf for w in self.words)


@dataclass
class QuestionConcepts:
    concepts: list[Concept]
    # Chosen from what question understanding recognised (the drug asked about, the condition
    # screened for); otherwise the rarest word and the introduced concept are used.
    subject: Word | None = None
    setting_concept: Concept | None = None
    setting_terms: frozenset[str] = frozenset()  # the understood condition's own words
    # Broader names of the setting, each as its terms ("cardiovascular disease").
    setting_aliases: list[frozenset[str]] = field(default_factory=list)

    def focus_on(
        self, subject: str | None, setting: str | None, subject_is_setting: bool = False
    ) -> None:
        """Take the subject (a drug, a condition) and setting (a condition) understanding found;
        `subject_is_setting`: the question is about its setting (screening for a condition)."""
        if subject:
            wanted = {w.lower() for w in subject.split()}
            words = [w for w in self.words if w.known and w.surface.lower() in wanted]
            self.subject = max(words, key=lambda w: w.idf, default=None)
        if setting:
            self.setting_terms = frozenset(analyze(setting, compound_parts=False))
            wanted = {w.lower() for w in setting.split()}
            matching = [c for c in self.concepts if wanted & {w.surface.lower() for w in c.words}]
            self.setting_concept = max(
                matching,
                key=lambda c: len(wanted & {w.surface.lower() for w in c.words}),
                default=None,
            )
        if subject_is_setting and self.subject is None and self.setting is not None:
            known = [w for w in self.setting.words if w.known]
            self.subject = max(known, key=lambda w: w.idf, default=None)

    @property
    def words(self) -> list[Word]:
        """Distinct words: "oral ketamine and IV ketamine" requires ketamine once."""
        unique: dict[str, Word] = {}
        for concept in self.concepts:
            for word in concept.words:
                unique.setdefault(word.terms[0], word)
        return list(unique.values())

    @property
    def groups(self) -> list[list[str]]:
        return [w.terms for w in self.words]

    @property
    def anchor(self) -> Word | None:
        """The subject, or the most specific word the index knows: on-topic evidence names it.
        A verb form ("painting on fluoride varnish") is the anchor only when nothing else is."""
        if self.subject is not None:
            return self.subject
        known = [w for w in self.words if w.known]
        named = [w for w in known if not w.verb]
        return max(named or known, key=lambda w: w.idf, default=None)

    @property
    def setting(self) -> Concept | None:
        """The concept without the anchor that says who or what it is about (condition, population).

        One introduced by "with", "in", "for"... wins; otherwise the most specific one.
        """
        if self.setting_concept is not None:
            return self.setting_concept
        anchor = self.anchor
        others = [c for c in self.concepts if anchor is None or anchor not in c.words]
        others = [c for c in others if not _verb_form_only(c)] or others
        introduced = [c for c in others if c.lead in SETTING_WORDS]
        specific = [c for c in introduced if any(w.specific for w in c.words)]
        return max(specific or introduced or others, key=lambda c: c.idf, default=None)

    @property
    def setting_guessed(self) -> bool:
        """No condition was understood and no concept is introduced as one ("with X", "in
        X"): the setting is only the rarest other words the index knows, a guess. (Words it
        does not know, "Jynneos mpox vaccine", are what the question is about.)"""
        setting = self.setting
        return (
            setting is not None
            and self.setting_concept is None
            and not self.setting_terms
            and setting.lead not in SETTING_WORDS
            and max(setting.words, key=lambda w: w.idf).known
            and not names_population(setting.surface)  # "10 weeks pregnant" is no guess
        )

    def touches_core(self, concept: Concept, terms: set[str]) -> bool:
        """Its most specific word is mentioned ("treatment-resistant", not just "depression")."""
        core = max(concept.words, key=lambda w: w.idf)
        return any(_has(terms, t) for t in core.terms)

    def alias_subject(self, aliases: tuple[str, ...]) -> None:
        """Sentences naming an alias name the subject ("screening mammography" is about
        screening for breast cancer)."""
        anchor = self.anchor
        if anchor is None:
            return
        extra = [" ".join(analyze(a, compound_parts=False)) for a in aliases]
        anchor.terms = list(dict.fromkeys(anchor.terms + [t for t in extra if t]))

    def alias_setting(self, aliases: tuple[str, ...]) -> None:
        """Sentences naming a broader name of the setting are in it ("cardiovascular disease"
        for a question about preventing a heart attack)."""
        setting = self.setting
        keys = [" ".join(analyze(a, compound_parts=False)) for a in aliases]
        keys = [k for k in keys if k]
        if setting is None or not keys:
            return
        self.setting_aliases = [frozenset(k.split()) for k in keys]
        for word in setting.words:
            word.terms = list(dict.fromkeys(word.terms + keys))

    def names_setting(self, terms: set[str]) -> bool:
        """All words of the understood condition ("breast cancer" of "average breast cancer
        risk"), or of the setting concept when no condition was understood, or a broader
        name of it."""
        if any(alias <= terms for alias in self.setting_aliases):
            return True
        if self.setting_terms:
            return self.setting_terms <= terms
        setting = self.setting
        return setting is not None and self.contains(setting, terms)

    def touches(self, concept: Concept, terms: set[str]) -> bool:
        return any(_has(terms, t) for w in concept.words for t in w.terms)

    def contains(self, concept: Concept, terms: set[str]) -> bool:
        """Every word of the concept is mentioned."""
        return all(any(_has(terms, t) for t in w.terms) for w in concept.words)

    def matched_words(self, terms: set[str]) -> list[Word]:
        return [w for w in self.words if any(_has(terms, t) for t in w.terms)]

    def coverage(self, terms: set[str]) -> float:
        total = sum(w.idf for w in self.words) or 1.0
        return sum(w.idf for w in self.matched_words(terms)) / total


_VERB_FORM = re.compile(r"^[a-z]{3,}ing$")
# Words after which an -ing word is a verb: "we be painting", "I am taking", "keep using".
_BEFORE_VERB = frozenset(
    [
        "be",
        "been",
        "being",
        "is",
        "are",
        "am",
        "was",
        "were",
        "i",
        "we",
        "you",
        "they",
        "he",
        "she",
        "keep",
        "kept",
        "start",
        "stop",
        "stopped",
    ]
)


def _verb_form_only(concept: Concept) -> bool:
    return all(w.verb for w in concept.words)


def _has(terms: set[str], alternative: str) -> bool:
    return all(part in terms for part in alternative.split())


def question_concepts(
    question: str,
    store: Store,
    lexicon: AbbreviationLexicon | None,
    max_df_share: float = 0.2,
    specific_df_share: float = 0.05,
    topic: frozenset[str] | None = None,
) -> QuestionConcepts:
    """Concepts of a question; with `topic` (lower-case words that carry the topic, from
    question understanding), any other word is a boundary, never part of a concept."""
    n = max(store.passage_count(), 1)
    candidates: list[tuple[str, list[str]] | None] = []
    surfaces: list[str] = []
    breaks: list[bool] = []  # punctuation before the word ends the concept before it
    last_end = 0
    for match in _WORD.finditer(question):
        breaks.append(
            topic is not None and bool(_PUNCTUATION.search(question, last_end, match.start()))
        )
        last_end = match.end()
        surfaces.append(match.group(0).strip(".'"))
        candidates.append(_word_terms(surfaces[-1], lexicon))
    all_terms = {part for c in candidates if c for t in c[1] for part in t.split()}
    df = store.document_frequency(all_terms)
    concepts: list[Concept] = []
    current = Concept()
    either = False  # just read "or": the next specific word is an alternative to the last one
    previous = ""
    for surface, candidate, punctuated in zip(surfaces, candidates, breaks, strict=True):
        lead, previous = previous, surface.lower()
        if punctuated and current.words:
            concepts.append(current)
            current = Concept()
        word = _concept_word(candidate, df, n, max_df_share, specific_df_share)
        if word is not None and lead in _BEFORE_VERB and _VERB_FORM.match(surface.lower()):
            word.verb = True
        if topic is not None and _possessive_free(surface.lower()) not in topic:
            word = None
        if word is not None and either and (current.words or concepts):
            last = (current.words or concepts[-1].words)[-1]
            last.surface = f"{last.surface} or {word.surface}"
            last.terms = list(dict.fromkeys(last.terms + word.terms))
            last.idf = min(last.idf, word.idf)
            either = False
            continue
        if surface.lower() == "or":
            either = True
        if word is None:
            if current.words:
                if surface.lower() in HEAD_NOUNS:
                    current.head = surface
                concepts.append(current)
            current = Concept()
            continue
        if not current.words:
            current.lead = lead
        current.words.append(word)
    if current.words:
        concepts.append(current)
    _temper_unknown(concepts)
    return QuestionConcepts(concepts=concepts)


def _possessive_free(word: str) -> str:
    return word[:-2] if word.endswith(("'s", "’s")) else word


def _temper_unknown(concepts: list[Concept]) -> None:
    """Unknown words (often spelling variants) weigh no more than the rarest known word."""
    known = [w.idf for c in concepts for w in c.words if w.known]
    cap = max(known, default=0.0)
    for concept in concepts:
        for word in concept.words:
            if not word.known and cap:
                word.idf = cap


def _word_terms(surface: str, lexicon: AbbreviationLexicon | None) -> tuple[str, list[str]] | None:
    terms = analyze(surface)
    if not terms or fold(surface) in STOPWORDS:
        return None
    alternatives = [terms[0]]
    if "-" in surface and len(terms) > 1:
        alternatives.append(" ".join(terms[1:]))
    if lexicon is not None and not surface.islower():
        for meaning in lexicon.meanings.get(surface, [])[:2]:
            long_form = analyze(meaning, compound_parts=False)
            if 1 <= len(long_form) <= 4:  # "COPD" is also "chronic obstructive pulmonary disease"
                alternatives.append(" ".join(long_form))
    return surface, list(dict.fromkeys(alternatives))


def _concept_word(
    candidate: tuple[str, list[str]] | None,
    df: dict[str, int],
    n: int,
    max_share: float,
    specific_share: float,
) -> Word | None:
    if candidate is None:
        return None
    surface, terms = candidate
    if terms[0] in QUESTION_WORDS:
        return None
    # A phrase occurs at most as often as its rarest word.
    counts = [min(df.get(p, 0) for p in t.split()) for t in terms]
    best = max(counts, default=0)
    if best > max_share * n:
        return None
    if best == 0 and not (surface.isalpha() and len(surface) >= 3):
        return None
    # A word the index has never seen still counts: evidence that lacks it is not on topic.
    idf = math.log(1 + (n - best + 0.5) / (best + 0.5))
    return Word(
        surface=surface, terms=terms, idf=idf, specific=best <= specific_share * n, known=best > 0
    )
