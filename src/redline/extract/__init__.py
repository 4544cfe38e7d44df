"""Extraction: text in, red lines, stances, events and actor mentions out.

``extract_documents`` is the entry point; it batches documents through the
default pipeline, in one process or several.
"""

from __future__ import annotations

import gc
import multiprocessing
import multiprocessing.pool
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import chain, islice
from typing import TypeVar

from redline.config import DEFAULT_MODEL
from redline.extract.pipeline import Context, Pipeline, Resources, Step, step
from redline.models import Document, Extraction

__all__ = [
    "Context",
    "Pipeline",
    "Resources",
    "Step",
    "default_jobs",
    "default_pipeline",
    "extract_documents",
    "extract_finished",
    "load_resources",
    "step",
]

T = TypeVar("T")
DOCS_PER_BATCH = 8
# Batches handed to the workers ahead of the one being read back, per worker: enough to keep
# every worker busy, few enough that a news archive streams through in bounded memory.
BATCHES_AHEAD = 3
# Allocations between two young collections of the garbage collector while extracting (Python's default is 700).
GC_THRESHOLD = 50_000


def default_jobs() -> int:
    """Worker processes by default: the cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


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


_worker: tuple[str, Pipeline, Resources] | None = None
# Run once in the parent before the workers fork, so that what the steps load lazily is loaded there.
WARM_UP = "Moscow warned on Monday that if NATO sends troops, it will respond; Kyiv rejected the plan."


def _init_worker(model: str) -> None:
    """Load the pipeline and its resources in this process, unless a forking parent has already done so."""
    global _worker
    if _worker is None or _worker[0] != model:
        _worker = (model, default_pipeline(), load_resources(model))


# What a worker computes from a batch of extractions beside them (an ingest's signatures and vectors): one
# value per extraction, in order. A module-level function (or a partial of one), so that it pickles.
Finish = Callable[[list[Extraction]], list[T]]


def _extract_group(pipeline: Pipeline, resources: Resources, docs: list[Document], batch: int,
                   finish: Finish[T] | None) -> list[tuple[Extraction, T | None]]:
    """The pipeline over ``docs`` in batches of ``batch``, then ``finish`` over all of them at once."""
    xs = [x for chunk in _batches(docs, batch) for x in pipeline.run(chunk, resources)]
    return list(zip(xs, finish(xs) if finish else [None] * len(xs), strict=True))


def _run_batch(docs: list[Document], finish: Finish[T] | None = None,
               batch: int = DOCS_PER_BATCH) -> list[tuple[Extraction, T | None]]:
    assert _worker is not None, "worker not initialised"
    _, pipeline, resources = _worker
    return _extract_group(pipeline, resources, docs, batch, finish)


def extract_documents(
    docs: Iterable[Document], *, model: str = DEFAULT_MODEL, jobs: int | None = 1, batch: int = DOCS_PER_BATCH
) -> Iterator[Extraction]:
    """Run the pipeline over documents, yielding one Extraction each, in input order.

    ``jobs`` worker processes (None: one per core) take batches of ``batch`` documents
    as the input streams in; where processes fork, they share the model this process
    loads once, elsewhere each loads its own. An input smaller than one
    batch per worker is extracted in this process: starting the workers would cost more.
    """
    for x, _ in extract_finished(docs, None, model=model, jobs=jobs, batch=batch):
        yield x


def extract_finished(
    docs: Iterable[Document], finish: Finish[T] | None, *, model: str = DEFAULT_MODEL, jobs: int | None = 1,
    batch: int = DOCS_PER_BATCH, finish_batch: int | None = None, preload: Callable[[], object] | None = None,
) -> Iterator[tuple[Extraction, T | None]]:
    """:func:`extract_documents`, each extraction with what ``finish`` made of its batch, in the same worker.

    ``finish`` runs on every group of ``finish_batch`` extractions (default ``batch``; a worker's task is
    one group, extracted ``batch`` documents at a time) in input order, whatever ``jobs`` is, so its
    result does not depend on the number of workers. It is never run in this process before the
    workers fork; ``preload``, when given, is, once, where the workers fork: what it loads (a sentence model)
    they share instead of each loading its own.
    """
    threshold = gc.get_threshold()
    # A batch makes hundreds of thousands of small objects (tokens, spans, feature dicts) that live
    # until the batch ends; the collector's default (a young collection every 700 allocations) spends
    # some 5 % of the extraction walking them. Rarer collections, the same memory (freed by reference
    # counting as before), restored when the extraction ends; forked workers inherit them.
    gc.set_threshold(GC_THRESHOLD, *threshold[1:])
    try:
        yield from _extract_finished(docs, finish, model=model, jobs=jobs, batch=batch, finish_batch=finish_batch,
                                     preload=preload)
    finally:
        gc.set_threshold(*threshold)


def _extract_finished(
    docs: Iterable[Document], finish: Finish[T] | None, *, model: str, jobs: int | None, batch: int,
    finish_batch: int | None, preload: Callable[[], object] | None,
) -> Iterator[tuple[Extraction, T | None]]:
    jobs = default_jobs() if jobs is None else jobs
    group = max(batch, finish_batch or batch)
    it = iter(docs)
    head = list(islice(it, group * jobs)) if jobs > 1 else []
    if jobs <= 1 or len(head) < group * jobs:
        pipeline, resources = default_pipeline(), load_resources(model)
        for chunk in _batches(chain(head, it), group):
            yield from _extract_group(pipeline, resources, chunk, batch, finish)
        return
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    if method == "fork":
        # Loaded once here, the model, the registry and the step tables are shared by the forked workers
        # (copy on write) instead of each worker spending a second and a half of CPU to load its own.
        _init_worker(model)
        _run_batch([Document(id="warm-up", text=WARM_UP)])
        if preload is not None:
            preload()
        gc.freeze()  # the collector in a worker then leaves the shared objects' pages alone
    with multiprocessing.get_context(method).Pool(jobs, initializer=_init_worker, initargs=(model,)) as pool:
        gc.unfreeze()
        # Pool.imap would read the whole input ahead; a bounded window of batches keeps it streaming.
        pending: deque[multiprocessing.pool.AsyncResult[list[tuple[Extraction, T | None]]]] = deque()
        for chunk in _batches(chain(head, it), group):
            pending.append(pool.apply_async(_run_batch, (chunk, finish, batch)))
            if len(pending) >= jobs * BATCHES_AHEAD:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()
