"""The use cases: the one place where ingestion, extraction and storage meet.

The CLI and the web app call these functions and render what they return;
no logic lives in those adapters.
"""

from __future__ import annotations

import platform
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import chain
from typing import IO, TYPE_CHECKING, Any, TypeVar

from redline import __version__
from redline.config import Settings
from redline.errors import InputError, RedlineError
from redline.export.jsonfmt import document_json
from redline.models import Document, Extraction

if TYPE_CHECKING:
    from redline.store import Store

_T = TypeVar("_T")

__all__ = [
    "ALERT_STATUSES",
    "EXPORT_FORMATS",
    "GRAPH_FORMATS",
    "ExtractRun",
    "IngestSummary",
    "RedlineError",
    "Settings",
    "WatchRun",
    "alerts",
    "document_json",
    "export",
    "extract",
    "graph",
    "info",
    "ingest",
    "lines",
    "open_store",
    "read",
    "search",
    "show_line",
    "stances",
    "store_extractions",
    "watch",
    "whatif",
]

Warn = Callable[[InputError], None]


def read(paths: Sequence[str], settings: Settings, *, on_skip: Warn | None = None,
         stdin: IO[bytes] | None = None) -> Iterator[Document]:
    """The readable documents among ``paths``; each skipped input goes to ``on_skip``."""
    from redline.ingest import read_inputs

    for item in read_inputs(paths, max_bytes=settings.max_bytes, stdin=stdin):
        if isinstance(item, InputError):
            if on_skip is not None:
                on_skip(item)
        else:
            yield item


@dataclass
class ExtractRun:
    """Counts of one `extract` run, filled as it goes."""

    read: int = 0
    skipped: list[InputError] = field(default_factory=list)


def extract(paths: Sequence[str], settings: Settings, *, jobs: int = 1, run: ExtractRun | None = None,
            stdin: IO[bytes] | None = None) -> Iterator[Extraction]:
    """Read ``paths`` and extract red lines, stances, events and actors from each document."""
    from redline.extract import extract_documents

    run = run if run is not None else ExtractRun()

    def count(docs: Iterator[Document]) -> Iterator[Document]:
        for d in docs:
            run.read += 1
            yield d

    docs = count(read(paths, settings, on_skip=run.skipped.append, stdin=stdin))
    yield from extract_documents(docs, model=settings.spacy_model, jobs=jobs)


def info(settings: Settings) -> dict[str, Any]:
    """Versions of redline, Python, the spaCy model and the data files."""
    from importlib.metadata import PackageNotFoundError, version

    from redline.actors import load_registry

    try:
        spacy_version = version("spacy")
    except PackageNotFoundError:  # pragma: no cover - spaCy is a hard dependency
        spacy_version = None
    model_version: str | None
    try:
        from redline.extract.nlp import load_model
        from redline.extract.nlp import model_version as describe

        model_version = describe(load_model(settings.spacy_model))
    except RedlineError as e:
        model_version = f"unavailable: {e}"
    return {
        "version": __version__,
        "python": platform.python_version(),
        "executable": sys.executable,
        "spacy": spacy_version,
        "spacy_model": settings.spacy_model,
        "spacy_model_version": model_version,
        "data": {"actors": load_registry().version},
        "db": settings.db,
    }


# -- the knowledge base ---------------------------------------------------------------------------------

EXPORT_FORMATS: tuple[str, ...] = ("json", "csv", "parquet", "plover")


@dataclass
class IngestSummary:
    """What one `ingest` run did, filled as it goes."""

    read: int = 0
    stored: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (input, reason)
    near_duplicates: int = 0
    new_lines: int = 0
    restated_lines: int = 0
    new_stances: int = 0
    shifts: list[str] = field(default_factory=list)
    alerts: list[int] = field(default_factory=list)  # ids of the alerts raised

    def as_json(self) -> dict[str, Any]:
        return {
            "read": self.read, "stored": self.stored, "near_duplicates": self.near_duplicates,
            "skipped": [{"input": s, "reason": r} for s, r in self.skipped],
            "new_lines": self.new_lines, "restated_lines": self.restated_lines,
            "new_stances": self.new_stances, "shifts": list(self.shifts), "new_alerts": len(self.alerts),
        }


Progress = Callable[[str, str], None]  # (what happened: "stored" | "skipped" | ..., the document or input)
AlertSink = Callable[[list[dict[str, Any]]], None]  # the alerts one stored document raised (shape: alerts())


def _groups_of() -> Callable[[str], Iterable[str]] | None:
    """The actor registry's group membership (POL → NATO, EU), when the registry provides it."""
    try:
        from redline.actors import load_registry
    except ImportError:
        return None
    groups = getattr(load_registry(), "groups_of", None)
    return groups if callable(groups) else None


def _matcher() -> Any:
    """Events against red lines, with the registry's groups (FRA is in NATO): the store raises alerts with it."""
    from redline.actors import load_registry
    from redline.monitor.match import LineMatcher

    return LineMatcher.of(load_registry())


def open_store(settings: Settings) -> Store:
    """The knowledge base named by ``settings.db``, opened and migrated; adding a document raises its alerts."""
    from redline.ingest.dedup import THRESHOLD
    from redline.store import Store

    return Store.open(settings.db, groups_of=_groups_of(), near_duplicate_threshold=THRESHOLD,
                      matcher=_matcher())


def _is_url(item: str) -> bool:
    return item.lower().startswith(("http://", "https://"))


def _fetch_documents(urls: Sequence[str], settings: Settings, summary: IngestSummary, *,
                     allow_private: bool, transport: Any = None,
                     known: set[str] | None = None) -> Iterator[Document]:
    """The articles at ``urls``: a page is one article; a feed gives the article of every entry.

    Entry links in ``known`` are not fetched again; each link fetched is added to it.
    """
    from dataclasses import replace as copy_with

    from redline.errors import FetchError
    from redline.ingest.feeds import entries_from_page, is_feed
    from redline.ingest.fetch import document_from_page, fetch_url

    def fetch(url: str) -> Any:
        return fetch_url(url, allow_private=allow_private, transport=transport, max_bytes=settings.max_bytes)

    for url in urls:
        try:
            page = fetch(url)
            if not is_feed(page):
                yield document_from_page(page)
                continue
            entries = entries_from_page(page)
        except (FetchError, InputError) as e:
            summary.skipped.append((url, str(e)))
            continue
        for entry in entries:
            if known is not None:
                if entry.link in known:
                    continue
                known.add(entry.link)
            try:
                doc = document_from_page(fetch(entry.link))
            except (FetchError, InputError) as e:
                summary.skipped.append((entry.link, str(e)))
                continue
            yield copy_with(doc, title=doc.title or entry.title, published=doc.published or entry.published)


def store_extractions(extractions: Iterable[Extraction], store: Store, summary: IngestSummary, *,
                      on_progress: Progress | None = None, on_alerts: AlertSink | None = None) -> IngestSummary:
    """Add each extraction to ``store`` (one transaction each) and count what changed in ``summary``.

    ``on_alerts`` receives the alerts each stored document raised, as soon as it is stored.
    """
    from redline.errors import StoreError, StoreUnavailable
    from redline.ingest.dedup import signature

    for x in extractions:
        try:
            result = store.add(x, signature=signature(x.document.text))
        except StoreUnavailable:
            raise  # the database itself failed: every later document would too, so stop and say what to do
        except StoreError as e:
            summary.skipped.append((x.document.id, str(e)))
            if on_progress:
                on_progress("skipped", x.document.id)
            continue
        if result.status == "duplicate":
            summary.skipped.append((x.document.id, "already in the knowledge base"))
        else:
            summary.stored += 1
            summary.near_duplicates += result.status == "near_duplicate"
            summary.new_lines += len(result.new_lines)
            summary.restated_lines += len(result.restated_lines)
            summary.new_stances += result.new_stances
            summary.shifts.extend(str(s) for s in result.shifts)
            summary.alerts.extend(result.alerts)
            if on_alerts and result.alerts:
                from redline.store.events import alerts as stored_alerts

                on_alerts(stored_alerts(store, ids=result.alerts))
        if on_progress:
            on_progress(result.status, x.document.id)
    return summary


def ingest(inputs: Sequence[str], settings: Settings, *, allow_private: bool = False, jobs: int = 1,
           on_progress: Progress | None = None, transport: Any = None,
           stdin: IO[bytes] | None = None, on_alerts: AlertSink | None = None,
           known_links: set[str] | None = None) -> IngestSummary:
    """Read files, directories, URLs and feeds; extract; store each document in the knowledge base.

    Documents already stored (same text) are skipped before extraction, so a
    re-run after an interruption resumes where it stopped. Each stored document's
    events are checked against the red lines; ``on_alerts`` gets the alerts it raised.
    Feed entries whose link is in ``known_links`` are not fetched (``watch`` keeps it).
    """
    from redline.extract import extract_documents

    summary = IngestSummary()
    store = open_store(settings)

    def skip(e: InputError) -> None:
        summary.skipped.append((e.source, e.reason))
        if on_progress:
            on_progress("skipped", e.source)

    def fresh(docs: Iterable[Document]) -> Iterator[Document]:
        for d in docs:
            summary.read += 1
            if store.has_document(d.hash):
                summary.skipped.append((d.id, "already in the knowledge base"))
                if on_progress:
                    on_progress("duplicate", d.id)
                continue
            yield d

    def documents() -> Iterator[Document]:
        paths = [i for i in inputs if not _is_url(i)]
        urls = [i for i in inputs if _is_url(i)]
        if paths:
            yield from read(paths, settings, on_skip=skip, stdin=stdin)
        if urls:
            yield from _fetch_documents(urls, settings, summary, allow_private=allow_private,
                                        transport=transport, known=known_links)

    try:
        pending = fresh(documents())
        first = next(pending, None)
        # Nothing new (a re-run, or every input skipped): no need to load the language model.
        if first is not None:
            extractions = extract_documents(chain([first], pending), model=settings.spacy_model, jobs=jobs)
            store_extractions(extractions, store, summary, on_progress=on_progress, on_alerts=on_alerts)
    finally:
        store.close()
    return summary


def _with_store(settings: Settings, ask: Callable[[Store], _T]) -> _T:
    store = open_store(settings)
    try:
        return ask(store)
    finally:
        store.close()


def lines(settings: Settings, *, holder: str | None = None, since: date | None = None,
          limit: int | None = None) -> list[dict[str, Any]]:
    """Consolidated red lines, newest first (fields: ``redline.store.queries``)."""
    from redline.store import queries

    return _with_store(settings, lambda s: queries.lines(s, holder=holder, since=since, limit=limit))


def show_line(settings: Settings, line_id: int) -> dict[str, Any]:
    """One red line with its history, evidence, sources and why its statements were merged."""
    from redline.store import queries

    return _with_store(settings, lambda s: queries.line(s, line_id))


def stances(settings: Settings, *, proposal: str | None = None, actor: str | None = None,
            limit: int | None = None) -> list[dict[str, Any]]:
    """The actor × proposal matrix: latest position per cell, its history and shifts."""
    from redline.store import queries

    return _with_store(settings, lambda s: queries.stances(s, proposal=proposal, actor=actor, limit=limit))


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
        from redline.store.events import event_rows

        readers: dict[str, Callable[[Store], list[dict[str, Any]]]] = {
            "redline": queries.lines, "stance": lambda st: list(queries.stance_rows(st)), "event": event_rows,
        }
        return {k: readers[k](store) for k in kinds}

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
    from redline.store.events import alerts as stored_alerts

    if status is not None and status not in ALERT_STATUSES:
        raise ConfigError(f"unknown alert status {status!r}; use {' or '.join(ALERT_STATUSES)}")
    return _with_store(settings, lambda s: stored_alerts(s, since=since, status=status, limit=limit))


@dataclass
class WatchRun:
    """What one `watch` did, filled poll by poll."""

    polls: int = 0
    stored: int = 0
    alerts: int = 0
    interrupted: bool = False


def watch(source: str, settings: Settings, *, interval: float = 300.0, once: bool = False,
          allow_private: bool = False, sleep: Callable[[float], None] | None = None,
          transport: Any = None, on_alerts: AlertSink | None = None,
          on_poll: Callable[[int, IngestSummary], None] | None = None) -> WatchRun:
    """Poll a directory or a feed URL: ingest what is new, hand its alerts to ``on_alerts`` as they come.

    A directory's files are read each poll and only those not stored (by content hash)
    are extracted; a feed's entries already fetched in this run are not fetched again.
    ``once`` polls one time. Ctrl-C (KeyboardInterrupt) ends the run: every document
    is its own transaction, so what was stored stays and an interrupted one is read again
    next time. ``sleep`` waits between polls (``time.sleep``; tests pass their own).
    """
    import time

    from redline.errors import ConfigError

    if interval <= 0:
        raise ConfigError(f"--interval must be positive, not {interval}")
    wait = sleep or time.sleep
    known: set[str] = set()
    run = WatchRun()
    try:
        while True:
            summary = ingest([source], settings, allow_private=allow_private, transport=transport,
                             on_alerts=on_alerts, known_links=known)
            run.polls += 1
            run.stored += summary.stored
            run.alerts += len(summary.alerts)
            if on_poll:
                on_poll(run.polls, summary)
            if once:
                break
            wait(interval)
    except KeyboardInterrupt:
        run.interrupted = True
    return run


def _whatif_json(node: Any, evidence: dict[int, list[str]]) -> dict[str, Any]:
    """A what-if node as JSON, its line id the store's integer and its line's first evidence sentence."""
    from redline.escalation.whatif import node_to_dict

    data = node_to_dict(node)

    def fix(item: dict[str, Any]) -> None:
        # WhatIfNode.line_id is the matcher's string form of the store's integer id.
        line_id = int(item["redline"]["id"])
        item["redline"]["id"] = line_id
        # A full sentence says more than a headline: the first one that ends like a sentence.
        said = evidence.get(line_id, [])
        item["redline"]["evidence"] = [next((x for x in said if x.rstrip().endswith((".", "!", "?", "”", '"'))),
                                            said[0])] if said else []
        for child in item["then"]:
            fix(child)

    fix(data)
    return data


def whatif(settings: Settings, text: str | None = None, *, actor: str | None = None,
           action: str | None = None, targets: Sequence[str] = (), depth: int = 3) -> list[dict[str, Any]]:
    """The red lines an action would cross, and what their holders' threatened responses would cross in turn.

    The action is ``text`` ("France deploys troops to Ukraine") or ``actor``/``action``/``targets``
    (codes and a FORMAT.md §4 class; given ones override what the text says). Best-scored first;
    each node is ``escalation.whatif.node_to_dict`` with the line's integer id and its evidence.
    """
    from redline.actors import Resolver, load_registry
    from redline.errors import ConfigError, InputError
    from redline.escalation.whatif import parse_whatif
    from redline.escalation.whatif import whatif as cascade
    from redline.models import ACTION_CLASSES
    from redline.monitor.match import Groups
    from redline.store.events import matching_lines

    if depth < 1:
        raise ConfigError(f"--depth must be at least 1, not {depth}")
    who, what, whom = (actor.upper() if actor else None), (action.upper() if action else None), tuple(
        t.upper() for t in targets)
    if text and not (who and what):
        from redline.extract.nlp import load_model

        try:
            parsed = parse_whatif(text, Resolver(), load_model(settings.spacy_model))
        except ValueError as e:
            part = "an actor" if "actor" in str(e) else "an action"
            raise InputError(text, f"could not find {part} in {text!r}; try --actor/--action/--target") from None
        who, what, whom = who or parsed[0], what or parsed[1], whom or parsed[2]
    if not who or not what:
        raise ConfigError("say what happens: a text like 'France deploys troops to Ukraine', "
                          "or --actor and --action (with --target)")
    if what not in ACTION_CLASSES:
        raise ConfigError(f"unknown action class {what!r}; use one of {', '.join(ACTION_CLASSES)}")
    registry = load_registry()
    lines = _with_store(settings, matching_lines)
    nodes = cascade(who, what, whom, lines, Groups(registry), depth=depth)
    evidence = {int(line["id"]): list(line["statements"]) for line in lines}
    return [_whatif_json(n, evidence) for n in nodes]


def graph(settings: Settings, fmt: str) -> str:
    """The red-line graph of the whole knowledge base as DOT, GraphML or JSON text."""
    from redline.errors import ConfigError
    from redline.escalation.graph import red_line_graph, to_dot, to_graphml, to_json
    from redline.store.events import matching_lines

    writers = {"dot": to_dot, "graphml": to_graphml, "json": to_json}
    if fmt not in writers:
        raise ConfigError(f"unknown graph format {fmt!r}; use one of {', '.join(GRAPH_FORMATS)}")
    return writers[fmt](red_line_graph(_with_store(settings, matching_lines)))
