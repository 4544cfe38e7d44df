"""The command line: parse, call one service function, render what it returns.

Domain errors (``RedlineError``) become a one-line message and exit status 1
here, at the edge; nothing below this module prints.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape as escape_markup
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.tree import Tree

from redline import service
from redline.models import Extraction

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
        table.add_row(label, cell["actor"], position, history,
                      f"{cell['last_seen'] or 'date unknown'}\n{_trust(cell)}")
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


# -- alerts, watch, what-if, graph ----------------------------------------------------------------------

AlertsJsonOption = Annotated[bool, typer.Option("--json", help="Print JSON (fields: README, Alerts and what-if).")]


def _parse_since(since: str | None) -> date | None:
    try:
        return date.fromisoformat(since) if since else None
    except ValueError:
        raise _fail(f"--since {since!r} is not a date; use YYYY-MM-DD") from None


def _alerts_table(items: list[dict[str, Any]], title: str) -> Table:
    table = Table("id", "status", "date", "red line (holder: if … then …)", "event", "why", title=title)
    for a in items:
        line, ev = a["redline"], a["event"]
        t, c = line["trigger"], line["consequence"]
        colour = "bold red" if a["status"] == "crossed" else "yellow"
        table.add_row(
            str(a["id"]), f"[{colour}]{a['status']}[/]", a["date"] or "",
            escape(f"#{line['id']} {_codes(line['holder'])}: if {_codes(t['actors'])} {t['action']} "
                   f"{_codes(t['targets'])} → {c['action']} {_codes(c['targets'])}"),
            escape(f"{_codes(ev['actors'])} {ev['action']} {_codes(ev['targets'])} ({ev['status']}) "
                   f"in {ev['doc_id']}: “{ev['text']}”"),
            escape("; ".join(a["explanation"])),
        )
    return table


@app.command()
def alerts(
    since: Annotated[str | None, typer.Option(help="Only events on or after this date (YYYY-MM-DD).")] = None,
    status: Annotated[str | None, typer.Option(help="Only crossed or approaching.")] = None,
    limit: Annotated[int, typer.Option(min=0, help="At most this many alerts, newest first (0: all).")] = 0,
    db: DbOption = None,
    as_json: AlertsJsonOption = False,
) -> None:
    """List alerts: stored events that crossed (or approach) a known red line, and why."""
    since_date = _parse_since(since)
    try:
        items = service.alerts(_kb_settings(db), since=since_date, status=status, limit=limit or None)
    except service.RedlineError as e:
        raise _fail(str(e)) from None
    if as_json:
        _print_json(items)
        return
    out.print(_alerts_table(items, f"{len(items)} alert(s)"))


@app.command()
def watch(
    source: Annotated[str, typer.Argument(help="A directory of articles, or an RSS/Atom feed URL.")],
    interval: Annotated[float, typer.Option(min=0.001, help="Seconds between polls.")] = 300.0,
    once: Annotated[bool, typer.Option("--once", help="Poll once and exit (for cron and tests).")] = False,
    allow_private: Annotated[bool, typer.Option("--allow-private", help="Allow URLs on private or loopback "
                                                                       "addresses.")] = False,
    db: DbOption = None,
) -> None:
    """Poll a directory or a feed, ingest what is new and print its alerts as they come; Ctrl-C stops."""
    settings = _kb_settings(db)

    def show(items: list[dict[str, Any]]) -> None:
        out.print(_alerts_table(items, f"{len(items)} new alert(s)"))

    def polled(number: int, summary: service.IngestSummary) -> None:
        err.print(f"poll {number}: {summary.stored} new document(s), {len(summary.alerts)} alert(s)")
        for source_, reason in summary.skipped:
            if "already" not in reason:
                err.print(f"[yellow]skipped[/] {escape(source_)}: {escape(reason)}")

    try:
        run = service.watch(source, settings, interval=interval, once=once, allow_private=allow_private,
                            on_alerts=show, on_poll=polled)
    except service.RedlineError as e:
        raise _fail(str(e)) from None
    stopped = "stopped; " if run.interrupted else ""
    err.print(f"{stopped}{run.polls} poll(s), {run.stored} document(s) stored, {run.alerts} alert(s) "
              f"→ {escape(settings.db)}")


def _whatif_tree(nodes: list[dict[str, Any]], title: str) -> Tree:
    tree = Tree(title)

    def add(branch: Tree, node: dict[str, Any]) -> None:
        line, act = node["redline"], node["action"]
        c = line["consequence"]
        label = (f"[bold]{escape(_codes(act['actors']))} {act['action']} {escape(_codes(act['targets']))}[/] "
                 f"crosses [bold red]#{line['id']}[/] held by {escape(_codes(line['holder']))} "
                 f"[dim](score {node['score']}, {node['certainty']} certainty)[/]\n"
                 f"  threatened: {c['action']} {escape(_codes(c['targets']))}: {escape(c['text'])}")
        for sentence in line.get("evidence", []):
            label += f"\n  [dim]“{escape(sentence)}”[/]"
        child = branch.add(label)
        for n in node["then"]:
            add(child, n)

    for n in nodes:
        add(tree, n)
    return tree


@app.command()
def whatif(
    text: Annotated[str | None, typer.Argument(help="The action, e.g. \"France deploys troops to Ukraine\".")] = None,
    actor: Annotated[str | None, typer.Option(help="Who acts (a code: FRA).")] = None,
    action: Annotated[str | None, typer.Option(help="The action class (DEPLOY, ARM, ATTACK ...).")] = None,
    target: Annotated[list[str] | None, typer.Option(help="Against or to whom (a code; repeatable).")] = None,
    depth: Annotated[int, typer.Option(min=1, help="Steps of escalation to follow.")] = 3,
    db: DbOption = None,
    as_json: AlertsJsonOption = False,
) -> None:
    """What would follow an action: the red lines it crosses, and what their holders' responses cross."""
    try:
        nodes = service.whatif(_kb_settings(db), text, actor=actor, action=action, targets=target or (),
                               depth=depth)
    except service.RedlineError as e:
        raise _fail(str(e)) from None
    if as_json:
        _print_json(nodes)
        return
    what = text or f"{actor} {action} {'/'.join(target or [])}"
    if not nodes:
        out.print(f"no stored red line would be crossed by {escape(what)!r}")
        return
    out.print(_whatif_tree(nodes, f"what if {escape(what)}: {len(nodes)} red line(s) crossed"))


@app.command()
def graph(
    fmt: Annotated[str, typer.Option("--format", "-f", help="dot, graphml or json.")] = "dot",
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write here, not to stdout.")] = None,
    db: DbOption = None,
) -> None:
    """Export the red-line graph: actors as nodes, red lines as edges (party → holder → target)."""
    try:
        text = service.graph(_kb_settings(db), fmt)
    except service.RedlineError as e:
        raise _fail(str(e)) from None
    if output:
        output.write_text(text, encoding="utf-8")
        err.print(f"graph written → {escape(str(output))}")
    else:
        sys.stdout.write(text)


# -- the workbench --------------------------------------------------------------------------------------


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on; the default is loopback only.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port to listen on.")] = 8000,
    allow_private: Annotated[bool, typer.Option("--allow-private", help="Let POST /api/ingest fetch URLs on "
                                                                       "private or loopback addresses.")] = False,
) -> None:
    """Serve the workbench: dashboard pages and a JSON API (/api/, schema at /docs) over the knowledge base."""
    import secrets

    from redline.web import serve as run_server

    settings = _kb_settings(db)
    token = settings.token
    if not token:
        token = secrets.token_urlsafe(24)
        err.print(f"REDLINE_TOKEN is not set; writes (POST /api/ingest) need this token: {token}", soft_wrap=True)
    if host not in ("127.0.0.1", "localhost", "::1"):
        err.print(f"[yellow]warning:[/] listening on {escape(host)}: anyone who can reach it can read the "
                  "knowledge base", soft_wrap=True)
    err.print(f"serving {escape(settings.db)} on http://{escape(host)}:{port}/ (Ctrl-C stops)", soft_wrap=True)
    try:
        run_server(replace(settings, token=token), host=host, port=port, allow_private=allow_private)
    except service.RedlineError as e:
        raise _fail(str(e)) from None


def main() -> None:  # pragma: no cover - console entry point
    app()
