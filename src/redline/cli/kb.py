"""The knowledge base: `ingest`, `lines`, `show`, `stances`, `proposals`, `search`, `export`."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from redline import service
from redline.cli.common import (
    AddressOption,
    DbOption,
    EngineOption,
    JsonOption,
    _codes,
    _fail,
    _kb_settings,
    _print_json,
    _trust,
    app,
    err,
    escape,
    out,
)


@app.command()
def ingest(
    inputs: Annotated[list[str], typer.Argument(help="Files, directories, article or RSS/Atom feed URLs.")],
    db: DbOption = None,
    allow_private: Annotated[bool, typer.Option("--allow-private", help="Allow URLs on private or loopback "
                                                                       "addresses.")] = False,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1, help="Worker processes for extraction "
                                             "(default: one per core).")] = None,
    as_json: JsonOption = False,
    engine: EngineOption = "local",
    address: AddressOption = None,
) -> None:
    """Extract and store articles in the knowledge base; print what was new."""
    settings = _kb_settings(db)
    progress = Progress(TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(),
                        TextColumn("{task.description}"), TimeElapsedColumn(), console=err, transient=True,
                        disable=not err.is_terminal)
    try:
        with progress:
            task = progress.add_task("", total=None)

            def advance(status: str, name: str) -> None:
                progress.update(task, advance=1, description=escape(f"{status}: {name}"[:60]))

            stdin = sys.stdin.buffer if "-" in inputs else None
            summary = service.ingest(inputs, settings, allow_private=allow_private, jobs=jobs,
                                     on_progress=advance, stdin=stdin, engine=engine, address=address)
    except service.RedlineError as e:
        raise _fail(str(e)) from None
    if as_json:
        _print_json(summary.as_json())
    else:
        for source, reason in summary.skipped:
            err.print(f"[yellow]skipped[/] {escape(source)}: {escape(reason)}")
        for shift in summary.shifts:
            out.print(f"[bold magenta]shift[/] {escape(shift)}")
        out.print(
            f"{summary.read} read, {summary.stored} stored ({summary.near_duplicates} near-duplicates), "
            f"{len(summary.skipped)} skipped; {summary.new_lines} new lines, "
            f"{summary.restated_lines} restated, "
            f"{summary.new_stances} new stances, {len(summary.shifts)} shifts, {len(summary.alerts)} alerts "
            f"→ {escape(settings.db)}"
        )
    if summary.read == 0 and summary.skipped and summary.stored == 0 and not any(
            "already" in r for _, r in summary.skipped):
        raise _fail("nothing could be read; check the inputs and the warnings above")


@app.command()
def lines(
    holder: Annotated[str | None, typer.Option(help="Only lines held by this code (RUS, NATO).")] = None,
    since: Annotated[str | None, typer.Option(help="Only lines stated since this date (YYYY-MM-DD).")] = None,
    limit: Annotated[int, typer.Option(min=0, help="At most this many lines, newest first (0: all).")] = 100,
    db: DbOption = None,
    as_json: JsonOption = False,
    min_sources: Annotated[int | None, typer.Option("--min-sources", min=1, help="Only lines carried by at least "
                                                    "this many independent sources.")] = None,
    grade: Annotated[str | None, typer.Option("--grade", help="Only lines whose best source is graded in this "
                                              "range of Admiralty letters (A-C, B, A,B).")] = None,
) -> None:
    """List consolidated red lines: each is one line however many articles restated it."""
    try:
        since_date = date.fromisoformat(since) if since else None
    except ValueError:
        raise _fail(f"--since {since!r} is not a date; use YYYY-MM-DD") from None
    try:
        items = service.lines(_kb_settings(db), holder=holder, since=since_date, limit=limit or None,
                              min_sources=min_sources, grade=grade)
    except service.RedlineError as e:
        raise _fail(str(e)) from None
    if as_json:
        _print_json(items)
        return
    table = Table("id", "holder", "if (trigger)", "then (consequence)", "first", "last", "statements",
                  "certainty", title=f"{len(items)} red line(s)")
    for item in items:
        t, c = item["trigger"], item["consequence"]
        table.add_row(str(item["id"]), _codes(item["holder"]),
                      escape(f"{_codes(t['actors'])} {t['action']} {_codes(t['targets'])}: {t['text']}"),
                      escape(f"{c['action']} {_codes(c['targets'])}: {c['text']}"),
                      item["first_seen"], item["last_seen"], str(item["statement_count"]),
                      f"{item['certainty']}\n{_trust(item)}")
    out.print(table)


@app.command()
def show(line_id: Annotated[int, typer.Argument(help="The line's id, as `redline lines` lists it.")],
         db: DbOption = None, as_json: JsonOption = False) -> None:
    """Show one red line: every statement with its evidence, and why each was merged."""
    try:
        item = service.show_line(_kb_settings(db), line_id)
    except service.RedlineError as e:
        raise _fail(str(e)) from None
    if as_json:
        _print_json(item)
        return
    t, c = item["trigger"], item["consequence"]
    out.rule(f"[bold]red line #{item['id']}[/] held by {_codes(item['holder'])}")
    out.print(f"[dim]if[/] {_codes(t['actors'])} {t['action']} {_codes(t['targets'])}: {escape(t['text'])}")
    out.print(f"[dim]then[/] {c['action']} {_codes(c['targets'])}: {escape(c['text'])}")
    out.print(f"[dim]first stated[/] {item['first_seen']}  [dim]last restated[/] {item['last_seen']}  "
              f"[dim]statements[/] {item['statement_count']}  [dim]sources[/] {len(item['sources'])}")
    out.print(f"[dim]independent sources[/] {item['independent_sources']}  [dim]admiralty[/] {item['admiralty']}  "
              + escape("; ".join(f"{o['name']} ({o['kind'] or 'unknown'}, {o['grade']})" for o in item["outlets"])))
    out.print("[dim]certainty over time[/] " + " → ".join(
        f"{h['certainty']} ({h['date']})" for h in item["certainty_history"]))
    for s in item["statements"]:
        copy = f" [yellow]copy of {escape(s['duplicate_of'])}[/]" if s["duplicate_of"] else ""
        out.print(f"\n[bold]{s['seen']}[/] {escape(s['doc_id'])} [dim]{escape(s['source'] or '')}[/]"
                  f"{' — ' + escape(s['speaker']) if s['speaker'] else ''}{copy}")
        for ev in s["evidence"]:
            span = escape(f"[{ev['span'][0]}:{ev['span'][1]}]")
            out.print(f"  “{escape(ev['text'])}” [dim]{span}[/]")
        if s.get("merge"):
            out.print(f"  [dim]{escape(s['merge']['explain'])}[/]")


@app.command()
def stances(
    proposal: Annotated[str | None, typer.Option(help="Only proposals like this text.")] = None,
    actor: Annotated[str | None, typer.Option(help="Only this actor code.")] = None,
    limit: Annotated[int, typer.Option(min=0, help="At most this many cells, newest first (0: all).")] = 200,
    why: Annotated[bool, typer.Option("--why", help="Say why each cell's latest stance joined its proposal.")] = False,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """The actor × proposal matrix: each actor's latest position, its history, and shifts."""
    try:
        cells = service.stances(_kb_settings(db), proposal=proposal, actor=actor, limit=limit or None)
    except service.RedlineError as e:
        raise _fail(str(e)) from None
    if as_json:
        _print_json(cells)
        return
    table = Table("proposal", "actor", "position", "history", "last", title=f"{len(cells)} stance(s)")
    shown = None
    for cell in cells:
        position = cell["position"]
        if cell["shift"]:
            position = f"[bold magenta]{cell['shift']}[/]"
        history = " → ".join(f"{r['position']}×{r['count']}" for r in cell["history"])
        # Grouped by proposal (see `redline proposals`): its label once, on its first row.
        label = "" if cell["proposal_id"] == shown else f"#{cell['proposal_id']} {escape(cell['proposal'])}"
        shown = cell["proposal_id"]
        last = f"{cell['last_seen'] or 'date unknown'}\n{_trust(cell)}"
        linked = (cell.get("latest") or {}).get("linked")
        if why and linked:
            last += f"\n[dim]{escape(linked)}[/]"
        table.add_row(label, cell["actor"], position, history, last)
    out.print(table)


@app.command()
def proposals(
    text: Annotated[str | None, typer.Option("--text", help="Only proposals worded like this.")] = None,
    limit: Annotated[int, typer.Option(min=0, help="At most this many proposals, newest first (0: all).")] = 100,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Proposals: each debated move, who supports or opposes it over time, and the red lines it would cross."""
    try:
        records = service.proposals(_kb_settings(db), text=text, limit=limit or None)
    except service.RedlineError as e:
        raise _fail(str(e)) from None
    if as_json:
        _print_json(records)
        return
    table = Table("id", "proposal", "action", "support", "oppose", "other", "red lines",
                  title=f"{len(records)} proposal(s)")
    for p in records:
        others = [f"{x['actor']} {x['shift'] or x['position']}" for x in p["parties"]
                  if x["actor"] not in p["supporters"] and x["actor"] not in p["opponents"]]
        lines = "; ".join(f"#{ln['id']} {'/'.join(ln['holder'])}: {escape(ln['trigger'])}" for ln in p["redlines"])
        table.add_row(str(p["id"]), escape(p["label"]), p["action"] or "", ", ".join(p["supporters"]),
                      ", ".join(p["opponents"]), ", ".join(others), lines)
    out.print(table)


@app.command()
def search(text: Annotated[str, typer.Argument(help="Words to find (all of them, any form).")],
           limit: Annotated[int, typer.Option(min=1, help="At most this many hits.")] = 20,
           db: DbOption = None, as_json: JsonOption = False) -> None:
    """Full-text search over stored articles and statements."""
    try:
        hits = service.search(_kb_settings(db), text, limit=limit)
    except service.RedlineError as e:
        raise _fail(str(e)) from None
    if as_json:
        _print_json(hits)
        return
    table = Table("kind", "document", "line", "snippet", title=f"{len(hits)} hit(s)")
    for h in hits:
        snippet = escape(h["snippet"])
        table.add_row(h["kind"], escape(h["doc_id"]), str(h["line_id"] or ""), snippet)
    out.print(table)


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help="json, csv, parquet or plover (JSON Lines).")],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write here, not to stdout.")] = None,
    kind: Annotated[str | None, typer.Option(help="redline, stance, event or all (csv, parquet: one).")] = None,
    db: DbOption = None,
) -> None:
    """Export the knowledge base's red lines, stances and events."""
    try:
        written = service.export(_kb_settings(db), fmt, str(output) if output else None, kind=kind)
    except service.RedlineError as e:
        raise _fail(str(e)) from None
    counts = ", ".join(f"{n} {k}(s)" for k, n in written.items())
    err.print(f"exported {counts}{' → ' + escape(str(output)) if output else ''}")
