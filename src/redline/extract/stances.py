"""Stances (FORMAT.md §2): an actor's stated position on a debated move.

A stance needs three things in one parsed sentence: a position cue (a verb of
support, opposition or consideration, a negation of one, or a fixed phrase
such as "nothing should be excluded"), an actor that holds it (the cue's
subject, else the sentence's voice; a list of countries gives one stance
each), and a proposal in international security (troops, weapons, sanctions,
a ceasefire, talks, membership ...). "Such a plan" and "the idea" point back
to the last proposal of the article. The author's speculation ("Ukraine
would likely welcome ...") has no voice and is not a stance.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from redline.extract import attribution as attr
from redline.extract.actions import classify
from redline.extract.cue_guards import OTHERS, asked_from, backs_away, nationality, points_back
from redline.extract.frame_gates import sentence_words
from redline.extract.frames import phrase_text
from redline.extract.lexicon import PROPOSAL_RE, REPORTING_VERBS
from redline.extract.pipeline import Context
from redline.extract.positions import (
    JUDGING_LEMMAS,
    OBJECTION_VERBS,
    conditional_phrase,
    conditioned,
    judgement,
    objection,
    support_reading,
)
from redline.extract.stance_cues import (
    EXTRA_NOUNS,
    EXTRA_VERBS,
    extra_noun_position,
    extra_verb_reading,
    stating_holder,
)
from redline.extract.stance_merge import StanceCandidate as StanceCandidate
from redline.extract.stance_merge import merge as merge
from redline.models import ActorMention

SUPPORT_LEMMAS = frozenset(
    "support back call urge favour favor endorse welcome push propose pledge agree decide approve "
    "plan want press seek promise advocate authorize authorise greenlight green-light".split()
)
# Verbs of doing: a stance only when announced for the future ("will send"), else they report an event.
ACTION_VERBS = frozenset("send provide deliver supply deploy lift impose give transfer station".split())
FUTURE_AUX = frozenset({"will", "would", "'ll", "shall"})
OPPOSE_LEMMAS = frozenset("reject oppose refuse deny veto dismiss condemn block object exclude rule".split())
OPEN_LEMMAS = frozenset("consider weigh mull explore study discuss review examine contemplate".split())
NEGATORS = frozenset({"not", "n't", "never", "no"})
OPEN_PHRASES = re.compile(
    r"\b(?:nothing (?:should|can|could|must|will) be (?:excluded|ruled out)|"
    r"(?:should|must|could|can|cannot|can't|would)(?: not)? be (?:excluded|ruled out)|"
    r"(?:all|every) options?|options? (?:remain|are|is|should be|stay) (?:open|on the table)|"
    r"not rul\w* out|did not reject\w*|did not rule out|does not rule out|not exclud\w*|"
    r"open to|undecided|will decide whether|has not decided|does not say (?:if|whether)|"
    r"non-?committal|ambivalent|on the fence|(?:yet|not yet) to decide|wait and see)\b",
    re.IGNORECASE,
)
OPPOSE_PHRASES = re.compile(
    r"\b(?:no (?:plans?|intention|question)|not (?:necessary|needed)|"
    r"(?:would|will|does|do|did|could|can|is|are)(?: not|n't) (?:support|accept|allow|agree|back|send|deploy|"
    r"consider|tolerate|permit|participate|join|take part|provide|supply|use|going to|planning)|"
    r"against (?:the|such|any|sending|deploying|supplying)|"
    r"opt(?:s|ed|ing)? out|(?:is|are|was|were|am)(?: not|n't) (?:yet )?(?:ready|willing|convinced|persuaded)|"
    r"unwilling|no appetite|out of the question)\b",
    re.IGNORECASE,
)
SPECULATION = re.compile(r"\b(?:would likely|will likely|likely to|probably)\b", re.IGNORECASE)


NO_ONE = frozenset({"none", "neither", "nobody", "nor"})


def _negated(t: Token) -> bool:
    if any(c.dep_ == "neg" or c.lower_ in NEGATORS for c in t.children):
        return True
    # Negation through the subject: "none of the members backed it", "no country supported the plan".
    if any(c.dep_ in {"nsubj", "nsubjpass"} and (c.lower_ in NO_ONE or any(d.dep_ == "det" and d.lower_ == "no"
                                                                          for d in c.children))
           for c in t.children):
        return True
    # "would not support" parses the negation on the auxiliary's head; "not rule out" on the particle.
    return t.head.i != t.i and t.dep_ in {"xcomp", "conj"} and any(c.dep_ == "neg" for c in t.head.children)


def _in_condition(t: Token) -> bool:
    """Inside an "if"/"unless" clause: a hypothetical, not a position."""
    for a in [t, *t.ancestors]:
        if any(c.dep_ == "mark" and c.lower_ in {"if", "unless", "whether"} for c in a.children):
            return True
    return False


# Refusals by other verbs: "declined to sign", "stalled the package", "held up the sanctions".
REFUSAL_VERBS = frozenset("decline stall hold".split())
# Positions carried by nouns: "Spain's refusal to join", "Germany's opposition to", "Italy's backing for".
POSITION_NOUNS = {
    **dict.fromkeys("refusal reluctance opposition objection rejection opt-out boycott".split(), "oppose"),
    **dict.fromkeys("backing endorsement approval".split(), "support"),
    **dict.fromkeys("openness".split(), "open"),
}
CUE_LEMMAS = (ACTION_VERBS | OPPOSE_LEMMAS | OPEN_LEMMAS | SUPPORT_LEMMAS | REFUSAL_VERBS | JUDGING_LEMMAS
              | OBJECTION_VERBS | frozenset(POSITION_NOUNS) | EXTRA_VERBS | frozenset(EXTRA_NOUNS))


_CUES_KEY = "redline.cue_verbs"


def cue_verbs(doc: Doc) -> list[tuple[Token, str]]:
    """The position cues of a sentence: (cue token, position) in token order.

    Read once per parse and kept with it (as token indices, like ``attribution.reporting_verbs``); a
    sentence whose lemmas hold none of ``CUE_LEMMAS`` has none, found without walking its tokens.
    """
    found: tuple[tuple[int, str], ...] | None = doc.user_data.get(_CUES_KEY)
    if found is None:
        cues = _cue_verbs(doc) if not CUE_LEMMAS.isdisjoint(sentence_words(doc).lemmas) else []
        found = doc.user_data[_CUES_KEY] = tuple((t.i, read) for t, read in cues)
    return [(doc[i], read) for i, read in found]


def _cue_verbs(doc: Doc) -> list[tuple[Token, str]]:
    out: list[tuple[Token, str]] = []
    for t in doc:
        lemma = t.lemma_.lower()
        if lemma not in CUE_LEMMAS:
            continue
        pos = "VERB" if misread_back(t) else t.pos_
        if pos not in {"VERB", "NOUN"} or _in_condition(t):
            continue
        neg = _negated(t)
        if lemma in POSITION_NOUNS and t.pos_ == "NOUN":
            if noun_holder(t):
                out.append((t, POSITION_NOUNS[lemma]))
            continue
        if lemma in EXTRA_NOUNS and t.pos_ == "NOUN":
            if (held := extra_noun_position(t)) is not None and noun_holder(t):
                out.append((t, held))
            continue
        if lemma in EXTRA_VERBS and lemma not in SUPPORT_LEMMAS | OPPOSE_LEMMAS:
            if (read := extra_verb_reading(t, neg, lambda v, n: support_reading(v, n, object_tokens(v)))) is not None:
                out.append((t, read))
            continue
        if lemma in ACTION_VERBS and t.pos_ == "VERB":
            aux = {c.lower_ for c in t.children if c.dep_ in {"aux", "auxpass"}}
            # "will send" announces; "would have sent" is counterfactual; "was sent" reports.
            if aux & FUTURE_AUX and not aux & {"have", "has", "had", "be", "been"} and not any(
                c.dep_ in {"auxpass", "nsubjpass"} for c in t.children
            ):
                out.append((t, "oppose" if neg else "support"))
            continue
        if lemma in JUDGING_LEMMAS and t.pos_ == "VERB" and (judged := judgement(t, neg)) is not None:
            out.append((t, judged))
        elif lemma in OBJECTION_VERBS and t.pos_ == "VERB":
            if (objected := objection(t, neg)) is not None:
                out.append((t, objected))
        elif lemma in OPPOSE_LEMMAS:
            if lemma == "rule" and not any(c.lower_ == "out" for c in t.children):
                continue
            out.append((t, "open" if neg else "oppose"))
        elif lemma in REFUSAL_VERBS and t.pos_ == "VERB":
            if lemma == "hold" and not any(c.dep_ == "prt" and c.lower_ == "up" for c in t.children):
                continue
            out.append((t, "open" if neg else "oppose"))
        elif lemma in OPEN_LEMMAS and t.pos_ == "VERB":
            out.append((t, "oppose" if neg else conditioned(t, "open")))
        elif lemma in SUPPORT_LEMMAS and pos == "VERB":
            if backs_away(t):
                out.append((t, "support" if neg else "oppose"))
                continue
            out.append((t, support_reading(t, neg, object_tokens(t))))
    return out


def misread_back(t: Token) -> bool:
    """ "would back sending a force": the tagger reads "back" as an adverb, yet it heads a clause with a modal."""
    return t.lower_ == "back" and t.pos_ == "ADV" and t.dep_ in {"ROOT", "ccomp", "xcomp", "conj", "advcl"} \
        and any(c.dep_ == "aux" for c in t.children) \
        and any(c.dep_ in {"dobj", "xcomp", "ccomp"} for c in t.children)




def noun_holder(noun: Token) -> list[Token]:
    """Who holds a position noun: its possessor ("Spain's refusal"), its nationality ("German reluctance"),
    or the subject of a verb that states it ("Peru signalled its opposition", "Chile voiced its backing")."""
    for c in noun.children:
        if c.dep_ == "poss" and c.tag_ != "PRP$":  # "its refusal" alone names no one
            return list(c.subtree)
    national = [c for c in noun.children if nationality(c)]
    if national:
        return national
    return stating_holder(noun, attr.subject_of, attr.is_pronoun_subject)


def _holder_tokens(cue: Token) -> list[Token]:
    """The tokens naming who holds a cue: a position noun's holder, else the verb's subject."""
    if cue.pos_ == "NOUN" and (cue.lemma_.lower() in POSITION_NOUNS or cue.lemma_.lower() in EXTRA_NOUNS):
        return noun_holder(cue)
    return attr.subject_of(cue)


def object_tokens(verb: Token) -> list[Token]:
    out: list[Token] = []
    core = [c for c in verb.children if c.dep_ in {"dobj", "xcomp", "ccomp", "attr", "oprd", "acomp"}]
    # A direct object or complement is the proposal; prepositions only when there is none ("called for X").
    for c in core or [c for c in verb.children if c.dep_ in {"prep", "prt", "pobj"}]:
        out.extend(c.subtree)
    return sorted(out, key=lambda t: t.i)


def stance_text(tokens: Sequence[Token]) -> str:
    return phrase_text(tokens).strip(" ,;:.\"“”'‘’")


def _conjuncts(head: Token) -> list[Token]:
    """A coordinated list's items with their own modifiers, not what hangs off the list."""
    out: list[Token] = []
    for item in [head, *head.conjuncts]:
        out.append(item)
        out.extend(c for c in item.children if c.dep_ in {"compound", "amod", "det", "poss", "case"})
    return out


def _listed(ctx: Context, i: int, doc: Doc) -> list[tuple[str, str | None]]:
    """Actors named in an "including A, B and C" list."""
    for t in doc:
        if t.lower_ == "including":
            objs = [d for c in t.children if c.dep_ == "pobj" for d in _conjuncts(c)]
            found = attr.tokens_mentions(ctx, i, objs)
            if len(found) >= 2:
                return [(c, m.person) for m in found for c in m.codes]
    return []


def _holders_in(ctx: Context, i: int, subj: list[Token], antecedent: bool = False) -> list[ActorMention]:
    """Mentions in a subject that name who acts: not the possessor of "allies", "supporters".

    A relative clause's ``antecedent`` acts whatever its own role ("sided with Peru, which refused ...").
    """
    doc = ctx.parsed[i]
    base = ctx.sentences[i].span.start
    out = []
    for m in attr.tokens_mentions(ctx, i, subj):
        toks = [t for t in doc if base + t.idx < m.span.end and base + t.idx + len(t.text) > m.span.start]
        if toks and toks[-1].dep_ == "poss" and toks[-1].head.lemma_.lower() in OTHERS:
            continue
        if not antecedent and toks and any(t.dep_ == "pobj" and t.head.lower_ in {"against", "with", "to", "on"}
                                           for t in toks):
            continue
        if toks and asked_from(toks[-1]):
            continue   # "requested help from X": X is the one asked
        out.append(m)
    return out


DEMAND_AUX = frozenset({"must", "should", "need", "ought"})


def _actors(ctx: Context, i: int, doc: Doc, verb: Token, voice: attr.Voice | None) -> list[tuple[str, str | None]]:
    antecedent = attr.relative_antecedent(verb)
    subj = antecedent or _holder_tokens(verb)
    listed = _listed(ctx, i, doc)
    if listed:
        return listed
    if voice is not None and any(c.dep_ == "aux" and c.lower_ in DEMAND_AUX for c in verb.children):
        # "X said Y must agree to talks": the position is X's, a demand on Y.
        return [(c, voice.speaker) for c in voice.codes]
    if subj and not attr.is_pronoun_subject(subj):
        found = _holders_in(ctx, i, subj, bool(antecedent))
        if found:
            people = [m for m in found if m.kind == "person"]
            if people and len(found) == len(people):
                return [(c, m.person) for m in people for c in m.codes]
            return [(c, m.person) for m in found for c in m.codes]
        if voice is None:
            return []
    if voice is not None:
        return [(c, voice.speaker) for c in voice.codes]
    return []


ANALYST_WORDS = frozenset("analyst analysts expert experts observer observers commentator commentators "
                          "researcher researchers scholar scholars pundit pundits".split())
SPECULATIVE_AUX = frozenset({"could", "might", "may"})


def analysts_speculate(doc: Doc) -> bool:
    """ "Analysts say Berlin could support ...": the analysts' guess, not Berlin's position."""
    for verb in attr.reporting_verbs(doc):
        if any(t.lemma_.lower() in ANALYST_WORDS for t in attr.subject_of(verb)):
            return True
    return False


PHRASE_DEPS = frozenset({"compound", "amod", "dobj", "pobj", "nmod", "pcomp", "acl", "xcomp", "nsubjpass", "conj",
                         "appos", "prep"})


# A position verb's object is the proposal, not the verb with its holder: "approved [a ceasefire deal]".
POSITION_LEMMAS = SUPPORT_LEMMAS | OPPOSE_LEMMAS | OPEN_LEMMAS | frozenset("adopt pass decline stall".split())
TOPIC_PREPS = frozenset({"about", "on", "over", "regarding", "concerning"})


def token_at(doc: Doc, char: int) -> Token:
    """The token at character ``char`` of the sentence (or the one its trailing space follows; else the first)."""
    return next((t for t in doc if t.idx <= char < t.idx + len(t.text) + 1), doc[0])


def phrase_at(doc: Doc, char: int) -> str:
    """The phrase around the proposal word at ``char``: "putting Western boots on the ground in Ukraine"."""
    token = token_at(doc, char)
    while (token.dep_ in PHRASE_DEPS and token.head.i != token.i and token.head.pos_ != "AUX"
           and token.head.lemma_.lower() not in REPORTING_VERBS and token.head.lemma_.lower() not in POSITION_LEMMAS):
        if token.head.dep_ == "prep" and (token.head.head.pos_ == "VERB" or token.head.lower_ in TOPIC_PREPS):
            break
        token = token.head
    words = [t for t in token.subtree if not t.is_punct or t.text in {"-", "'"}]
    return stance_text(words)[:200]


AUX_DEPS = frozenset({"aux", "auxpass"})


def _verb_at(doc: Doc, char: int) -> Token:
    """The verb governing the token at character ``char`` (where a fixed phrase matched).

    An auxiliary is no verb of its own: "would not join" is governed by "join", whose subject acts.
    """
    token = token_at(doc, char)
    for a in [token, *token.ancestors]:
        if a.pos_ in {"VERB", "AUX"} and not (a.dep_ in AUX_DEPS and a.head.i != a.i):
            return a
    return next(t for t in doc if t.dep_ == "ROOT")


# "will not send tanks unless the US does": a refusal with an exception is a move made only under a condition.
EXCEPT_IF = re.compile(r"\b(?:unless|except if)\b", re.IGNORECASE)  # "until and unless" holds "unless"


def position_of(text: str, verb_position: str) -> str:
    if conditional_phrase(text) and verb_position in {"support", "open"}:
        return "conditional"
    if verb_position == "oppose" and EXCEPT_IF.search(text):
        return "conditional"
    if OPEN_PHRASES.search(text) and verb_position != "support":
        return "open"
    return verb_position


# Nouns whose "against" is still a stand against something: "protests against the deployment".
STAND_NOUNS = frozenset("protest opposition objection vote voice stand argument case campaign warning".split())


def oppose_phrase(doc: Doc, text: str) -> re.Match[str] | None:
    """The first fixed phrase of opposition in a sentence (``doc`` parses ``text``).

    "Against" that names a measure's target ("an arms embargo against the country", "air strikes against the
    camp") is no opposition: only one a verb or an adjective governs ("voted against the plan", "is against
    sending troops") or a noun of protest is. A phrase inside an "if" / "unless" clause is a condition.
    """
    for m in OPPOSE_PHRASES.finditer(text):
        at = next((t for t in doc if t.idx - doc[0].idx == m.start()), None)
        if at is not None and _in_condition(at):
            continue   # "will not comply if NATO does not support it": the condition is no refusal
        if m.group().lower().startswith("against") and at is not None and at.head.pos_ in {"NOUN", "PROPN"} \
                and at.head.lemma_.lower() not in STAND_NOUNS:
            continue
        return m
    return None


def speculative(ctx: Context, i: int, voiced: bool = False) -> bool:
    """The author's or analysts' guess ("Ukraine would likely welcome ...", "analysts say ..."): never a stance."""
    if SPECULATION.search(ctx.sentences[i].text) and not voiced:
        return True
    return analysts_speculate(ctx.parsed[i])


def sentence_stances(ctx: Context, i: int, voice: attr.Voice | None,
                     last_proposal: str | None) -> list[StanceCandidate]:
    doc = ctx.parsed[i]
    text = ctx.sentences[i].text
    if speculative(ctx, i, voice is not None):
        return []
    cues = cue_verbs(doc)
    phrase = OPEN_PHRASES.search(text) or oppose_phrase(doc, text) or conditional_phrase(text)
    phrase_position = None
    if phrase is not None:
        phrase_position = ("open" if phrase.re is OPEN_PHRASES else "oppose" if phrase.re is OPPOSE_PHRASES
                           else "conditional")
    if not cues and phrase_position is None:
        return []
    if cues:
        # Opposition is the strongest signal in a sentence that also urges or welcomes something.
        # A cue whose own object names no proposal ("condemned the coup, calling for an arms embargo") gives way.
        rank = {"oppose": 0, "open": 1, "support": 2, "conditional": 2}
        cues.sort(key=lambda c: (PROPOSAL_RE.search(stance_text(object_tokens(c[0]))) is None, rank[c[1]],
                                 attr.depth(c[0])))
        verb, position = cues[0]
        obj = object_tokens(verb)
    else:
        assert phrase is not None and phrase_position is not None
        verb, position, obj = _verb_at(doc, phrase.start()), phrase_position, list(doc)
    if phrase_position and position == "support":
        position = phrase_position
    out = _stances_of(ctx, i, verb, position_of(text, position), obj, voice, last_proposal)
    # "A rejected X, while B said it supports Y": another clause with a subject of its own is another stance.
    seen = {c.actor for c in out}
    for other, other_position in cues[1:]:
        antecedent = attr.relative_antecedent(other)
        subj = antecedent or _holder_tokens(other)
        own_voice = None
        if not antecedent and subj and attr.is_pronoun_subject(subj):
            # "while China said it supports ...": the pronoun is the speaker of the clause it sits in.
            speech = next((a for a in other.ancestors if a.lemma_.lower() in REPORTING_VERBS), None)
            subj = attr.subject_of(speech) if speech is not None else []
        if not subj or not (holders := _holders_in(ctx, i, subj, bool(antecedent))):
            continue
        own_voice = attr.Voice(tuple(c for m in holders for c in m.codes), holders[0].person, i)
        more = _stances_of(ctx, i, other, other_position, object_tokens(other), own_voice, last_proposal)
        out.extend(c for c in more if c.actor not in seen)
        seen |= {c.actor for c in more}
    return out


def _stances_of(ctx: Context, i: int, verb: Token, position: str, obj: list[Token], voice: attr.Voice | None,
                last_proposal: str | None) -> list[StanceCandidate]:
    doc, text = ctx.parsed[i], ctx.sentences[i].text
    proposal_text = stance_text(obj)
    anaphoric = False
    if not PROPOSAL_RE.search(proposal_text) or len(obj) == len(doc):
        if (points_back(proposal_text, obj) if proposal_text else points_back(text, list(doc))) and last_proposal \
                and not PROPOSAL_RE.search(text):
            proposal_text, anaphoric = last_proposal, True
        elif (m := PROPOSAL_RE.search(text)) is not None:
            proposal_text = phrase_at(doc, m.start())
        else:
            return []
    actors = _actors(ctx, i, doc, verb, voice)
    action = classify(obj) if obj else "OTHER"
    return [StanceCandidate(code, speaker, proposal_text[:200], action, position, [i], anaphoric)
            for code, speaker in dict.fromkeys(actors)]


def rule_candidates(ctx: Context) -> list[StanceCandidate]:
    """What the rules find, sentence by sentence, before merging."""
    cands: list[StanceCandidate] = []
    voice: attr.Voice | None = None
    last_proposal: str | None = None
    threats = ctx.scratch.get("redline_sentences", set())
    for i in sorted(ctx.parsed):
        voice = attr.find_voice(ctx, i, voice) or (voice if voice and i - voice.sentence <= attr.CARRY else None)
        own = voice if voice is not None and voice.sentence == i else None
        found = sentence_stances(ctx, i, own, last_proposal)
        if i in threats:
            # A threat is a red line, not a position; only an explicit refusal in it is also a stance.
            found = [c for c in found if c.position == "oppose"]
        for c in found:
            if not c.anaphoric:
                last_proposal = c.proposal
        cands.extend(found)
    return cands
