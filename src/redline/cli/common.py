"""What every command shares: the Typer app, the consoles, escaping untrusted text, one-line failures, options."""

from __future__ import annotations

import json
import re
import sys
from dataclasses import replace
from datetime import date
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape as escape_markup

from redline import service

app = typer.Typer(
    help="Track red lines, stances and events in geopolitical news, with evidence for every claim.",
    no_args_is_help=True,
    add_completion=False,
)
out = Console()
err = Console(stderr=True)

# Terminal escapes (ESC, CSI, BEL, backspace, CR ...) and bidi overrides in untrusted text: Rich passes them
# to the terminal raw, where "\x1b[2J" clears the screen and U+202E reverses what follows.
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def escape(text: str) -> str:
    """Untrusted text for Rich: markup escaped, control characters shown as their code (``\\x1b``)."""
    return escape_markup(_UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}" if ord(m.group()) > 0xFF
                                          else f"\\x{ord(m.group()):02x}", text))


def _fail(message: str, code: int = 1) -> typer.Exit:
    # soft_wrap: one line however narrow the terminal, so a path in it is never cut in two.
    err.print(f"[bold red]error:[/] {escape(message)}", soft_wrap=True)
    return typer.Exit(code)


def _settings() -> service.Settings:
    try:
        return service.Settings.from_env()
    except service.RedlineError as e:
        raise _fail(str(e)) from None


EngineOption = Annotated[str, typer.Option("--engine", help="local (worker processes) or ray (Ray Data; "
                                                           "pip install 'redline[ray]').")]
AddressOption = Annotated[str | None, typer.Option("--address", help="With --engine ray: the cluster "
                                                   "(auto, ray://host:10001); default a local Ray.")]


# -- the knowledge base ---------------------------------------------------------------------------------

DbOption = Annotated[str | None, typer.Option("--db", help="The knowledge base: a file or an SQLAlchemy URL "
                                                          "(overrides REDLINE_DB; default ./redline.db).")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON (fields: README, Knowledge base).")]


def _kb_settings(db: str | None) -> service.Settings:
    settings = _settings()
    return replace(settings, db=db) if db else settings


def _trust(item: dict[str, Any]) -> str:
    """The Admiralty grade and the independent sources of a line or stance, as the tables show them."""
    return f"[bold]{item['admiralty']}[/] [dim]×{item['independent_sources']}[/]"


def _codes(codes: list[str]) -> str:
    return "/".join(codes) or "?"


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


AlertsJsonOption = Annotated[bool, typer.Option("--json", help="Print JSON (fields: README, Alerts and what-if).")]


def _parse_since(since: str | None) -> date | None:
    try:
        return date.fromisoformat(since) if since else None
    except ValueError:
        raise _fail(f"--since {since!r} is not a date; use YYYY-MM-DD") from None
