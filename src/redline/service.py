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
    "EXPORT_FORMATS",
    "ExtractRun",
    "IngestSummary",
    "RedlineError",
    "Settings",
    "document_json",
    "export",
    "extract",
    "info",
    "ingest",
    "lines",
    "open_store",
    "read",
    "search",
    "show_line",
    "stances",
    "store_extractions",
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

    def as_json(self) -> dict[str, Any]:
        return {
            "read": self.read, "stored": self.stored, "near_duplicates": self.near_duplicates,
            "skipped": [{"input": s, "reason": r} for s, r in self.skipped],
            "new_lines": self.new_lines, "restated_lines": self.restated_lines,
            "new_stances": self.new_stances, "shifts": list(self.shifts),
        }


Progress = Callable[[str, str], None]  # (what happened: "stored" | "skipped" | ..., the document or input)


def _groups_of() -> Callable[[str], Iterable[str]] | None:
    """The actor registry's group membership (POL → NATO, EU), when the registry provides it."""
    try:
        from redline.actors import load_registry
    except ImportError:
        return None
    groups = getattr(load_registry(), "groups_of", None)
    return groups if callable(groups) else None


def open_store(settings: Settings) -> Store:
    """The knowledge base named by ``settings.db``, opened and migrated."""
    from redline.ingest.dedup import THRESHOLD
    from redline.store import Store

    return Store.open(settings.db, groups_of=_groups_of(), near_duplicate_threshold=THRESHOLD)


def _is_url(item: str) -> bool:
    return item.lower().startswith(("http://", "https://"))


def _fetch_documents(urls: Sequence[str], settings: Settings, summary: IngestSummary, *,
                     allow_private: bool, transport: Any = None) -> Iterator[Document]:
    """The articles at ``urls``: a page is one article; a feed gives the article of every entry."""
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
            try:
                doc = document_from_page(fetch(entry.link))
            except (FetchError, InputError) as e:
                summary.skipped.append((entry.link, str(e)))
                continue
            yield copy_with(doc, title=doc.title or entry.title, published=doc.published or entry.published)


def store_extractions(extractions: Iterable[Extraction], store: Store, summary: IngestSummary, *,
                      on_progress: Progress | None = None) -> IngestSummary:
    """Add each extraction to ``store`` (one transaction each) and count what changed in ``summary``."""
    from redline.errors import StoreError
    from redline.ingest.dedup import signature

    for x in extractions:
        try:
            result = store.add(x, signature=signature(x.document.text))
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
        if on_progress:
            on_progress(result.status, x.document.id)
    return summary


def ingest(inputs: Sequence[str], settings: Settings, *, allow_private: bool = False, jobs: int = 1,
           on_progress: Progress | None = None, transport: Any = None,
           stdin: IO[bytes] | None = None) -> IngestSummary:
    """Read files, directories, URLs and feeds; extract; store each document in the knowledge base.

    Documents already stored (same text) are skipped before extraction, so a
    re-run after an interruption resumes where it stopped.
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
                                        transport=transport)

    try:
        pending = fresh(documents())
        first = next(pending, None)
        # Nothing new (a re-run, or every input skipped): no need to load the language model.
        if first is not None:
            extractions = extract_documents(chain([first], pending), model=settings.spacy_model, jobs=jobs)
            store_extractions(extractions, store, summary, on_progress=on_progress)
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

    ``kind`` is ``redline``, ``stance`` or ``all``; CSV and Parquet hold one kind per
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
    if kind not in ("redline", "stance", "all"):
        raise ConfigError(f"unknown kind {kind!r}; use redline, stance or all")
    if one_kind and kind == "all":
        raise ConfigError(f"a {fmt} file holds one kind of row; pass --kind redline or --kind stance")
    if fmt == "parquet" and not output:
        raise ConfigError("parquet is binary: give a file with -o")
    kinds = ["redline", "stance"] if kind == "all" else [kind]

    def rows(store: Store) -> dict[str, list[dict[str, Any]]]:
        return {k: queries.lines(store) if k == "redline" else list(queries.stance_rows(store))
                for k in kinds}

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
