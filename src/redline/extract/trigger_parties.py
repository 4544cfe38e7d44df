"""Who would cross a red line, and against whom (FORMAT.md §1, §3): the trigger's parties.

The trigger's own words first (``parties``: each mention's role read from its dependency), then what they
leave out (``trigger_parties``): the holder never crosses its own line; a supply's possessor is the one
armed; a pronoun's antecedent, the one warned, or the other side named around the threat act when the
words name nobody (marked inferred); states join and alliances are joined; "its soil" is the host before
it; an act with no target named is done to the holder.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Token

from redline.actors import load_registry
from redline.extract import attribution as attr
from redline.extract.lexicon import FORCE_WORDS, PERMIT_WORDS, WEAPON_WORDS
from redline.extract.pipeline import Context

ACTOR_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "amod", "compound", "agent", "csubj"})
TARGET_PREPS = frozenset({"on", "against", "to", "into", "in", "inside", "over", "at", "toward", "towards",
                          "across", "within", "onto", "upon"})


def role_of(tokens: Sequence[Token], mention_tokens: list[Token]) -> str:
    """'actor' or 'target' for the mention, read from its head token's dependency."""
    ids = {t.i for t in tokens}
    head = mention_tokens[-1]
    for t in mention_tokens:
        if t.head.i not in {m.i for m in mention_tokens}:
            head = t
            break
    while head.dep_ == "conj" and head.head.i != head.i:
        # "attacks on the Baltic states, Poland or Moldova": a list item plays its list's role.
        head = head.head
    dep = head.dep_
    if len(mention_tokens) > 1 and head.lemma_.lower() in FORCE_WORDS | WEAPON_WORDS:
        # "Western troops", "Polish jets": whoever's troops they are acts, wherever they are sent.
        return "actor"
    if dep == "pobj":
        prep = head.head
        if prep.lower_ == "by" or (prep.lower_ == "from" and prep.head.lemma_ in {"launch", "come", "attack"}):
            return "actor"
        if prep.lower_ in TARGET_PREPS or (prep.lower_ == "of" and prep.head.lemma_ in {"invasion", "attack"}):
            return "target"
        return "target" if prep.head.i in ids else "other"
    if dep in {"dobj", "attr"}:
        return "target"
    if dep in ACTOR_DEPS:
        # "an attack on Belarus by NATO" vs "NATO's attack"; an adjective on an object noun is a target.
        if dep in {"amod", "compound", "poss"} and head.head.dep_ == "pobj" and head.head.head.lower_ in TARGET_PREPS:
            return "target"
        return "actor"
    return "other"


def parties(ctx: Context, i: int, tokens: Sequence[Token]) -> tuple[list[str], list[str]]:
    doc = ctx.parsed[i]
    base = ctx.sentences[i].span.start
    actors: list[str] = []
    targets: list[str] = []
    for m in attr.tokens_mentions(ctx, i, tokens):
        mtoks = [t for t in doc if base + t.idx < m.span.end and base + t.idx + len(t.text) > m.span.start]
        if not mtoks:
            continue
        role = role_of(tokens, mtoks)
        bucket = targets if role == "target" else actors if role == "actor" else None
        if bucket is None:
            bucket = actors if not actors else targets
        for c in m.codes:
            if c not in bucket:
                bucket.append(c)
    return actors, targets


FIRST_PERSON = frozenset({"us", "our", "we", "ours", "ourselves"})
GENERIC_PARTY = re.compile(
    r"\b(?:any(?:one|body)?|whoever|third (?:party|parties|country|countries)|foreign|outside|external|"
    r"other (?:countries|states|nations)|every (?:country|state|nation))\b", re.IGNORECASE)
THIRD_PERSON = frozenset({"they", "them", "their", "it", "its"})


def _possessors(ctx: Context, i: int, tokens: Sequence[Token]) -> set[str]:
    """Codes of mentions that modify a noun in ``tokens`` ("Ukraine's use", "Ukraine long-range missiles")."""
    out: set[str] = set()
    mods = [t for t in tokens if t.dep_ in {"poss", "compound", "nmod", "amod"}]
    for m in attr.tokens_mentions(ctx, i, mods):
        out.update(m.codes)
    return out


def _permitted(ctx: Context, i: int, tokens: Sequence[Token]) -> set[str]:
    """Codes of the agent of an act a permission allows ("allowed the missiles to be fired by Kyiv")."""
    ids = {t.i for t in tokens}
    agents = [a for t in tokens if t.lemma_.lower() in PERMIT_WORDS and t.pos_ == "VERB"
              for v in t.subtree if v.i in ids and v.dep_ in {"ccomp", "xcomp"}
              for a in v.children if a.dep_ == "agent"]
    return {c for m in attr.tokens_mentions(ctx, i, [x for a in agents for x in a.subtree]) for c in m.codes}


def _implied_actors(ctx: Context, i: int, trigger: Sequence[Token], hold: set[str],
                    consequence: list[str]) -> list[str]:
    """Who would cross the line when the trigger names nobody: "they", "any country", the one warned."""
    def others(codes: list[str]) -> list[str]:
        return [c for c in dict.fromkeys(codes) if c not in hold]

    if any(t.lower_ in THIRD_PERSON and t.dep_ in {"nsubj", "nsubjpass", "poss"} for t in trigger):
        # the nearest actor before the pronoun that is not the holder: "sanctions on Ankara if they ..."
        start = trigger[0].idx + ctx.sentences[i].span.start if trigger else ctx.sentences[i].span.start
        lo = ctx.sentences[max(0, i - 2)].span.start
        before = [c for m in ctx.mentions if lo <= m.span.start < start for c in m.codes]
        if found := others(before[::-1]):
            return found[:1]
    generic = ["ANY"] if GENERIC_PARTY.search(" ".join(t.text for t in trigger)) else []
    return generic + (others(_addressees(ctx, i)) or others(consequence))


def _other_side(ctx: Context, i: int, hold: set[str], targets: list[str]) -> list[str]:
    """An agentless trigger ("if aggression is launched"): the parties named around the threat, not its holder.

    The actors of the threat's own sentence first, else of the sentence before; marked as inferred.
    """
    for k in (i, i - 1):
        if k < 0:
            continue
        codes = [c for m in ctx.mentions_in(ctx.sentences[k]) for c in m.codes]
        found = [c for c in dict.fromkeys(codes) if c not in hold and c not in targets]
        if found:
            return found
    return []


# Acts whose other party is the one who receives them (the armed, the host), not the one who fears them.
RECEIVED_CLASSES = frozenset({"ARM", "DEPLOY", "WMD"})


def _joiners(actors: list[str], targets: list[str]) -> tuple[list[str], list[str]]:
    """Who joins and what is joined, whatever roles the parse gave them: states join, alliances are joined."""
    actors_of = load_registry().actors
    pool = list(dict.fromkeys(actors + targets))
    blocs = [c for c in pool if (a := actors_of.get(c)) is not None and a.kind == "organisation"]
    members = [c for c in pool if c not in blocs]
    return (members, blocs) if blocs and members else (actors, targets)


HOST_NOUNS = frozenset({"soil", "territory", "territories", "land", "lands", "country"})


def _host(ctx: Context, i: int, trigger: Sequence[Token], hold: set[str]) -> list[str]:
    """Who a stationing's "its soil" / "their territories" names: the nearest party before it, not the holder."""
    owner = next((t for t in trigger if t.lower_ in {"its", "their"} and t.head.lemma_.lower() in HOST_NOUNS), None)
    if owner is None:
        return []
    # the parties named before the trigger (inside it, "U.S. missile systems" names what is stationed)
    start = ctx.sentences[i].span.start + trigger[0].idx
    lo = ctx.sentences[max(0, i - 2)].span.start
    # a pronoun stands for a noun: "Russian missiles" names whose missiles, no antecedent of "its"
    nominal = {m.span.start for k in range(max(0, i - 2), i + 1) if k in ctx.parsed
               for m in attr.tokens_mentions(ctx, k, [t for t in ctx.parsed[k] if t.pos_ != "ADJ"])}
    before = [m for m in ctx.mentions if lo <= m.span.start < start and m.kind == "state" and m.span.start in nominal]
    if owner.lower_ == "its":
        # the nearest state; "its soil" said of the holder names no host
        return [] if not before or set(before[-1].codes) & hold else list(before[-1].codes)
    # "their territories": the nearest list of states other than the holder ("Poland and Romania")
    run = next((r for r in reversed(attr.mention_lists(ctx.document.text, before))
                if len(r) >= 2 and not any(set(m.codes) & hold for m in r)), [])
    return list(dict.fromkeys(c for m in run for c in m.codes))


# What a trigger may be done to that is no party: a commitment kept or broken, a test conducted.
COMPLIANCE_OBJECTS = frozenset({
    "agreement", "deal", "ceasefire", "cease-fire", "truce", "armistice", "accord", "treaty", "pact", "demand",
    "deadline", "ultimatum", "commitment", "obligation", "pledge", "promise", "term", "resolution", "moratorium",
    "test"})
OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "pobj"})
# Making a deal is no act done to it: "if no agreement is reached" may still name whom the fighting hurts.
MAKING_VERBS = frozenset({"reach", "sign", "conclude", "negotiate", "strike", "agree", "make", "seal", "finalise",
                          "finalize"})


def commitments(tokens: Sequence[Token]) -> list[Token]:
    """The words of the commitments (or tests) the trigger's act is done to: "violates the Doha agreement",
    "ignores the deadline", "goes ahead with a test". A party named inside one ("the US-brokered truce",
    "the UN resolution") is not the act's target, nor its actor."""
    ids = {t.i for t in tokens}
    out: list[Token] = []
    for t in tokens:
        if t.lemma_.lower() == "spend" and t.pos_ == "VERB":
            # "members that fail to spend enough on their forces": a spending target missed, done to no one
            out.extend(x for x in t.subtree if x.i in ids and x.i > t.i)
            continue
        if t.lemma_.lower() not in COMPLIANCE_OBJECTS or t.dep_ not in OBJECT_DEPS:
            continue
        verb = t.head.head if t.dep_ == "pobj" else t.head
        if verb.i in ids and verb.pos_ in {"VERB", "AUX"} and verb.lemma_.lower() not in MAKING_VERBS:
            out.extend(x for x in t.subtree if x.i in ids)
    return out


def without_commitments(tokens: Sequence[Token]) -> list[Token]:
    drop = {t.i for t in commitments(tokens)}
    return [t for t in tokens if t.i not in drop] if drop else list(tokens)


def _first_person(tokens: Sequence[Token]) -> bool:
    """ "against us", "our territory"; not "US" or "U.S.", the United States."""
    return any(t.lower_ in FIRST_PERSON and t.text not in {"US", "U.S."} for t in tokens)


def _addressees(ctx: Context, i: int) -> list[str]:
    """Who a warning is addressed to: "warned NATO that ...", "told Washington ..."."""
    doc = ctx.parsed[i]
    out: list[str] = []
    for verb in attr.reporting_verbs(doc):
        objs = [c for c in verb.children if c.dep_ in {"dobj", "dative"}]
        for o in objs:
            for m in attr.tokens_mentions(ctx, i, list(o.subtree)):
                out.extend(c for c in m.codes if c not in out)
    return out


LAUNCH_LEMMAS = frozenset({"launch", "fire", "test", "test-fire"})


def _launchers(ctx: Context, i: int, hold: set[str]) -> list[str]:
    """Who the article names launching, in the order's sentence or the one before: the subject of "plans to
    launch a satellite", "fired a missile", the owner of "Ruritania's launch"; never the holder."""
    for k in (i, i - 1):
        if k < 0 or k not in ctx.parsed:
            continue
        doc = ctx.parsed[k]
        heads = [t for t in doc if t.lemma_.lower() in LAUNCH_LEMMAS]
        words: list[Token] = []
        for h in heads:
            verb = h
            while verb.dep_ in {"xcomp", "conj"} and not any(c.dep_ == "nsubj" for c in verb.children):
                verb = verb.head  # "plans to launch": the planner launches
            words += [x for c in verb.children if c.dep_ in {"nsubj", "poss"} for x in c.subtree]
            words += [x for c in h.children if c.dep_ == "poss" for x in c.subtree]
        found = [c for m in attr.tokens_mentions(ctx, k, words) for c in m.codes if c not in hold]
        if found:
            return list(dict.fromkeys(found))[:1]
    return []


def trigger_parties(ctx: Context, i: int, trigger_tokens: Sequence[Token], t_class: str, holder: attr.Voice, *,
                    named: tuple[list[str], list[str]], answer: list[str],
                    defence: bool = False, intercept: bool = False) -> tuple[list[str], list[str], bool]:
    """The trigger's (actors, targets, actors_inferred), from the parties its words name (``named``) and the
    consequence's parties (``answer``). ``intercept``: a standing order to down what comes ("any missile that
    threatens X"): a party its words do not name is only the one named launching, else unknown (ANY)."""
    t_actors, t_targets = list(named[0]), list(named[1])
    hold = set(holder.codes)
    if intercept:
        actors = [c for c in t_actors if c not in hold]
        found = actors or _launchers(ctx, i, hold | set(holder.reporter)) or ["ANY"]
        targets = t_targets or list(holder.codes)
        return found, targets, not actors and found != ["ANY"]
    # the holder does not cross its own line: "if Belarus faces aggression", "any attempt to blockade Russia's
    # Kaliningrad" name the holder, not the one who would act; that one is inferred below
    t_actors = [c for c in t_actors if c not in hold]
    if t_class == "ARM":
        # "Ukraine's use of long-range missiles": for a supply, the one armed is the target, not the supplier;
        # so is the one allowed to fire them ("let their rockets be launched by a partner")
        armed = _possessors(ctx, i, trigger_tokens) | _permitted(ctx, i, trigger_tokens)
        t_targets += [c for c in t_actors if c in armed and c not in t_targets]
        t_actors = [c for c in t_actors if c not in t_targets]
    # Parties the trigger's own words do not name (the one warned, a pronoun's antecedent, the other side
    # named around the threat) are marked inferred; "any country" is in the words.
    inferred = not t_actors
    # nor does the one who only reports another body's commitment take part in it
    aside = hold | set(holder.reporter)
    if not t_actors and not defence:
        # (the one a pledge defends is in its consequence too, and is not the one who would attack it)
        t_actors = _implied_actors(ctx, i, trigger_tokens, aside, answer)
    if t_actors == ["ANY"]:
        # "any attack on the Baltic states", with no one warned: any party, and first the other side named
        # around the threat
        t_actors += [c for c in _other_side(ctx, i, aside, t_targets)[:2] if c != "ANY"]
    if not t_actors:
        t_actors = _other_side(ctx, i, aside, t_targets)
    if not t_actors:
        # an agentless trigger with no other side named around it ("aggression against Russia", "a massive
        # missile launch"): whoever would do it, the unspecified party of FORMAT.md §3
        t_actors = ["ANY"]
    if t_class == "JOIN":
        # "Sweden's membership", "Ukraine is accepted into NATO": the state joins, the alliance is the target
        t_actors, t_targets = _joiners(t_actors, t_targets)
    if not t_targets and t_class in {"DEPLOY", "WMD"}:
        # "deploying warheads on its soil", "systems in their territories": the host the pronoun stands for
        t_targets = _host(ctx, i, trigger_tokens, hold)
    if (not t_targets and t_class in RECEIVED_CLASSES and not _first_person(trigger_tokens)
            and not commitments(trigger_tokens)):
        # "if longer-range missiles are supplied", "the deployment of a missile shield": arms go to someone, forces
        # stand somewhere; the party named around the threat that is neither its holder nor the one acting
        t_targets = [c for c in _other_side(ctx, i, aside | set(t_actors), []) if c != "ANY"][:1]
    if _first_person(without_commitments(trigger_tokens)) or (not t_targets and not commitments(trigger_tokens)):
        # "aggression against us", "an attack", "a blockade", "sanctions" with no target named: the holder is
        # the one it is done to; not a breach of a deal or a test ("if Iran violates the deal"), done to no one.
        t_targets = t_targets + [c for c in holder.codes if c not in t_targets]
    return t_actors, t_targets, inferred
