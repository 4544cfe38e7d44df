"""Near-duplicate signatures: bands and the Jaccard estimate."""

from __future__ import annotations

from redline.store import minhash


def test_lsh_bands_and_jaccard_from_signature_bytes() -> None:
    values = list(range(1000, 1128))
    raw = b"".join(v.to_bytes(8, "little") for v in values)
    assert minhash.signature_values(raw) == values
    bands = minhash.lsh_bands(values)
    assert len(bands) == minhash.LSH_BANDS
    changed = values[:120] + [0] * 8  # the last band differs
    shared = set(bands) & set(minhash.lsh_bands(changed))
    assert len(shared) == minhash.LSH_BANDS - 2
    assert minhash.estimate_jaccard(values, changed) == 120 / 128
