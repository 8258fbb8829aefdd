"""`medcite serve` (the web app) and `medcite user` (accounts for editors and reviewers).

Both write the index database (the publishing tables, Alembic revision 0003), so both bring its
schema to head first, as `medcite ingest` does; `search`, `ask` and `eval` stay read-only.
The web dependencies are an optional extra (`pip install -e '.[web]'`), imported only here.
"""

from __future__ import annotations

import json
import sys
import time
import tomllib
from pathlib import Path
from typing import Annotated

import typer

from medcite.cli.common import IndexOption, PresetOption, console, fail, settings_for
from medcite.cli.main import app
from medcite.config import ServeSettings

user_app = typer.Typer(help="Accounts for editors, reviewers (Medical Advisory Board) and admins.")
app.add_typer(user_app, name="user")

ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config",
        help="TOML or JSON file of serve settings (site_name, editorial_policy, disclaimers, "
        "limits; see medcite.config.ServeSettings).",
    ),
]


def load_serve_settings(path: Path | None, **overrides: object) -> ServeSettings:
    data: dict[str, object] = {}
    if path is not None:
        try:
            raw = path.read_text(encoding="utf-8")
            data = json.loads(raw) if path.suffix == ".json" else tomllib.loads(raw)
        except (OSError, ValueError) as exc:
            fail(f"cannot read the config file {path}: {exc}")
        data = data.get("serve", data)  # a [serve] table or top-level keys
    data |= {k: v for k, v in overrides.items() if v is not None}
    try:
        return ServeSettings.model_validate(data)
    except ValueError as exc:
        fail(f"bad serve settings in {path}: {' '.join(str(exc).split())}")


@app.command()
def serve(
    index: IndexOption = None,
    config: ConfigOption = None,
    host: Annotated[str | None, typer.Option("--host", help="Default 127.0.0.1.")] = None,
    port: Annotated[int | None, typer.Option("--port", help="Default 8000.")] = None,
    preset: PresetOption = "default",
) -> None:
    """Serve the web app: answer pages, articles, the review workflow and the JSON API
    (OpenAPI docs at /docs). Upgrades the index schema first (it stores articles in it)."""
    started = time.perf_counter()
    try:
        import uvicorn

        from medcite.web.app import create_app
    except ImportError as exc:
        fail(f"the web app needs its extra: pip install -e '.[web]' ({exc})")
    settings = settings_for(index, preset)
    serve_settings = load_serve_settings(config, host=host, port=port)
    web_app = create_app(settings, serve_settings)
    server = uvicorn.Server(
        uvicorn.Config(
            web_app, host=serve_settings.host, port=serve_settings.port, log_level="warning",
            access_log=False,
        )
    )
    original_startup = server.startup

    async def startup(sockets: object = None) -> None:
        await original_startup(sockets=sockets)  # type: ignore[arg-type]
        bound = server.servers[0].sockets[0].getsockname() if server.servers else None
        shown = f"http://{serve_settings.host}:{bound[1] if bound else serve_settings.port}"
        console.print(
            f"medcite serving {settings.index_path} at {shown} "
            f"(ready in {time.perf_counter() - started:.2f} s; API docs at {shown}/docs; Ctrl+C stops)",
            soft_wrap=True,
            highlight=False,
        )

    server.startup = startup  # type: ignore[method-assign]
    server.run()


def _accounts(index: Path | None):  # type: ignore[no-untyped-def]
    try:
        from medcite.publish import Accounts, PublishStore, open_publish_engine
    except ImportError as exc:
        fail(f"accounts need the web extra: pip install -e '.[web]' ({exc})")

    settings = settings_for(index)
    serve_settings = ServeSettings()
    engine = open_publish_engine(settings.index_path, serve_settings.db_busy_timeout_ms)
    return Accounts(PublishStore(engine), serve_settings.session_hours)


def _read_password(confirm: bool = True) -> str:
    """From a hidden prompt on a terminal, else the first line of stdin; never an argument."""
    if sys.stdin.isatty():
        return typer.prompt("Password", hide_input=True, confirmation_prompt=confirm)
    return sys.stdin.readline().rstrip("\r\n")


@user_app.command("add")
def user_add(
    name: Annotated[str, typer.Argument(help="Username: lower-case letters, digits, . _ -")],
    role: Annotated[str, typer.Option("--role", help="editor, reviewer or admin.")] = "editor",
    display_name: Annotated[
        str, typer.Option("--display-name", help="Name shown in the audit log.")
    ] = "",
    index: IndexOption = None,
) -> None:
    """Create an account. The password comes from a prompt, or from stdin when piped."""
    from medcite.publish import PublishError, Role

    try:
        chosen = Role(role.strip().lower())
    except ValueError:
        fail(f"unknown role {role!r}; choose editor, reviewer or admin")
    if chosen == Role.READER:
        fail("readers need no account; choose editor, reviewer or admin")
    accounts = _accounts(index)
    try:
        user = accounts.add_user(name, _read_password(), chosen, display_name)
    except PublishError as exc:
        fail(str(exc))
    console.print(f"Created {user.role.value} {user.username!r} ({user.display_name}).", highlight=False)


@user_app.command("passwd")
def user_passwd(name: str, index: IndexOption = None) -> None:
    """Set a new password (from a prompt or stdin); the user's open sessions end."""
    from medcite.publish import PublishError

    try:
        _accounts(index).set_password(name, _read_password())
    except PublishError as exc:
        fail(str(exc))
    console.print(f"Password of {name!r} changed; its sessions were ended.", highlight=False)


@user_app.command("list")
def user_list(index: IndexOption = None) -> None:
    """Accounts with their roles, one per line, tab-separated."""
    for user in _accounts(index).store.users():
        typer.echo(f"{user.username}\t{user.role.value}\t{user.display_name}\t{user.created_at}")
