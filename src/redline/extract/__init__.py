"""Extraction: text in, red lines, stances, events and actor mentions out.

``extract_documents`` is the entry point; it batches documents through the
default pipeline, in one process or several.
"""

from __future__ import annotations

import multiprocessing
import sys
from collections.abc import Iterable, Iterator
from itertools import islice

from redline.config import DEFAULT_MODEL
from redline.extract.pipeline import Context, Pipeline, Resources, Step, step
from redline.models import Document, Extraction

__all__ = [
    "Context",
    "Pipeline",
    "Resources",
    "Step",
    "default_pipeline",
    "extract_documents",
    "load_resources",
    "step",
]

DOCS_PER_BATCH = 8


def default_pipeline() -> Pipeline:
    """sentences → mentions → select → parse → entities → red lines → stances → events."""
    from redline.extract.events import events_step
    from redline.extract.mentions import entities_step, mentions_step
    from redline.extract.parse import parse_step, select_step
    from redline.extract.redlines import redlines_step
    from redline.extract.sentences import sentences_step
    from redline.extract.stance_model import stances_step

    return Pipeline([
        sentences_step, mentions_step, select_step, parse_step, entities_step,
        redlines_step, stances_step, events_step,
    ])


def load_resources(model: str = DEFAULT_MODEL) -> Resources:
    """The spaCy model and the actor resolver, loaded once per process."""
    from redline.actors import Resolver, load_registry
    from redline.extract.nlp import load_model

    return Resources(nlp=load_model(model), resolver=Resolver(load_registry()))


def _batches(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    it = iter(docs)
    while chunk := list(islice(it, size)):
        yield chunk


_worker: tuple[Pipeline, Resources] | None = None


def _init_worker(model: str) -> None:
    global _worker
    _worker = (default_pipeline(), load_resources(model))


def _run_batch(docs: list[Document]) -> list[Extraction]:
    assert _worker is not None, "worker not initialised"
    pipeline, resources = _worker
    return pipeline.run(docs, resources)


def extract_documents(
    docs: Iterable[Document], *, model: str = DEFAULT_MODEL, jobs: int = 1, batch: int = DOCS_PER_BATCH
) -> Iterator[Extraction]:
    """Run the pipeline over documents, yielding one Extraction each, in input order."""
    if jobs <= 1:
        pipeline, resources = default_pipeline(), load_resources(model)
        for chunk in _batches(docs, batch):
            yield from pipeline.run(chunk, resources)
        return
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    with multiprocessing.get_context(method).Pool(jobs, initializer=_init_worker, initargs=(model,)) as pool:
        for out in pool.imap(_run_batch, _batches(docs, batch)):
            yield from out
