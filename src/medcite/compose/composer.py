"""The offline composer: question -> evidence -> a cited, structured, traceable Answer."""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime

from medcite._version import __version__
from medcite.compose.gather.evidence import Evidence, EvidenceSentence, gather_evidence
from medcite.compose.judge.bottom_line import LEADS, choose_bottom_line
from medcite.compose.judge.stance import StanceModel
from medcite.compose.write.followups import follow_up_questions
from medcite.compose.write.sections import lay_out, sections_for
from medcite.models import (
    Answer,
    AnswerMetadata,
    AnswerSection,
    Audience,
    BottomLine,
    Claim,
    Reference,
    SearchIntent,
    SourceSpan,
    Verdict,
)
from medcite.retrieve.query import clean_query, detect_intent
from medcite.retrieve.searcher import Searcher
from medcite.text import analyze

_ABBREVIATION = re.compile(r"\b[A-Z][A-Z0-9]{1,6}s?\b")


class Citations:
    """Numbers references in order of first citation."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}
        self.cited: dict[str, list[EvidenceSentence]] = {}

    def claim(self, s: EvidenceSentence) -> Claim:
        number = self.numbers.setdefault(s.document.id, len(self.numbers) + 1)
        self.cited.setdefault(s.document.id, []).append(s)
        span = SourceSpan(doc_id=s.document.id, passage_id=s.passage.id, start=s.start, end=s.end)
        return Claim(text=s.text, citations=[number], spans=[span], grade=s.passage.grade)

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
    """Composes answers from one store; safe to reuse across questions (it is read-only)."""

    name = "extractive"

    def __init__(self, searcher: Searcher, stance_model: StanceModel | None = None) -> None:
        self.searcher = searcher
        self.stance_model = stance_model or StanceModel.shipped()

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
        about_treatment = detect_intent(question) == SearchIntent.MANAGEMENT
        evidence = gather_evidence(self.searcher, question, audience, context, cfg)
        retrieved = time.perf_counter()
        choice = choose_bottom_line(
            evidence,
            self.searcher.store,
            audience,
            question,
            about_treatment,
            cfg,
            self.stance_model,
        )
        pool = _distinct(evidence.sentences + choice.extra)
        layout = lay_out(
            pool, choice.sentences, evidence.concepts, audience, about_treatment, cfg
        )
        cites = Citations()
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
        answer = Answer(
            question=question,
            context=context,
            audience=audience,
            bottom_line=bottom,
            sections=sections,
            algorithm=algorithm,
            pitfalls=pitfalls,
            evidence_gaps=[] if abstained else evidence.gaps,
            references=cites.references(),
            follow_up_questions=[] if abstained else follow_up_questions(evidence, audience),
            metadata=self._metadata(evidence, started, retrieved),
        )
        if audience == Audience.PATIENT:
            answer.glossary = self._glossary(answer)
        answer.metadata.timings_ms["total"] = _ms(started)
        return answer

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
