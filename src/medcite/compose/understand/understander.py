"""QuestionUnderstander: a question (or consumer message) -> Understood, in a few ms."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from medcite.compose.understand.denied import (
    NEGATORS,
    denied_findings,
    no_history_of,
    normal_findings,
)
from medcite.compose.understand.drugs import DrugLexicon, DrugMatch, bind_doses, bind_routes
from medcite.compose.understand.focus import focus_question
from medcite.compose.understand.intent import classify, is_yes_no, prevention_wording
from medcite.compose.understand.patient import POPULATION_PATTERNS, patient_facts, populations
from medcite.compose.understand.red_flags import RedFlags
from medcite.compose.understand.tokens import Token, tokenize
from medcite.compose.understand.vocabulary import (
    CONDITION_HEADS,
    ConditionNames,
    FillerWords,
    LayTerms,
    SpellingCorrector,
    TermFrequency,
    is_condition_word,
)
from medcite.models import DrugMention, Intent, Rewrite, RewriteReason, Understood
from medcite.text import STOPWORDS

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
# Who the patient is, and people the story is about ("My sister had preeclampsia."): selects
# recommendations, is not searched for.
_PEOPLE = """woman women man men female male lady girl boy wife husband son daughter mother father
    mom dad gentleman person people adult adults guy sister brother grandson granddaughter
    grandmother grandfather grandma grandpa aunt uncle niece nephew cousin friend boyfriend
    girlfriend"""
PERSON_WORDS = frozenset(_PEOPLE.split())
_NUMBER = re.compile(r"^[\d.,/%-]+$")
_AGED = re.compile(r"^\d[\d.]*-(?:year|yr|month|mo|week|wk|day)s?(?:-old)?\b")  # "18-month-old"
# Words of a patient-number phrase that go with the number ("80 year old", "stage 3b").
DETAIL_WORDS = frozenset(
    ["year", "years", "yr", "yrs", "old", "aged", "age", "yo", "stage", "of", "is", "am"]
)
TIME_WORDS = frozenset(["year", "years", "month", "months", "week", "weeks", "day", "days", "ago"])
_TIMES_OF_DAY = frozenset(["morning", "afternoon", "evening", "night", "weekend"])
_TIME_LEADS = frozenset(["this", "last", "since", "yesterday", "tomorrow", "tonight", "every"])


def _time_of_day(tokens: list[Token], i: int) -> bool:
    """'since this morning', 'last night': when, not what ('morning sickness' stays)."""
    return tokens[i].key in _TIMES_OF_DAY and i > 0 and tokens[i - 1].key in _TIME_LEADS


# How often a dose is taken: the patient's detail unless the dose is asked about.
_FREQUENCY_WORDS = frozenset(["once", "twice", "daily", "nightly", "weekly", "monthly"])


@dataclass
class _Words:
    """Per-token decisions while reading one text."""

    tokens: list[Token]
    output: dict[int, str] = field(default_factory=dict)  # token index -> query word(s)
    dropped: set[int] = field(default_factory=set)
    rewrites: list[Rewrite] = field(default_factory=list)

    @property
    def taken(self) -> set[int]:
        return set(self.output) | self.dropped

    def put(self, start: int, end: int, text: str) -> None:
        self.output[start] = text
        self.dropped.update(range(start + 1, end))

    def surface(self, start: int, end: int) -> str:
        return " ".join(t.text for t in self.tokens[start:end])


class QuestionUnderstander:
    """Holds the lexicons; build once per process and call `understand` per question.

    term_frequency: `Store.document_frequency` (or None): spelling corrections are only made
    for words the index lacks, to words it has.
    """

    def __init__(
        self,
        term_frequency: TermFrequency | None,
        data_dir: Path = DATA_DIR,
        abbreviations: Mapping[str, list[str]] | None = None,
    ) -> None:
        self.term_frequency = term_frequency
        # Long forms of abbreviations (the index's lexicon): "AAA" names a condition.
        self.abbreviations = abbreviations or {}
        self.drugs = DrugLexicon.load(data_dir)
        self.lay_terms = LayTerms.load(data_dir / "lay_terms.csv")
        self.filler = FillerWords.load(data_dir / "filler_words.txt")
        self.conditions = ConditionNames.load(data_dir / "condition_names.txt")
        self.red_flags = RedFlags.load(data_dir / "red_flags.json")
        self.spelling = SpellingCorrector(self._spelling_vocabulary())

    def _spelling_vocabulary(self) -> set[str]:
        words = {w for name in self.conditions.table.phrases for w in name.split()}
        words |= {w for name in self.drugs.names.phrases.values() for w in name.split()}
        words |= {w for term in self.lay_terms.terms for w in term.clinical.lower().split()}
        return words

    def understand(self, question: str, context: str | None = None) -> Understood:
        original, question = question, readable(question)
        focus = focus_question(question)
        fixes = self._spelling_fixes(tokenize(question))
        message_tokens = _apply(tokenize(question), fixes)
        details = patient_facts(question)
        # a drug the patient is allergic to is not one asked about
        allergic = set(details.facts.allergies or [])
        drugs = [
            d
            for d in self._drugs(question, message_tokens)
            if not {d.name, d.surface.lower()} & allergic
        ]
        words = _Words(_apply(tokenize(focus), fixes))
        focus_drugs = [m for m in self._read_drugs(words) if m.mention.name not in allergic]
        self._read_lay_terms(words)
        conditions = [c for c in self._conditions(message_tokens) if not _is_population(c)]
        # The condition the question itself names before one told in the story ("household
        # contact of ... pulmonary TB ... Which regimen should I offer her for latent TB?")
        asked = set(self._conditions(words.tokens))
        conditions.sort(key=lambda c: not (c in asked and _names_disease(c)))
        # A dose is searched when the dose is asked about; otherwise it is the patient's detail
        # ("72-year-old on metformin 1 g twice a day ... can he stay on it?").
        intent = classify(focus, len(drugs))
        asks_dose = intent == Intent.DOSING
        self._drop_details(
            words, focus, patient_facts(focus).spans, focus_drugs if asks_dose else []
        )
        filler = self._drop_filler(words)
        # "lower my chances of getting it" asks for prevention (searched as such), not a topic
        wording = prevention_wording(focus)
        words.dropped.update(
            i for i, t in enumerate(words.tokens) if t.start in wording and i not in words.taken
        )
        self._note_spelling(words, fixes)
        topic = _dedupe(
            [
                words.output.get(i, t.key if t.key != t.text.lower() else t.text)
                for i, t in enumerate(words.tokens)
                if i in words.output or i not in words.dropped
            ]
        )
        # A question asking for a treatment is about the condition told before it ("spinning
        # spells ... Should I give her meclizine, or what is the initial treatment?").
        # An abbreviation stays in the topic as written ("AAA"); its long form names it.
        all_conditions = _dedupe([*self._abbreviated_conditions(message_tokens), *conditions])
        asks_treatment = intent in (Intent.FIRST_LINE, Intent.TREATMENT)
        in_focus = self._abbreviated_conditions(words.tokens)
        if (not focus_drugs or asks_treatment) and not any(
            c in " ".join(topic).lower() or c in in_focus for c in all_conditions
        ):
            # a drug in the story of a question asking what to treat with is its history
            named = [] if focus_drugs or asks_treatment else [d.name for d in drugs[:2]]
            topic = _dedupe([*named, *all_conditions[:1], *topic])
        understood = Understood(
            question=original,
            focus_question=focus,
            search_query=" ".join(topic),
            drugs=drugs,
            conditions=all_conditions,
            populations=populations(question, details.facts),
            patient=details.facts,
            intent=intent,
            is_yes_no=is_yes_no(focus),
            topic_words=topic,
            filler_words=filler,
            rewrites=_dedupe_rewrites(words.rewrites),
            red_flags=self.red_flags.find(question),
        )
        return self._carry_over(understood, context) if context else understood

    # -- steps ------------------------------------------------------------------------------
    def _drugs(self, text: str, tokens: list[Token]) -> list[DrugMention]:
        matches = self.drugs.find(tokens, self._named_disorders(tokens))
        bind_routes(tokens, matches)
        bind_doses(text, tokens, matches)
        merged: dict[str, DrugMention] = {}
        for m in matches:
            known = merged.setdefault(m.mention.name, m.mention)
            if known is not m.mention:
                known.routes.extend(r for r in m.mention.routes if r not in known.routes)
                known.doses.extend(d for d in m.mention.doses if d not in known.doses)
        return list(merged.values())

    def _read_drugs(self, words: _Words) -> list[DrugMatch]:
        """Brands become generics and lay class names clinical ones; other names stay as written
        ('vitamin D', 'anticoagulation', 'NSAIDs' search better as the index writes them)."""
        matches = self.drugs.find(words.tokens, self._named_disorders(words.tokens))
        for m in matches:
            surface = words.surface(m.start, m.end)
            name = m.mention.name
            lay_class = m.mention.is_class and surface.lower()[:4] != name[:4]
            if not (m.is_brand and not m.mention.is_class) and not lay_class:
                words.put(m.start, m.end, self._searched_name(words.tokens, m, surface))
                continue
            words.put(m.start, m.end, name)
            reason = RewriteReason.LAY_TERM if m.mention.is_class else RewriteReason.BRAND
            words.rewrites.append(Rewrite(original=surface, replacement=name, reason=reason))
        return matches

    def _abbreviated_conditions(self, tokens: list[Token]) -> list[str]:
        """Known conditions written as their abbreviation ("an AAA ultrasound", "a TIA")."""
        out = []
        for token in tokens:
            if not (token.text.isupper() and 2 <= len(token.text) <= 6 and token.text.isalpha()):
                continue
            long_forms = [m.lower() for m in self.abbreviations.get(token.text, [])]
            known = [m for m in long_forms if m in self.conditions.table]
            # unambiguous, or one name inside all the others ("irritable bowel syndrome" in
            # "constipation-predominant irritable bowel syndrome")
            shortest = min(known, key=len) if known else ""
            if known and all(f" {shortest} " in f" {m} " for m in long_forms):
                out.append(shortest)
        return out

    def _named_disorders(self, tokens: list[Token]) -> set[int]:
        """Token positions of known conditions named after a drug ("alcohol use disorder",
        "opioid use disorder"): the drug there names the condition, not a drug taken."""
        return {
            i
            for m in self.conditions.table.find(tokens, set())
            if m.end - m.start > 1 and tokens[m.end - 1].key in CONDITION_HEADS
            for i in range(m.start, m.end)
        }

    def _searched_name(self, tokens: list[Token], match: DrugMatch, surface: str) -> str:
        """A lay name ending in the drug's own name ("baby aspirin") is searched as that name:
        the index writes "aspirin", and "baby" would pull in pages about babies."""
        last = tokens[match.end - 1]
        if (
            match.end - match.start > 1
            and self.drugs.names.phrases.get(last.key) == match.mention.name
        ):
            return last.text
        return surface

    def _read_lay_terms(self, words: _Words) -> None:
        for m in self.lay_terms.find(words.tokens, words.taken):
            surface = words.surface(m.start, m.end)
            words.put(m.start, m.end, m.value)
            words.rewrites.append(
                Rewrite(original=surface, replacement=m.value, reason=RewriteReason.LAY_TERM)
            )

    def _conditions(self, tokens: list[Token]) -> list[str]:
        drugs = self.drugs.find(tokens, self._named_disorders(tokens))
        taken = {i for m in drugs for i in range(m.start, m.end)}
        lay = self.lay_terms.find(tokens, set(taken))
        names = {m.start: m.value for m in self.conditions.find(tokens, taken)}
        for m in lay:
            if m.value.lower() in self.conditions.table or _names_disease(m.value):
                names.setdefault(m.start, m.value)
        # "no cough", "without fever", "blood pressure is normal", "no one in my family has had
        # breast cancer": what the patient doesn't have is not the topic
        normal = normal_findings(tokens) | denied_findings(tokens)
        denied = {
            i
            for i in names
            if i in normal
            or any(t.key in NEGATORS for t in tokens[max(i - 2, 0) : i])
            or no_history_of(tokens, i)
        }
        found = [
            names[i] for i in sorted(names) if i not in denied and not _names_body(tokens, i)
        ]
        # A disease before the symptoms listed with it: "fever, tonsillar exudate ... the rapid
        # strep test is positive" is about streptococcal pharyngitis.
        return list(dict.fromkeys(sorted(found, key=lambda c: not _names_disease(c))))

    def _drop_details(
        self, words: _Words, focus: str, spans: list[tuple[int, int]], drugs: list[DrugMatch]
    ) -> None:
        dose_spans = bind_doses(focus, words.tokens, [])
        for i, token in enumerate(words.tokens):
            if i in words.output:
                continue
            in_detail = any(s <= token.start < e for s, e in spans) and (
                token.key in DETAIL_WORDS or any(c.isdigit() for c in token.key)
            )
            in_dose = any(s <= token.start < e for s, e in dose_spans)
            if i > 0 and words.tokens[i - 1].key in NAMED_NUMBER_WORDS:
                continue  # "type 2 diabetes": the number is part of the name
            if in_dose and drugs:
                words.output[i] = token.text
            elif _time_of_day(words.tokens, i):
                words.dropped.add(i)  # "since this morning", "last night"
            elif (
                in_detail
                or in_dose
                or token.key in PERSON_WORDS
                or token.key in TIME_WORDS
                or token.key in _FREQUENCY_WORDS
                or _NUMBER.match(token.key)
                or _AGED.match(token.key)
            ):
                words.dropped.add(i)

    def _drop_filler(self, words: _Words) -> list[str]:
        taken = words.taken
        matches = self.filler.find(words.tokens, set(taken))
        for m in matches:
            words.dropped.update(range(m.start, m.end))
        for i, token in enumerate(words.tokens):
            if i not in words.taken and token.key in STOPWORDS:
                words.dropped.add(i)
        words.dropped.update(normal_findings(words.tokens))
        words.dropped.update(denied_findings(words.tokens) - words.taken)
        return [words.surface(m.start, m.end) for m in matches]

    def _spelling_fixes(self, tokens: list[Token]) -> dict[str, str]:
        """Misspelled words of the message -> known drug or condition words."""
        skip = self.drugs.names.phrases.keys() | self.filler.table.phrases.keys()
        keys = [t.key for t in tokens if t.key not in skip and t.text.lower() == t.key]
        return self.spelling.corrections(keys, self.term_frequency)

    def _note_spelling(self, words: _Words, fixes: dict[str, str]) -> None:
        for i, token in enumerate(words.tokens):
            fixed = token.text.lower() != token.key and token.key in fixes.values()
            if fixed and i not in words.dropped:
                words.rewrites.append(
                    Rewrite(
                        original=token.text,
                        replacement=token.key,
                        reason=RewriteReason.SPELLING,
                    )
                )

    def _carry_over(self, understood: Understood, context: str) -> Understood:
        """A follow-up ('What about breastfeeding?') keeps the previous question's subject."""
        previous = self.understand(context)
        carried: list[str] = []
        if not understood.drugs and previous.drugs:
            understood.drugs = previous.drugs
            carried += [d.name for d in previous.drugs]
        if not understood.drugs and not understood.conditions and previous.conditions:
            understood.conditions = previous.conditions
            carried += previous.conditions
        if carried:
            understood.carried_over = carried
            understood.topic_words = _dedupe([*carried, *understood.topic_words])
            understood.search_query = " ".join(understood.topic_words)
        return understood


NAMED_NUMBER_WORDS = frozenset(["type"])  # "stage 3b" is a patient detail, "type 2" a name


_BODIES = frozenset(["society", "association", "foundation", "institute", "college", "academy"])


def _names_body(tokens: list[Token], i: int) -> bool:
    """'American Cancer Society', 'American Heart Association': an organisation, not the
    patient's condition (the condition found at token i runs up to the body's name)."""
    return any(t.key in _BODIES for t in tokens[i + 1 : i + 4]) and tokens[i].text[:1].isupper()


_GLUED = re.compile(r"(?<=[A-Za-z]{2}[.?!])(?=[A-Za-z])")


def readable(message: str) -> str:
    """A message as sentences can be read from it: SHOUTED text in lower case (its capitals
    say nothing), and "NOW.I HAVE" split after the full stop."""
    letters = [c for c in message if c.isalpha()]
    if len(letters) > 20 and sum(c.isupper() for c in letters) > 0.7 * len(letters):
        message = message.lower()
    return _GLUED.sub(" ", message)


def _apply(tokens: list[Token], fixes: dict[str, str]) -> list[Token]:
    return [Token(t.text, fixes[t.key], t.start, t.end) if t.key in fixes else t for t in tokens]


def _names_disease(condition: str) -> bool:
    """Named as a disease ("... pharyngitis", "... syndrome"), not a symptom ("fever")."""
    return len(condition.split()) > 1 and is_condition_word(condition.split()[-1])


def _is_population(condition: str) -> bool:
    return any(p.fullmatch(condition) for p in POPULATION_PATTERNS.values())


def _dedupe(words: list[str]) -> list[str]:
    seen: set[str] = set()
    kept: list[str] = []
    for word in words:
        if word.lower() not in seen:
            seen.add(word.lower())
            kept.append(word)
    return kept


def _dedupe_rewrites(rewrites: list[Rewrite]) -> list[Rewrite]:
    return list({(r.original.lower(), r.replacement): r for r in rewrites}.values())
