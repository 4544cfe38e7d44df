"""Near-duplicate articles: MinHash signatures stored as bytes, banded for lookup, compared by Jaccard."""

from __future__ import annotations

from collections.abc import Sequence

NEAR_DUPLICATE_JACCARD = 0.8
# 32 bands of 4 MinHash values: a pair at Jaccard 0.8 shares a band with probability > 0.99.
LSH_BANDS = 32


def lsh_bands(hashvalues: Sequence[int], bands: int = LSH_BANDS) -> list[str]:
    """Locality-sensitive bands of a MinHash signature: documents sharing one band are candidates."""
    n = len(hashvalues)
    if n == 0:
        return []
    rows = max(1, n // bands)
    out = []
    for b in range(0, n - rows + 1, rows):
        chunk = hashvalues[b : b + rows]
        out.append(f"{b // rows}:{hash_ints(chunk)}")
    return out


def hash_ints(values: Sequence[int]) -> str:
    """A short stable digest of some integers (a band's key)."""
    import hashlib

    h = hashlib.blake2b(digest_size=12)
    for v in values:
        h.update(int(v).to_bytes(8, "little", signed=False))
    return h.hexdigest()


def signature_values(signature: bytes) -> list[int]:
    """A MinHash signature stored as bytes (little-endian unsigned 64-bit values) as integers."""
    import struct

    if len(signature) % 8:
        raise ValueError(f"a signature is a whole number of 8-byte values, got {len(signature)} bytes")
    return list(struct.unpack(f"<{len(signature) // 8}Q", signature))


def estimate_jaccard(a: Sequence[int], b: Sequence[int]) -> float:
    """The share of equal MinHash values: an estimate of the two shingle sets' Jaccard similarity."""
    if not a or len(a) != len(b):
        return 0.0
    return sum(1 for x, y in zip(a, b, strict=True) if x == y) / len(a)
