"""Alerts, watch, what-if, the graph and the workbench (`serve`)."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.tree import Tree

from redline import service
from redline.cli.common import (
    AlertsJsonOption,
    DbOption,
    _codes,
    _fail,
    _kb_settings,
    _parse_since,
    _print_json,
    app,
    err,
    escape,
    out,
)


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
