"""Stance candidates and their features, for the fitted scorer (``redline.extract.scorer``).

The rules of ``stances.py`` find a stance when they can read its structure;
news words positions in far more ways than rules list ("Spain's refusal to
join", "abstained", "asked for more time", a headline). So every (actor,
parsed sentence) pair is a *candidate*: each actor named in the sentence, and
the sentence's attributed voice. A candidate is described by general features
of the sentence and of the actor's place in its parse: the position words the
sentence holds, whether the rules found a stance there, the actor's syntactic
role, the verbs above it, and the lemmas of the sentence's verbs, nouns and
adjectives. A linear model fitted on the training set (``make train``) scores
them; nothing here is tuned by hand to a sentence.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from redline.extract import attribution as attr
from redline.extract.cue_guards import asked_from, criticised, obliged
from redline.extract.lexicon import (
    CONDITIONAL_RE,
    EXPLICIT_RE,
    OPEN_RE,
    OPPOSE_RE,
    PROPOSAL_RE,
    REPORTING_VERBS,
    RESPONSE_RE,
    SUPPORT_RE,
)
from redline.extract.pipeline import Context, guarded
from redline.models import ActorMention

SENTENCE_CUES: dict[str, re.Pattern[str]] = {
    "support": SUPPORT_RE, "oppose": OPPOSE_RE, "open": OPEN_RE, "conditional": CONDITIONAL_RE,
    "proposal": PROPOSAL_RE, "explicit": EXPLICIT_RE, "response": RESPONSE_RE,
    "speculation": re.compile(r"\b(?:would likely|will likely|likely to|probably|analysts?|experts?)\b", re.I),
    "vote": re.compile(r"\b(?:vot\w*|abstain\w*|veto\w*|resolution|ballot)\b", re.I),
    "negation": re.compile(r"\b(?:not|n't|never|no)\b", re.I),
    "quote": re.compile("[\"“”]"),
    "question": re.compile(r"\?"),
}
# Searched in every candidate sentence and clause: each behind the guard of its first characters (same matches).
SENTENCE_CUES = {name: guarded(pattern) for name, pattern in SENTENCE_CUES.items()}
CONTENT_POS = frozenset({"VERB", "NOUN", "ADJ"})
# Dependency labels kept as they are; the rest fold into "other".
DEPS = frozenset({"nsubj", "nsubjpass", "poss", "pobj", "dobj", "conj", "appos", "compound", "amod", "npadvmod",
                  "attr", "ROOT", "dative", "agent", "nmod"})


@dataclass
class StanceCandidateFeatures:
    """One (actor, sentence) pair and what describes it."""

    code: str
    sentence: int
    features: dict[str, float] = field(default_factory=dict)
    speaker: str | None = None


# The lists tokens_of has read: id -> (the list, the tokens' starts, their ends), both in token order.
_EDGES: dict[int, tuple[Sequence[Token], list[int], list[int]]] = {}
_EDGES_KEPT = 256


def tokens_of(tokens: Sequence[Token], base: int, mention: ActorMention) -> list[Token]:
    """The tokens of a sentence (listed once: ``list(doc)``) that a mention covers; ``base`` is its offset.

    Those are the tokens starting before the mention's end and ending after its start. A sentence's
    tokens run in text order, starts and ends alike, so they are one run, found by bisecting the
    list's starts and ends (read once per list); a list in another order is tested token by token.
    """
    start, end = mention.span.start - base, mention.span.end - base
    edges = _EDGES.get(id(tokens))
    if edges is None or edges[0] is not tokens or len(edges[1]) != len(tokens):
        starts = [t.idx for t in tokens]
        ends = [a + len(t.text) for a, t in zip(starts, tokens, strict=True)]
        if len(_EDGES) >= _EDGES_KEPT:
            _EDGES.clear()
        ordered = all(a <= b for a, b in itertools.pairwise(starts)) and all(
            a <= b for a, b in itertools.pairwise(ends))
        edges = _EDGES[id(tokens)] = (tokens, starts, ends) if ordered else (tokens, [], [])
    if not edges[1] and tokens:
        return [t for t in tokens if t.idx < end and t.idx + len(t.text) > start]
    first = bisect.bisect_right(edges[2], start)  # the first token ending after the mention's start
    last = bisect.bisect_left(edges[1], end)  # the tokens before it start before the mention's end
    return list(tokens[first:last])


def root_of(tokens: list[Token]) -> Token:
    """The token of ``tokens`` whose head lies outside them: the head of a mention's words."""
    ids = {t.i for t in tokens}
    return next((t for t in tokens if t.head.i not in ids or t.head.i == t.i), tokens[-1])


def _verb_above(t: Token) -> Token | None:
    for a in t.ancestors:
        if a.pos_ in {"VERB", "AUX"} or a.dep_ == "ROOT":
            return a
    return None


def _negated(t: Token) -> bool:
    return any(c.dep_ == "neg" for c in t.children)


def _sentence_features(ctx: Context, i: int, tokens: Sequence[Token]) -> dict[str, float]:
    text = ctx.sentences[i].text
    out: dict[str, float] = {"bias": 1.0}
    for name, pattern in SENTENCE_CUES.items():
        if pattern.search(text):
            out[f"s:{name}"] = 1.0
    if i == 0 or not text.rstrip("\"”’' ").endswith((".", "!", "?")):
        out["s:headline"] = 1.0
    for t in tokens:
        if t.pos_ in CONTENT_POS and t.is_alpha and len(t.text) > 2:
            out[f"lem:{t.lemma_.lower()}"] = 1.0
    root = next((t for t in tokens if t.dep_ == "ROOT"), None)
    if root is not None:
        out[f"root:{root.lemma_.lower()}"] = 1.0
    if any(t.lemma_.lower() in REPORTING_VERBS and t.pos_ == "VERB" for t in tokens):
        out["s:reported"] = 1.0
    return out


def _bucket(n: int) -> str:
    return "1" if n <= 1 else "2" if n == 2 else "3-4" if n <= 4 else "5+"


# Lemmas whose class a verb above the actor carries: the actor's own position, or what is done to it.
VERB_CLASSES: dict[str, str] = {}
for _cls, _words in (
    ("support", "support back call urge favour favor endorse welcome push propose pledge agree decide approve "
                "plan want press seek promise advocate authorize authorise send provide deliver supply deploy "
                "vote join sign offer demand request ask commit announce"),
    ("oppose", "reject oppose refuse deny veto dismiss condemn block object exclude rule criticize criticise "
               "warn protest denounce resist slam accuse"),
    ("open", "consider weigh mull explore study discuss review examine contemplate abstain hesitate"),
    ("say", "say tell state add note claim insist stress report"),
):
    for _w in _words.split():
        VERB_CLASSES.setdefault(_w, _cls)


def _mention_features(doc: Doc, tokens: Sequence[Token], base: int, mentions: list[ActorMention],
                      cache: dict[int, tuple[str, ...]]) -> dict[str, float]:
    out: dict[str, float] = {}
    for m in mentions[:2]:
        toks = tokens_of(tokens, base, m)
        if not toks:
            continue
        out[f"m:kind={m.kind}"] = 1.0
        out.update(_role_features(doc, root_of(toks), cache))
    return out


# A subject that stands for several actors named before: "they", "we", "both sides", "the three nations".
COLLECTIVE_PRONOUNS = frozenset({"they", "we", "both"})
COLLECTIVE_NOUNS = frozenset("nation country state leader minister side government ally member partner capital "
                             "power signatory".split())


def _collective_subject(tokens: Sequence[Token]) -> Token | None:
    for t in tokens:
        if t.dep_ not in {"nsubj", "nsubjpass"}:
            continue
        if t.lower_ in COLLECTIVE_PRONOUNS:
            return t
        if t.lemma_.lower() in COLLECTIVE_NOUNS and (t.tag_ == "NNS" or any(
                c.lower_ == "both" or c.like_num for c in t.children)):
            return t
    return None


def _recent_group(ctx: Context, i: int, codes_of: dict[int, list[str]]) -> list[str]:
    """The actors of the latest sentence, among the few before ``i``, that named two or more."""
    for k in range(i - 1, max(-1, i - 1 - attr.CARRY), -1):
        if len(codes_of.get(k, [])) >= 2:
            return codes_of[k]
    return []


# Verbs whose object is asked to act: "urged Denmark to enter talks" is the urger's position, not Denmark's.
ADDRESSEE_VERBS = frozenset("urge ask press call tell demand request invite encourage pressure push advise implore "
                            "appeal warn caution".split())


# The links that climb from a listed actor to its list's head: "urged A and B's authorities", "called on A, B and C".
LIST_DEPS = frozenset({"conj", "appos", "compound", "poss", "nmod"})


def addressee(token: Token) -> bool:
    """Whether an actor's token is the one addressed by a demand (its object), climbing its list.

    "called for Chile to withdraw" addresses Chile as "called on Chile to withdraw" does: the subject of a clause
    that "for" opens under a verb of demand.
    """
    t = token
    while t.dep_ in LIST_DEPS and t.head.i != t.i:
        t = t.head
    if t.dep_ == "nsubj" and any(c.dep_ == "mark" and c.lower_ == "for" for c in t.head.children):
        above = t.head.head
        if above.lower_ == "for":
            above = above.head
        return above.lemma_.lower() in ADDRESSEE_VERBS
    if t.dep_ in {"dobj", "dative"}:
        return t.head.lemma_.lower() in ADDRESSEE_VERBS
    return (t.dep_ == "pobj" and t.head.lower_ in {"on", "upon"}
            and t.head.head.lemma_.lower() in ADDRESSEE_VERBS)


DEMAND_AUX = frozenset({"should", "must", "ought"})


def demanded(token: Token) -> bool:
    """ "Kyiv's allies should ask themselves ...", someone said: the subject of a reported demand."""
    t = token
    while t.dep_ in {"conj", "appos", "compound", "poss"} and t.head.i != t.i:
        t = t.head
    verb = t.head
    return (t.dep_ == "nsubj" and verb.dep_ == "ccomp"
            and any(c.dep_ == "aux" and c.lower_ in DEMAND_AUX for c in verb.children))


LOCAL_CUE_NAMES = ("support", "oppose", "open", "conditional", "vote", "negation")


def _clause_cues(verb: Token, cache: dict[int, tuple[str, ...]]) -> tuple[str, ...]:
    """The position words of a verb's clause, read once per sentence for all its actors (``cache``)."""
    if verb.i not in cache:
        clause = " ".join(t.text for t in verb.subtree)
        cache[verb.i] = tuple(name for name in LOCAL_CUE_NAMES if SENTENCE_CUES[name].search(clause))
    return cache[verb.i]


# What parties conclude or hold themselves: "talks between A and B continue" is their own move.
OWN_MOVES = frozenset("agreement deal accord treaty pact talk negotiation normalisation normalization "
                      "alliance partnership cooperation tie relation".split())


def between_parties(token: Token) -> bool:
    """ "a meeting between A and B", "the ceasefire between A and B": the parties a noun names, not holders.

    Climbs the actor's list (and the title it heads) to a ``between`` that qualifies a noun. Left to the
    model: ``between`` under a verb ("mediated between A and B"), a noun that is a clause's subject ("talks
    between A and B continue") and a move parties conclude themselves ("a deal between A and B").
    """
    t = token
    while t.dep_ in LIST_DEPS and t.head.i != t.i:
        t = t.head
    prep = t.head
    if t.dep_ != "pobj" or prep.lower_ != "between" or prep.head.i == prep.i:
        return False
    noun = prep.head
    return (noun.pos_ in {"NOUN", "PROPN"} and noun.dep_ not in {"nsubj", "nsubjpass", "ROOT"}
            and noun.lemma_.lower() not in OWN_MOVES)


def in_phrase(token: Token) -> bool:
    """ "stall Russian sanctions", "fired US-made missiles": an actor that only qualifies a noun that is no subject.

    Such a party is named inside what is debated, not as its holder; "Russian President Vladimir Putin said"
    qualifies the subject, and stays a holder.
    """
    if between_parties(token):
        return True
    if token.dep_ not in {"amod", "compound"}:
        return False
    noun = token.head
    while noun.dep_ in {"amod", "compound"} and noun.head.i != noun.i:
        noun = noun.head
    return noun.dep_ not in {"nsubj", "nsubjpass", "ROOT"}


def _role_features(doc: Doc, root: Token, cache: dict[int, tuple[str, ...]] | None = None) -> dict[str, float]:
    """Where an actor stands in its sentence's parse: its role, its head, the verbs above it."""
    out: dict[str, float] = {}
    dep = root.dep_ if root.dep_ in DEPS else "other"
    out[f"m:dep={dep}"] = 1.0
    if addressee(root):
        out["m:addressee"] = 1.0
    if demanded(root):
        out["m:demanded"] = 1.0
    if asked_from(root):
        out["m:asked_from"] = 1.0
    if obliged(root):
        out["m:obliged"] = 1.0
    if criticised(root):
        out["m:criticised"] = 1.0
    head = root.head
    out[f"m:head={head.lemma_.lower()}"] = 1.0
    out[f"m:dep={dep}|head={head.lemma_.lower()}"] = 1.0
    if dep == "pobj":
        out[f"m:prep={head.lower_}"] = 1.0
        out[f"m:prep={head.lower_}|{head.head.lemma_.lower()}"] = 1.0
    if dep in {"conj", "appos"} or root.conjuncts:
        out["m:listed"] = 1.0
    if in_phrase(root):
        out["m:in_phrase"] = 1.0
    verb = root if root.pos_ == "VERB" else _verb_above(root)
    if verb is not None:
        # The position words of the actor's own clause, apart from the rest of the sentence's.
        for name in _clause_cues(verb, {} if cache is None else cache):
            out[f"loc:{name}"] = 1.0
        lemma = verb.lemma_.lower()
        out[f"m:verb={lemma}"] = 1.0
        out[f"m:verb={lemma}|dep={dep}"] = 1.0
        if _negated(verb):
            out["m:verb_negated"] = 1.0
            out[f"m:verb={lemma}|neg"] = 1.0
        vclass = VERB_CLASSES.get(lemma, "other")
        role = ("subj" if dep in {"nsubj", "nsubjpass", "agent"} else "obj" if dep in {"dobj", "dative"}
                else dep)
        out[f"m:vclass={vclass}|role={role}"] = 1.0
        if verb.dep_ != "ROOT":
            out[f"m:verb_dep={verb.dep_}"] = 1.0
        else:
            out[f"m:root_verb|role={role}"] = 1.0
        upper = _verb_above(verb)
        if upper is not None:
            out[f"m:verb2={upper.lemma_.lower()}"] = 1.0
    out[f"m:depth={min(attr.depth(root), 4)}"] = 1.0
    if root.i < len(doc) // 3:
        out["m:early"] = 1.0
    return out


def stance_candidates(ctx: Context, rule_positions: dict[tuple[str, int], str]) -> list[StanceCandidateFeatures]:
    """Every (actor, parsed sentence) pair of a document, with its features.

    ``rule_positions`` maps (actor, sentence) to the position the rules found there, as a feature.
    """
    out: list[StanceCandidateFeatures] = []
    voice: attr.Voice | None = None
    salience: dict[str, int] = {}
    for m in ctx.mentions:
        for code in set(m.codes):
            salience[code] = salience.get(code, 0) + 1
    in_sentence = {s.index: ctx.mentions_in(s) for s in ctx.sentences}
    codes_of = {i: list(dict.fromkeys(c for m in ms for c in m.codes)) for i, ms in in_sentence.items()}
    for i in sorted(ctx.parsed):
        doc = ctx.parsed[i]
        sentence = ctx.sentences[i]
        voice = attr.find_voice(ctx, i, voice) or (voice if voice and i - voice.sentence <= attr.CARRY else None)
        own = voice if voice is not None and voice.sentence == i else None
        by_code: dict[str, list[ActorMention]] = {}
        for m in in_sentence[i]:
            for code in m.codes:
                by_code.setdefault(code, []).append(m)
        voiced = set(own.codes) if own is not None else set()
        tokens = list(doc)
        clauses: dict[int, tuple[str, ...]] = {}   # verb index -> its clause's position words
        collective = _collective_subject(tokens)
        group = [c for c in _recent_group(ctx, i, codes_of) if c not in by_code] if collective is not None else []
        codes = list(dict.fromkeys([*by_code, *voiced, *group]))
        if not codes:
            continue
        shared = _sentence_features(ctx, i, tokens)
        shared[f"s:ncodes={_bucket(len(codes))}"] = 1.0
        for rank, code in enumerate(codes):
            feats = dict(shared)
            feats[f"doc:mentions={_bucket(salience.get(code, 0))}"] = 1.0
            if rank == 0:
                feats["m:first"] = 1.0
            mentions = by_code.get(code, [])
            feats.update(_mention_features(doc, tokens, sentence.span.start, mentions, clauses))
            if not mentions and code in group and collective is not None:
                feats["m:collective"] = 1.0
                feats.update({f"{k}|collective": v for k, v in _role_features(doc, collective, clauses).items()})
            elif not mentions:
                feats["m:unnamed"] = 1.0
            if code in voiced:
                feats["voice" if own is not None and not own.carried else "voice_carried"] = 1.0
            rule = rule_positions.get((code, i))
            feats[f"rule={rule or 'none'}"] = 1.0
            if len(code) != 3:
                feats["code:organisation"] = 1.0
            speaker = next((m.person for m in mentions if m.person), None)
            if speaker is None and own is not None and code in own.codes:
                speaker = own.speaker
            out.append(StanceCandidateFeatures(code, i, feats, speaker))
    return out
