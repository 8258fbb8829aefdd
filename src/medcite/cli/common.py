"""What every command shares: consoles, common options, settings and error exits.

Every failure a user can cause ends in one line on stderr (`error: ...`) and a non-zero exit
(see ExitCode); stdout then holds nothing, so `--json` output is always JSON or empty.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Sequence
from enum import IntEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.text import Text
from sqlalchemy.exc import DBAPIError
from typer.core import TyperGroup

from medcite.config import PRESETS, Settings
from medcite.index.opening import IndexOpenError
from medcite.ingest.base import LoadError
from medcite.models import SourceType
from medcite.retrieve.query import QueryError

try:  # recent typer vendors click as typer._click; older typer uses click itself
    from typer._click import exceptions as click_errors
except ImportError:  # pragma: no cover
    from click import exceptions as click_errors

console = Console()
err = Console(stderr=True)

# Commands whose argument is free text that may start with "-" (then it must follow `--`).
_FREE_TEXT_COMMANDS = frozenset({"ask", "search"})
DEBUG_ENV = "MEDCITE_DEBUG"


class ExitCode(IntEnum):
    """Exit statuses of the medcite command."""

    OK = 0
    CHECKS_FAILED = 1  # an eval ran, and some checks failed
    BAD_INPUT = 2  # usage, option values, the query, the index file or a data file
    INTERRUPTED = 130
    INTERNAL = 70  # a bug: please report it


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
        raise typer.BadParameter(str(exc), param_hint="'--preset'") from exc
    return settings.model_copy(update={"index_path": index}) if index else settings


def one_line(message: str) -> str:
    """The message with its line breaks and runs of spaces collapsed."""
    return " ".join(message.split())


def print_error(message: str) -> None:
    """`error: message` as one line on stderr; the message is never read as Rich markup."""
    err.print(Text.assemble(("error: ", "red"), one_line(message)), soft_wrap=True)


def fail(message: str, code: int = ExitCode.BAD_INPUT) -> NoReturn:
    print_error(message)
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
            f"unknown source type {value!r}; choose from {', '.join(t.value for t in SourceType)}",
            param_hint="'--type'",
        ) from None


def _usage_message(exc: click_errors.ClickException) -> str:
    message = exc.format_message()
    ctx = getattr(exc, "ctx", None)
    if ctx is None:
        return message
    if isinstance(exc, click_errors.NoSuchOption) and ctx.command.name in _FREE_TEXT_COMMANDS:
        message += (
            f"; a question that starts with '-' goes last, after `--`: "
            f'{ctx.command_path} [OPTIONS] -- "-..."'
        )
    elif "unexpected extra argument" in message and ctx.command.name in _FREE_TEXT_COMMANDS:
        message += "; quote the question, and put every option before `--`"
    return f"{message} (see `{ctx.command_path} --help`)"


def _error_of(exc: Exception) -> tuple[str, ExitCode] | None:
    """The one-line message and exit status for a failure the user can cause or fix."""
    if isinstance(exc, click_errors.ClickException):
        return _usage_message(exc), ExitCode(exc.exit_code or ExitCode.BAD_INPUT)
    if isinstance(exc, typer.Abort):
        return "aborted", ExitCode.INTERRUPTED
    if isinstance(exc, IndexOpenError | QueryError | LoadError):
        return str(exc), ExitCode.BAD_INPUT
    if isinstance(exc, DBAPIError):
        return f"the index could not be read or written: {exc.orig}", ExitCode.BAD_INPUT
    if isinstance(exc, sqlite3.Error):
        return f"the index could not be read or written: {exc}", ExitCode.BAD_INPUT
    if isinstance(exc, OSError):
        where = f": {exc.filename}" if exc.filename else ""
        return f"{exc.strerror or exc}{where}", ExitCode.BAD_INPUT
    return None


class MedciteGroup(TyperGroup):
    """The command group: every error is one line on stderr, never a traceback."""

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            status = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click_errors.NoArgsIsHelpError as exc:
            exc.show()
            sys.exit(ExitCode.BAD_INPUT)
        except Exception as exc:
            known = _error_of(exc)
            if known is None and os.environ.get(DEBUG_ENV):
                raise
            message, code = known or (
                f"internal error ({type(exc).__name__}: {exc}); please report it "
                f"(set {DEBUG_ENV}=1 to see the traceback)",
                ExitCode.INTERNAL,
            )
            print_error(message)
            sys.exit(code)
        sys.exit(status if isinstance(status, int) else ExitCode.OK)
