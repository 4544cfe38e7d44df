"""The command line: parse, call one service function, render what it returns.

Domain errors (``RedlineError``) become a one-line message and exit status 1
here, at the edge; nothing below this module prints.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from redline import service
from redline.models import Extraction

app = typer.Typer(
    help="Track red lines, stances and events in geopolitical news, with evidence for every claim.",
    no_args_is_help=True,
    add_completion=False,
)
out = Console()
err = Console(stderr=True)


def _fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"[bold red]error:[/] {escape(message)}")
    return typer.Exit(code)


def _settings() -> service.Settings:
    try:
        return service.Settings.from_env()
    except service.RedlineError as e:
        raise _fail(str(e)) from None


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files or directories (.txt, .html, .json, .jsonl), or - for stdin.")],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write JSON Lines here instead of stdout.")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Worker processes.")] = 1,
    summary: Annotated[bool, typer.Option(help="Print a readable summary of what was found.")] = False,
) -> None:
    """Extract red lines, stances, events and actors: one JSON line per document (FORMAT.md)."""
    settings = _settings()
    run = service.ExtractRun()
    results: list[Extraction] = []
    sink = output.open("w", encoding="utf-8") if output else sys.stdout
    progress = Progress(TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        console=err, transient=True, disable=output is None or not err.is_terminal)
    try:
        with progress:
            task = progress.add_task("extract", total=None)
            stdin = sys.stdin.buffer if "-" in paths else None
            for x in service.extract(paths, settings, jobs=jobs, run=run, stdin=stdin):
                sink.write(json.dumps(service.document_json(x), ensure_ascii=False) + "\n")
                if summary:
                    results.append(x)
                progress.advance(task)
    except service.RedlineError as e:
        raise _fail(str(e)) from None
    finally:
        if output:
            sink.close()
    for skipped in run.skipped:
        err.print(f"[yellow]skipped[/] {escape(str(skipped))}")
    if summary:
        _print_summary(results)
    where = f" → {output}" if output else ""
    err.print(f"{run.read} document(s) read, {len(run.skipped)} skipped{escape(where)}")
    if run.read == 0:
        raise _fail("nothing could be read; check the paths and the warnings above")


def _evidence_lines(evidence: list[str]) -> str:
    return "\n".join(f"  “{escape(e)}”" for e in evidence)


def _print_summary(results: list[Extraction]) -> None:
    for x in results:
        d = x.document
        doc = service.document_json(x)
        out.rule(f"[bold]{escape(d.title or d.id)}")
        actors = Counter(c for m in x.actors for c in m.codes)
        out.print(
            f"[dim]id[/] {escape(d.id)}  [dim]published[/] {d.published or 'unknown'}  "
            f"[dim]text[/] {len(d.text):,} chars  [dim]sentences[/] {len(d.sentences)}"
        )
        if actors:
            out.print("[dim]actors[/] " + ", ".join(f"{c}×{n}" for c, n in actors.most_common()))
        for r in doc["redlines"]:
            t, c = r["trigger"], r["consequence"]
            out.print(
                f"[bold red]red line[/] {'/'.join(r['holder'])}"
                f"{' (' + escape(r['speaker']) + ')' if r['speaker'] else ''}: "
                f"if {'/'.join(t['actors']) or '?'} {t['action']} {'/'.join(t['targets'])} "
                f"→ {c['action']} {'/'.join(c['targets'])}  [dim]{r['certainty']} certainty[/]"
            )
            out.print(_evidence_lines(r["evidence"]))
        for s in doc["stances"]:
            out.print(f"[bold cyan]stance[/] {s['actor']} [bold]{s['position']}[/] {escape(s['proposal'])}")
            out.print(_evidence_lines(s["evidence"]))
        if not doc["redlines"] and not doc["stances"]:
            out.print("[dim]no red lines or stances found[/]")


@app.command()
def info(as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """Print the version, Python, the spaCy model in use and the data files' versions."""
    data = service.info(_settings())
    if as_json:
        out.print_json(json.dumps(data))
        return
    table = Table(show_header=False, box=None)
    for key, value in _flatten(data):
        table.add_row(f"[dim]{key}[/]", escape(str(value)))
    out.print(table)


def _flatten(data: dict[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    rows: list[tuple[str, Any]] = []
    for k, v in data.items():
        if isinstance(v, dict):
            rows.extend(_flatten(v, f"{prefix}{k}."))
        else:
            rows.append((f"{prefix}{k}", v))
    return rows


def main() -> None:  # pragma: no cover - console entry point
    app()
