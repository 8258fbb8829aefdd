"""`medcite eval ...`: retrieval, PubMedQA stance, BioASQ, citation integrity and labelled clinical questions, as tables or JSON."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer
from rich.markup import escape
from rich.table import Table

from medcite.cli.common import IndexOption, JsonOption, PresetOption, console, fail, settings_for
from medcite.evaluate.answers import (
    StanceScores,
    Timing,
    evaluate_bioasq,
    evaluate_integrity,
    evaluate_pubmedqa,
)
from medcite.ingest.base import LoadError

if TYPE_CHECKING:
    from medcite.evaluate.clinical import ClinicalReport

eval_app = typer.Typer(help="Measure medcite on evaluation sets, side by side with baselines.")
LimitOption = Annotated[int | None, typer.Option(min=1, help="Only the first N questions.")]
Report = TypeVar("Report")


def _run(
    evaluate: Callable[..., Report],
    path: Path,
    limit: int | None,
    index: Path | None,
    preset: str,
) -> Report:
    try:
        return evaluate(path, settings_for(index, preset), limit=limit)
    except (FileNotFoundError, LoadError) as exc:
        fail(str(exc))


@eval_app.command("retrieval")
def eval_retrieval(
    path: Annotated[Path, typer.Argument(help="BioASQ folder/file or PubMedQA file.", exists=True)],
    limit: LimitOption = None,
    index: IndexOption = None,
    preset: PresetOption = "default",
    json_out: JsonOption = False,
) -> None:
    """Document recall@10, nDCG@10, MRR of medcite and a bm25s baseline, on a scratch copy of the index."""
    from medcite.evaluate.retrieval import evaluate_retrieval

    report = _run(evaluate_retrieval, path, limit, index, preset)
    if json_out:
        print(report.model_dump_json())
        return
    table = Table(
        title=escape(f"Retrieval on {report.dataset} ({report.questions} questions, {report.path})")
    )
    for column in ("system", "recall@10", "nDCG@10", "MRR@10", "hit@1", "p50 ms", "p95 ms"):
        table.add_column(column, justify="right" if column != "system" else "left")
    for name, scores in report.systems.items():
        m = scores.metrics
        table.add_row(
            name,
            f"{m['recall@10']:.3f}",
            f"{m['ndcg@10']:.3f}",
            f"{m['mrr']:.3f}",
            f"{m['hit@1']:.3f}",
            f"{scores.latency_ms_p50:.1f}",
            f"{scores.latency_ms_p95:.1f}",
        )
    console.print(table)
    console.print(
        f"gold documents: {report.gold_documents} ({report.gold_indexed_share:.1%} indexed); "
        f"snapshot {report.snapshot}; {report.elapsed_s}s"
    )


def _stance_table(title: str, scores: StanceScores) -> Table:
    table = Table(title=title)
    classes = list(scores.confusion)
    table.add_column("gold \\ predicted")
    for c in classes:
        table.add_column(c, justify="right")
    table.add_column("recall", justify="right")
    for gold in classes:
        row = scores.confusion[gold]
        recall = scores.per_class_recall.get(gold)
        table.add_row(
            gold, *(str(row[p]) for p in classes), f"{recall:.3f}" if recall is not None else "-"
        )
    return table


def _print_stance(name: str, scores: StanceScores) -> None:
    console.print(_stance_table(f"{name}: {scores.questions} questions", scores))
    console.print(
        f"accuracy [bold]{scores.accuracy:.3f}[/bold] · majority baseline "
        f"('{scores.majority_class}') {scores.majority_baseline:.3f}"
    )


def _print_timing(timing: Timing) -> None:
    console.print(
        f"answer latency p50 {timing.latency_ms_p50:.0f} ms / p95 {timing.latency_ms_p95:.0f} ms · "
        f"integrity {timing.integrity_share:.1%} · abstained {timing.abstained}"
    )


@eval_app.command("pubmedqa")
def eval_pubmedqa(
    path: Annotated[Path, typer.Argument(help="PubMedQA JSON file (PMID -> item).", exists=True)],
    limit: LimitOption = None,
    index: IndexOption = None,
    preset: PresetOption = "default",
    json_out: JsonOption = False,
) -> None:
    """Ask each question; compare the bottom line's stance with final_decision."""
    report = _run(evaluate_pubmedqa, path, limit, index, preset)
    if json_out:
        print(report.model_dump_json())
        return
    _print_stance("PubMedQA stance", report.stance)
    console.print(
        f"own abstract retrieved: hit@1 {report.hit_at_1:.3f} · hit@5 {report.hit_at_5:.3f}"
    )
    _print_timing(report.timing)
    console.print(f"snapshot {report.snapshot}; {report.elapsed_s}s")


@eval_app.command("bioasq")
def eval_bioasq(
    path: Annotated[Path, typer.Argument(help="BioASQ folder or JSON file.", exists=True)],
    limit: LimitOption = None,
    index: IndexOption = None,
    preset: PresetOption = "default",
    json_out: JsonOption = False,
) -> None:
    """Yes/no accuracy, and ROUGE-2 of the bottom line vs ideal_answer on summary questions."""
    report = _run(evaluate_bioasq, path, limit, index, preset)
    if json_out:
        print(report.model_dump_json())
        return
    _print_stance("BioASQ yes/no", report.yesno)
    console.print(
        f"summary questions: {report.summary_questions} · ROUGE-2 F1 bottom line "
        f"[bold]{report.rouge2_bottom_line:.4f}[/bold] vs baseline (first sentence of top passage) "
        f"{report.rouge2_baseline:.4f}"
    )
    _print_timing(report.timing)
    console.print(f"snapshot {report.snapshot}; {report.elapsed_s}s")


@eval_app.command("integrity")
def eval_integrity(
    path: Annotated[
        Path,
        typer.Argument(
            help="Questions: a text file (one per line) or a BioASQ/PubMedQA file.", exists=True
        ),
    ],
    limit: LimitOption = None,
    index: IndexOption = None,
    preset: PresetOption = "default",
    json_out: JsonOption = False,
) -> None:
    """Share of answers (clinician and patient) whose citations, references and spans all check out."""
    report = _run(evaluate_integrity, path, limit, index, preset)
    if json_out:
        print(report.model_dump_json())
    else:
        table = Table(title=f"Integrity: {report.answers} answers to {report.questions} questions")
        table.add_column("check")
        table.add_column("passing", justify="right")
        for check in (
            "citations_resolve",
            "references_cited",
            "spans_match",
            "numbered_in_order",
            "all_checks",
            "clinical_invariants",
        ):
            table.add_row(check, f"{getattr(report, check):.1%}")
        console.print(table)
        for failure in report.failures[:20]:
            console.print(f"[red]failed:[/red] {escape(str(failure))}", highlight=False)
        _print_timing(report.timing)
    if report.all_checks < 1.0:
        raise typer.Exit(1)


@eval_app.command("clinical")
def eval_clinical(
    path: Annotated[
        Path, typer.Argument(help="Labelled clinical questions, JSON Lines.", exists=True)
    ],
    limit: LimitOption = None,
    index: IndexOption = None,
    preset: PresetOption = "default",
    json_out: JsonOption = False,
    failures: Annotated[
        int, typer.Option(min=0, help="How many failed questions to list in the table view.")
    ] = 30,
) -> None:
    """Verdict, key facts, cited sources, forbidden phrases and audience consistency (exit 0)."""
    from medcite.evaluate.clinical import evaluate_clinical

    report = _run(evaluate_clinical, path, limit, index, preset)
    if json_out:
        print(report.model_dump_json())
        return
    _print_clinical(report, failures)


def _rate(value: float | None) -> str:
    return "-" if value is None else f"{value:.1%}"


def _print_clinical(report: ClinicalReport, failures: int) -> None:
    table = Table(title=escape(f"Clinical: {report.questions} questions ({report.path})"))
    table.add_column("measure")
    table.add_column("value", justify="right")
    for label, value in (
        ("pass rate (all checks)", _rate(report.pass_rate)),
        ("verdict accuracy", _rate(report.verdict_accuracy)),
        ("key-fact recall (anywhere)", _rate(report.key_fact_recall)),
        ("key-fact recall (bottom line)", _rate(report.key_fact_recall_bottom_line)),
        ("expected source cited", _rate(report.expected_source_rate)),
        ("items with forbidden phrase", str(report.forbidden_hit_items)),
        ("audience consistency", _rate(report.audience_consistency)),
        ("clinical invariants", _rate(report.invariants)),
        ("abstention rate", _rate(report.abstention_rate)),
        ("latency p50 / p95 ms", f"{report.latency_ms_p50:.0f} / {report.latency_ms_p95:.0f}"),
    ):
        table.add_row(label, value)
    console.print(table)
    tags = Table(title="Per tag")
    for column in ("tag", "questions", "pass", "verdict", "key facts"):
        tags.add_column(column, justify="left" if column == "tag" else "right")
    for tag, score in report.per_tag.items():
        tags.add_row(
            tag,
            str(score.questions),
            _rate(score.pass_rate),
            _rate(score.verdict_accuracy),
            _rate(score.key_fact_recall),
        )
    console.print(tags)
    failed = [r for r in report.items if not r.passed]
    for result in failed[:failures]:
        reasons = escape(f"{result.id}: {'; '.join(result.reasons)}")
        console.print(f"[red]FAIL[/red] {reasons}", highlight=False)
    console.print(f"snapshot {report.snapshot}; {report.elapsed_s}s")
