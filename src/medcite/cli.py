"""Command line: a thin layer over the library (medcite.api, medcite.evaluate)."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from medcite import api
from medcite.config import PRESETS, Settings
from medcite.ingest.base import LoadError
from medcite.models import Answer, Audience, SearchResult, SourceType
from medcite.render import to_markdown, to_text
from medcite.retrieve.query import QueryError

app = typer.Typer(
    help="medcite: grounded, cited clinical evidence from an offline index.", no_args_is_help=True
)
eval_app = typer.Typer(help="Measure medcite on evaluation sets, side by side with baselines.")
app.add_typer(eval_app, name="eval")
console = Console()
err = Console(stderr=True)

IndexOption = Annotated[
    Path | None,
    typer.Option(
        "--index", help="Index file (default: $MEDCITE_INDEX or ~/.medcite/index.sqlite)."
    ),
]
PresetOption = Annotated[
    str, typer.Option("--preset", help=f"Settings preset: {', '.join(PRESETS)}.")
]
JsonOption = Annotated[
    bool, typer.Option("--json", help="Print one JSON object on stdout instead of a table.")
]


def _settings(index: Path | None, preset: str = "default") -> Settings:
    try:
        settings = Settings.preset(preset)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc
    return settings.model_copy(update={"index_path": index}) if index else settings


def _fail(message: str, code: int = 2) -> None:
    err.print(f"[red]error:[/red] {message}")
    raise typer.Exit(code)


def _source_type(value: str) -> SourceType:
    normalized = value.strip().lower().replace("-", "_").replace(" ", "_")
    aliases = {
        "patient": "patient_information",
        "review": "systematic_review",
        "ddi": "drug_interaction_database",
    }
    try:
        return SourceType(aliases.get(normalized, normalized))
    except ValueError:
        raise typer.BadParameter(
            f"unknown source type {value!r}; choose from {', '.join(t.value for t in SourceType)}"
        ) from None


@app.command()
def ingest(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Files or folders; default: the shared data sources."),
    ] = None,
    index: IndexOption = None,
    json_out: JsonOption = False,
) -> None:
    """Add sources to the index. Unchanged files are skipped; broken files are reported and skipped."""
    logging.basicConfig(level=logging.ERROR)
    settings = _settings(index)
    if not paths:
        missing = [p for p in settings.default_sources() if not p.exists()]
        if len(missing) == len(settings.default_sources()):
            _fail(
                f"no paths given and the shared data folder was not found at {settings.data_dir} (set MEDCITE_DATA)"
            )
    report = api.ingest(paths or None, settings, progress=not json_out and sys.stderr.isatty())
    if json_out:
        print(report.model_dump_json())
        return
    console.print(
        f"Ingested {report.files_ingested} files ({report.files_unchanged} unchanged) in {report.elapsed_s}s: "
        f"{report.documents_added} documents added, {report.documents_updated} updated, "
        f"{report.documents_unchanged} unchanged, {report.passages_added} passages."
    )
    for path in report.files_unsupported:
        err.print(f"[yellow]unsupported format, skipped:[/yellow] {path}")
    for failure in report.failures:
        err.print(f"[yellow]skipped {failure.path}:[/yellow] {failure.reason}")
    console.print(f"Index: {settings.index_path}")


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Question or keywords.")],
    k: Annotated[int, typer.Option("-k", "--top", min=1, max=200, help="Passages to return.")] = 10,
    source_type: Annotated[
        list[str] | None,
        typer.Option("--type", help="Only this source type (repeatable): guideline, research, ..."),
    ] = None,
    year_min: Annotated[
        int | None, typer.Option("--since", help="Only documents from this year on.")
    ] = None,
    year_max: Annotated[
        int | None, typer.Option("--until", help="Only documents up to this year.")
    ] = None,
    index: IndexOption = None,
    preset: PresetOption = "default",
    json_out: JsonOption = False,
) -> None:
    """Search the index: ranked passages with their documents."""
    settings = _settings(index, preset)
    types = [_source_type(t) for t in source_type or []]
    try:
        result = api.search(
            query,
            k=k,
            source_types=types or None,
            year_min=year_min,
            year_max=year_max,
            settings=settings,
        )
    except QueryError as exc:
        _fail(str(exc))
    except FileNotFoundError as exc:
        _fail(str(exc))
    if json_out:
        print(
            result.model_dump_json(
                exclude={"hits": {"__all__": {"document": {"text", "sections"}}}}
            )
        )
        return
    _print_hits(result)


def _print_hits(result: SearchResult) -> None:
    if not result.hits:
        console.print("No indexed passage matches this query.")
        return
    for hit in result.hits:
        doc = hit.document
        meta = " · ".join(
            str(x) for x in (doc.source_type.label, doc.publisher or doc.journal, doc.year) if x
        )
        grade = escape(f" [grade: {hit.passage.grade}]") if hit.passage.grade else ""
        console.print(
            f"[bold]{hit.rank}. {escape(doc.title)}[/bold]  [dim]({escape(meta)}; {escape(doc.id)})[/dim]"
        )
        console.print(
            f"   [cyan]{escape(hit.passage.section)}[/cyan]{grade}: {escape(hit.passage.text[:400])}",
            highlight=False,
        )
        if doc.url:
            console.print(f"   [dim]{escape(doc.url)}[/dim]", highlight=False)
    console.print(f"[dim]{len(result.hits)} passages in {result.elapsed_ms:.0f} ms[/dim]")


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="A clinical question, in plain words.")],
    audience: Annotated[
        Audience, typer.Option("--audience", "-a", help="Who reads the answer.")
    ] = Audience.CLINICIAN,
    context: Annotated[
        str | None,
        typer.Option("--context", "-c", help="The previous question, when this is a follow-up."),
    ] = None,
    markdown: Annotated[bool, typer.Option("--markdown", help="Print Markdown.")] = False,
    index: IndexOption = None,
    preset: PresetOption = "default",
    json_out: Annotated[
        bool, typer.Option("--json", help="Print the Answer as JSON (see `medcite schema`).")
    ] = False,
) -> None:
    """Answer a question with a cited bottom line, sections and references."""
    try:
        answer = api.ask(
            question, audience=audience, context=context, settings=_settings(index, preset)
        )
    except (QueryError, FileNotFoundError) as exc:
        _fail(str(exc))
    if json_out:
        print(answer.model_dump_json(indent=2))
    elif markdown:
        print(to_markdown(answer), end="")
    else:
        print(to_text(answer, width=min(console.width, 100)))


@app.command()
def schema() -> None:
    """Print the JSON Schema of the Answer that `ask --json` emits."""
    print(json.dumps(Answer.model_json_schema(), indent=2))


@app.command()
def stats(index: IndexOption = None) -> None:
    """What the index holds."""
    settings = _settings(index)
    try:
        store = api.open_store(settings, read_only=True)
    except FileNotFoundError as exc:
        _fail(str(exc))
    with store:
        print(json.dumps(store.stats(), indent=2))


@eval_app.command("retrieval")
def eval_retrieval(
    path: Annotated[Path, typer.Argument(help="BioASQ folder/file or PubMedQA file.", exists=True)],
    limit: Annotated[int | None, typer.Option(help="Only the first N questions.")] = None,
    index: IndexOption = None,
    preset: PresetOption = "default",
    json_out: JsonOption = False,
) -> None:
    """Document recall@10, nDCG@10, MRR of medcite and a bm25s baseline, on a scratch copy of the index."""
    from medcite.evaluate.retrieval import evaluate_retrieval

    try:
        report = evaluate_retrieval(path, _settings(index, preset), limit=limit)
    except (FileNotFoundError, LoadError) as exc:
        _fail(str(exc))
    if json_out:
        print(report.model_dump_json())
        return
    table = Table(
        title=f"Retrieval on {report.dataset} ({report.questions} questions, {report.path})"
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


if __name__ == "__main__":
    app()
