"""Which stored proposals a new stance's proposal need be compared with: the same decision, fewer comparisons.

:func:`redline.store.merge.match_proposal` compares a new proposal with every stored one of a compatible class,
so an ingest slowed as the knowledge base grew: each stance cost a Python comparison per stored proposal. When
the new proposal has a sentence vector, the text test of every comparison is a cosine with the nearest of the
stored proposal's vectors (its own and, unless the new wording is vague, its named wordings'), so one matrix
product gives every candidate's best cosine at once (:func:`proposal_block`). Only these are then compared in
full, in their original order, so :func:`~redline.store.merge.best_match` returns the same decision, the
closest miss included:

* every candidate whose best cosine reaches the lowest meaning threshold (less a rounding margin): any match is
  among them;
* every candidate with no vector on either side that counts (compared by wording, as before);
* the candidates whose text score, estimated from the product, is within the margin of the highest estimate
  among the others (a troop deployment read in the other setting scores 0): the closest miss is among them.

Without a vector (the model not installed) every candidate is compared, as before.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from redline.store.merge import (
    PROPOSAL_AGREED_COSINE,
    PROPOSAL_CONTEXT_COSINE,
    PROPOSAL_COSINE,
    ProposalSignature,
    deploys_troops,
    is_generic,
)

# Below this many candidates the full comparison is as cheap as the product.
SMALL = 16
# Cosines from one matrix product and from single dot products differ in the last bits of a float32: a
# candidate within this margin of a threshold or of the best estimate is compared in full.
MARGIN = 1e-4
FLOOR = min(PROPOSAL_COSINE, PROPOSAL_AGREED_COSINE, PROPOSAL_CONTEXT_COSINE)


def compared_vectors(new_is_generic: bool, old: ProposalSignature) -> list[Any]:
    """The vectors of ``old`` the text test compares a new proposal's with (as ``merge.compare_proposals``)."""
    stored = [old.vector] if old.vector is not None else []
    if not new_is_generic:
        stored += [v for text, v in old.wordings if v is not None and not is_generic(text)]
    return stored


def _setting_conflict(new: ProposalSignature, old: ProposalSignature) -> bool:
    """Whether two troop deployments are read in different settings (``compare_proposals`` scores them 0);
    ``new`` is known to be one, in a known setting."""
    return old.peace_force is not None and new.peace_force != old.peace_force and deploys_troops(old)


def proposal_block(
    new: ProposalSignature, found: Sequence[tuple[int, ProposalSignature]],
    matrices: dict[tuple[int, bool], tuple[ProposalSignature, Any]] | None = None,
) -> list[tuple[int, ProposalSignature]]:
    """The candidates of ``found`` that decide ``match_proposal(new, found)``, in their order.

    ``matrices`` keeps each candidate's stacked vectors between calls (keyed by id and whether the new wording
    is vague; remade when the candidate's signature object changes).
    """
    if new.vector is None or len(found) < SMALL:
        return list(found)
    vague = is_generic(new.text)
    held = matrices if matrices is not None else {}
    blocks: list[Any] = []
    owners: list[int] = []
    full: set[int] = set()
    for k, (i, old) in enumerate(found):
        kept = held.get((i, vague))
        if kept is None or kept[0] is not old:
            vectors = compared_vectors(vague, old)
            kept = held[(i, vague)] = (old, np.vstack(vectors) if vectors else None)
        if kept[1] is None:
            full.add(k)  # compared by wording
            continue
        blocks.append(kept[1])
        owners += [k] * len(kept[1])
    if blocks:
        sims = np.vstack(blocks) @ np.asarray(new.vector, dtype=np.float32)
        best = np.full(len(found), -np.inf, dtype=np.float64)
        np.maximum.at(best, np.asarray(owners), sims.astype(np.float64))
        deploys = new.peace_force is not None and deploys_troops(new)
        rest: list[tuple[float, int]] = []
        for k in sorted(set(owners)):
            if best[k] >= FLOOR - MARGIN:
                full.add(k)
            else:
                rest.append((0.0 if deploys and _setting_conflict(new, found[k][1]) else float(best[k]), k))
        if rest:
            top = max(score for score, _ in rest)
            full.update(k for score, k in rest if score >= top - MARGIN)
    return [found[k] for k in sorted(full)]
