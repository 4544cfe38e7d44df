"""redline.store.blocking: comparing a new proposal with its block decides as comparing it with every one."""

from __future__ import annotations

import numpy as np

from redline.store.blocking import SMALL, proposal_block
from redline.store.merge import ProposalSignature, match_proposal

_WORDS = ["a toll on canal barges", "sending engineers to the delta", "a ban on salt exports",
          "the resolution", "deploying troops to the border", "lifting the grain quota", "the plan",
          "a joint patrol of the strait", "new tariffs on copper", "troops for a ceasefire force"]


def _unit(rng: np.random.Generator, near: np.ndarray | None = None, spread: float = 1.0) -> np.ndarray:
    v = rng.normal(size=384) * spread + (near if near is not None else 0.0)
    return (v / np.linalg.norm(v)).astype("<f4")


def _stored(rng: np.random.Generator, base: np.ndarray, n: int) -> list[tuple[int, ProposalSignature]]:
    out = []
    for i in range(n):
        kind = i % 7
        vector = None if kind == 6 else _unit(rng, base, spread=rng.choice([0.02, 0.03, 0.05, 0.2]))
        wordings = ((_WORDS[(i + 3) % len(_WORDS)], _unit(rng, base, 0.03)),) if kind == 2 else ()
        out.append((100 + i, ProposalSignature(_WORDS[i % len(_WORDS)], ["DEPLOY", None, "OTHER"][i % 3],
                                               frozenset({"XAA"} if i % 2 else {"XBB"}), vector, wordings,
                                               peace_force=[None, True, False][i % 3])))
    return out


def test_the_block_gives_the_same_decision_as_every_candidate() -> None:
    rng = np.random.default_rng(7)
    smaller = 0
    for trial in range(60):
        base = rng.normal(size=384) / 19.6  # the stored vectors lie around a common direction, at many distances
        found = _stored(rng, base, 40 + trial)
        new = ProposalSignature(_WORDS[trial % len(_WORDS)], ["DEPLOY", None][trial % 2],
                                frozenset({"XAA"}), _unit(rng, base, spread=rng.choice([0.02, 0.04, 0.3])),
                                peace_force=[True, False, None][trial % 3])
        block = proposal_block(new, found)
        assert match_proposal(new, block) == match_proposal(new, found)
        assert [i for i, _ in block] == sorted(i for i, _ in block)  # in the candidates' order
        smaller += len(block) < len(found)
    assert smaller >= 30  # most blocks leave candidates out


def test_without_a_vector_or_with_few_candidates_every_candidate_is_compared() -> None:
    rng = np.random.default_rng(3)
    found = _stored(rng, rng.normal(size=384) / 19.6, 50)
    assert proposal_block(ProposalSignature("a ban on salt exports", None, frozenset()), found) == found
    few = found[: SMALL - 1]
    assert proposal_block(ProposalSignature("x y", None, frozenset(), _unit(rng)), few) == few


def test_the_index_keeps_the_blocks_positions_as_proposals_change() -> None:
    from dataclasses import replace

    from redline.store.blocking import ProposalIndex

    rng = np.random.default_rng(11)
    base = rng.normal(size=384) / 19.6
    found = _stored(rng, base, 60)
    index = ProposalIndex()
    for i, p in found:
        index.put(i, p)
    for trial in range(40):
        if trial % 4 == 1:  # a stored proposal gains a wording, another changes class
            k = trial % len(found)
            i, p = found[k]
            found[k] = (i, replace(p, wordings=(*p.wordings, (_WORDS[trial % len(_WORDS)], _unit(rng, base, 0.03)))))
            index.touch(i)
            j, q = found[(k + 7) % len(found)]
            found[(k + 7) % len(found)] = (j, replace(q, action="DEPLOY" if q.action != "DEPLOY" else None))
            index.touch(j)
            assert set(index.missing([])) == {i, j}
            for x, s in found:
                if x in (i, j):
                    index.put(x, s)
        new = ProposalSignature(_WORDS[trial % len(_WORDS)], ["DEPLOY", None][trial % 2], frozenset({"XAA"}),
                                _unit(rng, base, spread=rng.choice([0.02, 0.04, 0.3])),
                                peace_force=[True, False, None][trial % 3])
        some = found[trial % 5 :: 1 + trial % 2]  # the candidates of one class, in their order
        ids = [i for i, _ in some]
        assert index.missing(ids) == []
        assert [ids[k] for k in index.block(new, ids)] == [i for i, _ in proposal_block(new, some)]
