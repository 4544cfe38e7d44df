"""The command line: parse, call one service function, render what it returns.

Domain errors (``RedlineError``) become a one-line message and exit status 1
here, at the edge; nothing below this module prints.
"""

from __future__ import annotations

from redline.cli import extract, kb, monitor  # noqa: F401  (each module registers its commands on the app)
from redline.cli.common import app, escape

__all__ = ["app", "escape", "main"]


def main() -> None:  # pragma: no cover - console entry point
    app()
