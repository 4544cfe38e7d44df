"""What an ingest worker computes beside extraction, so that the writing process only writes.

``redline ingest`` extracts in worker processes (``extract_finished``); each worker also
takes the MinHash signature of every document and embeds the texts linking compares by
meaning (``embedding_vectors``), with the sentence model the parent loaded before the workers
forked (:func:`preload`; one thread and no thread pool, so the forked session is safe to run), else one
of its own, loaded once per worker process. The writer then stores the batch with these vectors
(``Store.add_batch``): the same vectors the store would have computed, since a text's vector does not
depend on the batch it was embedded in.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from redline.embed import Embedder
    from redline.models import Extraction

_loaded: dict[int, Embedder | None] = {}  # process id -> its sentence model
# The model a parent loaded for the workers it forks (preload): loading it there once instead of in each of two
# workers saved 0.2-0.45 s of CPU per ingest (a quarter to a third of a second per load, loaded machine).
_inherited: list[Embedder] = []


@dataclass(frozen=True)
class Prepared:
    """A document's MinHash signature and the stored vectors of its texts (empty without a model)."""

    signature: bytes
    vectors: dict[str, bytes]


def worker_embedder() -> Embedder | None:
    """The installed sentence model, loaded once in this process (None when it is not installed).

    A worker forked after :func:`preload` runs the parent's session; any other process loads its own (keyed by
    process id, so a session loaded by :func:`redline.embed.load_embedder`'s cache elsewhere is never reused).
    """
    pid = os.getpid()
    if pid not in _loaded:
        from redline.embed import load_embedder

        _loaded[pid] = _inherited[0] if _inherited else load_embedder.__wrapped__()
    return _loaded[pid]


def preload() -> None:
    """Load the sentence model in this process for the workers it is about to fork (run before the fork).

    The session runs on one thread with no pool of its own (``MiniLM.load``), so a forked copy is safe to run;
    nothing is embedded here before the fork.
    """
    model = worker_embedder()
    if model is not None and not _inherited:
        _inherited.append(model)


def prepare(extractions: list[Extraction], *, embeddings: bool) -> list[Prepared]:
    """The signature and vectors of each extraction of one batch (``embeddings`` off: no vectors)."""
    from redline.ingest.dedup import signature
    from redline.store.kb import embedding_vectors

    vectors = embedding_vectors(worker_embedder() if embeddings else None, extractions)
    return [Prepared(signature(x.document.text), v) for x, v in zip(extractions, vectors, strict=True)]
