"""Near-duplicates: syndicated copies of one story, found with MinHash.

A wire story reprinted by five outlets differs in its headline, byline, footer
and a few edited words; its body is the same. We compare the sets of word
5-shingles of the normalised text: their Jaccard similarity, estimated from a
MinHash signature, stays high for such copies and low for two articles on the
same topic, which share words but rarely five in a row.

Signatures are bytes (``NUM_PERM`` unsigned 64-bit values, little-endian) so
the knowledge base can keep them in a BLOB column and rebuild the index.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
SHINGLE_WORDS = 5
THRESHOLD = 0.8
SEED = 1  # seed and scheme fixed, so signatures stored by one run compare with the next
SCHEME = "affine32"

_WORD = re.compile(r"\w+")
_DTYPE = np.dtype("<u8")


def normalise(text: str) -> list[str]:
    """The words of ``text``: NFKC, case-folded, punctuation and spacing dropped."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    """The set of ``size``-word runs of the normalised text (the whole text when shorter)."""
    words = normalise(text)
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


def _minhash(text: str) -> MinHash:
    m = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    m.update_batch([s.encode("utf-8") for s in shingles(text)])
    return m


def _from_bytes(sig: bytes) -> MinHash:
    if len(sig) != NUM_PERM * _DTYPE.itemsize:
        raise ValueError(f"a signature has {NUM_PERM} values of 8 bytes; got {len(sig)} bytes")
    values = np.frombuffer(sig, dtype=_DTYPE)
    return MinHash(num_perm=NUM_PERM, seed=SEED, hashvalues=values.astype(np.uint64), scheme=SCHEME)


def signature(text: str) -> bytes:
    """The MinHash signature of ``text``'s word 5-shingles, as bytes for storing."""
    return _minhash(text).hashvalues.astype(_DTYPE).tobytes()


def similarity(a: bytes, b: bytes) -> float:
    """The Jaccard similarity of the two texts' shingle sets, estimated from their signatures."""
    return float(_from_bytes(a).jaccard(_from_bytes(b)))


class NearDuplicateIndex:
    """Signatures by document id, answering "which stored documents is this a copy of?".

    LSH finds candidates in sub-linear time; each candidate is then kept only
    when its estimated Jaccard similarity reaches ``threshold``, so the answer
    does not depend on LSH's banding luck in the other direction.
    """

    def __init__(self, threshold: float = THRESHOLD, items: Iterable[tuple[str, bytes]] = ()) -> None:
        if not 0.0 < threshold < 1.0:
            raise ValueError(f"threshold must be between 0 and 1, got {threshold}")
        self.threshold = threshold
        # LSH at a lower threshold than we report, so pairs just above it are not missed.
        self._lsh = MinHashLSH(threshold=max(0.05, threshold - 0.15), num_perm=NUM_PERM)
        self._signatures: dict[str, MinHash] = {}
        for doc_id, sig in items:
            self.add(doc_id, sig)

    def __len__(self) -> int:
        return len(self._signatures)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._signatures

    def add(self, doc_id: str, sig: bytes) -> None:
        """Index a document; adding the same id again is a no-op."""
        if doc_id in self._signatures:
            return
        m = _from_bytes(sig)
        self._lsh.insert(doc_id, m)
        self._signatures[doc_id] = m

    def query(self, sig: bytes) -> list[tuple[str, float]]:
        """Stored documents whose estimated Jaccard with ``sig`` reaches the threshold, best first."""
        m = _from_bytes(sig)
        hits = []
        for doc_id in self._lsh.query(m):
            score = float(self._signatures[doc_id].jaccard(m))
            if score >= self.threshold:
                hits.append((doc_id, score))
        return sorted(hits, key=lambda hit: (-hit[1], hit[0]))
