"""Reading and extracting: files and feeds in, one Extraction per document out (local or on Ray)."""

from __future__ import annotations

import platform
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import IO, Any

from redline import __version__, trust
from redline.config import Settings
from redline.errors import InputError, RedlineError
from redline.export.jsonfmt import document_json
from redline.models import Document, Extraction
from redline.trust import READERS, ReaderRun

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
