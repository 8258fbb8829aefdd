"""The medcite command: ingest, search, ask, schema, stats (and `eval`, in evals.py)."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from medcite import api
from medcite.cli.common import (
    IndexOption,
    JsonOption,
    MedciteGroup,
    PresetOption,
    console,
    err,
    fail,
    settings_for,
    source_type_of,
)
from medcite.cli.evals import eval_app
from medcite.models import Answer, Audience, SearchResult
from medcite.render import to_markdown, to_text
from medcite.retrieve.query import QueryError

app = typer.Typer(
    cls=MedciteGroup,
    help="medcite: grounded, cited clinical evidence from an offline index. "
    "search, ask, stats and eval only read the index; ingest builds and upgrades it.",
    no_args_is_help=True,
)
app.add_typer(eval_app, name="eval")


@app.command()
def ingest(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Files or folders; default: the shared data sources."),
    ] = None,
    index: IndexOption = None,
    json_out: JsonOption = False,
    max_file_mb: Annotated[
        float | None,
        typer.Option("--max-file-mb", min=0.001, help="Skip files larger than this (MB)."),
    ] = None,
) -> None:
    """Add sources to the index. Unchanged files are skipped; broken, unreadable, special and
    too large files, and records left out of a file, are reported with the reason."""
    logging.basicConfig(level=logging.ERROR)
    settings = settings_for(index)
    if max_file_mb is not None:
        settings = settings.model_copy(update={"max_file_mb": max_file_mb})
    if not paths:
        missing = [p for p in settings.default_sources() if not p.exists()]
        if len(missing) == len(settings.default_sources()):
            fail(
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
        err.print(f"[yellow]unsupported format, skipped:[/yellow] {escape(path)}", soft_wrap=True)
    for failure in report.failures:
        err.print(
            f"[yellow]skipped {escape(failure.path)}:[/yellow] {escape(failure.reason)}",
            soft_wrap=True,
        )
    for record in report.skipped_records:
        err.print(
            f"[yellow]skipped line {record.line} of {escape(record.path)}:[/yellow] "
            f"{escape(record.reason)}",
            soft_wrap=True,
        )
    console.print(f"Index: {escape(str(settings.index_path))}", soft_wrap=True)


@app.command()
def search(
    query: Annotated[
        str, typer.Argument(help="Question or keywords (after `--` if it starts with '-').")
    ],
    k: Annotated[int, typer.Option("-k", "--top", min=1, max=200, help="Passages to return.")] = 10,
    source_type: Annotated[
        list[str] | None,
        typer.Option("--type", help="Only this source type (repeatable): guideline, research, ..."),
    ] = None,
    year_min: Annotated[
        int | None,
        typer.Option("--since", min=0, max=9999, help="Only documents from this year on."),
    ] = None,
    year_max: Annotated[
        int | None,
        typer.Option("--until", min=0, max=9999, help="Only documents up to this year."),
    ] = None,
    index: IndexOption = None,
    preset: PresetOption = "default",
    json_out: JsonOption = False,
) -> None:
    """Search the index (read-only): ranked passages with their documents."""
    if year_min is not None and year_max is not None and year_min > year_max:
        fail(f"--since {year_min} is after --until {year_max}: no document can match")
    settings = settings_for(index, preset)
    types = [source_type_of(t) for t in source_type or []]
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
        fail(str(exc))
    except FileNotFoundError as exc:
        fail(str(exc))
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
    question: Annotated[
        str, typer.Argument(help="A clinical question (after `--` if it starts with '-').")
    ],
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
            question, audience=audience, context=context, settings=settings_for(index, preset)
        )
    except (QueryError, FileNotFoundError) as exc:
        fail(str(exc))
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
    """What the index holds (read-only)."""
    settings = settings_for(index)
    try:
        store = api.open_store(settings, read_only=True)
    except FileNotFoundError as exc:
        fail(str(exc))
    with store:
        print(json.dumps(store.stats(), indent=2))


if __name__ == "__main__":
    app()
