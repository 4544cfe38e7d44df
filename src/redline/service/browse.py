"""Reading the knowledge base for the CLI: lines, stances, proposals, alerts, search, exports, the graph."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from typing import IO, TYPE_CHECKING, Any, TypeVar

from redline import trust
from redline.config import Settings
from redline.service.ingest import open_store

if TYPE_CHECKING:
    from redline.store import Store

_T = TypeVar("_T")

EXPORT_FORMATS: tuple[str, ...] = ("json", "csv", "parquet", "plover")


def _with_store(settings: Settings, ask: Callable[[Store], _T]) -> _T:
    store = open_store(settings)
    try:
        return ask(store)
    finally:
        store.close()


def lines(settings: Settings, *, holder: str | None = None, since: date | None = None,
          limit: int | None = None, min_sources: int | None = None, grade: str | None = None) -> list[dict[str, Any]]:
    """Consolidated red lines, newest first (fields: ``redline.store.queries``), each with its corroboration.

    ``min_sources`` keeps lines with at least that many independent sources; ``grade`` (``A-C``,
    ``B``, ``A,B``) keeps lines whose best source letter is among those (see ``redline.sources``).
    """
    from redline.sources import parse_grades
    from redline.store import queries

    grades = parse_grades(grade) if grade else None

    def ask(s: Store) -> list[dict[str, Any]]:
        if min_sources or grades is not None:
            return trust.filtered_lines(s, settings, holder=holder, since=since, limit=limit, min_sources=min_sources,
                                   grades=grades)
        items = queries.lines(s, holder=holder, since=since, limit=limit)
        trust.corroborate_lines(s, items, settings)
        return items

    return _with_store(settings, ask)


def show_line(settings: Settings, line_id: int) -> dict[str, Any]:
    """One red line with its history, evidence, sources and why its statements were merged, and its corroboration.

    Its per-document ``sources`` each gain ``outlet``, ``kind`` and ``grade``; its per-outlet list is ``outlets``.
    """
    return _with_store(settings, lambda s: _corroborated_line(s, line_id, settings))


def _corroborated_line(s: Store, line_id: int, settings: Settings) -> dict[str, Any]:
    """:func:`show_line` on an open store (the workbench keeps one)."""
    from redline.store import queries

    item = queries.line(s, line_id)
    trust.corroborate_lines(s, [item], settings, outlets_key="outlets")
    by_doc = {d: o for o in item["outlets"] for d in o["doc_ids"]}
    for src in item["sources"]:
        o = by_doc.get(src["doc_id"], {})
        src.update(outlet=o.get("outlet"), kind=o.get("kind"), grade=o.get("grade", "F"))
    return item


def stances(settings: Settings, *, proposal: str | None = None, actor: str | None = None,
            limit: int | None = None) -> list[dict[str, Any]]:
    """The actor × proposal matrix: latest position per cell, its history and shifts, and its corroboration.

    The corroboration of a cell is that of its current position: the documents stating it.
    """
    from redline.store import queries

    def ask(s: Store) -> list[dict[str, Any]]:
        cells = queries.stances(s, proposal=proposal, actor=actor, limit=limit)
        trust.corroborate_stances(s, cells, settings)
        return cells

    return _with_store(settings, ask)


def search(settings: Settings, text: str, *, limit: int = 20) -> list[dict[str, Any]]:
    """Full-text search over stored documents and statements, best first."""
    from redline.store import queries

    return _with_store(settings, lambda s: queries.search(s, text, limit=limit))


def export(settings: Settings, fmt: str, output: str | None, *, kind: str | None = None,
           stdout: IO[str] | None = None) -> dict[str, int]:
    """Write the knowledge base as JSON, CSV, Parquet or PLOVER JSON Lines; return rows written per kind.

    ``kind`` is ``redline``, ``stance``, ``event`` or ``all``; CSV and Parquet hold one kind per
    file (default ``redline``), JSON and PLOVER all kinds (default ``all``).
    Parquet needs ``output``; the others write to ``stdout`` without it.
    """
    import json

    from redline.errors import ConfigError
    from redline.store import queries

    if fmt not in EXPORT_FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
    one_kind = fmt in ("csv", "parquet")
    kind = kind or ("redline" if one_kind else "all")
    if kind not in ("redline", "stance", "event", "all"):
        raise ConfigError(f"unknown kind {kind!r}; use redline, stance, event or all")
    if one_kind and kind == "all":
        raise ConfigError(f"a {fmt} file holds one kind of row; pass --kind redline, stance or event")
    if fmt == "parquet" and not output:
        raise ConfigError("parquet is binary: give a file with -o")
    kinds = ["redline", "stance", "event"] if kind == "all" else [kind]

    def rows(store: Store) -> dict[str, list[dict[str, Any]]]:
        from redline.store.alerts import event_rows

        readers: dict[str, Callable[[Store], list[dict[str, Any]]]] = {
            "redline": queries.lines, "stance": lambda st: list(queries.stance_rows(st)), "event": event_rows,
        }
        found = {k: readers[k](store) for k in kinds}
        trust.corroborate_lines(store, found.get("redline", []), settings)
        trust.corroborate_stances(store, found.get("stance", []), settings)
        return found

    data = _with_store(settings, rows)
    written = {k: len(v) for k, v in data.items()}
    if fmt == "parquet":
        from redline.export.parquet import write_parquet

        assert output is not None
        write_parquet(data[kinds[0]], output, kinds[0])
        return written
    sink = open(output, "w", encoding="utf-8", newline="") if output else (stdout or sys.stdout)  # noqa: SIM115
    try:
        if fmt == "json":
            sink.write(json.dumps({f"{k}s": v for k, v in data.items()}, ensure_ascii=False, indent=1) + "\n")
        elif fmt == "csv":
            from redline.export.csvfmt import write_csv

            write_csv(data[kinds[0]], sink, kinds[0])
        else:
            from redline.export.plover import write_plover

            written = {k: write_plover(v, sink, k) for k, v in data.items()}
    finally:
        if output:
            sink.close()
    return written


# -- events, alerts, what-if ----------------------------------------------------------------------------

ALERT_STATUSES: tuple[str, ...] = ("crossed", "approaching")
GRAPH_FORMATS: tuple[str, ...] = ("dot", "graphml", "json")


def alerts(settings: Settings, *, since: date | None = None, status: str | None = None,
           limit: int | None = None) -> list[dict[str, Any]]:
    """Stored alerts, newest event first (fields: ``redline.store.events``).

    ``since`` keeps events on or after that date; ``status`` is ``crossed`` or ``approaching``.
    """
    from redline.errors import ConfigError
    from redline.store.alerts import alerts as stored_alerts

    if status is not None and status not in ALERT_STATUSES:
        raise ConfigError(f"unknown alert status {status!r}; use {' or '.join(ALERT_STATUSES)}")
    return _with_store(settings, lambda s: stored_alerts(s, since=since, status=status, limit=limit))


def graph(settings: Settings, fmt: str) -> str:
    """The red-line graph of the whole knowledge base as DOT, GraphML or JSON text."""
    from redline.errors import ConfigError
    from redline.escalation.graph import red_line_graph, to_dot, to_graphml, to_json
    from redline.store.events import matching_lines

    writers = {"dot": to_dot, "graphml": to_graphml, "json": to_json}
    if fmt not in writers:
        raise ConfigError(f"unknown graph format {fmt!r}; use one of {', '.join(GRAPH_FORMATS)}")
    return writers[fmt](red_line_graph(_with_store(settings, matching_lines)))




def proposals(settings: Settings, *, text: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
    """Proposals as records: label, action, parties and their positions over time, and the red lines
    whose trigger is the same move (fields: ``redline.store.proposals``)."""
    from redline.store.proposals import proposal_records

    return _with_store(settings, lambda s: proposal_records(s, text=text, limit=limit))
