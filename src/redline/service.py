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
from itertools import chain, islice
from typing import IO, TYPE_CHECKING, Any, TypeVar

from redline import __version__, trust
from redline.config import Settings
from redline.errors import InputError, RedlineError
from redline.export.jsonfmt import document_json
from redline.models import Document, Extraction
from redline.trust import READERS, ReaderRun

if TYPE_CHECKING:
    from redline.store import Store

_T = TypeVar("_T")

__all__ = [
    "ALERT_STATUSES",
    "ENGINES",
    "EXPORT_FORMATS",
    "GRAPH_FORMATS",
    "READERS",
    "ExtractRun",
    "IngestSummary",
    "ReaderRun",
    "RedlineError",
    "Settings",
    "WatchRun",
    "alerts",
    "default_jobs",
    "document_json",
    "export",
    "extract",
    "extract_shards",
    "extract_with_reader",
    "graph",
    "info",
    "ingest",
    "lines",
    "open_store",
    "proposals",
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


def extract(paths: Sequence[str], settings: Settings, *, jobs: int | None = 1, run: ExtractRun | None = None,
            stdin: IO[bytes] | None = None, engine: str = "local",
            address: str | None = None) -> Iterator[Extraction]:
    """Read ``paths`` and extract red lines, stances, events and actors from each document.

    ``jobs`` worker processes; None is one per core (``default_jobs``). ``engine="ray"`` runs
    on Ray Data instead (a local Ray, or the cluster at ``address``), in the same order.
    """
    from redline.extract import extract_documents

    run = run if run is not None else ExtractRun()
    if _check_engine(engine) == "ray":
        for x in _ray_extractions(paths, settings, jobs, address, run.skipped.append):
            run.read += 1
            yield x
        return

    def count(docs: Iterator[Document]) -> Iterator[Document]:
        for d in docs:
            run.read += 1
            yield d

    docs = count(read(paths, settings, on_skip=run.skipped.append, stdin=stdin))
    yield from extract_documents(docs, model=settings.spacy_model, jobs=jobs)


ENGINES: tuple[str, ...] = ("local", "ray")


def _check_engine(engine: str) -> str:
    from redline.errors import ConfigError

    if engine not in ENGINES:
        raise ConfigError(f"unknown engine {engine!r}; use {' or '.join(ENGINES)}")
    return engine


def _ray_options(settings: Settings, jobs: int | None, address: str | None) -> Any:
    from redline.raydata import RayOptions

    return RayOptions(address=address, jobs=jobs, model=settings.spacy_model, max_bytes=settings.max_bytes)


def _ray_extractions(paths: Sequence[str], settings: Settings, jobs: int | None, address: str | None,
                     on_skip: Warn) -> Iterator[Extraction]:
    from redline.raydata import extract_with_ray

    for row in extract_with_ray(paths, _ray_options(settings, jobs, address)):
        if row.skipped is not None:
            on_skip(row.skipped)
        elif row.extraction is not None:
            yield row.extraction


def extract_shards(paths: Sequence[str], settings: Settings, output: str, *, jobs: int | None = None,
                   address: str | None = None) -> tuple[int, list[InputError]]:
    """Extract on Ray and write Parquet shards into ``output`` (one row per document); (documents, skipped)."""
    from redline.raydata import write_shards

    return write_shards(paths, _ray_options(settings, jobs, address), output)


def default_jobs() -> int:
    """Worker processes ``extract`` and ``ingest`` use by default: one per core."""
    from redline.extract import default_jobs as cores

    return cores()


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
        "data": {"actors": load_registry().version, "sources": trust.source_list(settings).version},
        "sources_file": settings.sources,
        "llm_reader": ({"url": settings.llm.url, "model": settings.llm.model} if settings.llm else None),
        "db": settings.db,
        "linking": _linking_info(settings),
    }


def _linking_info(settings: Settings) -> str:
    """How linking compares texts here: the sentence model, or wording when it is off or not installed."""
    from redline.embed import MODEL_ID, model_files

    if not settings.embeddings:
        return "wording (REDLINE_EMBEDDINGS=off)"
    if model_files() is None:
        return "wording (the sentence model is not installed; make demo installs it)"
    return f"meaning ({MODEL_ID})"


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
                      matcher=_matcher(), embedder=_embedder_source(settings))


def _embedder_source(settings: Settings) -> Callable[[], Any] | None:
    """The sentence model linking compares meaning with, loaded when first needed; None when turned off."""
    if not settings.embeddings:
        return None
    from redline.embed import load_embedder

    return load_embedder


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


INGEST_BATCH = 32  # documents per write transaction: a killed ingest loses at most this many, stored again on re-run


def store_extractions(extractions: Iterable[Extraction], store: Store, summary: IngestSummary, *,
                      on_progress: Progress | None = None, on_alerts: AlertSink | None = None,
                      batch: int = INGEST_BATCH) -> IngestSummary:
    """Add the extractions to ``store``, ``batch`` documents per transaction, and count what changed in ``summary``.

    A document is stored whole or not at all; ``on_alerts`` receives the alerts each stored
    document raised as soon as its batch is committed.
    """
    from redline.errors import StoreError
    from redline.ingest.dedup import signature

    it = iter(extractions)
    while chunk := list(islice(it, max(1, batch))):
        results = store.add_batch([(x, signature(x.document.text)) for x in chunk])
        for x, result in zip(chunk, results, strict=True):
            if isinstance(result, StoreError):
                summary.skipped.append((x.document.id, str(result)))
                if on_progress:
                    on_progress("skipped", x.document.id)
                continue
            _count_stored(result, store, summary, on_alerts)
            if on_progress:
                on_progress(result.status, x.document.id)
    return summary


def _count_stored(result: Any, store: Store, summary: IngestSummary, on_alerts: AlertSink | None) -> None:
    if result.status == "duplicate":
        summary.skipped.append((result.doc_key, "already in the knowledge base"))
        return
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


def ingest(inputs: Sequence[str], settings: Settings, *, allow_private: bool = False, jobs: int | None = 1,
           on_progress: Progress | None = None, transport: Any = None,
           stdin: IO[bytes] | None = None, on_alerts: AlertSink | None = None,
           known_links: set[str] | None = None, batch: int = INGEST_BATCH, engine: str = "local",
           address: str | None = None) -> IngestSummary:
    """Read files, directories, URLs and feeds; extract; store each document in the knowledge base.

    Documents already stored (same text) are skipped before extraction, so a
    re-run after an interruption resumes where it stopped. Each stored document's
    events are checked against the red lines; ``on_alerts`` gets the alerts it raised.
    Feed entries whose link is in ``known_links`` are not fetched (``watch`` keeps it).
    Documents are written ``batch`` per transaction (``store_extractions``). ``engine="ray"``
    extracts files and directories on Ray Data (``address``: a cluster) and stores the results here,
    through the same writer; what is stored already is skipped when written.
    """
    from redline.extract import extract_documents

    summary = IngestSummary()
    if _check_engine(engine) == "ray":
        return _ingest_with_ray(inputs, settings, summary, jobs=jobs, address=address, batch=batch,
                                on_progress=on_progress, on_alerts=on_alerts)
    store = open_store(settings)

    def skip(e: InputError) -> None:
        summary.skipped.append((e.source, e.reason))
        if on_progress:
            on_progress("skipped", e.source)

    def fresh(docs: Iterable[Document]) -> Iterator[Document]:
        it = iter(docs)
        # One look-up per batch of documents, not one read transaction each.
        while chunk := list(islice(it, max(1, batch))):
            stored = store.stored_hashes([d.hash for d in chunk])
            for d in chunk:
                summary.read += 1
                if d.hash in stored:
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
            store_extractions(extractions, store, summary, on_progress=on_progress, on_alerts=on_alerts,
                              batch=batch)
    finally:
        store.close()
    return summary


def _ingest_with_ray(inputs: Sequence[str], settings: Settings, summary: IngestSummary, *, jobs: int | None,
                     address: str | None, batch: int, on_progress: Progress | None,
                     on_alerts: AlertSink | None) -> IngestSummary:
    from redline.errors import ConfigError

    if any(_is_url(i) for i in inputs):
        raise ConfigError("--engine ray reads files and directories; ingest URLs and feeds with --engine local")

    def skip(e: InputError) -> None:
        summary.skipped.append((e.source, e.reason))
        if on_progress:
            on_progress("skipped", e.source)

    def counted(xs: Iterator[Extraction]) -> Iterator[Extraction]:
        for x in xs:
            summary.read += 1
            yield x

    store = open_store(settings)
    try:
        store_extractions(counted(_ray_extractions(inputs, settings, jobs, address, skip)), store, summary,
                          on_progress=on_progress, on_alerts=on_alerts, batch=batch)
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
        from redline.store.events import event_rows

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


def _whatif_move(text: str | None, actor: str | None, action: str | None, targets: Sequence[str], depth: int,
                 parse: Callable[[str], tuple[str, str, tuple[str, ...]]]) -> tuple[str, str, tuple[str, ...]]:
    """The move a what-if asks about, as (actor, action class, targets): the codes given, else ``parse(text)``.

    Raises ConfigError or InputError with what to give instead.
    """
    from redline.errors import ConfigError, InputError
    from redline.models import ACTION_CLASSES

    if depth < 1:
        raise ConfigError(f"--depth must be at least 1, not {depth}")
    who, what, whom = (actor.upper() if actor else None), (action.upper() if action else None), tuple(
        t.upper() for t in targets)
    if text and not (who and what):
        try:
            parsed = parse(text)
        except ValueError as e:
            part = "an actor" if "actor" in str(e) else "an action"
            raise InputError(text, f"could not find {part} in {text!r}; try --actor/--action/--target") from None
        who, what, whom = who or parsed[0], what or parsed[1], whom or parsed[2]
    if not who or not what:
        raise ConfigError("say what happens: a text like 'France deploys troops to Ukraine', "
                          "or --actor and --action (with --target)")
    if what not in ACTION_CLASSES:
        raise ConfigError(f"unknown action class {what!r}; use one of {', '.join(ACTION_CLASSES)}")
    return who, what, whom


def whatif(settings: Settings, text: str | None = None, *, actor: str | None = None,
           action: str | None = None, targets: Sequence[str] = (), depth: int = 3) -> list[dict[str, Any]]:
    """The red lines an action would cross, and what their holders' threatened responses would cross in turn.

    The action is ``text`` ("France deploys troops to Ukraine") or ``actor``/``action``/``targets``
    (codes and a FORMAT.md §4 class; given ones override what the text says). Best-scored first;
    each node is ``escalation.whatif.node_to_dict`` with the line's integer id and its evidence.
    """
    from redline.actors import Resolver, load_registry
    from redline.escalation.whatif import parse_whatif
    from redline.escalation.whatif import whatif as cascade
    from redline.monitor.match import Groups
    from redline.store.events import matching_lines

    def parse(said: str) -> tuple[str, str, tuple[str, ...]]:
        from redline.extract.nlp import load_model

        return parse_whatif(said, Resolver(), load_model(settings.spacy_model))

    who, what, whom = _whatif_move(text, actor, action, targets, depth, parse)
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


# -- sources, corroboration and the optional LLM reader (issue 13; the helpers are in redline.trust) ---------

def extract_with_reader(paths: Sequence[str], settings: Settings, *, reader: str, jobs: int | None = 1,
                        run: ExtractRun | None = None, reader_run: ReaderRun | None = None,
                        stdin: IO[bytes] | None = None, transport: Any = None,
                        sleep: Callable[[float], None] | None = None, engine: str = "local",
                        address: str | None = None) -> Iterator[tuple[Extraction, dict[str, Any]]]:
    """`extract` with a reader: ``rules`` (as :func:`extract`), ``llm`` or ``both``; yields (extraction, its JSON line).

    ``llm`` and ``both`` need ``REDLINE_LLM_URL`` and ``REDLINE_LLM_MODEL``: nothing is sent anywhere
    otherwise. With them, each red line and stance in the JSON carries ``reader`` (``["rules"]``,
    ``["llm"]`` or both); events, actors and sentences always come from the rules pipeline.
    """
    from redline.errors import ConfigError

    if reader not in READERS:
        raise ConfigError(f"unknown reader {reader!r}; use one of {', '.join(READERS)}")
    if reader != "rules" and settings.llm is None:
        raise ConfigError(f"--reader {reader} needs an OpenAI-compatible endpoint: set REDLINE_LLM_URL "
                          "(e.g. http://localhost:11434/v1) and REDLINE_LLM_MODEL")
    if reader_run is not None and settings.llm is not None:
        reader_run.price = settings.llm.price
    reader_run = reader_run if reader_run is not None else ReaderRun()
    for x in extract(paths, settings, jobs=jobs, run=run, stdin=stdin, engine=engine, address=address):
        if reader == "rules":
            yield x, document_json(x)
        else:
            yield trust.read_with_llm(x, settings, reader, reader_run, transport=transport, sleep=sleep)


def proposals(settings: Settings, *, text: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
    """Proposals as records: label, action, parties and their positions over time, and the red lines
    whose trigger is the same move (fields: ``redline.store.proposals``)."""
    from redline.store.proposals import proposal_records

    return _with_store(settings, lambda s: proposal_records(s, text=text, limit=limit))


# -- the workbench (redline serve): its use cases live in redline.service_web, re-exported here -------------
# Imported last: service_web reaches back into this module (ingest, graph) inside its functions.

from redline.errors import ConfigError, FetchError, NotFound  # noqa: E402
from redline.service_web import *  # noqa: E402, F403
from redline.service_web import __all__ as _web_names  # noqa: E402

__all__ += ["ConfigError", "FetchError", "InputError", "NotFound", *_web_names]
