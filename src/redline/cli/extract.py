"""`redline extract` and `redline info`."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from redline import service
from redline.cli.common import (
    AddressOption,
    EngineOption,
    _fail,
    _settings,
    app,
    err,
    escape,
    out,
)
from redline.models import Extraction


def _extract_shards(paths: list[str], settings: service.Settings, shards: Path, engine: str, jobs: int | None,
                    address: str | None) -> None:
    if engine != "ray":
        raise _fail("--shards writes Parquet from a Ray run: add --engine ray")
    try:
        count, skipped = service.extract_shards(paths, settings, str(shards), jobs=jobs, address=address)
    except service.RedlineError as e:
        raise _fail(str(e)) from None
    for item in skipped:
        err.print(f"[yellow]skipped[/] {escape(str(item))}", soft_wrap=True)
    err.print(f"{count} document(s) extracted, {len(skipped)} skipped → {escape(str(shards))} (Parquet shards)",
              soft_wrap=True)
    if count == 0:
        raise _fail("nothing could be read; check the paths and the warnings above")


@app.command()
def extract(
    paths: Annotated[
        list[str], typer.Argument(help="Files or directories (.txt, .html, .json, .jsonl), or - for stdin.")
    ],
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write JSON Lines here instead of stdout.")
    ] = None,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1, help="Worker processes "
                                             "(default: one per core).")] = None,
    summary: Annotated[bool, typer.Option(help="Print a readable summary of what was found.")] = False,
    reader: Annotated[str, typer.Option(help="rules (default), llm or both: llm asks the OpenAI-compatible "
                                              "endpoint of REDLINE_LLM_URL / REDLINE_LLM_MODEL.")] = "rules",
    engine: EngineOption = "local",
    address: AddressOption = None,
    shards: Annotated[Path | None, typer.Option("--shards", help="With --engine ray: write Parquet shards "
                                                "(one row per document) into this directory.")] = None,
) -> None:
    """Extract red lines, stances, events and actors: one JSON line per document (FORMAT.md)."""
    settings = _settings()
    if shards is not None:
        _extract_shards(paths, settings, shards, engine, jobs, address)
        return
    run = service.ExtractRun()
    reader_run = service.ReaderRun()
    results: list[Extraction] = []
    sink = output.open("w", encoding="utf-8") if output else sys.stdout
    progress = Progress(TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        console=err, transient=True, disable=output is None or not err.is_terminal)
    try:
        with progress:
            task = progress.add_task("extract", total=None)
            stdin = sys.stdin.buffer if "-" in paths else None
            for x, line in service.extract_with_reader(paths, settings, reader=reader, jobs=jobs, run=run,
                                                       reader_run=reader_run, stdin=stdin, engine=engine,
                                                       address=address):
                sink.write(json.dumps(line, ensure_ascii=False) + "\n")
                if summary:
                    results.append(x)
                progress.advance(task)
    except service.RedlineError as e:
        raise _fail(str(e)) from None
    finally:
        if output:
            sink.close()
    for skipped in run.skipped:
        err.print(f"[yellow]skipped[/] {escape(str(skipped))}", soft_wrap=True)
    if summary:
        _print_summary(results)
    if reader != "rules":
        _print_reader_run(reader_run)
    where = f" → {output}" if output else ""
    err.print(f"{run.read} document(s) read, {len(run.skipped)} skipped{escape(where)}", soft_wrap=True)
    if run.read == 0:
        raise _fail("nothing could be read; check the paths and the warnings above")


def _print_reader_run(r: service.ReaderRun) -> None:
    for doc_id, reason in r.failed:
        err.print(f"[yellow]llm reader failed[/] {escape(doc_id)}: {escape(reason)}", soft_wrap=True)
    cost = "unknown cost (set REDLINE_LLM_PRICE)" if r.cost is None else f"${r.cost:.4f}"
    dropped = ", ".join(f"{n} {reason}" for reason, n in sorted(r.dropped.items())) or "none"
    err.print(f"llm reader: {r.documents} document(s), {r.cached} from the cache, {r.requests} request(s) "
              f"({r.retries} retries), {r.prompt_tokens} + {r.completion_tokens} tokens, {cost}; "
              f"{r.kept} item(s) kept, dropped: {dropped}; {r.malformed} malformed answer(s)", soft_wrap=True)


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
            proposal = s["proposal"] if len(s["proposal"]) <= 90 else s["proposal"][:89] + "…"
            out.print(f"[bold cyan]stance[/] {s['actor']} [bold]{s['position']}[/] on “{escape(proposal)}”")
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
