"""One item per red line: the statements of one line in an article, merged; distinct lines kept apart.

An article restates a line ("any attack on Crimea", "an attempt to seize the peninsula") and a holder
draws several ("aggression against Russia", "a massive missile launch", as a doctrine lists them).
Two statements are one line when the holder is the same and the triggers name the same act: a word
in common, the same class against the same party, or a trigger too vague to tell apart.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from spacy.tokens import Token

from redline.actors import load_registry
from redline.extract import attribution as attr
from redline.extract.frame_tokens import Frame
from redline.extract.pipeline import Context
from redline.models import Consequence, Trigger


@dataclass
class Candidate:
    """One sentence's statement of a red line, before merging."""

    sentence: int
    holder: tuple[str, ...]
    speaker: str | None
    frame: Frame
    trigger: Trigger
    consequence: Consequence
    certainty: str
    explicit: bool
    ordinal: int | None = None
    sentences: list[int] = field(default_factory=list)
    # the trigger's content words and the codes it names, other than the holder's (``trigger_words``)
    words: frozenset[str] = frozenset()
    # every statement of it is a headline (no sentence's closing stop)
    headline: bool = False


# Words that say a trigger is hostile without saying which act it is: two lines may share them.
GENERIC_TRIGGER_WORDS = frozenset(
    "any attack attacks aggression action actions act move moves step steps measure measures red line lines cross "
    "crossing crosses threat threats attempt attempts case way kind form such further".split()
    # "against X and its allies": the holder's side, left out like the holder's own names
) | {"ally", "allies"}


def trigger_words(ctx: Context, i: int, tokens: Sequence[Token], hold: set[str]) -> frozenset[str]:
    """What a trigger is about: its content lemmas and the codes it names, minus the holder's own names.

    "an attack on Crimea" and "Kyiv moves to retake the Crimean coast" share "crimea";
    "an attack on Russia" and "aggression against Russia and Belarus" share nothing but their target,
    the holder, which every line it draws has in common.
    """
    holder_ids: set[int] = set()
    party_ids: set[int] = set()
    base = ctx.sentences[i].span.start
    words: set[str] = set()
    for m in attr.tokens_mentions(ctx, i, tokens):
        codes = set(m.codes)
        inside = {t.i for t in tokens if m.span.start <= base + t.idx < m.span.end}
        if codes <= hold:
            holder_ids.update(inside)
        else:
            if _own_name(m.text, codes):
                # a state named by its own name stands for itself by its code ("Ukraine", "Ukrainian": "#UKR");
                # a place inside it ("Crimea") keeps its word too
                party_ids.update(inside)
            words.update(f"#{c}" for c in codes - hold)
    for t in tokens:
        lemma = t.lemma_.lower()
        if (t.i in holder_ids or t.i in party_ids or not t.is_alpha or t.is_stop or len(lemma) < 3
                or t.pos_ in {"PRON", "DET", "AUX", "ADP", "CCONJ", "SCONJ", "PART"} or lemma in GENERIC_TRIGGER_WORDS):
            continue
        words.add(lemma[:6])
    return frozenset(words)


def _vague(words: frozenset[str]) -> bool:
    """A trigger of fewer than two content words, a party named counting as two ("aggression against Belarus")."""
    return sum(2 if w.startswith("#") else 1 for w in words) < 2


def _own_name(text: str, codes: set[str]) -> bool:
    """Whether a mention is an actor's own name or its adjective ("Ukrainian"), not a place inside it."""
    actors = load_registry().actors
    word = text.removeprefix("the ").removeprefix("The ")[:5].lower()
    return any((a := actors.get(c)) is not None and a.name[:5].lower() == word for c in codes)


def _share(a: frozenset[str], b: frozenset[str]) -> bool:
    """A word in common, or one the start of the other ("kill" / "killin", "crimea" / "crimea")."""
    return bool(a & b) or any(len(x) >= 4 and len(y) >= 4 and (x.startswith(y) or y.startswith(x))
                              for x in a for y in b if not x.startswith("#") and not y.startswith("#"))


def _compatible(a: Candidate, b: Candidate) -> bool:
    """Statements of one line: the same holder, and a trigger too vague to tell apart or one naming the same thing.

    Two specific triggers with nothing in common ("aggression against Russia", "a massive missile launch")
    are two lines of one holder, as a doctrine lists them.
    """
    if not set(a.holder) & set(b.holder):
        return False
    if b.sentence in a.sentences:
        # two conditions of one sentence are two red lines
        return False
    if a.ordinal and b.ordinal and a.ordinal != b.ordinal:
        return False
    if _shared_only_parties(a, b) and (_distinct_answers(a, b) or (
            a.trigger.action != b.trigger.action and not {a.trigger.action, b.trigger.action} & WEAK)):
        # "a blockade of Moldova" and "Moldova entering the EU": one place named, two acts
        return False
    if _named_answer_after_unspecified(a, b) or _named_vague_after_unvoiced(a, b):
        # "Tehran warned any aggression would be met with a response"; later "the foreign minister said any
        # attack would mean all-out war": a vague answer in one voice, a specific one in a named other's
        return False
    if _other_voice_other_answer(a, b):
        # "the ministry warned of consequences if X" and "the ex-president warned Russia would deploy nuclear
        # arms if X": two officials, two answers, two lines
        return False
    if "doctrine" in {a.frame.kind, b.frame.kind} and a.trigger.text and b.trigger.text and not _share(
            a.words, b.words):
        # a doctrine lists its conditions, and a vague one stated beside them ("aggression against it and its
        # allies") is one more condition, not a restatement of the first
        return False
    if _vague(a.words) or _vague(b.words) or _share(a.words, b.words):
        # "if this happens", "provoked", an explicit red line that names no act: the line stated elsewhere;
        # unless the two answers differ in kind ("a massive military response", "cut off trade with ...")
        return _share(a.words, b.words) or not _distinct_answers(a, b)
    if "doctrine" in {a.frame.kind, b.frame.kind}:
        # a doctrine lists its conditions: each one named apart is a line of its own
        return False
    pa, pb = _named_parties(a), _named_parties(b)
    if a.trigger.action in WEAK or b.trigger.action in WEAK:
        # an act of no known class: the same line when it names the same party, or none
        return (not pa or not pb or bool(pa & pb)) and not _distinct_answers(a, b)
    if a.trigger.action != b.trigger.action:
        return False
    # "an attack on Pakistan" and "punitive military action against Pakistan": one act against one place.
    same_place = not a.trigger.targets or not b.trigger.targets or bool(set(a.trigger.targets) & set(b.trigger.targets))
    same_party = (not a.trigger.actors or not b.trigger.actors or "ANY" in a.trigger.actors + b.trigger.actors
                  or bool(set(a.trigger.actors) & set(b.trigger.actors)))
    # two specific acts in words of their own, answered in words of their own: two lines
    return same_place and same_party and not _apart(a, b)


WEAK = frozenset({"OTHER", "RESPOND"})
# Answers by force of one kind or another: one line's statements may be read as any of them.
FORCE_ANSWERS = frozenset({"ATTACK", "DEPLOY", "ARM", "WMD", "COERCE"})


def _shared_only_parties(a: Candidate, b: Candidate) -> bool:
    """The two triggers share a party's code and no word of their own."""
    common = a.words & b.words
    return bool(common) and all(w.startswith("#") for w in common) and not _share(
        frozenset(w for w in a.words if not w.startswith("#")), frozenset(w for w in b.words if not w.startswith("#")))


def _distinct_answers(a: Candidate, b: Candidate) -> bool:
    """Two consequences of known classes, different in kind (force, economic penalty, ...)."""
    ca, cb = a.consequence.action, b.consequence.action
    return ca != cb and not {ca, cb} & WEAK and not {ca, cb} <= FORCE_ANSWERS


ANSWER_STOP = frozenset(
    "would will could might must shall should that this these those with from they their them have been into also "
    "very such there then what which when where about against over their would".split())
ANSWER_WORD = re.compile(r"[^\W\d_]{4,}")


def _answer_words(c: Candidate) -> frozenset[str]:
    """The consequence's common words, cut to six letters ("retaliate" / "retaliation"); names and the words
    that report it ("Russia's spokeswoman warned of ...") left out."""
    return frozenset(w[:6] for w in ANSWER_WORD.findall(c.consequence.text)
                     if w[0].islower() and w not in ANSWER_STOP and w[:4] not in REPORT_STEMS)


REPORT_STEMS = frozenset("warn said says told tell stat adde thre spok minis offi".split())


def _apart(a: Candidate, b: Candidate) -> bool:
    """Two consequences stated, sharing no word."""
    wa, wb = _answer_words(a), _answer_words(b)
    return bool(wa) and bool(wb) and not _share(wa, wb)


def _surname(speaker: str | None) -> str | None:
    return speaker.split()[-1].lower() if speaker and speaker.split() else None


def _other_voice_other_answer(a: Candidate, b: Candidate) -> bool:
    """Two speakers named for one holder, with answers that share no word, one of them of a known kind."""
    sa, sb = _surname(a.speaker), _surname(b.speaker)
    return (sa is not None and sb is not None and sa != sb and _apart(a, b)
            and not {a.consequence.action, b.consequence.action} <= WEAK)


def _named_answer_after_unspecified(vague: Candidate, named: Candidate) -> bool:
    """``vague`` answers only with unspecified consequences, in the body of the article, and ``named``, stated
    after it, gives an answer of a known kind in the words of a named official who is not ``vague``'s speaker.

    A headline's "X warns of consequences" summarises the line the body spells out, so it does not count.
    """
    return (vague.consequence.action == "RESPOND" and named.consequence.action not in WEAK
            and not vague.headline and named.speaker is not None
            and _surname(named.speaker) != _surname(vague.speaker))


def _named_vague_after_unvoiced(specific: Candidate, named: Candidate) -> bool:
    """An answer of a known kind that no one named gave, then a named official's unspecified one to an act in
    other words ("warning that X will be the end of relations"; later "the spokeswoman warned any other
    hostile step will draw a reply"): two lines."""
    return (specific.speaker is None and specific.consequence.action not in WEAK and not specific.headline
            and named.speaker is not None and named.consequence.action == "RESPOND"
            and bool(named.words) and not _share(specific.words, named.words))


def _named_parties(c: Candidate) -> set[str]:
    """The trigger's parties other than its holder and "any party"."""
    return set(c.trigger.actors + c.trigger.targets) - set(c.holder) - {"ANY"}


def _better(a: Candidate, b: Candidate) -> Candidate:
    """The statement whose trigger and consequence describe the line best."""
    def score(c: Candidate) -> tuple[int, int, int, int]:
        return (int(bool(c.trigger.text) and c.frame.kind != "explicit"),
                int(c.trigger.action not in {"OTHER", "RESPOND"}),
                int(c.consequence.action != "RESPOND"), -c.sentence)
    return a if score(a) >= score(b) else b


def _with_named_actors(best: Trigger, other: Trigger, hold: set[str]) -> Trigger:
    """The best statement's trigger; when it names no one but "any party" ("any attempt to blockade the port")
    and another statement of the line names who would do it in its own words ("if its neighbours attempted a
    blockade"), those are named beside "any"."""
    if not set(best.actors) <= {"ANY"} or other.actors_inferred:
        return best
    named = [c for c in other.actors if c != "ANY" and c not in hold and c not in best.actors]
    return replace(best, actors=tuple(dict.fromkeys(best.actors + tuple(named)))) if named else best


def merge(cands: list[Candidate]) -> list[Candidate]:
    """One item per red line: statements of the same line in one article are merged."""
    merged: list[Candidate] = []
    for c in cands:
        # a vague statement ("if this happens", "they would be legitimate targets") restates the line stated
        # nearest before it, not the article's first line of its holder
        order = sorted(range(len(merged)), key=lambda k: -max(merged[k].sentences)) if _vague(c.words) else range(
            len(merged))
        for k in order:
            m = merged[k]
            if _compatible(m, c):
                best = _better(m, c)
                other = c if best is m else m
                ranks = {"high": 3, "medium": 2, "low": 1}
                merged[k] = Candidate(
                    sentence=m.sentence, holder=m.holder, speaker=m.speaker or c.speaker, frame=best.frame,
                    trigger=_with_named_actors(best.trigger, other.trigger, set(m.holder)),
                    consequence=best.consequence,
                    certainty=max(m.certainty, c.certainty, key=lambda x: ranks[x]),
                    explicit=m.explicit or c.explicit, ordinal=m.ordinal or c.ordinal,
                    sentences=sorted(set(m.sentences + c.sentences)), words=m.words | c.words,
                    headline=m.headline and c.headline,
                )
                break
        else:
            merged.append(c)
    return merged
