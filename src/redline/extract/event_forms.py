"""Events in the forms a plain verb-and-subject reading misses.

:func:`redline.extract.events.sentence_events` reads actions from a predicate
verb and its subject. A crossing is often reported otherwise:

* **accession**: "Sweden became the alliance's 32nd member" (JOIN, the subject);
* **a meeting, visit or landing**: "Tsai met McCarthy in California", "the
  delegation arrived in the island's capital" (class OTHER: linked to a line
  only by meaning; a meeting's parties are each other's targets);
* **arrival or delivery whose supplier is not the subject**: "the first Abrams
  tanks reached the front" (ARM, or DEPLOY for troops), the supplier read from
  the moved thing ("German tanks") or, failing that, from the article;
* **the crossing as background**: a nominalisation with its agent, "since
  Moscow's annexation of Crimea", "after the Russian invasion of Ukraine",
  "killed in a chlorine attack by the regime" (the status from the words above
  it: "threatened an invasion" is no event);
* **an incursion and its answer**: "missiles strayed into Romanian airspace"
  (COERCE by the owner of what strayed, against the owner of the airspace),
  "jets were scrambled" (an agentless passive: DEPLOY by the airspace's owner);
* **psychological operations**: loudspeaker broadcasts, leaflets, balloons
  (COERCE);
* **a delivery received**: "Ukraine received jets from Sweden", "Kyiv took
  delivery of tanks" (ARM by the giver, against the receiver);
* **forces going over**: "Turkish troops pushed into Syria" (DEPLOY), and
  forces pulled out (:mod:`redline.extract.event_withdrawal`);
* **named acts under a verb that makes them real**: "ordered strikes on Syria"
  (decided), "announced new sanctions against Moscow" (sanctions only so: in
  passing they are most often old ones), "the strikes, carried out by ...".

When the actor is inferred (from the article, not the clause) the event's
``confidence`` is lower (:data:`INFERRED`); background nominalisations, whose
date is often not the article's, get :data:`BACKGROUND`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from redline.extract.event_dates import event_date
from redline.extract.event_form_words import (
    AIRCRAFT_WORDS,
    AIRSPACE_WORDS,
    ANNOUNCING_VERBS,
    ARMS,
    ARMS_KINDS,
    ARRIVAL_VERBS,
    CROSSING_VERBS,
    ENVOY_WORDS,
    GIVING_STEMS,
    HITTING_VERBS,
    INCURSION_VERBS,
    MEETING_NOUNS,
    MEETING_VERBS,
    MEMBER_NOUNS,
    NOMINAL_CLASSES,
    ORDERING_VERBS,
    OTHER_PAST_VERBS,
    PSYOPS_OBJECTS,
    PSYOPS_VERBS,
    RECEIVING_VERBS,
    SCRAMBLE_VERBS,
    TAKING_NOUNS,
    TESTING_NOUNS,
    UNITS_OF_ARMS,
)
from redline.extract.event_status import _lemma, event_status, tense
from redline.extract.event_withdrawal import WITHDRAWING_VERBS, withdrawal
from redline.extract.event_words import (
    ALLIANCE_CODES,
    CHEMICAL_AGENTS,
    CLAUSE,
    FORCE_WORDS,
    INFERRED,
    PRONOUN_SUBJECTS,
    SENTENCE_END,
    SHIP_WORDS,
    TARGET_PREPS,
    TERRITORY_WORDS,
    TRAVELLING_PARTIES,
    WMD_MODIFIERS,
    _set,
)
from redline.extract.events import _agents, _codes, _phrase
from redline.extract.pipeline import Context
from redline.models import ActorMention, Event, Evidence

BACKGROUND = 0.7  # a nominalisation reported in passing

def _modifiers(t: Token) -> list[Token]:
    """The words before a noun that can name its owner: "Russian", "US-made", "Moscow's"."""
    out: list[Token] = []
    for c in t.children:
        if c.dep_ in {"amod", "compound", "poss", "nmod"}:
            out.extend(c.subtree)
    return out


def _gives_or_names(word: str) -> bool:
    low = word.strip(",.;:'\"").lower()
    if low.startswith(GIVING_STEMS):
        return True
    return not (low.endswith("ed") or low in OTHER_PAST_VERBS)


def _is_arms(thing: Token, words: set[str]) -> bool:
    """Whether the thing moved is weapons: "howitzers", "the first Patriot batteries"."""
    return bool(words & ARMS) or (
        _lemma(thing) in UNITS_OF_ARMS and any(
            c.dep_ in {"compound", "amod"} and (c.pos_ == "PROPN" or _lemma(c) in ARMS_KINDS) for c in thing.children
        )
    )


def _prep_objects(t: Token, preps: frozenset[str]) -> list[Token]:
    return [tok for c in t.children if c.dep_ == "prep" and _lemma(c) in preps for tok in c.subtree]


def _subject(v: Token) -> Token | None:
    """The subject of ``v`` or, for a controlled clause ("angered Beijing by meeting"), of the verb above."""
    t = v
    for _ in range(4):
        for c in t.children:
            if c.dep_ in {"nsubj", "nsubjpass"}:
                return c
        if t.dep_ in {"xcomp", "pcomp", "advcl", "conj", "prep"} and t.head.i != t.i:
            t = t.head
            continue
        break
    return None


class Reader:
    """One sentence of one document: turns the forms above into events."""

    def __init__(self, ctx: Context, i: int, doc: Doc, mentions: Sequence[ActorMention]) -> None:
        self.ctx, self.i, self.doc, self.mentions = ctx, i, doc, mentions
        self.sentence = ctx.sentences[i]
        self.base = self.sentence.span.start
        self.status_of = event_status
        self.agents_of = _agents

    def codes(self, tokens: Sequence[Token]) -> list[str]:
        return _codes(self.mentions, tokens, self.base)

    def subject_codes(self, v: Token, subj: Token | None, action: str) -> list[str]:
        """The codes of the subject; a pronoun ("it blared") is read as events do: the reporting clause's."""
        if subj is not None and subj.text.lower() not in PRONOUN_SUBJECTS:
            return self.codes(_phrase(subj))
        if subj is None:
            return []
        return list(self.agents_of(v, self.doc, self.mentions, self.base, action))

    def event(self, head: Token, actors: Sequence[str], action: str, targets: Sequence[str], *,
              confidence: float = CLAUSE, status: str | None = None) -> Event | None:
        """The event headed by ``head``, or None when the words above it make it no event."""
        status = status or self.status_of(head)
        if status is None or not actors:
            return None
        lo = min(t.i for t in head.subtree)
        hi = max(t.i for t in head.subtree)
        evidence = Evidence(self.ctx.document.id, self.i, self.sentence.span, self.sentence.text)
        return Event(
            actors=tuple(dict.fromkeys(actors)),
            action=action,
            targets=tuple(t for t in dict.fromkeys(targets) if t not in actors or action == "OTHER"),
            status=status,
            text=self.doc[lo : hi + 1].text,
            evidence=(evidence,),
            date=event_date(self.sentence.text, self.ctx.document.published, tense(head)),
            confidence=confidence,
        )

    def article_actor(self, exclude: Sequence[str]) -> list[str]:
        """The state the article names most often, other than ``exclude``: the inferred actor; nobody when two are
        named as often (a tie is no reading of the article, only of the order it names them in)."""
        top = Counter(c for m in self.ctx.mentions for c in m.codes if c not in exclude).most_common(2)
        return [top[0][0]] if top and (len(top) == 1 or top[0][1] > top[1][1]) else []

    def supplier_of(self, thing: Token, exclude: Sequence[str]) -> tuple[list[str], float]:
        """Who supplies the thing moved: named on it ("German tanks", "tanks from Germany", "a batch of tanks
        from Germany"), else beside its name elsewhere."""
        named = _modifiers(thing) + _prep_objects(thing, _set("from")) + [
            t for c in thing.children if c.dep_ == "acl" for a in c.children if a.dep_ == "agent" for t in a.subtree
        ]  # "the tanks, supplied by Germany,"
        for g in (t for c in thing.children if c.dep_ == "prep" and _lemma(c) == "of" for t in c.children):
            named += _modifiers(g) + _prep_objects(g, _set("from"))
        own = [c for c in self.codes(named) if c not in exclude]
        if own:
            return own, CLAUSE
        names = {t.text.lower() for t in _modifiers(thing) if t.pos_ == "PROPN"} | {thing.text.lower()}
        for m in self.ctx.mentions:
            if any(c in exclude for c in m.codes):
                continue
            # the words after the name, in its own sentence: "Chinese warnings. The delegation" names no envoy
            near = self.after_name(m, 40)
            after = near.lower()
            if after.lstrip("-").startswith("made ") and any(after.lstrip("-")[5:].startswith(n) for n in names):
                return list(m.codes), INFERRED
            words = near.split()[:4]
            for k, w in enumerate(words):
                if w.lower().strip(",.;:") in names:
                    if all(_gives_or_names(x) for x in words[:k]):
                        return list(m.codes), INFERRED
                    break
        if _lemma(thing) in ENVOY_WORDS:
            return self.travelling_party(exclude), INFERRED
        return [], INFERRED

    def after_name(self, m: ActorMention, width: int) -> str:
        """Up to ``width`` characters of the article after mention ``m``, in its own sentence ("Chinese warnings.
        The delegation" gives " warnings")."""
        return SENTENCE_END.split(self.ctx.document.text[m.span.end : m.span.end + width], maxsplit=1)[0]

    def travelling_party(self, exclude: Sequence[str]) -> list[str]:
        """Whose the envoys are when the article names them only as a kind before ("US lawmakers visit Taiwan
        ... The delegation arrived"): the last party named as a delegation or as lawmakers before this sentence."""
        found: list[str] = []
        for m in self.ctx.mentions:
            if m.span.start >= self.base:
                break
            if any(c in exclude for c in m.codes):
                continue
            near = self.after_name(m, 30).split()
            if {w.lower() for w in [m.text.split()[-1], *near[:2]]} & TRAVELLING_PARTIES:
                found = list(m.codes)
        return found

    def party_named_with(self, person: Token, exclude: Sequence[str]) -> list[str]:
        """The party a person the gazetteer does not know was named with elsewhere in the article: "US House
        Speaker Jane Doe ... Doe visited Taipei" → USA. Only titles and names may stand between the two ("China
        warned Doe" names no party of hers)."""
        # a name the tagger took for a noun at the head of a sentence ("Doe landed") still has its capital
        if person.pos_ != "PROPN" and not (person.pos_ == "NOUN" and person.text.istitle()
                                           and _lemma(person) not in ENVOY_WORDS):
            return []
        pattern = re.compile(r"(?:'s)?(?:[\s-]+(?:[A-Z][\w.'-]*|of|the|for))*?[\s-]+" + re.escape(person.text) + r"\b")
        text = self.ctx.document.text
        for m in self.ctx.mentions:
            if not any(c in exclude for c in m.codes) and pattern.match(text, m.span.end, m.span.end + 80):
                return list(m.codes)
        return []

    # -- the forms ------------------------------------------------------------------------------------

    def read(self) -> list[Event]:
        out: list[Event | None] = []
        for t in self.doc:
            lemma = _lemma(t)
            if t.pos_ in {"VERB", "AUX"} and lemma in {"become", "be"}:
                out.append(self.accession(t))
            elif t.pos_ == "VERB" and lemma in MEETING_VERBS:
                out.append(self.meeting(t))
            elif t.pos_ == "VERB" and lemma in ARRIVAL_VERBS:
                out.append(self.arrival(t))
            elif t.pos_ == "VERB" and lemma in RECEIVING_VERBS:
                out.append(self.receipt(t))
            elif t.pos_ == "VERB" and lemma in INCURSION_VERBS | CROSSING_VERBS:
                out.append(self.incursion(t) if lemma in INCURSION_VERBS else None)
                if out[-1] is None and lemma in CROSSING_VERBS:
                    out[-1] = self.crossing(t)
            elif t.pos_ == "VERB" and lemma in WITHDRAWING_VERBS:
                out.append(withdrawal(self, t))
            elif t.pos_ == "VERB" and lemma in SCRAMBLE_VERBS:
                out.append(self.scramble(t))
            elif t.pos_ == "VERB" and lemma in PSYOPS_VERBS:
                out.append(self.psyops(t))
            elif t.pos_ == "NOUN" and lemma in NOMINAL_CLASSES:
                out.append(self.nominal(t))
            elif t.pos_ == "NOUN" and lemma in TAKING_NOUNS | TESTING_NOUNS:
                action = _taking_class(t) if lemma in TAKING_NOUNS else _testing_class(t)
                out.append(self.nominal(t, action) if action else None)
            elif t.pos_ == "NOUN" and lemma in MEETING_NOUNS:
                out.append(self.meeting_noun(t))
        return [e for e in out if e is not None]

    def accession(self, v: Token) -> Event | None:
        """ "Sweden became NATO's 32nd member", "Finland is now a member of the alliance"."""
        attrs = [c for c in v.children if c.dep_ in {"attr", "acomp"} and _lemma(c) in MEMBER_NOUNS]
        subj = _subject(v)
        if not attrs or subj is None:
            return None
        if _lemma(v) == "be" and not any(_lemma(c) == "now" for c in v.children):
            return None  # "is a member" is a standing fact; "is now a member" reports the change
        groups = [c for c in self.codes(_phrase(attrs[0])) if c in ALLIANCE_CODES]
        if not groups:
            groups = self.article_groups()
        actors = self.subject_codes(v, subj, "JOIN")
        return self.event(v, actors, "JOIN", groups) if groups else None

    def article_groups(self) -> list[str]:
        """The alliance the article names most often ("the alliance" → NATO)."""
        counts = Counter(c for m in self.ctx.mentions for c in m.codes if c in ALLIANCE_CODES)
        return [counts.most_common(1)[0][0]] if counts else []

    def meeting(self, v: Token) -> Event | None:
        """ "Tsai met McCarthy", "angered Beijing by meeting with McCarthy", "Pelosi visited Taipei"."""
        subj = _subject(v)
        actors = self.subject_codes(v, subj, "OTHER")
        others = [c for c in v.children if c.dep_ == "dobj"]
        targets = self.codes([t for o in others for t in o.subtree] + _prep_objects(v, _set("with in to")))
        confidence = CLAUSE
        if not actors and subj is not None and targets:
            actors, confidence = self.party_named_with(subj, targets), INFERRED  # "Doe visited Taipei"
        parties = list(dict.fromkeys(actors + targets))
        if len(parties) < 2:
            return None
        return self.event(v, parties, "OTHER", parties, confidence=confidence)

    def meeting_noun(self, n: Token) -> Event | None:
        """ "following a meeting between Tsai and McCarthy", "Pelosi's visit to Taiwan"."""
        parties = self.codes(_modifiers(n) + _prep_objects(n, _set("between with of to in")))
        if len(parties) < 2:
            return None
        return self.event(n, parties, "OTHER", parties, confidence=BACKGROUND)

    def arrival(self, v: Token) -> Event | None:
        """ "the first Abrams tanks reached the front", "the delegation arrived in the capital"."""
        subj = _subject(v)
        if subj is None:
            return None
        place = self.codes(_prep_objects(v, TARGET_PREPS) + [t for c in v.children if c.dep_ == "dobj"
                                                             for t in c.subtree])
        words = {_lemma(t) for t in _phrase(subj)} | {t.text.lower() for t in _phrase(subj)}
        if _is_arms(subj, words):
            actors, confidence = self.supplier_of(subj, place)
            return self.event(v, actors, "ARM", place, confidence=confidence) if place else None
        if words & FORCE_WORDS:
            actors, confidence = self.supplier_of(subj, place)
            return self.event(v, actors, "DEPLOY", place, confidence=confidence) if place else None
        actors = [c for c in self.codes(_phrase(subj)) if c not in place]
        confidence = CLAUSE
        if not actors and subj.pos_ == "NOUN" and _lemma(subj) in ENVOY_WORDS:
            actors, confidence = self.supplier_of(subj, place)  # "the delegation": the one named before
        elif not actors and place:
            actors, confidence = self.party_named_with(subj, place), INFERRED  # "Doe landed in Taipei"
        return self.event(v, actors, "OTHER", place, confidence=confidence) if actors and place else None

    def receipt(self, v: Token) -> Event | None:
        """ "Ukraine has received the first F-16 jets from Denmark": the subject is the receiver."""
        subj = _subject(v)
        things = [c for c in v.children if c.dep_ == "dobj"]
        if _lemma(v) == "take":  # "took delivery of the first tanks"
            things = [g for c in things if _lemma(c) == "delivery" for p in c.children
                      if p.dep_ == "prep" and _lemma(p) == "of" for g in p.children if g.dep_ == "pobj"]
        if subj is None or not things:
            return None
        receivers = self.subject_codes(v, subj, "ARM")
        words = {_lemma(t) for t in _phrase(things[0])} | {t.text.lower() for t in _phrase(things[0])}
        action = "ARM" if _is_arms(things[0], words) or words & AIRCRAFT_WORDS else (
            "DEPLOY" if words & FORCE_WORDS else None)
        if action is None or not receivers:
            return None
        given = [c for c in self.codes(_prep_objects(v, _set("from"))) if c not in receivers]
        actors, confidence = (given, CLAUSE) if given else self.supplier_of(things[0], receivers)
        return self.event(v, actors, action, receivers, confidence=confidence)

    def incursion(self, v: Token) -> Event | None:
        """ "Russian drones strayed into Romanian airspace", "jets violated Lithuania's airspace"."""
        spaces = [t for t in (*v.children, *(g for c in v.children if c.dep_ == "prep" for g in c.children))
                  if t.dep_ in {"dobj", "pobj"} and _lemma(t) in AIRSPACE_WORDS]
        subj = _subject(v)
        if not spaces or subj is None:
            return None
        targets = self.codes(_phrase(spaces[0]))
        actors = [c for c in self.codes(_phrase(subj)) if c not in targets]
        confidence = CLAUSE
        if not actors:
            actors, confidence = [c for c in self.article_actor(targets)], INFERRED
        return self.event(v, actors, "COERCE", targets, confidence=confidence) if targets else None

    def crossing(self, v: Token) -> Event | None:
        """ "Turkish troops pushed into northern Syria", "Russian forces crossed into Ukraine from Belarus"."""
        subj = _subject(v)
        if subj is None or not {w for t in _phrase(subj) for w in (_lemma(t), t.text.lower())} & FORCE_WORDS:
            return None
        into = _prep_objects(v, _set("into across over"))
        if _lemma(v) in {"cross", "enter"}:
            into += [t for c in v.children if c.dep_ == "dobj" for t in c.subtree]
        places = self.codes(into)
        actors, confidence = self.supplier_of(subj, places)
        if not actors:
            actors = [c for c in self.codes(_phrase(subj)) if c not in places]
            confidence = CLAUSE
        return self.event(v, actors, "DEPLOY", places, confidence=confidence) if places and actors else None

    def scramble(self, v: Token) -> Event | None:
        """ "jets were scrambled": an agentless passive; the answer of the airspace's owner."""
        if not any(c.dep_ == "nsubjpass" and _lemma(c) in AIRCRAFT_WORDS for c in v.children):
            return None
        # The owner of the airspace (or the land) gone into answers: "drones strayed into Polish airspace
        # and fighters were scrambled" is Poland's; else the first party the sentence names, as before.
        spaces = [t for t in self.doc if _lemma(t) in AIRSPACE_WORDS or (
            t.dep_ == "pobj" and t.head.dep_ == "prep" and _lemma(t.head) == "into")]
        owners = [c for t in spaces for c in self.codes(_phrase(t))] or self.codes(list(self.doc))
        actors = [c for c in owners[:1]] if owners else []
        return self.event(v, actors, "DEPLOY", [], confidence=INFERRED)

    def psyops(self, v: Token) -> Event | None:
        """ "resumed loudspeaker broadcasts", "launching about 330 balloons": coercion short of force."""
        objs = [c for c in v.children if c.dep_ in {"dobj", "nsubjpass"}]
        words = {t.text.lower() for o in objs for t in _phrase(o)} | {_lemma(t) for o in objs for t in o.subtree}
        if not words & PSYOPS_OBJECTS:
            return None
        actors = self.subject_codes(v, _subject(v), "COERCE")
        aimed = _prep_objects(v, TARGET_PREPS | _set("toward towards")) + [
            t for o in objs for t in _modifiers(o)  # "the anti-Pyongyang broadcasts"
        ]
        targets = [c for c in self.codes(aimed) if c not in actors]
        return self.event(v, actors, "COERCE", targets)

    def nominal(self, n: Token, action: str | None = None) -> Event | None:
        """ "Moscow's annexation of Crimea", "the Russian invasion of Ukraine", "an attack by the army"."""
        action = action or NOMINAL_CLASSES[_lemma(n)]
        # the agent: "an attack by the army", "the strikes, carried out by the allies,", "Moscow's annexation"
        done = [c for c in n.children if c.dep_ == "acl" and c.tag_ == "VBN"]
        by = [g for c in n.children if c.dep_ == "prep" and _lemma(c) == "by" for g in c.subtree] + [
            g for c in done for a in c.children if a.dep_ == "agent" for g in a.subtree
        ]
        agents = self.codes(by) if by else self.codes([t for c in n.children if c.dep_ in {"poss", "amod"}
                                                       for t in c.subtree])
        ordered = n.dep_ == "dobj" and _lemma(n.head) in ORDERING_VERBS
        if action == "SANCTION":
            if n.dep_ != "dobj" or _lemma(n.head) not in ANNOUNCING_VERBS:
                return None
            agents, ordered = [], True
        if not agents and action == "DEPLOY":  # "the deployment of Russian troops to Belarus": whose forces
            agents = self.codes([t for c in n.children if c.dep_ == "prep" and _lemma(c) == "of" for g in c.children
                                 if g.dep_ == "pobj" and _lemma(g) in FORCE_WORDS for t in _modifiers(g)])
        if not agents and ordered:
            agents = self.subject_codes(n.head, _subject(n.head), action)  # "Trump ordered strikes on Syria"
        if not agents:
            return None  # without its agent a named act says too little to match a red line
        aimed = _prep_objects(n, TARGET_PREPS | _set("of")) + [t for c in done for t in _prep_objects(c, TARGET_PREPS)]
        if n.dep_ == "nsubj" and _lemma(n.head) in HITTING_VERBS:  # "the strikes hit a research centre"
            aimed += [t for c in n.head.children if c.dep_ == "dobj" for t in c.subtree]
            aimed += _prep_objects(n.head, TARGET_PREPS)
        places = self.codes(aimed)
        targets = [c for c in places if c not in agents]
        if action == "ATTACK":
            means = {t.text.lower() for m in n.children if m.dep_ in {"compound", "amod"} for t in m.subtree}
            if means & (WMD_MODIFIERS | CHEMICAL_AGENTS):
                action = "WMD"
            elif not targets and not by:
                return None  # "Russian attacks" with no target: too vague
        if action == "COERCE" and not targets:
            return None  # "NATO's annual exercises": coercion only when aimed at someone
        return self.event(n, agents, action, targets, confidence=BACKGROUND if not by else CLAUSE)


def _taking_class(n: Token) -> str | None:
    """ANNEX for the seizure of land or of a named place, COERCE for a ship's; None for anything else."""
    taken = [g for c in n.children if c.dep_ == "prep" and _lemma(c) == "of" for g in c.children if g.dep_ == "pobj"]
    if not taken:
        return None
    if _lemma(taken[0]) in SHIP_WORDS:
        return "COERCE"
    if _lemma(taken[0]) in TERRITORY_WORDS or taken[0].pos_ == "PROPN":
        return "ANNEX"
    return None


def _testing_class(n: Token) -> str | None:
    """WMD for a nuclear (chemical, ...) test; None for any other."""
    kinds = {_lemma(t) for c in n.children if c.dep_ in {"amod", "compound"} for t in c.subtree}
    return "WMD" if kinds & WMD_MODIFIERS else None


def form_events(ctx: Context, i: int, doc: Doc, mentions: Sequence[ActorMention]) -> list[Event]:
    """The events sentence ``i`` reports in the forms of the module docstring."""
    return Reader(ctx, i, doc, mentions).read()
