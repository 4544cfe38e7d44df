"""Merging decisions, pure: which stored red line or proposal a new statement belongs to, and why.

No SQL here: :mod:`redline.store.kb` fetches the candidates and records the
:class:`Decision` (scores and the fields that matched) with each statement, so
``redline show`` can say why two statements were merged.

Red lines: a statement restates a line when
  * the holders share a code,
  * the triggers are compatible: the same action class, or one of them is
    OTHER/RESPOND; trigger actors overlap (or one side is empty); targets
    overlap (or one side is empty). A group counts as overlapping its members
    when a ``groups_of`` function is given (POL's groups include NATO);
  * the trigger texts are similar: ``token_set_ratio`` of the normalised texts
    (:func:`redline.store.wording.normalise`) is at least :data:`LINE_TEXT_THRESHOLD`.
Proposals merge the same way (action class, targets, text ≥ :data:`PROPOSAL_TEXT_THRESHOLD`), a new
wording compared with the nearest of the stored proposal's named wordings (single link).

Meaning before wording: when both sides carry a sentence vector (MiniLM,
:mod:`redline.embed`, stored at ingest), the text test is their cosine against
:data:`LINE_COSINE` / :data:`PROPOSAL_COSINE` instead of the lexical score, so
"lifting limits on long-range strikes" can meet "allowing Ukraine to use ATACMS
inside Russia" and "Ukrainian forces" no longer matches every text that contains
those words (``token_set_ratio`` scores a subset 100). Without vectors (the model
not installed) the lexical test decides, as before. The cosine thresholds were
fitted on the training set (``scripts/fit_links.py``: the best pairwise F1 of
red lines and proposals linked across training articles, against hand labels
in ``scripts/train_links.json``). A lexical match is not added to the meaning
test: on the training set it lowered proposal F1 from 0.43 to 0.27.

Texts that name nothing particular (:func:`redline.store.wording.is_generic`: "the resolution",
"if it goes ahead", one content word) are compared by their sentences: a generic proposal is
embedded from its evidence sentence after its article's headline (``Store.vectors``: "the resolution"
of a vote reported voter by voter is told apart from another vote's by what the headline says was voted
on: training proposal F1 0.20 -> 0.55), and never matches by wording alone; a
line whose trigger is generic may also join by the cosine of the evidence sentences
(:data:`LINE_CONTEXT_COSINE`). On the training set the generic proposals took proposal F1 from
0.16 to 0.35 ("the resolution" of one vote no longer collects every other vote's). A new
statement is compared with every stored wording of a line (single link), and JOIN triggers
compare their parties as one set (who joins and what is joined are read either way round).

The thresholds were calibrated on the pairs in ``tests/test_merge.py``:
restatements in other words score 65-100 after normalisation, different
triggers of one holder with the same action class and codes score 38-62.
Text alone cannot separate every pair; the codes do most of the work.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from redline.embed import cosine
from redline.store.merge_fields import (
    ANYONE,
    CERTAINTY_RANK,
    JOIN_ACTION,
    PARTY_SET_ACTIONS,
    RELATED_ACTIONS,
    WILDCARD_ACTIONS,
    GroupsOf,
    LineSignature,
    ProposalSignature,
    actions_compatible,
    actors_overlap,
    codes_overlap,
    codes_set,
    codes_text,
    context_cosine,
    nearest,
    related_actions,
    specific_agreement,
    stronger_certainty,
)
from redline.store.minhash import LSH_BANDS, NEAR_DUPLICATE_JACCARD, estimate_jaccard, lsh_bands, signature_values
from redline.store.wording import (
    about_peace_force,
    is_generic,
    names_no_act,
    normalise,
    restores_earlier,
    text_similarity,
)

LINE_TEXT_THRESHOLD = 64.0
PROPOSAL_TEXT_THRESHOLD = 68.0
# Cosine of MiniLM vectors at or above which two triggers (two proposals) say the same (scripts/fit_links.py).
LINE_COSINE = 0.60
# When the two triggers' actors (who would act) agree by a named code, not by anyone (ANY) or by a side that
# names none, who acts is settled and the wording may say less (one holder's two wordings of allies spending
# too little on defence, both of NATO's members, meet at 0.57 on the training set). Training
# red-line F1 (the other bars as set here) is 0.67 from 0.45 to 0.56, 0.55 at 0.57 and above; two conditions
# of one doctrine that anyone may meet stay at LINE_COSINE.
NAMED_ACTOR_LINE_COSINE = 0.55
# Training set proposal F1 by threshold (single link over the named wordings, vague ones by their sentence at
# PROPOSAL_CONTEXT_COSINE): 0.52 at 0.60, 0.66 at 0.65, 0.68-0.69 at 0.68-0.71, 0.10 at 0.72; 0.65 keeps clear.
PROPOSAL_COSINE = 0.65
# When both proposals name the same class and share a named target, the structure carries part of the decision
# and the wording may say less (as AGREED_LINE_COSINE for lines; scripts/fit_links.py --vary).
PROPOSAL_AGREED_COSINE = 0.60
# Cosine at or above which two proposals say the same when one of them names nothing particular ("the
# resolution", "that opposed the draft") and stands in by its sentence: reports of votes read alike whatever
# was voted on, so the sentences must agree more closely than two wordings (scripts/fit_links.py --vary).
PROPOSAL_CONTEXT_COSINE = 0.75
# Cosine of the evidence sentences at or above which two lines, one with a trigger that names nothing
# particular ("if such actions are repeated"), say the same (scripts/fit_links.py: training red-line F1 0.67
# from 0.54 to 0.58, 0.55 at 0.59, 0.50 at 0.50, the other bars as set here; "longer-range missiles supplied"
# meets by its sentence a line of the same holder whose trigger was not extracted at 0.58).
LINE_CONTEXT_COSINE = 0.56
# On the training set two different lines of one holder (arming itself / attacking again) met at 0.70.
RELATED_COSINE = 0.72
# When holder, class and both trigger parties agree by a named code (not by an unspecified side or by
# ANY), the structure carries part of the decision and the trigger wording may say less. On the training
# set two rounds of sanctions years apart ("the latest sanctions were adopted" / new sanctions on oil sales,
# the parties agreeing through a member of the EU) meet at 0.52: the bar keeps a margin above them (training
# red-line precision 0.44 at 0.50, 0.67 from 0.52 up, the other bars as set here).
AGREED_LINE_COSINE = 0.54
# Extraction names the action class from one clause, and two wordings of one threat may be read in different
# classes ("convoys moved up to the frontier", DEPLOY / "provocations such as moving convoys to the frontier",
# COERCE). When both the triggers and the evidence sentences (the nearest of the line's) say the same in
# meaning, the class disagreement is overruled. No two training lines of different classes are one line; the
# bars keep clear of every such pair of one holder there (scripts/fit_links.py; the nearest: triggers 0.70 with
# sentences 0.57, 0.61 with 0.54, 0.50 with 0.74). With no training pair of one line in two classes the bar
# cannot be fitted; the triggers must agree as much as across the related classes (RELATED_COSINE, fitted on
# training lines of one holder); sentences: scripts/written_links.json (fit_links.py --written) F1 0.52 at 0.40-0.56,
# 0.49 from 0.58 up, training F1 0.73 at 0.40-0.70. Without vectors two classes stay two lines.
CROSS_CLASS_COSINE = RELATED_COSINE
CROSS_CLASS_CONTEXT_COSINE = 0.50

# re-exported: merging compares wording with them
# (and the near-duplicate helpers of redline.store.minhash, which the store reads with the merging decisions)
__all__ = [
    "ANYONE",
    "CERTAINTY_RANK",
    "JOIN_ACTION",
    "LSH_BANDS",
    "NEAR_DUPLICATE_JACCARD",
    "PARTY_SET_ACTIONS",
    "RELATED_ACTIONS",
    "WILDCARD_ACTIONS",
    "GroupsOf",
    "about_peace_force",
    "actions_compatible",
    "actors_overlap",
    "codes_overlap",
    "codes_set",
    "codes_text",
    "estimate_jaccard",
    "is_generic",
    "lsh_bands",
    "nearest",
    "normalise",
    "related_actions",
    "signature_values",
    "specific_agreement",
    "stronger_certainty",
    "text_similarity",
]


def same_wording(
    new_text: str, old_text: str, new_vector: Any, old_vector: Any, *, lexical: float, meaning: float
) -> tuple[bool, float, float, str]:
    """Whether two texts say the same: ``(ok, score 0-100, threshold, verdict)``.

    The cosine of their vectors decides when both have one; else the lexical score.
    """
    sim = cosine(new_vector, old_vector)
    if sim is None:
        if is_generic(new_text) or is_generic(old_text):
            # "the resolution" and "the resolution" are two resolutions until their sentences say otherwise
            return False, 0.0, lexical, "generic wording: not compared without meaning (lexical)"
        score = text_similarity(new_text, old_text)
        ok = score >= lexical
        return ok, score, lexical, f"wording {score:.0f} {'≥' if ok else '<'} {lexical:.0f} (lexical)"
    ok = sim >= meaning
    return ok, 100.0 * sim, 100.0 * meaning, f"meaning {sim:.2f} {'≥' if ok else '<'} {meaning:.2f} (cosine)"


@dataclass(frozen=True)
class Decision:
    """One merging decision: matched or not, with which item, the text score and each field's verdict."""

    matched: bool
    target_id: int | None
    score: float
    threshold: float
    fields: dict[str, str] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {
            "matched": self.matched,
            "target_id": self.target_id,
            "score": round(self.score, 1),
            "threshold": self.threshold,
            "fields": self.fields,
        }

    def explain(self) -> str:
        """One sentence: why this statement joined (or opened) its line."""
        parts = "; ".join(f"{k}: {v}" for k, v in self.fields.items())
        if self.matched:
            return f"merged into #{self.target_id}: {parts}"
        return f"new: {parts}" if parts else "new: no earlier candidate"


def compare_lines(
    new: LineSignature,
    old: LineSignature,
    *,
    groups_of: GroupsOf | None = None,
    threshold: float = LINE_TEXT_THRESHOLD,
    target_id: int | None = None,
) -> Decision:
    """Whether ``new`` restates the line ``old``, with the verdict on every field.

    A line is one trigger and one consequence: two specific consequence classes that differ ("at war" /
    "the end of relations") are two lines. The cosine needed is lower when the holder, the class and both
    trigger parties agree by named codes (:data:`AGREED_LINE_COSINE`), a little lower when the actors do
    (:data:`NAMED_ACTOR_LINE_COSINE`), higher across related classes (:data:`RELATED_COSINE`).
    """
    fields: dict[str, str] = {}
    holder_ok, fields["holder"] = codes_overlap(new.holder, old.holder)
    if not new.holder or not old.holder:
        holder_ok, fields["holder"] = False, "holder unknown"
    related = related_actions(new.action, old.action)
    action_ok, fields["action"] = actions_compatible(new.action, old.action)
    if related:
        action_ok, fields["action"] = True, f"{new.action} ~ {old.action} (related classes)"
    cross_class = not action_ok and _cross_class_context(new, old)
    if cross_class:
        action_ok = True
        bar = CROSS_CLASS_CONTEXT_COSINE
        fields["action"] += f" (other classes, the sentences alike: {cross_class:.2f} ≥ {bar:.2f})"
    agreed = False
    if PARTY_SET_ACTIONS & {new.action, old.action}:
        # the parties of the two triggers are compared as one set (see PARTY_SET_ACTIONS)
        parties_ok, how = actors_overlap(new.actors | new.targets, old.actors | old.targets, groups_of)
        actors_ok = targets_ok = parties_ok
        fields["parties"] = how
        agreed = specific_agreement(how)
    else:
        actors_ok, fields["actors"] = actors_overlap(new.actors, old.actors, groups_of)
        targets_ok, fields["targets"] = codes_overlap(new.targets, old.targets, groups_of)
        if targets_ok and not _targets_stated(new.targets, old):
            # "an attack on Russia and Belarus" is not "an attack on Russia": who is covered is the line
            targets_ok, fields["targets"] = False, f"{codes_text(new.targets)} vs {_stated_text(old)} (other targets)"
        agreed = specific_agreement(fields["actors"]) and specific_agreement(fields["targets"])
    consequence_ok, fields["consequence"] = actions_compatible(new.consequence, old.consequence)
    named_actor = specific_agreement(fields.get("actors", fields.get("parties", "")))
    agreed = agreed and new.action == old.action and new.action not in WILDCARD_ACTIONS
    meaning = CROSS_CLASS_COSINE if cross_class else RELATED_COSINE if related else AGREED_LINE_COSINE if agreed \
        else NAMED_ACTOR_LINE_COSINE if named_actor else LINE_COSINE
    text_ok, score, bar, fields["text"] = _line_wording(new, old, threshold, meaning)
    ok = holder_ok and action_ok and actors_ok and targets_ok and consequence_ok and text_ok
    return Decision(ok, target_id, score, bar, fields)


def _cross_class_context(new: LineSignature, old: LineSignature) -> float:
    """The cosine of two lines' evidence sentences when it reaches :data:`CROSS_CLASS_CONTEXT_COSINE` and their
    triggers' classes differ (both named, neither vague), else 0.0: two readings of one threat in two classes
    may still be one line, if the triggers say the same too (``compare_lines`` then asks
    :data:`CROSS_CLASS_COSINE` of them). Never without vectors."""
    if not (_specific(new.action) and _specific(old.action)) or new.vector is None or old.vector is None:
        return 0.0
    sim = context_cosine(new, old)
    return sim if sim >= CROSS_CLASS_CONTEXT_COSINE else 0.0


def hostile_to_holder(sig: LineSignature) -> bool:
    """Whether a trigger says only that someone acts against the holder (:func:`names_no_act`: "aggression
    against X or its partners", held by X, by anyone): who is covered, not which act."""
    return (not sig.actors - {ANYONE} and bool(sig.targets) and sig.targets <= sig.holder
            and names_no_act(sig.text))


def _targets_stated(targets: frozenset[str], old: LineSignature) -> bool:
    """Whether a trigger's targets are those of the stored line as one of its statements named them (either
    side naming none is no disagreement)."""
    stated = [t for t in (old.stated_targets or (old.targets,)) if t]
    return not targets or not stated or targets in stated


def _stated_text(old: LineSignature) -> str:
    return " / ".join(codes_text(t) for t in (old.stated_targets or (old.targets,)) if t)


def _line_wording(
    new: LineSignature, old: LineSignature, lexical: float, meaning: float = LINE_COSINE
) -> tuple[bool, float, float, str]:
    """Whether two triggers say the same: by the nearest of the stored line's trigger vectors (the first
    statement's and every restatement's), or, when one trigger names nothing particular ("if it goes
    ahead"), by their evidence sentences."""
    old_vector = nearest(new.vector, (old.vector, *old.restatements)) if new.vector is not None else old.vector
    wording = same_wording(new.text, old.text, new.vector, old_vector, lexical=lexical, meaning=meaning)
    if (hostile_to_holder(new) and not names_no_act(old.text)) or (hostile_to_holder(old) and not names_no_act(
            new.text)):
        # "aggression against X or its partners" reads like every trigger aimed at X (a sentence model puts it
        # near any other act against X); naming no act, it is no restatement of a line that names one (two
        # triggers that both name none may be)
        return False, wording[1], wording[2], f"{wording[3]}; one trigger names no act, only the holder"
    if restores_earlier(new.text) != restores_earlier(old.text):
        # "sanctions are reinstated" is a return to an earlier measure, "the latest sanctions were adopted" a new
        # one: alike in words (a sentence model puts them near), two triggers (on the training set two rounds of
        # sanctions fifteen years apart met at 0.61)
        return False, wording[1], wording[2], f"{wording[3]}; one trigger brings back an earlier measure"
    if wording[0] or new.context is None or (old.context is None and not old.contexts):
        return wording
    if not (is_generic(new.text) or is_generic(old.text)):
        return wording
    if not is_generic(new.text) and old.restatements:
        # the line was first stated vaguely, but a restatement has named its trigger: a new trigger that names
        # its own is compared with that wording, not let in by a sentence that reads alike
        return wording
    sim = context_cosine(new, old)
    ok = sim >= LINE_CONTEXT_COSINE
    verdict = f"{wording[3]}; the trigger is vague: sentence meaning {sim:.2f} {'≥' if ok else '<'} " \
        f"{LINE_CONTEXT_COSINE:.2f}"
    return ok, 100.0 * sim, 100.0 * LINE_CONTEXT_COSINE, verdict


def compare_proposals(
    new: ProposalSignature,
    old: ProposalSignature,
    *,
    groups_of: GroupsOf | None = None,
    threshold: float = PROPOSAL_TEXT_THRESHOLD,
    target_id: int | None = None,
) -> Decision:
    """Whether two proposals are the same debated action.

    Sending troops is two moves: into a force that keeps a peace once agreed, and into the war. Two deployments
    whose articles differ on that (:attr:`ProposalSignature.peace_force`) are two proposals whatever the wording
    says ("sending British forces to Ukraine" is said of both).
    """
    fields: dict[str, str] = {}
    action_ok, fields["action"] = actions_compatible(new.action, old.action)
    targets_ok, fields["targets"] = codes_overlap(new.targets, old.targets, groups_of)
    if deploys_troops(new) and deploys_troops(old) and None not in (new.peace_force, old.peace_force) \
            and new.peace_force != old.peace_force:
        fields["setting"] = "a force to keep a peace vs troops sent into the war"
        return Decision(False, target_id, 0.0, threshold, fields)
    by_sentence = is_generic(new.text) or is_generic(old.text)
    agreed = new.action == old.action and _specific(new.action) and specific_agreement(fields["targets"])
    text_ok, score, bar, fields["text"] = same_wording(
        new.text, old.text, new.vector, nearest(new.vector, (old.vector, *_named_wordings(new, old))),
        lexical=threshold,
        meaning=PROPOSAL_CONTEXT_COSINE if by_sentence else PROPOSAL_AGREED_COSINE if agreed else PROPOSAL_COSINE,
    )
    if by_sentence and new.vector is not None and old.vector is not None:
        fields["text"] += "; the wording is vague: compared by its sentence"
    return Decision(action_ok and targets_ok and text_ok, target_id, score, bar, fields)


def _specific(action: str | None) -> bool:
    return bool(action) and action not in WILDCARD_ACTIONS


def deploys_troops(p: ProposalSignature) -> bool:
    """Whether a proposal is sending forces somewhere: of class DEPLOY, or of no named class and worded so."""
    if p.action == "DEPLOY":
        return True
    words = set(normalise(p.text).split())
    return (not p.action or p.action in WILDCARD_ACTIONS) and bool(words & {"deploy", "troop"})


def _named_wordings(new: ProposalSignature, old: ProposalSignature) -> list[Any]:
    """The vectors of ``old``'s other wordings that ``new`` may be compared with: those that name the move,
    and none when ``new`` does not. A generic wording ("the resolution") stands in by its sentence, and the
    sentences of votes read voter by voter are alike whatever was voted on: single link through them joined
    two resolutions on the training set (proposal P 0.59 → 0.47)."""
    if is_generic(new.text):
        return []
    return [vector for text, vector in old.wordings if not is_generic(text)]


def best_match(decisions: Iterable[Decision], threshold: float) -> Decision:
    """The matched decision with the highest score; else the closest miss, reported as new."""
    best: Decision | None = None
    closest: Decision | None = None
    for d in decisions:
        if d.matched and (best is None or d.score > best.score):
            best = d
        if closest is None or d.score > closest.score:
            closest = d
    if best is not None:
        return best
    if closest is None:
        return Decision(False, None, 0.0, threshold, {})
    fields = {"closest": f"#{closest.target_id}", **closest.fields}
    return Decision(False, None, closest.score, threshold, fields)


def match_line(
    new: LineSignature,
    candidates: Iterable[tuple[int, LineSignature]],
    *,
    groups_of: GroupsOf | None = None,
    threshold: float = LINE_TEXT_THRESHOLD,
) -> Decision:
    """The stored line ``new`` restates, if any, among ``(id, signature)`` candidates."""
    return best_match(
        (compare_lines(new, sig, groups_of=groups_of, threshold=threshold, target_id=i) for i, sig in candidates),
        threshold,
    )


def match_proposal(
    new: ProposalSignature,
    candidates: Iterable[tuple[int, ProposalSignature]],
    *,
    groups_of: GroupsOf | None = None,
    threshold: float = PROPOSAL_TEXT_THRESHOLD,
) -> Decision:
    """The stored proposal ``new`` is the same as, if any."""
    return best_match(
        (compare_proposals(new, sig, groups_of=groups_of, threshold=threshold, target_id=i) for i, sig in candidates),
        threshold,
    )



