"""What every command shares: consoles, common options, settings and error exits."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console

from medcite.config import PRESETS, Settings
from medcite.models import SourceType

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


def settings_for(index: Path | None, preset: str = "default") -> Settings:
    try:
        settings = Settings.preset(preset)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc
    return settings.model_copy(update={"index_path": index}) if index else settings


def fail(message: str, code: int = 2) -> NoReturn:
    err.print(f"[red]error:[/red] {message}")
    raise typer.Exit(code)


def source_type_of(value: str) -> SourceType:
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
