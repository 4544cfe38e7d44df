"""Ingesting into the knowledge base: extraction stored in batches, feeds watched, URLs fetched."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain, islice
from typing import IO, TYPE_CHECKING, Any

from redline.config import Settings
from redline.errors import InputError
from redline.models import Document, Extraction
from redline.service.extract import _check_engine, _ray_extractions, read
from redline.service.ingest_prepare import Prepared, preload, prepare

if TYPE_CHECKING:
    from redline.store import Store

# -- the knowledge base ---------------------------------------------------------------------------------

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
# Documents a worker extracts and then embeds in one call: the model's batches, sorted by length across more
# texts, pad less (32 documents of the development texts: 4.1 s CPU against 6.2 s embedded 8 at a time).
PREPARE_BATCH = 32


def store_extractions(extractions: Iterable[Extraction], store: Store, summary: IngestSummary, *,
                      on_progress: Progress | None = None, on_alerts: AlertSink | None = None,
                      batch: int = INGEST_BATCH) -> IngestSummary:
    """Add the extractions to ``store``, ``batch`` documents per transaction, and count what changed in ``summary``.

    A document is stored whole or not at all; ``on_alerts`` receives the alerts each stored
    document raised as soon as its batch is committed.
    """
    return store_prepared(((x, None) for x in extractions), store, summary, on_progress=on_progress,
                          on_alerts=on_alerts, batch=batch)


def store_prepared(items: Iterable[tuple[Extraction, Prepared | None]], store: Store, summary: IngestSummary, *,
                   on_progress: Progress | None = None, on_alerts: AlertSink | None = None,
                   batch: int = INGEST_BATCH) -> IngestSummary:
    """:func:`store_extractions` of extractions with their signature and vectors computed (by the workers);
    for those without (None), this process computes them."""
    from redline.errors import StoreError
    from redline.ingest.dedup import signature

    it = iter(items)
    while pairs := list(islice(it, max(1, batch))):
        chunk = [x for x, _ in pairs]
        ready = [p for _, p in pairs if p is not None]
        if len(ready) == len(pairs):
            results = store.add_batch([(x, p.signature) for x, p in zip(chunk, ready, strict=True)],
                                      vectors=[p.vectors for p in ready])
        else:
            results = store.add_batch([(x, p.signature if p else signature(x.document.text)) for x, p in pairs])
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
        from redline.store.alerts import alerts as stored_alerts

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
    from functools import partial

    from redline.extract import extract_finished

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
            # Signatures and vectors are computed in the extraction workers; this process writes.
            items = extract_finished(chain([first], pending), partial(prepare, embeddings=settings.embeddings),
                                     model=settings.spacy_model, jobs=jobs, finish_batch=PREPARE_BATCH,
                                     preload=preload if settings.embeddings else None)
            store_prepared(items, store, summary, on_progress=on_progress, on_alerts=on_alerts, batch=batch)
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
