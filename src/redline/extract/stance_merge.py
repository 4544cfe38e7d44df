"""Merging stance readings (FORMAT.md §2): one actor's stance on one proposal in one article is one stance.

A reading is a :class:`StanceCandidate` (one actor, one sentence, as the rules or the fitted model read it);
:func:`merge` joins the readings that restate one stance, however many sentences state it, and keeps apart
the ones on proposals the readings name apart (a second stance of one actor).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import fuzz


@dataclass
class StanceCandidate:
    actor: str
    speaker: str | None
    proposal: str
    action: str
    position: str
    sentences: list[int] = field(default_factory=list)
    anaphoric: bool = False
    score: float = 1.0
    # False for a candidate only the fitted model found: its proposal is the sentence's proposal phrase,
    # less precise than what the rules read around a position verb.
    read_by_rules: bool = True
    # The position was read from a reported vote ("voted against"): it outweighs any other sentence's reading.
    decisive: bool = False
    # False for a candidate only the model found in sentences with no position word, vote or cue near the actor.
    worded: bool = True


def _same_proposal(a: StanceCandidate, b: StanceCandidate) -> bool:
    if a.anaphoric or b.anaphoric:
        return True
    if a.action == b.action and a.action != "OTHER":
        return True
    return fuzz.token_set_ratio(a.proposal.lower(), b.proposal.lower()) >= 60


# Below this word overlap (rapidfuzz token-set ratio) two proposals are worded apart.
APART = 45


def _two_votes(a: StanceCandidate, b: StanceCandidate) -> bool:
    """Two votes of one actor that went different ways were on two texts ("for the first, against the second")."""
    return a.decisive and b.decisive and a.position != b.position


def _two_proposals(a: StanceCandidate, b: StanceCandidate) -> bool:
    """Two positions of one actor that the rules both read, on proposals that differ, are two stances.

    "Paraguay backed the ceasefire resolution" and, later, "Paraguay rejected the call for an arms embargo":
    merging by actor keeps one stance per actor, but not at the cost of a second one the parse names apart.
    Opposite readings on proposals worded apart are two even in one action class ("ruled out sending jets",
    later "pledged to send shells and ammunition"): one actor seldom backs and rejects one move in one article.
    """
    if not (a.read_by_rules and b.read_by_rules):
        return False
    if not _same_proposal(a, b):
        return True
    return ({a.position, b.position} == {"support", "oppose"} and not (a.anaphoric or b.anaphoric)
            and fuzz.token_set_ratio(a.proposal.lower(), b.proposal.lower()) < APART)


def merge(cands: list[StanceCandidate], by_actor: bool = False, vote: bool = False) -> list[StanceCandidate]:
    """One stance per actor and proposal (or per actor alone, ``by_actor``), its sentences joined.

    Even by actor, two proposals the rules read apart stay two stances (``_two_proposals``).

    The position is the surest sentence's (the highest score) among those the rules read, a reported vote's
    when there is one: a sentence only the model read ("voiced concern", "cut off gas") gives its position only
    to a stance no rule reads, since the model's reading of it mostly defaults to support. With ``vote`` it is
    the one the merged sentences' scores add up to most, among those the rules read if any (a conditional reading
    still turns an "open" or "support" one conditional), so one confident sentence does not outvote the rest.
    """
    merged: list[StanceCandidate] = []
    votes: dict[int, list[tuple[str, float, bool]]] = {}
    for c in cands:
        for m in merged:
            if (m.actor == c.actor and (by_actor or _same_proposal(m, c)) and not _two_votes(m, c)
                    and not _two_proposals(m, c)):
                if vote:
                    votes.setdefault(id(m), [(m.position, m.score, m.read_by_rules)]).append(
                        (c.position, c.score, c.read_by_rules))
                m.sentences = sorted(set(m.sentences + c.sentences))
                m.worded = m.worded or c.worded
                m.speaker = m.speaker or c.speaker
                ruled = c.read_by_rules and not m.read_by_rules
                kept = m.read_by_rules and not c.read_by_rules
                if ruled:
                    m.proposal, m.action, m.anaphoric, m.read_by_rules = c.proposal, c.action, c.anaphoric, True
                if c.decisive != m.decisive:
                    if c.decisive:
                        m.position, m.score, m.decisive = c.position, c.score, True
                elif ruled or (c.score > m.score and not kept):
                    # The surest sentence the rules read decides the position (a scored candidate's probability).
                    m.position, m.score = c.position, c.score
                elif c.position == "conditional" and m.position in {"open", "support"}:
                    m.position = "conditional"
                break
        else:
            merged.append(c)
    if vote:
        for m in merged:
            readings = votes.get(id(m), [])
            # As without a vote, the sentences the rules read vote alone when there are any.
            heard = [r for r in readings if r[2]] or readings
            counted: dict[str, float] = {}
            for position, score, _ in heard:
                counted[position] = counted.get(position, 0.0) + score
            if counted and not m.decisive:
                best = max(counted, key=lambda p: counted[p])
                m.position = "conditional" if "conditional" in counted and best in {"open", "support"} else best
    return merged
