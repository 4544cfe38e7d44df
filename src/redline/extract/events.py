"""Events: the actions an article reports, with how far each has got.

An event is read from a predicate verb of the parse ("fired", "deployed",
"imposed", "authorised") and the words it governs: its class from the shared
action lexicon (FORMAT.md §4), its agent from the subject (or the ``by``
phrase of a passive), its targets from the object and the prepositions of
place and direction. Its status comes from the verbs above it
(:mod:`redline.extract.event_status`: "decided to send" is decided, "ruled out
sending" denied; a predicate under a condition or a threat is no event).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from spacy.tokens import Doc, Token

from redline.extract.actions import classify
from redline.extract.event_dates import event_date
from redline.extract.event_inference import attacker_from
from redline.extract.event_preps import aimed, into_bloc, overflown
from redline.extract.event_status import _lemma, _licence, _words, event_status, tense
from redline.extract.event_words import (
    ABSTRACT_WAR,
    ACTION_LEMMAS,
    ALLIANCE_CODES,
    ALLIANCE_WORDS,
    ATTACK_NOUNS,
    BASE_WORDS,
    CHEMICAL_AGENTS,
    CLOSABLE,
    CUTOFF_VERBS,
    DECIDING_PREDICATES,
    EVENT_CUES,
    FORCE_WORDS,
    HEAD_DEPS,
    INTAKE_VERBS,
    LIGHT_VERBS,
    MORE_WEAPONS,
    NON_ATTACK_OBJECTS,
    NOT_ARMS_WORDS,
    OPENING_VERBS,
    OWNED_ACTS,
    PREDICATE_LEMMAS,
    PRONOUN_SUBJECTS,
    PSYOPS_OBJECTS,
    RAISING_VERBS,
    REIMPOSE_VERBS,
    REPEL_VERBS,
    RESTRICTION_WORDS,
    SANCTION_WORDS,
    SHIP_WORDS,
    STATUS_VERBS,
    STATUS_WORDS,
    STRIKE_GIVERS,
    SUBJECT_CLIMB,
    SUPPLY_WORDS,
    TARGET_PREPS,
    TARIFF_WORDS,
    TERRITORY_WORDS,
    USE_LEMMAS,
    VERBAL_ATTACKS,
    WEAPON_WORDS,
    WMD_MODIFIERS,
)
from redline.extract.pipeline import Context, Resources, step
from redline.models import ActorMention, Event, Evidence


def _core(v: Token) -> list[Token]:
    """The predicate and the head words of what it acts on: the words that decide its class."""
    out = [v]
    for c in v.children:
        if (
            c.dep_ in {"prt", "dobj", "nsubjpass", "dative", "attr", "oprd"}
            or (
                c.dep_ == "prep"
                and (_lemma(c) in {"with", "of"} or (_lemma(c) == "for" and _lemma(v) == "apply"))
            )
            or (c.dep_ == "xcomp" and _lemma(v) in DECIDING_PREDICATES)
        ):
            out.extend(_head_phrase(c))
    return out


def _head_phrase(t: Token) -> list[Token]:
    out = [t]
    for c in t.children:
        if (
            c.dep_ in HEAD_DEPS
            or c.dep_ in {"pobj", "dobj", "xcomp", "prt"}
            or (c.dep_ == "prep" and _lemma(c) in {"of", "with", "on"})
        ):
            out.extend(_head_phrase(c))
    return out


def event_class(v: Token) -> str | None:
    """The action class of the predicate ``v``, or None when it names no §4 action."""
    lemma = _lemma(v)
    core = _core(v)
    below = _words(core[1:])
    objects = [c for c in v.children if c.dep_ in {"dobj", "nsubjpass"}]
    obj_words = _words(t for o in objects for t in _head_phrase(o))
    if lemma in DECIDING_PREDICATES and any(
        c.dep_ == "xcomp" and _lemma(c) in USE_LEMMAS for c in v.children
    ):
        return "ARM"
    licensed = _licence(v)
    if licensed is not None:
        # Permission to use weapons is an ARM decision, as "authorised Ukraine to use" is.
        return "ARM" if _lemma(licensed) in USE_LEMMAS else event_class(licensed)
    if lemma in {"lift", "ease", "loosen", "remove", "relax", "scrap"}:
        if below & RESTRICTION_WORDS and not below & NOT_ARMS_WORDS:
            return "ARM"
        return None
    if lemma in {"seize", "capture", "occupy", "take"}:
        if obj_words & SHIP_WORDS:
            return "COERCE"
        if obj_words & TERRITORY_WORDS or lemma == "occupy":
            return "ANNEX"
        return None
    if lemma in {"move", "mass", "position", "rush", "redeploy"}:
        if not below & FORCE_WORDS:
            return None
        return "COERCE" if lemma == "mass" else "DEPLOY"
    if lemma in OPENING_VERBS:
        return "DEPLOY" if obj_words & BASE_WORDS else None  # "will open an air defence base in Poland"
    if lemma in REPEL_VERBS:
        return "ATTACK"  # "repelled the militia", "beat back the assault": force used against an attacker
    if lemma == "strike" and obj_words & NON_ATTACK_OBJECTS:
        return None
    if obj_words & PSYOPS_OBJECTS:
        return None  # broadcasts, leaflets, balloons: coercion, read by redline.extract.event_forms
    if lemma in STRIKE_GIVERS and {_lemma(o) for o in objects} & ATTACK_NOUNS:
        return "WMD" if _means(v) & (WMD_MODIFIERS | CHEMICAL_AGENTS) else "ATTACK"  # "delivered a strike"
    if (
        lemma in {"fire", "hit"}
        and not (below | _words(v.subtree)) & (WEAPON_WORDS | {"shell", "shells"})
        and not any(c.dep_ == "prep" and _lemma(c) == "at" for c in v.children)
    ):
        return None
    if lemma == "close":
        return "COERCE" if obj_words & CLOSABLE else None
    if lemma in CUTOFF_VERBS and obj_words & SUPPLY_WORDS:
        return "COERCE"  # "halted gas supplies to Bulgaria", "cut off oil deliveries"
    if lemma in CUTOFF_VERBS - {"cut"}:
        return None  # "halted the offensive": what is stopped is not a supply
    if lemma in REIMPOSE_VERBS:
        return "SANCTION" if obj_words & SANCTION_WORDS else None
    if lemma in RAISING_VERBS:
        return "SANCTION" if obj_words & TARIFF_WORDS else None  # "raised tariffs on Turkish steel"
    if lemma in {"send", "ship", "rush", "dispatch", "transfer"} and below & MORE_WEAPONS:
        return "ARM"
    if lemma in {"launch", "fire"} and below & WEAPON_WORDS and not below & WMD_MODIFIERS:
        # "fired a rocket over Okinawa" aims at nothing: a launch passing over a territory is no attack on it
        return "OTHER" if overflown(v) and not aimed(v) else "ATTACK"
    if lemma in STATUS_VERBS:
        # "recognised the independence of the regions", "recognised Abkhazia as a sovereign state": a territory's
        # status changed; "recognised the danger", "declared a state of emergency" are no event of §4
        named = obj_words | _words(t for c in v.children if c.dep_ == "prep" and _lemma(c) == "as" for t in c.subtree)
        return "ANNEX" if named & STATUS_WORDS else None
    if lemma in INTAKE_VERBS:
        # "was accepted into NATO", "welcomed Sweden into the alliance": taken into a bloc is JOIN; accepting or
        # welcoming anything else ("accepted the ceasefire", "welcomed the talks") is no event of §4
        return "JOIN" if into_bloc(v) else None
    if lemma == "join" and not (
        obj_words & ALLIANCE_WORDS or {w.upper() for w in obj_words} & ALLIANCE_CODES
    ):
        return None
    if lemma in LIGHT_VERBS and not any(
        ACTION_LEMMAS.get(w, "RESPOND") != "RESPOND" for w in below - ABSTRACT_WAR
    ):
        return None  # "escalating the conflict", "began the war": no reported act of §4
    cls = classify(core)
    if cls in {"RESPOND", "OTHER"}:
        return None
    if cls == "ATTACK" and _means(v) & (WMD_MODIFIERS | CHEMICAL_AGENTS):
        return "WMD"
    if cls == "JOIN" and lemma not in {"join", "admit", "accede", "ratify", "sign", "apply"} | INTAKE_VERBS:
        return None
    return cls






def _means(v: Token) -> set[str]:
    """The words naming what an attack is made with: "a sarin attack", "struck with chemical weapons"."""
    words: set[str] = set()
    for c in v.children:
        if c.dep_ == "prep" and _lemma(c) == "with":
            words |= _words(c.subtree)
        if c.dep_ in {"dobj", "nsubjpass"} and _lemma(c) in ATTACK_NOUNS:
            words |= _words(m for m in c.children if m.dep_ in {"compound", "amod"})
    return words


def _phrase(t: Token) -> list[Token]:
    """A noun phrase without the clauses hanging off it."""
    out = [t]
    for c in t.children:
        if c.dep_ in {"relcl", "acl", "advcl", "ccomp", "appos", "punct"}:
            continue
        if c.dep_ == "prep" and _lemma(c) not in {"of"}:
            continue
        out.extend(_phrase(c))
    return out


def _codes(mentions: Sequence[ActorMention], tokens: Iterable[Token], base: int) -> list[str]:
    ranges = [(base + t.idx, base + t.idx + len(t.text)) for t in tokens]
    out: list[str] = []
    for m in mentions:
        if any(m.span.start < e and s < m.span.end for s, e in ranges):
            out.extend(c for c in m.codes if c not in out)
    return out


def _subject(v: Token) -> tuple[Token | None, bool]:
    """The agent phrase of ``v``, and whether it is a passive's ``by``; controlled subjects are inherited."""
    t = v
    for _ in range(6):
        for c in t.children:
            if c.dep_ == "agent":
                objs = [g for g in c.children if g.dep_ == "pobj"]
                if objs:
                    return objs[0], True
        for c in t.children:
            # A governor's passive subject controls the action: "Beijing is set to send".
            if c.dep_ == "nsubj" or (c.dep_ == "nsubjpass" and t is not v):
                return c, False
        if (t.dep_ in SUBJECT_CLIMB or _purpose(t)) and t.head.i != t.i:
            t = t.head
            while t.dep_ == "prep" and t.head.i != t.i:
                t = t.head
            continue
        break
    return None, False


def _purpose(t: Token) -> bool:
    """A "to"-infinitive of purpose: "signs a treaty to annex the peninsula" is done by the signer."""
    return t.dep_ == "advcl" and t.tag_ == "VB" and any(c.dep_ == "aux" and c.tag_ == "TO" for c in t.children)


def _owner_of_noun(v: Token, mentions: Sequence[ActorMention], base: int) -> list[str]:
    """Whose decision or plan an infinitive hangs on: "the US decision to supply", "Berlin's plan to send"."""
    if v.dep_ != "acl" or _lemma(v.head) not in OWNED_ACTS:
        return []
    owners = [c for c in v.head.children if c.dep_ in {"poss", "compound", "amod"}]
    return _codes(mentions, [t for c in owners for t in c.subtree], base)


def _targets(
    v: Token, action: str, agents: Sequence[str], mentions: Sequence[ActorMention], base: int
) -> list[str]:
    tokens: list[Token] = []
    passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in v.children)
    for c in v.children:
        if c.dep_ in {"dobj", "dative", "attr", "oprd"}:
            tokens.extend(c.subtree)
        elif c.dep_ == "nsubjpass" and passive and action not in {"ARM", "DEPLOY"}:
            tokens.extend(_phrase(c))
        elif c.dep_ == "prep" and (_lemma(c) in TARGET_PREPS or (action == "JOIN" and _lemma(c) == "for")):
            tokens.extend(c.subtree)
        elif (c.dep_ == "xcomp" and _lemma(v) in DECIDING_PREDICATES) or c is _licence(v):
            tokens.extend(t for t in c.subtree if t.dep_ != "nsubj")
    skip = {
        t.i for c in v.children if c.dep_ == "prep" for t in c.subtree if _lemma(c) in {"from", "with", "by"}
    }
    if action in {"ATTACK", "WMD"}:
        # "fired US-supplied missiles at ...": who made or gave the weapon is not its target
        skip |= {t.i for c in v.children if c.dep_ == "dobj" and _lemma(c) in WEAPON_WORDS | MORE_WEAPONS
                 for m in c.children if m.dep_ in {"amod", "compound", "nmod", "poss", "npadvmod"} for t in m.subtree}
    if v.dep_ == "amod" and v.tag_ == "VBN" and action in {"ARM", "DEPLOY"}:
        # "Ukraine fired US-supplied missiles": the one who has them received them
        g = v.head.head
        tokens = [t for c in g.children if c.dep_ == "nsubj" for t in _phrase(c)] if v.head.dep_ == "dobj" else []
    if _lemma(v) in {"launch", "fire"}:
        skip |= overflown(v)  # the territory a rocket passes over is not its target
    codes = _codes(mentions, [t for t in tokens if t.i not in skip], base)
    return [c for c in codes if c not in agents]


def _sanction_owners(
    v: Token, agents: list[str], targets: list[str], mentions: Sequence[ActorMention], base: int
) -> tuple[list[str], list[str]]:
    """"reimpose UN sanctions on Iran": the body named on the sanctions imposes them with the subject;
    it is no target."""
    named = [
        t for o in v.children if o.dep_ in {"dobj", "nsubjpass"} and _lemma(o) in SANCTION_WORDS
        for m in o.children if m.dep_ in {"compound", "amod", "nmod"} for t in m.subtree
    ]
    owners = _codes(mentions, named, base)
    if not owners:
        return agents, targets
    return list(dict.fromkeys([*agents, *owners])), [t for t in targets if t not in owners]


def _admitted(
    v: Token, agents: list[str], targets: list[str], mentions: Sequence[ActorMention], base: int
) -> tuple[list[str], list[str]]:
    """"the alliance admitted Montenegro", "welcomed Sweden into NATO": the one taken in joins, and the bloc that
    takes it in is the target, as in "Montenegro joined the alliance"."""
    if _lemma(v) not in {"admit"} | INTAKE_VERBS:
        return agents, targets
    taken = _codes(mentions, [t for c in v.children if c.dep_ == "dobj" for t in _phrase(c)], base)
    if not taken:
        return agents, targets
    return taken, list(dict.fromkeys([*agents, *(t for t in targets if t not in taken)]))


def _agents(v: Token, doc: Doc, mentions: Sequence[ActorMention], base: int, action: str) -> list[str]:
    if v.dep_ == "amod" and v.tag_ == "VBN":
        # "US-supplied missiles": the prefix supplies; the clause's subject is no agent of this
        return _codes(mentions, [t for c in v.children if c.dep_ in {"npadvmod", "compound", "nmod"}
                                 for t in c.subtree], base)
    if v.dep_ == "acl" and v.tag_ in {"VBN", "VBG"} and action in {"ARM", "DEPLOY", "WMD"}:
        # "Western troops being sent to Ukraine": whose troops, not who speaks of them
        owner = _codes(mentions, _phrase(v.head), base)
        if owner:
            return owner
    subj, _by = _subject(v)
    if subj is None:
        owner = _owner_of_noun(v, mentions, base)
        if owner:
            return owner
    if subj is not None and subj.text.lower() not in PRONOUN_SUBJECTS:
        return _codes(mentions, _phrase(subj), base)
    if subj is not None:
        # A pronoun: the subject of the clause that reports this one, else the sentence's first actor.
        g = subj.head
        while g.head.i != g.i:
            g = g.head
            for c in g.children:
                if c.dep_ == "nsubj" and c.text.lower() not in PRONOUN_SUBJECTS:
                    codes = _codes(mentions, _phrase(c), base)
                    if codes:
                        return codes
        before = [m for m in mentions if m.span.start < base + v.idx]
        return list(before[0].codes) if before else []
    patient = [c for c in v.children if c.dep_ == "nsubjpass"]
    if not patient and v.dep_ == "acl" and v.tag_ in {"VBN", "VBG"}:
        patient = [v.head]  # "Western troops being sent to Ukraine"
    if patient and action in {"ARM", "DEPLOY", "WMD"}:
        # "German tanks were delivered to Ukraine": the owner of what is moved is the agent.
        return _codes(mentions, _phrase(patient[0]), base)
    if patient and action == "JOIN":
        # "Norway was admitted to the bloc": the one admitted joins; the bloc is the target
        return _codes(mentions, _phrase(patient[0]), base)
    return []


def _text(v: Token, doc: Doc) -> str:
    ids = [v.i]
    for c in v.children:
        if c.dep_ in {
            "dobj",
            "dative",
            "prt",
            "xcomp",
            "attr",
            "oprd",
            "nsubjpass",
            "aux",
            "auxpass",
            "neg",
        } or (c.dep_ == "prep" and _lemma(c) in TARGET_PREPS | {"of", "with"}):
            ids.extend(t.i for t in c.subtree)
    lo, hi = min(ids), max(ids)
    return doc[lo : hi + 1].text


def sentence_events(ctx: Context, i: int, doc: Doc) -> list[Event]:
    """The events reported by sentence ``i`` of ``ctx``."""
    sentence = ctx.sentences[i]
    base = sentence.span.start
    mentions = ctx.mentions_in(sentence)
    consumed: set[int] = set()
    out: list[Event] = []
    for v in doc:
        if v.pos_ != "VERB" or _lemma(v) not in PREDICATE_LEMMAS or v.i in consumed:
            continue
        action = event_class(v)
        if action is None:
            continue
        status = event_status(v)
        if status is None:
            continue
        licensed = _licence(v)
        if licensed is not None:
            consumed.update(t.i for t in licensed.subtree)  # the licensed act is this decision's
        if action == "ARM" and _lemma(v) in DECIDING_PREDICATES:
            consumed.update(t.i for c in v.children if c.dep_ == "xcomp" for t in c.subtree)
        agents = _agents(v, doc, mentions, base, action)
        if not agents and action in {"ARM", "DEPLOY"}:
            # "sending Western troops to Ukraine": the owner of what is sent acts
            # "supplying Ukraine with rockets": what the "with" phrase names is moved, the object receives it
            given = any(c.dep_ == "prep" and _lemma(c) == "with" for c in v.children)
            moved = [] if given else [c for c in v.children if c.dep_ == "dobj"]
            agents = _codes(mentions, [t for c in moved for t in _phrase(c)], base)
        confidence = None
        if not agents and action in {"ARM", "DEPLOY"}:
            agents, confidence = _supplier_of_passive(ctx, i, doc, v, _targets(v, action, [], mentions, base))
        targets = _targets(v, action, agents, mentions, base)
        if action == "SANCTION":
            agents, targets = _sanction_owners(v, agents, targets, mentions, base)
        if action == "JOIN":
            agents, targets = _admitted(v, agents, targets, mentions, base)
        if (
            action == "ATTACK"
            and _lemma(v) in VERBAL_ATTACKS
            and not targets
            and not _words(v.subtree) & WEAPON_WORDS
        ):
            continue  # "attacked the plan": an attack needs a target or a weapon
        evidence = Evidence(ctx.document.id, i, sentence.span, sentence.text)
        out.append(
            Event(
                actors=tuple(agents),
                action=action,
                targets=tuple(targets),
                status=status,
                text=_text(v, doc),
                evidence=(evidence,),
                date=event_date(sentence.text, ctx.document.published, tense(v)),
                confidence=confidence,
            )
        )
    from redline.extract.event_forms import form_events  # it reads this module's status and dates

    out.extend(form_events(ctx, i, doc, mentions))
    return out


def _supplier_of_passive(ctx: Context, i: int, doc: Doc, v: Token,
                         exclude: Sequence[str]) -> tuple[list[str], float | None]:
    """Who moved the weapons or forces an agentless passive moves ("the tanks were delivered to Ukraine"): the
    supplier the article names beside them (``Reader.supplier_of``), marked inferred; nobody when it names none."""
    from redline.extract.event_form_words import ARMS
    from redline.extract.event_forms import Reader

    patient = [c for c in v.children if c.dep_ == "nsubjpass" and _lemma(c) in ARMS | FORCE_WORDS]
    if not patient or any(c.dep_ == "agent" for c in v.children):
        return [], None  # a pronoun ("it was sent") or a thing that is no weapon or force: nobody inferred

    agents, confidence = Reader(ctx, i, doc, ctx.mentions_in(ctx.sentences[i])).supplier_of(patient[0], exclude)
    return (agents, confidence) if agents else ([], None)


def merge_events(events: Iterable[Event]) -> list[Event]:
    """One event per (actors, action, targets, status), with the evidence of every sentence stating it."""
    merged: dict[tuple[object, ...], Event] = {}
    for e in events:
        key = (frozenset(e.actors), e.action, frozenset(e.targets), e.status)
        if key in merged:
            old = merged[key]
            extra = tuple(x for x in e.evidence if x not in old.evidence)
            merged[key] = Event(
                old.actors, old.action, old.targets, old.status, old.text, old.evidence + extra, old.date
            )
        else:
            merged[key] = e
    return list(merged.values())


@step("events", requires={"parsed", "mentions"}, provides={"events"}, cues=EVENT_CUES)
def events_step(batch: list[Context], res: Resources) -> None:
    for ctx in batch:
        found: list[Event] = []
        previous: list[Event] = []
        for i in sorted(ctx.parsed):
            here = sentence_events(ctx, i, ctx.parsed[i])
            if i - 1 not in ctx.parsed:
                previous = []
            if previous and any(not e.actors for e in here):
                named = {c for m in ctx.mentions_in(ctx.sentences[i]) for c in m.codes}
                here = [attacker_from(e, previous, named) for e in here]
            found.extend(here)
            previous = here
        ctx.events = merge_events(found)

