"""Gather evidence for a question: searches, on-topic sentences, and combination checks."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from medcite.compose.gather.gaps import combination_gaps
from medcite.compose.understand.concepts import Concept, QuestionConcepts, question_concepts
from medcite.compose.understand.vocabulary import names_one_condition
from medcite.config import ComposeSettings
from medcite.models import (
    Document,
    EvidenceGap,
    EvidenceSearch,
    Passage,
    PassageKind,
    SearchFilters,
    SearchHit,
    SourceSpan,
    SourceType,
)
from medcite.retrieve.searcher import Searcher
from medcite.text import analyze
from medcite.text.abbreviations import defined_abbreviations
from medcite.text.kinds import names_treatment
from medcite.text.sentences import is_fragment, is_statement, sentence_spans

# Share of the question's concept weight that makes a sentence about the question.
MOST_OF_QUESTION = 0.5

_METHODS = re.compile(
    r"^(?:METHOD|DESIGN|PARTICIPANT|INTERVENTION|SETTING|MEASURE|MAIN OUTCOME|PATIENTS|SUBJECTS|"
    r"MATERIAL|STUDY DESIGN|DATA SOURCE|STUDY SELECTION|DATA EXTRACTION)",
    re.I,
)

# A guideline summary's list of what it considered ("Maternal corticosteroids / Intravenous
# magnesium sulfate ..."): topics, not statements.
_CONSIDERED = re.compile(r"\b(?:Interventions and Practices|Major Outcomes) Considered\b", re.I)


def holds_findings(section: str) -> bool:
    """How a study was done, or what a guideline looked at, is not a finding."""
    return not (_METHODS.search(section) or _CONSIDERED.search(section))


@dataclass
class EvidenceSentence:
    """A source sentence with where it lies and how well it matches the question."""

    text: str
    document: Document
    passage: Passage
    start: int  # offsets into the document text
    end: int
    rank: int  # rank of its passage in the merged retrieval (1 = best)
    terms: set[str]
    coverage: float  # share of the question's concept weight the sentence mentions
    context_coverage: float  # the same, counting its document title and section heading
    has_anchor: bool
    in_setting: bool  # its source is about the question's setting (title/heading, or in full)
    score: float = 0.0
    patient_search_only: bool = False  # found only by the patient-information search
    # From a patient page on the topic the question names, of the kind it asks for (its
    # symptoms page for "what are the early symptoms?"): about the question by construction.
    # The page's place in their order (1 = best), 0 for other sources.
    topic_page: int = 0
    # A claim joined from several passages (a table row of one-cell passages); text is the
    # pieces joined by a space, and the spans say where each piece lies.
    pieces: list[SourceSpan] = field(default_factory=list)

    @property
    def on_topic(self) -> bool:
        """About the question: in its setting, naming its subject or most of what it asks."""
        if self.topic_page:
            return True
        if not self.in_setting:
            return self.has_anchor and self.coverage >= MOST_OF_QUESTION
        return self.has_anchor or self.coverage >= 0.5 or self.context_coverage >= 0.75


@dataclass(frozen=True)
class TopicWords:
    """The question as understood: its text (lay terms and spellings rewritten) and the words
    in it that carry the topic; concepts are runs of those words."""

    text: str
    words: frozenset[str]
    subject: str | None = None  # what the question is about (a drug, a condition screened for)
    setting: str | None = None  # the condition it is asked in
    core: frozenset[str] = frozenset()  # words of the drugs, routes and condition asked about
    about_setting: bool = False  # the subject is the setting itself (screening for it)
    subject_aliases: tuple[str, ...] = ()  # other names for it: mammography for breast cancer
    setting_aliases: tuple[str, ...] = ()  # broader names of the setting: heart attack -> CVD


@dataclass
class Evidence:
    question: str
    query: str  # what was searched: the question plus follow-up context
    concepts: QuestionConcepts
    hits: list[SearchHit]
    sentences: list[EvidenceSentence]  # on-topic, best first, no near-duplicates
    searches: list[EvidenceSearch] = field(default_factory=list)
    gaps: list[EvidenceGap] = field(default_factory=list)
    # The gaps were searched for the drugs, routes and condition the question names (not for
    # every specific word of a research question, which studies rarely all use at once).
    core_gaps: bool = False

    @property
    def combination_missing(self) -> bool:
        """No indexed source covers the question's own combination."""
        return bool(self.gaps) and self.core_gaps


def gather_evidence(
    searcher: Searcher,
    question: str,
    context: str | None = None,
    settings: ComposeSettings | None = None,
    topic: TopicWords | None = None,
    topic_pages: list[Document] | None = None,
) -> Evidence:
    """Evidence for a question, the same whoever reads the answer.

    Patient information is always searched, so the verdict and bottom line cannot depend on
    the audience; sentences found only by that search are marked, and the writer adds them
    for patients. `topic_pages` (patient pages on the topic the question names, of the kind
    it asks for) are read whole.
    """
    cfg = settings or ComposeSettings()
    query = question if not context else f"{question} {_context_terms(searcher, context)}"
    concept_text = query if topic is None or context else topic.text
    concepts = question_concepts(
        concept_text,
        searcher.store,
        searcher.lexicon,
        cfg.concept_max_df_share,
        cfg.concept_specific_df_share,
        topic=None if topic is None or context else topic.words,
    )
    if topic is not None and not context:
        concepts.focus_on(topic.subject, topic.setting, topic.about_setting)
        concepts.alias_subject(topic.subject_aliases)
        concepts.alias_setting(topic.setting_aliases)
    searches: list[EvidenceSearch] = []
    hits = _search(searcher, query, cfg.main_k, searches, "main")
    anchor = concepts.anchor
    if anchor and len(concepts.words) > 1:
        hits += _search(searcher, query, cfg.focus_k, searches, "focus", required=[anchor.terms])
    setting = concepts.setting
    if topic is not None and topic.about_setting and setting is not None and not context:
        # Screening for / first treatment of a condition: passages naming all of it.
        whole = [w.terms for w in setting.words if w.known]
        hits += _search(searcher, query, cfg.focus_k, searches, "setting", required=whole)
    patient = SearchFilters(source_types=[SourceType.PATIENT_INFORMATION])
    patient_hits = _search(searcher, query, cfg.patient_k, searches, "patient", patient)
    found = {h.passage.id for h in hits}
    patient_only = {h.passage.id for h in patient_hits} - found
    hits = _merge(hits + patient_hits)
    hits += _guideline_recommendations(searcher, hits, concepts, cfg)
    page_hits = _page_hits(topic_pages or [], hits)
    patient_only |= {h.passage.id for h in page_hits} - found
    hits += page_hits
    sentences = _sentences(hits, concepts)
    page_order = {d.id: i for i, d in enumerate(topic_pages or [], start=1)}
    for s in sentences:
        s.patient_search_only = s.passage.id in patient_only
        s.topic_page = page_order.get(s.document.id, 0)
    core = topic.core if topic is not None and not context else None
    gaps = combination_gaps(searcher, concepts, searches, cfg.max_gap_words, core)
    return Evidence(question, query, concepts, hits, sentences, searches, gaps, bool(core))


def _guideline_recommendations(
    searcher: Searcher, hits: list[SearchHit], concepts: QuestionConcepts, cfg: ComposeSettings
) -> list[SearchHit]:
    """All recommendations of the guidelines whose titles are about the question, as a
    clinician would open the guideline and read them, not only the passages search ranked."""
    best: dict[str, SearchHit] = {}
    for hit in hits:
        if hit.document.source_type == SourceType.GUIDELINE:
            best.setdefault(hit.document.id, hit)
    titled = [h for h in best.values() if _titled_for(h.document.title, concepts, cfg)]
    # A title naming the subject ("Aspirin use for the primary prevention of ...") before
    # those naming only the setting ("ST-elevation myocardial infarction").
    titled.sort(
        key=lambda h: (
            not _names_anchor(exact_terms(h.document.title), concepts),
            -concepts.coverage(exact_terms(h.document.title)),
        )
    )
    about = titled[: cfg.guidelines_read]
    if not about:
        return []
    seen = {h.passage.id for h in hits}
    docs = searcher.store.get_documents([h.document.id for h in about], with_passages=True)
    extra = []
    for hit in about:
        doc = docs.get(hit.document.id)
        if doc is None:
            continue
        light = doc.model_copy(update={"passages": []})
        unread = [
            p for p in doc.passages if p.kind == PassageKind.RECOMMENDATION and p.id not in seen
        ]
        # The ones that say most about the question, kept in reading order; among equals,
        # those naming a treatment (a long guideline's "treat ... with a canalith repositioning
        # procedure" names none of the question's words). Among passages covering as much as
        # written, one writing the abbreviation its guideline defines ("mild-to-moderate CDI")
        # names the long form.
        defined = defined_in(doc.passages)
        covering = sorted(
            unread,
            key=lambda p: (
                -concepts.coverage(exact_terms(p.text)),
                -concepts.coverage(terms_with_abbreviations(p.text, defined)),
                not names_treatment(p.text),
            ),
        )
        chosen = {p.id for p in covering[: cfg.recommendations_read]}
        for passage in (p for p in unread if p.id in chosen):
            extra.append(
                SearchHit(
                    rank=hit.rank,
                    score=hit.score,
                    passage=passage,
                    document=light,
                    lexical_score=0.0,
                )
            )
    return extra


def _page_hits(pages: list[Document], hits: list[SearchHit]) -> list[SearchHit]:
    """Every passage of the pages, ranked in their order after what search found."""
    seen = {h.passage.id for h in hits}
    return [
        SearchHit(
            rank=rank,
            score=0.0,
            passage=p,
            document=doc.model_copy(update={"passages": []}),
            lexical_score=0.0,
        )
        for rank, doc in enumerate(pages, start=len(hits) + 1)
        for p in doc.passages
        if p.id not in seen
    ]


def _names_anchor(terms: set[str], concepts: QuestionConcepts) -> bool:
    return concepts.anchor is not None and concepts.anchor in concepts.matched_words(terms)


def _titled_for(title: str, concepts: QuestionConcepts, cfg: ComposeSettings) -> bool:
    """The title covers enough of the question and names its subject or setting."""
    terms = exact_terms(title)
    setting = concepts.setting
    names_anchor = _names_anchor(terms, concepts)
    if not (names_anchor or (setting is not None and concepts.touches(setting, terms))):
        return False
    # Long conversational questions dilute coverage: a title naming the whole setting
    # ("ovarian cancer: screening") or the disease the setting is a kind of ("Pneumonia in
    # adults" for community-acquired pneumonia) is about the question whatever else it asks.
    return (
        names_setting_disease(title, concepts)
        or concepts.coverage(terms) >= cfg.guideline_title_coverage
    )


def names_setting_disease(title: str, concepts: QuestionConcepts) -> bool:
    """The title names the question's setting ("... functional constipation in infants and
    children") or the disease it is a kind of ("Pneumonia in adults" for community-acquired
    pneumonia, "Pharyngitis" for a positive rapid strep test)."""
    setting = concepts.setting
    if setting is None:
        return False
    terms = exact_terms(title)
    return concepts.contains(setting, terms) or any(
        names_one_condition(w.surface.lower()) and concepts.contains(Concept(words=[w]), terms)
        for w in setting.words
    )


def _context_terms(searcher: Searcher, context: str) -> str:
    """The previous question's specific words, so "is it safe in pregnancy?" keeps its subject."""
    previous = question_concepts(context, searcher.store, searcher.lexicon)
    return " ".join(c.surface for c in previous.concepts)


def _search(
    searcher: Searcher,
    query: str,
    k: int,
    log: list[EvidenceSearch],
    purpose: str,
    filters: SearchFilters | None = None,
    required: list[list[str]] | None = None,
) -> list[SearchHit]:
    result = searcher.search(query, filters=filters, k=k, required=required or ())
    log.append(
        EvidenceSearch(
            purpose=purpose,
            query=query,
            terms=result.query.terms + [t for g in required or [] for t in g],
            passages_found=len(result.hits),
        )
    )
    return result.hits


def _merge(hits: list[SearchHit]) -> list[SearchHit]:
    seen: set[str] = set()
    merged = []
    for hit in hits:
        if hit.passage.id not in seen:
            seen.add(hit.passage.id)
            merged.append(hit)
    return merged


def defined_in(passages: list[Passage]) -> dict[str, str]:
    """Abbreviations the passages define ("acute otitis media (AOM)"), the first definition
    of each."""
    defined: dict[str, str] = {}
    for passage in passages:
        for short, long_form in defined_abbreviations(passage.text).items():
            defined.setdefault(short, long_form)
    return defined


def terms_with_abbreviations(text: str, abbreviations: dict[str, str] | None) -> set[str]:
    """The text's terms; one using an abbreviation its document defines also names the long
    form."""
    terms = exact_terms(text)
    for short, long_form in (abbreviations or {}).items():
        if short in text and re.search(rf"\b{short}s?\b", text):
            terms |= exact_terms(long_form)
    return terms


def _sentences(hits: list[SearchHit], concepts: QuestionConcepts) -> list[EvidenceSentence]:
    # Abbreviations each document defines in the passages read.
    by_document: dict[str, list[Passage]] = {}
    for hit in hits:
        by_document.setdefault(hit.document.id, []).append(hit.passage)
    defined = {doc_id: defined_in(passages) for doc_id, passages in by_document.items()}
    return [
        s
        for rank, hit in enumerate(hits, start=1)
        for s in passage_sentences(
            hit.passage, hit.document, rank, concepts, defined.get(hit.document.id)
        )
    ]


def passage_sentences(
    passage: Passage,
    doc: Document,
    rank: int,
    concepts: QuestionConcepts,
    abbreviations: dict[str, str] | None = None,
) -> list[EvidenceSentence]:
    """The quotable sentences of a passage, with document offsets and question coverage; a
    sentence using an abbreviation its document defines also names the long form."""
    anchor = concepts.anchor
    setting = concepts.setting
    context = exact_terms(f"{doc.title} {passage.section}")
    passage_terms = exact_terms(passage.text)
    about_setting = setting is None or (
        concepts.touches(setting, context) or concepts.touches_core(setting, passage_terms)
    )
    out = []
    if not holds_findings(passage.section):
        return []
    # Research snippets may start mid-sentence; in guideline and patient prose a lower-case
    # start is the broken tail of a list item.
    prose = doc.source_type in (SourceType.GUIDELINE, SourceType.PATIENT_INFORMATION)
    guessed = concepts.setting_guessed  # once a passage, not once a sentence
    for start, end in sentence_spans(passage.text):
        text = passage.text[start:end]
        if not is_statement(text) or (prose and is_fragment(text)):
            continue
        terms = terms_with_abbreviations(text, abbreviations)
        coverage = concepts.coverage(terms)
        has_anchor = anchor is not None and anchor in concepts.matched_words(terms)
        # A guessed setting ("brief" of "a brief behavioural intervention to prevent illicit
        # drug use") does not keep out a sentence naming the subject and most of the question.
        squarely = guessed and has_anchor and coverage >= MOST_OF_QUESTION
        out.append(
            EvidenceSentence(
                text=text,
                document=doc,
                passage=passage,
                start=passage.start + start,
                end=passage.start + end,
                rank=rank,
                terms=terms,
                coverage=coverage,
                context_coverage=concepts.coverage(terms | context),
                has_anchor=has_anchor,
                in_setting=about_setting or squarely,
            )
        )
    return out


def context_terms(s: EvidenceSentence) -> set[str]:
    """Terms of the sentence's document title and section heading."""
    return exact_terms(f"{s.document.title} {s.passage.section}")


def exact_terms(text: str) -> set[str]:
    """Terms for matching the question: "Mowat-Wilson" does not mention "Wilson"."""
    return set(analyze(text, compound_parts=False))


def dedupe(sentences: list[EvidenceSentence], overlap: float = 0.8) -> list[EvidenceSentence]:
    """Drop sentences whose words mostly repeat an earlier (better) one."""
    kept: list[EvidenceSentence] = []
    for s in sentences:
        if any(_overlap(s.terms, k.terms) >= overlap for k in kept):
            continue
        kept.append(s)
    return kept


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / (min(len(a), len(b)) or 1)
