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


# -- the same block for every stance of a transaction, without a Python step per candidate -------------------

_PF = {None: -1, False: 0, True: 1}  # peace_force as a small integer, for the arrays


class ProposalIndex:
    """Every stored proposal's compared vectors in one matrix, kept for a write transaction (``txcache``).

    :func:`proposal_block` stacks each candidate's vectors and scans the candidates in Python for every stance:
    a cost per stance that grows with the proposals stored. Here each proposal's vectors are rows of one matrix,
    made once per transaction; a proposal the transaction changes (its class, a new wording) is marked
    (:meth:`touch`) and its rows are made again when next asked for, a new one is added when first asked for.
    :meth:`block` then decides as :func:`proposal_block` does with one product over the rows and array steps
    over the candidates, and returns only the positions of those compared in full.
    """

    def __init__(self, dims: int = 0) -> None:
        self.dims = dims
        self.slot: dict[int, int] = {}  # proposal id -> its slot
        self.id_slot = np.full(0, -1, dtype=np.int64)  # proposal id -> its slot (-1: none yet)
        self.peace = np.zeros(0, dtype=np.int8)  # by slot: _PF of its peace_force
        self.deploys = np.zeros(0, dtype=bool)  # by slot: deploys_troops
        self.rows = np.zeros((0, dims), dtype=np.float32)
        self.n_rows = 0
        self.row_slot = np.zeros(0, dtype=np.int64)
        self.row_named = np.zeros(0, dtype=bool)  # a wording that names the move (compared unless the new is vague)
        self.row_live = np.zeros(0, dtype=bool)
        self.rows_of: dict[int, list[int]] = {}  # slot -> its rows
        self.stale: set[int] = set()  # proposal ids whose rows are made again when next asked for

    def touch(self, proposal_id: int) -> None:
        """The transaction changed this proposal (its class or its wordings)."""
        if proposal_id in self.slot:
            self.stale.add(proposal_id)

    def slots(self, ids: Sequence[int]) -> Any:
        """The slots of ``ids`` (-1 for those not in the index yet)."""
        wanted = np.asarray(ids, dtype=np.int64)
        out = np.full(len(wanted), -1, dtype=np.int64)
        inside = wanted < len(self.id_slot)
        out[inside] = self.id_slot[wanted[inside]]
        return out

    def missing(self, ids: Sequence[int]) -> list[int]:
        """Those of ``ids`` whose rows must be made (new to the index, or changed)."""
        slots = self.slots(ids)
        new = [ids[k] for k in np.flatnonzero(slots < 0).tolist()]
        return [*new, *sorted(self.stale.difference(new))] if self.stale else new

    def put(self, proposal_id: int, p: ProposalSignature) -> None:
        """Make ``proposal_id``'s rows from its signature ``p`` (with its wordings)."""
        self.stale.discard(proposal_id)
        slot = self.slot.get(proposal_id)
        if slot is None:
            slot = self.slot[proposal_id] = len(self.slot)
            if proposal_id >= len(self.id_slot):
                grown = np.full(max(2 * len(self.id_slot), proposal_id + 1), -1, dtype=np.int64)
                grown[: len(self.id_slot)] = self.id_slot
                self.id_slot = grown
            self.id_slot[proposal_id] = slot
            if slot >= len(self.peace):
                size = max(2 * len(self.peace), 16)
                self.peace = np.resize(self.peace, size)
                self.deploys = np.resize(self.deploys, size)
        else:
            self.row_live[self.rows_of.get(slot, [])] = False
        self.peace[slot] = _PF[p.peace_force]
        self.deploys[slot] = deploys_troops(p)
        vectors = [(False, p.vector)] if p.vector is not None else []
        vectors += [(True, v) for text, v in p.wordings if v is not None and not is_generic(text)]
        self.rows_of[slot] = list(range(self.n_rows, self.n_rows + len(vectors)))
        for named, v in vectors:
            self._append(slot, named, v)

    def _append(self, slot: int, named: bool, vector: Any) -> None:
        if not self.dims:
            self.dims = int(np.asarray(vector).shape[0])
            self.rows = np.zeros((0, self.dims), dtype=np.float32)
        if self.n_rows >= len(self.rows):
            size = max(2 * len(self.rows), 64)
            rows = np.zeros((size, self.dims), dtype=np.float32)
            rows[: self.n_rows] = self.rows[: self.n_rows]
            self.rows = rows
            self.row_slot = np.resize(self.row_slot, size)
            self.row_named = np.resize(self.row_named, size)
            self.row_live = np.resize(self.row_live, size)
        k = self.n_rows
        self.rows[k] = vector
        self.row_slot[k], self.row_named[k], self.row_live[k] = slot, named, True
        self.n_rows += 1

    def block(self, new: ProposalSignature, ids: Sequence[int]) -> list[int]:
        """The positions in ``ids`` (every one in the index, none stale) of the candidates that decide
        ``match_proposal``: :func:`proposal_block` of their signatures, in their order."""
        slots = self.slots(ids)
        n = self.n_rows
        best = np.full(len(self.slot), -np.inf, dtype=np.float64)
        if n and np.asarray(new.vector).shape[0] == self.dims:
            live = self.row_live[:n] & ~self.row_named[:n] if is_generic(new.text) else self.row_live[:n]
            rows = np.flatnonzero(live)
            sims = self.rows[:n] @ np.asarray(new.vector, dtype=np.float32)
            np.maximum.at(best, self.row_slot[rows], sims[rows].astype(np.float64))
        found = best[slots]
        vectorless = found == -np.inf  # compared by wording
        full = vectorless | (found >= FLOOR - MARGIN)
        rest = ~full
        if rest.any():
            score = found.copy()
            if new.peace_force is not None and deploys_troops(new):
                peace = self.peace[slots]
                score[(peace != -1) & (peace != _PF[new.peace_force]) & self.deploys[slots]] = 0.0
            top = score[rest].max()
            full |= rest & (score >= top - MARGIN)
        return np.flatnonzero(full).tolist()
