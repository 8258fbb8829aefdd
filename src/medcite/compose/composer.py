"""The offline composer: question -> evidence -> a cited, structured, traceable Answer."""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime

from medcite._version import __version__
from medcite.compose.gather.combination import CombinationSources, combination_evidence
from medcite.compose.gather.evidence import (
    Evidence,
    EvidenceSentence,
    gather_evidence,
)
from medcite.compose.gather.grade_meaning import grade_meanings
from medcite.compose.gather.interactions import DrugClassMap, InteractionTable
from medcite.compose.gather.recommendations import GradeTable
from medcite.compose.gather.topic_pages import topic_pages
from medcite.compose.gather.urgent import red_flag_sources
from medcite.compose.judge.bottom_line import Judge
from medcite.compose.judge.choice import LEADS, BottomLineChoice, whole_statements
from medcite.compose.judge.stance import StanceModel
from medcite.compose.understand.topic import is_about_treatment, search_query, topic_words
from medcite.compose.understand.understander import QuestionUnderstander
from medcite.compose.write.followups import follow_up_questions
from medcite.compose.write.sections import LayoutRequest, lay_out, sections_for
from medcite.models import (
    Answer,
    AnswerMetadata,
    AnswerSection,
    Applicability,
    Audience,
    BottomLine,
    Claim,
    EvidenceGap,
    PassageKind,
    RecommendationDirection,
    Reference,
    SourceSpan,
    SourceType,
    Understood,
    UrgentNotice,
    Verdict,
)
from medcite.retrieve.query import clean_query
from medcite.retrieve.searcher import Searcher
from medcite.text import analyze
from medcite.text.kinds import is_safety

_ABBREVIATION = re.compile(r"\b[A-Z][A-Z0-9]{1,6}s?\b")


class Citations:
    """Numbers references in order of first citation; claims carry what the judge read."""

    def __init__(
        self,
        directions: dict[int, RecommendationDirection] | None = None,
        applicability: dict[int, Applicability] | None = None,
        defined_grades: dict[int, str] | None = None,
    ) -> None:
        self.numbers: dict[str, int] = {}
        self.cited: dict[str, list[EvidenceSentence]] = {}
        self.directions = directions or {}
        self.applicability = applicability or {}
        self.defined_grades = defined_grades or {}

    def claim(self, s: EvidenceSentence) -> Claim:
        number = self.numbers.setdefault(s.document.id, len(self.numbers) + 1)
        self.cited.setdefault(s.document.id, []).append(s)
        span = SourceSpan(doc_id=s.document.id, passage_id=s.passage.id, start=s.start, end=s.end)
        return Claim(
            text=s.text,
            citations=[number],
            spans=s.pieces or [span],
            grade=s.passage.grade,
            direction=self.directions.get(id(s)),
            applicability=self.applicability.get(id(s)),
            defines_grade=self.defined_grades.get(id(s)),
        )

    def references(self) -> list[Reference]:
        refs = []
        for doc_id, number in self.numbers.items():
            doc = self.cited[doc_id][0].document
            grades = [s.passage.grade for s in self.cited[doc_id] if s.passage.grade]
            refs.append(
                Reference(
                    number=number,
                    doc_id=doc.id,
                    source_type=doc.source_type,
                    type_label=doc.source_type.label,
                    title=doc.title,
                    publisher=doc.publisher,
                    journal=doc.journal,
                    year=doc.year,
                    url=doc.url,
                    pmid=doc.pmid,
                    grades=list(dict.fromkeys(grades)),
                )
            )
        return refs


class Composer:
    """Composes answers from one store; safe to reuse across questions (it is read-only).

    Stages: understand the question -> gather evidence (searches, interaction rows, red-flag
    sources) -> judge the bottom line -> write sections, notes and references.
    """

    name = "extractive"

    def __init__(
        self,
        searcher: Searcher,
        stance_model: StanceModel | None = None,
        understander: QuestionUnderstander | None = None,
        grade_table: GradeTable | None = None,
        combination_sources: CombinationSources | None = None,
    ) -> None:
        self.searcher = searcher
        store = searcher.store
        lexicon = searcher.lexicon
        self.understander = understander or QuestionUnderstander(
            store.document_frequency, abbreviations=lexicon.meanings if lexicon else None
        )
        self.grade_table = grade_table or GradeTable.load()
        self.judge = Judge(
            store,
            searcher.settings.compose,
            stance_model or StanceModel.shipped(),
            self.grade_table,
        )
        self.combination_sources = combination_sources or CombinationSources(
            InteractionTable(store), DrugClassMap.load()
        )

    def answer(
        self,
        question: str,
        audience: Audience | str = Audience.CLINICIAN,
        context: str | None = None,
    ) -> Answer:
        started = time.perf_counter()
        audience = Audience(audience)
        question, _ = clean_query(question, self.searcher.settings.max_query_chars)
        context = clean_query(context, 2000)[0] if context and context.strip() else None
        cfg = self.searcher.settings.compose
        understood = self.understander.understand(question, context)
        for drug in understood.drugs:
            drug.classes = self.combination_sources.classes.labels_of(drug)
        understood_at = time.perf_counter()
        about_treatment = is_about_treatment(question, understood)
        query = search_query(understood) or question
        follow_context = None if understood.carried_over else context
        pages = topic_pages(self.searcher.store, understood, cfg.topic_pages_read)
        evidence = gather_evidence(
            self.searcher, query, follow_context, cfg, topic_words(understood), pages
        )
        combination = combination_evidence(
            understood,
            self.searcher,
            self.combination_sources,
            evidence.concepts,
            evidence.searches,
        )
        urgent = red_flag_sources(understood.red_flags, self.searcher.store)
        retrieved = time.perf_counter()
        choice = self.judge.bottom_line(
            evidence, understood, combination, about_treatment, urgent
        )
        self._keep_consistent(choice, evidence)
        whole_statements(choice, evidence.sentences + choice.extra, cfg.graded_statement_sentences)
        interactions = (
            combination.table_sentences + [s for s in combination.text_sentences if is_safety(s.text)]
            if combination
            else []
        )
        pool = _distinct(evidence.sentences + choice.extra)
        meanings = grade_meanings(
            choice.sentences, self.searcher.store, cfg.grade_meaning_overlap
        )
        request = LayoutRequest(
            bottom_line=choice.sentences,
            concepts=evidence.concepts,
            audience=audience,
            question=understood.focus_question or question,
            about_treatment=about_treatment,
            interactions=interactions,
            patient=understood.patient,
            not_for_patient=choice.not_for_patient,
            grade_meanings=[s for _, s in meanings],
        )
        layout = lay_out(pool, request, cfg)
        defined = {id(s): grade for grade, s in meanings}
        cites = Citations(choice.directions, choice.applicability, defined)
        urgent_notice = _urgent_notice(understood, [cites.claim(s) for s in urgent])
        bottom = BottomLine(
            verdict=choice.verdict,
            lead=LEADS[audience][choice.verdict],
            claims=[cites.claim(s) for s in layout.bottom_line],
        )
        sections = [
            AnswerSection(
                key=key,
                heading=patient if audience == Audience.PATIENT else clinician,
                claims=[cites.claim(s) for s in layout.sections[key]],
            )
            for key, clinician, patient in sections_for(audience)
            if key in layout.sections
        ]
        algorithm = [cites.claim(s) for s in layout.algorithm]
        pitfalls = [cites.claim(s) for s in layout.pitfalls]
        abstained = choice.verdict == Verdict.ABSTAIN
        notes = choice.notes + (combination.notes if combination else [])
        answer = Answer(
            question=question,
            context=context,
            audience=audience,
            understood=understood,
            urgent=urgent_notice,
            bottom_line=bottom,
            sections=sections,
            algorithm=algorithm,
            pitfalls=pitfalls,
            evidence_gaps=_reported_gaps(choice.verdict, evidence),
            notes=choice.notes if abstained else notes,
            references=cites.references(),
            follow_up_questions=[] if abstained else follow_up_questions(evidence, audience),
            metadata=self._metadata(evidence, started, retrieved),
        )
        answer.metadata.timings_ms["understand"] = round((understood_at - started) * 1000, 2)
        if audience == Audience.PATIENT:
            answer.glossary = self._glossary(answer)
        answer.metadata.timings_ms["total"] = _ms(started)
        return answer

    def _keep_consistent(self, choice: BottomLineChoice, evidence: Evidence) -> None:
        """Read the direction of every recommendation quoted; drop quotes that contradict the
        verdict, and call it 'It depends' when every quote does."""
        subject = evidence.concepts.anchor.surface if evidence.concepts.anchor else None
        for s in choice.sentences:
            if id(s) not in choice.directions and _is_recommendation(s):
                semantics = self.grade_table.semantics(
                    s.text, s.passage.grade, s.document.publisher, subject
                )
                choice.directions[id(s)] = semantics.direction
        contradicting = _CONTRADICTS.get(choice.verdict, set())
        agreeing = [s for s in choice.sentences if choice.directions.get(id(s)) not in contradicting]
        if agreeing:
            choice.sentences = agreeing
        elif choice.sentences:
            choice.verdict = Verdict.IT_DEPENDS

    def _metadata(self, evidence: Evidence, started: float, retrieved: float) -> AnswerMetadata:
        settings = self.searcher.settings
        return AnswerMetadata(
            medcite_version=__version__,
            created_at=datetime.now(UTC).isoformat(timespec="seconds"),
            index_snapshot=self.searcher.store.snapshot_id(),
            composer=self.name,
            settings={
                "rank": settings.rank.model_dump(),
                "expand_abbreviations": settings.expand_abbreviations,
                "query": evidence.query,
            },
            timings_ms={
                "retrieve": round((retrieved - started) * 1000, 2),
                "compose": _ms(retrieved),
            },
            searches=evidence.searches,
            retrieved_doc_ids=list(dict.fromkeys(h.document.id for h in evidence.hits)),
        )

    def _glossary(self, answer: Answer) -> dict[str, str]:
        """Long forms of the abbreviations the claims use, where the lexicon knows them."""
        lexicon = self.searcher.lexicon
        if lexicon is None:
            return {}
        claims = answer.all_claims()
        # Ambiguous abbreviations take the meaning their sources spell out.
        context = set(
            analyze(" ".join([c.text for c in claims] + [r.title for r in answer.references]))
        )
        glossary: dict[str, str] = {}
        for claim in claims:
            for short in _ABBREVIATION.findall(claim.text):
                meanings = lexicon.meanings.get(short) or lexicon.meanings.get(short.rstrip("s"))
                if not meanings:
                    continue
                spelled = [m for m in meanings if set(analyze(m)) <= context]
                if spelled or len(meanings) == 1:
                    glossary.setdefault(short, (spelled or meanings)[0])
        return glossary


D = RecommendationDirection
_CONTRADICTS = {
    Verdict.YES: {D.AGAINST, D.INSUFFICIENT_EVIDENCE},
    Verdict.NO: {D.FOR},
}
URGENT_TEXT = (
    "Seek medical care now: the message describes {what}. Call your local emergency number "
    "(911 in the US) or go to the nearest emergency department; don't wait for an online answer."
)


def _is_recommendation(s: EvidenceSentence) -> bool:
    return (
        s.document.source_type == SourceType.GUIDELINE
        and s.passage.kind == PassageKind.RECOMMENDATION
    )


def _urgent_notice(understood: Understood, claims: list[Claim]) -> UrgentNotice | None:
    if not understood.red_flags:
        return None
    what = ", ".join(dict.fromkeys(f.label for f in understood.red_flags))
    return UrgentNotice(
        text=URGENT_TEXT.format(what=what),
        red_flags=[f.id for f in understood.red_flags],
        claims=claims,
    )


def _reported_gaps(verdict: Verdict, evidence: Evidence) -> list[EvidenceGap]:
    """Gaps worth reporting: none when abstaining, and none under a Yes. A Yes from guidelines
    is only given when the question's own combination is covered (the judge says Not
    established otherwise); a Yes from studies means they answered the question, and a
    research question's words seldom all appear in one passage: that is not a gap."""
    if verdict in (Verdict.ABSTAIN, Verdict.YES):
        return []
    return evidence.gaps


def _distinct(sentences: list[EvidenceSentence]) -> list[EvidenceSentence]:
    seen: set[tuple[str, int]] = set()
    out = []
    for s in sentences:
        if (s.document.id, s.start) not in seen:
            seen.add((s.document.id, s.start))
            out.append(s)
    return out


def _ms(since: float) -> float:
    return round((time.perf_counter() - since) * 1000, 2)
