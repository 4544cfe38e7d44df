"""What an ingest worker computes beside extraction, so that the writing process only writes.

``redline ingest`` extracts in worker processes (``extract_finished``); each worker also
takes the MinHash signature of every document and embeds the texts linking compares by
meaning (``embedding_vectors``), with a sentence model of its own, loaded once per worker
process. The writer then stores the batch with these vectors (``Store.add_batch``): the
same vectors the store would have computed, since a text's vector does not depend on the
batch it was embedded in.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from redline.embed import Embedder
    from redline.models import Extraction

_loaded: dict[int, Embedder | None] = {}  # process id -> its sentence model: never one inherited by fork


@dataclass(frozen=True)
class Prepared:
    """A document's MinHash signature and the stored vectors of its texts (empty without a model)."""

    signature: bytes
    vectors: dict[str, bytes]


def worker_embedder() -> Embedder | None:
    """The installed sentence model, loaded once in this process (None when it is not installed).

    Keyed by process id: an ONNX session a parent loaded before forking is not reused by its workers.
    """
    pid = os.getpid()
    if pid not in _loaded:
        from redline.embed import load_embedder

        _loaded[pid] = load_embedder.__wrapped__()  # uncached: never the session a parent loaded before forking
    return _loaded[pid]


def prepare(extractions: list[Extraction], *, embeddings: bool) -> list[Prepared]:
    """The signature and vectors of each extraction of one batch (``embeddings`` off: no vectors)."""
    from redline.ingest.dedup import signature
    from redline.store.kb import embedding_vectors

    vectors = embedding_vectors(worker_embedder() if embeddings else None, extractions)
    return [Prepared(signature(x.document.text), v) for x, v in zip(extractions, vectors, strict=True)]
