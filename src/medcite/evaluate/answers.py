"""Answer evaluation: stance vs gold yes/no/maybe, ROUGE-2 of bottom lines, citation integrity.

Each run adds the evaluation file's abstracts to a scratch copy of the user's index and asks
only the question, exactly as a user would; nothing of the gold answer reaches the composer.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from statistics import median

from pydantic import BaseModel, Field

from medcite.api import open_store
from medcite.compose.composer import Composer
from medcite.config import Settings
from medcite.evaluate.datasets import EvalQuestion, load_questions
from medcite.evaluate.rouge import best_rouge_n
from medcite.evaluate.scratch import scratch_index
from medcite.index.base import Store
from medcite.ingest.base import LoadError
from medcite.models import Answer, Verdict
from medcite.retrieve.searcher import Searcher
from medcite.text.sentences import sentence_spans
from medcite.verify import IntegrityReport, check_answer
from medcite.verify.invariants import check_invariants

STANCES = ("yes", "no", "maybe")
_VERDICT_STANCE = {Verdict.YES: "yes", Verdict.NO: "no"}


def stance_of(answer: Answer) -> str:
    """yes / no, or maybe for it-depends, not-established, open answers and abstentions."""
    return _VERDICT_STANCE.get(answer.bottom_line.verdict, "maybe")


class StanceScores(BaseModel):
    questions: int
    accuracy: float
    majority_class: str
    majority_baseline: float = Field(description="Accuracy of always answering the majority class.")
    per_class_recall: dict[str, float]
    confusion: dict[str, dict[str, int]] = Field(description="gold -> predicted -> count.")


class Timing(BaseModel):
    latency_ms_p50: float
    latency_ms_p95: float
    integrity_share: float = Field(description="Share of answers passing every integrity check.")
    abstained: int


class PubMedQaReport(BaseModel):
    path: str
    stance: StanceScores
    hit_at_1: float = Field(description="Own abstract is the first document retrieved.")
    hit_at_5: float
    timing: Timing
    snapshot: str
    elapsed_s: float


class BioAsqReport(BaseModel):
    path: str
    yesno: StanceScores
    summary_questions: int
    rouge2_bottom_line: float = Field(
        description="Mean ROUGE-2 F1 of the bottom line vs ideal_answer."
    )
    rouge2_baseline: float = Field(
        description="Same for the baseline: first sentence of the top retrieved passage."
    )
    timing: Timing
    snapshot: str
    elapsed_s: float


class IntegrityEval(BaseModel):
    path: str
    questions: int
    answers: int = Field(description="Answers checked (each question, for each audience).")
    all_checks: float
    citations_resolve: float
    references_cited: float
    spans_match: float
    numbered_in_order: float
    clinical_invariants: float = Field(
        description="Share of answers passing every clinical invariant (medcite.verify.invariants)."
    )
    failures: list[str] = Field(default_factory=list)
    timing: Timing


@dataclass
class _Run:
    answers: list[Answer]
    times_ms: list[float]
    integrity: list[IntegrityReport]


def _ask_all(
    composer: Composer,
    store: Store,
    questions: Iterable[str],
    audiences: tuple[str, ...] = ("clinician",),
) -> _Run:
    run = _Run([], [], [])
    for text in questions:
        for audience in audiences:
            t0 = time.perf_counter()
            answer = composer.answer(text, audience=audience)
            run.times_ms.append((time.perf_counter() - t0) * 1000)
            run.answers.append(answer)
            run.integrity.append(check_answer(answer, store))
    return run


def _timing(run: _Run) -> Timing:
    ordered = sorted(run.times_ms)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] if ordered else 0.0
    return Timing(
        latency_ms_p50=round(median(ordered), 1) if ordered else 0.0,
        latency_ms_p95=round(p95, 1),
        integrity_share=round(sum(r.ok for r in run.integrity) / max(len(run.integrity), 1), 4),
        abstained=sum(a.bottom_line.verdict == Verdict.ABSTAIN for a in run.answers),
    )


def stance_scores(gold: list[str], predicted: list[str]) -> StanceScores:
    classes = [c for c in STANCES if c in gold or c in predicted]
    confusion = {g: {p: 0 for p in classes} for g in classes}
    for g, p in zip(gold, predicted, strict=True):
        confusion[g][p] += 1
    majority = max(classes, key=gold.count) if gold else "yes"
    n = max(len(gold), 1)
    return StanceScores(
        questions=len(gold),
        accuracy=round(sum(g == p for g, p in zip(gold, predicted, strict=True)) / n, 4),
        majority_class=majority,
        majority_baseline=round(gold.count(majority) / n, 4),
        per_class_recall={
            c: round(confusion[c][c] / max(sum(confusion[c].values()), 1), 4)
            for c in classes
            if c in gold
        },
        confusion=confusion,
    )


def evaluate_pubmedqa(
    path: Path, settings: Settings | None = None, limit: int | None = None
) -> PubMedQaReport:
    started = time.perf_counter()
    settings = settings or Settings()
    questions = _questions(path, "pubmedqa", limit)
    with scratch_index(path, settings) as (store, _):
        composer = Composer(Searcher(store, settings))
        run = _ask_all(composer, store, (q.text for q in questions))
        snapshot = store.snapshot_id()
    ranked = [[_pmid(d) for d in a.metadata.retrieved_doc_ids] for a in run.answers]
    own = [q.id for q in questions]
    return PubMedQaReport(
        path=str(path),
        stance=stance_scores([q.answer for q in questions], [stance_of(a) for a in run.answers]),
        hit_at_1=_hit_rate(ranked, own, 1),
        hit_at_5=_hit_rate(ranked, own, 5),
        timing=_timing(run),
        snapshot=snapshot,
        elapsed_s=round(time.perf_counter() - started, 1),
    )


def evaluate_bioasq(
    path: Path, settings: Settings | None = None, limit: int | None = None
) -> BioAsqReport:
    started = time.perf_counter()
    settings = settings or Settings()
    questions = _questions(path, "bioasq", limit)
    yesno = [q for q in questions if q.qtype == "yesno" and q.answer.lower() in ("yes", "no")]
    summary = [q for q in questions if q.qtype == "summary" and q.ideal_answer]
    with scratch_index(path, settings) as (store, _):
        searcher = Searcher(store, settings)
        composer = Composer(searcher)
        run = _ask_all(composer, store, (q.text for q in yesno + summary))
        baseline = [_first_sentence(searcher, q.text) for q in summary]
        snapshot = store.snapshot_id()
    summaries = run.answers[len(yesno) :]
    return BioAsqReport(
        path=str(path),
        yesno=stance_scores(
            [q.answer.lower() for q in yesno], [stance_of(a) for a in run.answers[: len(yesno)]]
        ),
        summary_questions=len(summary),
        rouge2_bottom_line=_mean_rouge([_bottom_text(a) for a in summaries], summary),
        rouge2_baseline=_mean_rouge(baseline, summary),
        timing=_timing(run),
        snapshot=snapshot,
        elapsed_s=round(time.perf_counter() - started, 1),
    )


def evaluate_integrity(
    path: Path, settings: Settings | None = None, limit: int | None = None
) -> IntegrityEval:
    """Integrity of answers to any questions (a text file, one per line, or an eval set), both audiences."""
    settings = settings or Settings()
    texts = read_question_file(path)[:limit] if limit else read_question_file(path)
    searcher = Searcher(open_store(settings, read_only=True), settings)
    composer = Composer(searcher)
    audiences = ("clinician", "patient")
    run = _ask_all(composer, searcher.store, texts, audiences)
    reports = run.integrity
    invariants = [check_invariants(a) for a in run.answers]
    searcher.store.close()
    n = max(len(reports), 1)
    return IntegrityEval(
        path=str(path),
        questions=len(texts),
        answers=len(reports),
        all_checks=round(sum(r.ok for r in reports) / n, 4),
        clinical_invariants=round(sum(i.ok for i in invariants) / n, 4),
        citations_resolve=round(sum(r.citations_resolve for r in reports) / n, 4),
        references_cited=round(sum(r.references_cited for r in reports) / n, 4),
        spans_match=round(sum(r.spans_match for r in reports) / n, 4),
        numbered_in_order=round(sum(r.numbered_in_order for r in reports) / n, 4),
        failures=[
            f"{a.question[:80]} ({a.audience.value}): {'; '.join((r.problems + i.problems)[:3])}"
            for a, r, i in zip(run.answers, reports, invariants, strict=True)
            if not (r.ok and i.ok)
        ],
        timing=_timing(run),
    )


def read_question_file(path: Path) -> list[str]:
    """Questions from a text file (one per line, '#' comments) or a BioASQ/PubMedQA file."""
    if path.is_file() and path.suffix.lower() not in (".json",):
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        return [
            line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")
        ]
    return [q.text for q in load_questions(path)[1]]


def _questions(path: Path, expected: str, limit: int | None) -> list[EvalQuestion]:
    kind, questions = load_questions(path)
    if kind != expected:
        raise LoadError(f"{path}: this is a {kind} file, not {expected}")
    return questions[:limit] if limit else questions


def _pmid(doc_id: str) -> str:
    return doc_id.removeprefix("pubmed:")


def _hit_rate(ranked: list[list[str]], own: list[str], k: int) -> float:
    return round(sum(o in r[:k] for r, o in zip(ranked, own, strict=True)) / max(len(own), 1), 4)


def _bottom_text(answer: Answer) -> str:
    return " ".join(c.text for c in answer.bottom_line.claims)


def _first_sentence(searcher: Searcher, question: str) -> str:
    hits = searcher.search(question, k=1).hits
    if not hits:
        return ""
    text = hits[0].passage.text
    start, end = (sentence_spans(text) or [(0, len(text))])[0]
    return text[start:end]


def _mean_rouge(candidates: list[str], questions: list[EvalQuestion]) -> float:
    scores = [
        best_rouge_n(c, q.ideal_answer, 2) for c, q in zip(candidates, questions, strict=True)
    ]
    return round(sum(scores) / max(len(scores), 1), 4)
