"""The use cases: the one place where ingestion, extraction and storage meet.

The CLI and the web app call these functions and render what they return;
no logic lives in those adapters.
"""

from __future__ import annotations

import platform
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import IO, Any

from redline import __version__
from redline.config import Settings
from redline.errors import InputError, RedlineError
from redline.export.jsonfmt import document_json
from redline.models import Document, Extraction

__all__ = [
    "ExtractRun",
    "RedlineError",
    "Settings",
    "document_json",
    "extract",
    "info",
    "read",
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
        from redline.extract.nlp import load_model, model_version as describe

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
