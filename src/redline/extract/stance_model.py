"""The stance step: what the rules read, and every other actor of a parsed sentence, scored by the fitted model.

``stances.py`` reads positions where it can parse their structure; each
(actor, sentence) pair is then a candidate (``candidates.py``), scored by the
model ``make train`` fitted on the training set (``scorer.py``). A candidate the
model accepts keeps the rules' reading where there is one; speculation and the
threats of red-line sentences stay vetoed whatever the score. Without a model
file, the rules alone decide.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from spacy.tokens import Doc, Token

from redline.extract import attribution as attr
from redline.extract.actions import classify
from redline.extract.candidates import StanceCandidateFeatures, root_of, stance_candidates, tokens_of
from redline.extract.cue_guards import (
    caption_sentences,
    dateline_parties,
    described,
    foreseen_agents,
    kicker_parties,
    qualifies_others,
    relaying,
    teaser_sentences,
    topic_label,
)
from redline.extract.frame_gates import sentence_words
from redline.extract.lexicon import CONDITIONAL_RE, MEASURE_RE, PROPOSAL_RE, REPORTING_VERBS, RESPONSE_RE
from redline.extract.pipeline import Context, Resources, step
from redline.extract.scorer import StanceModel, load_stance_model
from redline.extract.stances import (
    OPEN_PHRASES,
    OPPOSE_PHRASES,
    StanceCandidate,
    cue_verbs,
    merge,
    object_tokens,
    phrase_at,
    position_of,
    rule_candidates,
    speculative,
    stance_text,
    token_at,
)
from redline.extract.votes import vote_position
from redline.models import ActorMention, Evidence, Span, Stance


def _proposal_in(ctx: Context, i: int, last_proposal: str | None) -> tuple[str, str, bool]:
    """The proposal a sentence names (text, action class, anaphoric), for a candidate the rules did not read."""
    doc, text = ctx.parsed[i], ctx.sentences[i].text
    m = PROPOSAL_RE.search(text) or _main_clause_measure(doc, text)
    if m is not None:
        phrase = phrase_at(doc, m.start())
        words = [t for t in doc if phrase and t.text in phrase]
        return phrase, classify(words) if words else "OTHER", False
    if last_proposal is not None:
        return last_proposal, "OTHER", True
    root = next(t for t in doc if t.dep_ == "ROOT")
    move = move_tokens(root)
    return (stance_text(move) or stance_text(list(doc)))[:200], classify(move) if move else "OTHER", False


# Clauses that tell the background of a sentence, not the move it is about: "... after Lisbon opposed a ban".
BACKGROUND_DEPS = frozenset({"advcl", "relcl"})


def _main_clause_measure(doc: Doc, text: str) -> re.Match[str] | None:
    """The first measure of trade or diplomacy (``MEASURE_RE``) outside the sentence's background clauses."""
    for m in MEASURE_RE.finditer(text):
        token = token_at(doc, m.start())
        if not any(a.dep_ in BACKGROUND_DEPS for a in [token, *token.ancestors]):
            return m
    return None


# The parts of a clause that say what is done, not who does it, how it is framed or when.
MOVE_DEPS = frozenset({"dobj", "xcomp", "ccomp", "attr", "oprd", "acomp", "dative", "prt", "prep", "agent"})


def move_tokens(verb: Token, depth: int = 0) -> list[Token]:
    """The move a clause names, holder and reporting left out: "the US will send tanks", it said -> "send tanks".

    A reporting verb ("said", "announced that") gives way to the clause it reports; a passive one to its
    subject ("the resolution was adopted" -> "the resolution"); otherwise the verb with its objects and
    complements, without its subject, auxiliaries, negation and adverbial clauses.
    """
    reported = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if reported is not None and depth < 3 and verb.lemma_.lower() in REPORTING_VERBS:
        return move_tokens(reported, depth + 1)
    passive = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if passive is not None and passive.pos_ not in {"PRON", "PROPN"}:
        return sorted(passive.subtree, key=lambda t: t.i)
    parts = [c for c in verb.children if c.dep_ in MOVE_DEPS]
    if not parts or verb.pos_ not in {"VERB", "AUX"}:
        return object_tokens(verb)
    words = [verb, *(t for c in parts for t in c.subtree)]
    return sorted(words, key=lambda t: t.i)


def _cue_position(doc: Doc, text: str, cues: list[tuple[Token, str]]) -> str | None:
    """The position the sentence's strongest cue reads, as the rules would read it."""
    if not cues:
        return None
    rank = {"oppose": 0, "open": 1, "support": 2, "conditional": 2}
    _verb, position = min(cues, key=lambda c: (rank[c[1]], attr.depth(c[0])))
    return position_of(text, position)


def _nearest_cue(root: Token, cues: list[tuple[Token, str]]) -> str | None:
    """The position of the cue verb closest to an actor in the tree: above it, or in its own clause."""
    above = {a.i: k for k, a in enumerate(root.ancestors)}
    best: tuple[int, str] | None = None
    for verb, position in cues:
        if verb.i in above:
            dist = above[verb.i]
        elif any(a.i == root.head.i for a in verb.ancestors):
            dist = 1 + sum(1 for _ in verb.ancestors) - sum(1 for _ in root.ancestors)
        else:
            continue
        if best is None or dist < best[0]:
            best = (dist, position)
    return best[1] if best else None


# Features of a position word near the actor or of a vote (with "scue", a cue of the sentence): see ``merged_stances``.
WORDED = ("mcue", "vote=")


# A condition in a sentence that also names a response, or a headline's warning ("X warns of ... if Y"): a
# threat's shape, which the red-line step reads; FORMAT.md counts a conditional threat or warning as a red line.
IF_RE = re.compile(r"\b(?:if|unless|should)\b", re.IGNORECASE)
WARNING_RE = re.compile(r"\b(?:warn(?:s|ed|ing|ings)?|threat(?:s|en|ens|ened|ening)?|ultimatum)\b", re.IGNORECASE)
# The features that say a position word sits in the actor's own clause or governs it.
LOCAL_CUES = ("loc:support", "loc:oppose", "loc:open", "loc:conditional", "loc:vote", "mcue=", "vote=")


# An actor's own move that is itself the debated one ("Germany delivered air defence systems") is support of it.
MOVES = re.compile(r"\b(?:deliver\w*|sen[dt]s?|sending|suppl(?:y|ies|ied|ying)|deploy\w*|provid\w*|withdr[ae]w\w*|"
                   r"impos\w*|lift\w*|transfer\w*|station\w*|suspend\w*)\b", re.IGNORECASE)


# What an unconditional vow promises: a response or force, not a position on a proposal.
RETALIATION = re.compile(r"\b(?:respon(?:d|se)|retaliat\w*|revenge|aveng\w*|unpunished|punish\w*|consequences|"
                         r"pay (?:a|the) (?:heavy |high )?price|crush\w*|destroy\w*|"
                         # a vow of force: "vowed to keep fighting", "vowed to take the island, by force if need be"
                         r"(?:us(?:e|ing)|by|with) (?:of )?(?:military )?force|(?:keep|continue|go on) fighting|"
                         r"fight (?:on|to the end|until))\b", re.IGNORECASE)
VOWS = frozenset({"vow", "threaten", "swear", "promise"})
VOW_NOUNS = frozenset({"vow", "intention", "intent", "pledge", "promise"})


def vows_response(doc: Doc) -> bool:
    """ "Iran vowed to respond", "pledged that the attack would be avenged", "its intention to destroy ...":
    a vow of a response or of force, by a verb or a noun."""
    if VOWS.isdisjoint(lemmas := sentence_words(doc).lemmas) and VOW_NOUNS.isdisjoint(lemmas):
        return False
    return any(RETALIATION.search(" ".join(c.text for c in t.subtree)) is not None for t in doc
               if (t.pos_ == "VERB" and t.lemma_.lower() in VOWS)
               or (t.pos_ == "NOUN" and t.lemma_.lower() in VOW_NOUNS))


# What a move is said to bring: "sending them would be war", "the tanks will burn", "would destroy relations".
CONSEQUENCE = re.compile(r"\b(?:war|confrontation|conflict|escalat\w*|destr\w*|burn\w*|retaliat\w*|respon\w*|"
                         r"consequences?|legitimate targets?|price|regret|participation|catastroph\w*|disaster\w*|"
                         r"rupture|collapse)\b", re.IGNORECASE)
CONSEQUENCE_VERBS = frozenset("be mean lead result trigger provoke destroy cause spark burn become amount constitute "
                              "entail bring draw turn".split())
FUTURE = frozenset({"would", "will", "could", "might", "'ll", "wo"})
# Verbs that only say what something brings, and the pronouns that stand for a move under them ("it would lead
# to war", "that would mean confrontation"): a party does not "lead to" or "amount to" anything.
BRINGS = frozenset("mean lead result trigger provoke cause spark amount constitute entail".split())
MOVE_PRONOUNS = frozenset({"it", "this", "that"})


def consequence_shape(doc: Doc) -> bool:
    """Whether a clause says what a move would bring, its subject the move and not a party ("X would be war").

    That is a threat's shape: the speaker warns of a response, a red line's matter and no position on a proposal.
    """
    words = sentence_words(doc)
    if FUTURE.isdisjoint(words.words) or CONSEQUENCE_VERBS.isdisjoint(words.lemmas):
        return False
    for t in doc:
        if t.lemma_.lower() not in CONSEQUENCE_VERBS or not any(
                c.dep_ == "aux" and c.lower_ in FUTURE for c in t.children):
            continue
        subj = next((c for c in t.children if c.dep_ in {"nsubj", "csubj", "nsubjpass"}), None)
        if subj is not None and (subj.ent_type_ in {"GPE", "NORP", "ORG", "PERSON"} or (
                subj.pos_ == "PRON" and not (subj.lower_ in MOVE_PRONOUNS and t.lemma_.lower() in BRINGS))):
            continue
        # No subject: the parse split the move off as a clause of its own ("said troops going in would lead to war").
        inside = {c.i for c in subj.subtree} if subj is not None else set()
        if CONSEQUENCE.search(" ".join(c.text for c in t.subtree if c.i not in inside)):
            return True
    return False


def cued(cand: StanceCandidateFeatures, text: str, rule_read: bool, vow: bool = False, shape: bool = False) -> bool:
    """Whether a candidate has a position word or a move to stand on: a sentence with neither is background.

    A party that only qualifies a noun of what is debated (``in_phrase``: "Bolivian sanctions"), the
    addressee of a demand ("urged Denmark to ..."), the target of a criticism ("condemned Chile's coup"), a
    vow of a response (``vow``: ``vows_response`` of the sentence) and a threat's shape (a condition and a
    response, "if X, it will respond") are no candidates of the model either.
    """
    if rule_read:
        return True

    def role(name: str) -> bool:
        # The actor's own role, or that of the collective subject standing for it ("called for the two nations to").
        return bool(cand.features.get(name) or cand.features.get(f"{name}|collective"))

    if role("m:in_phrase") and "voice" not in cand.features:
        return False   # "Chile and Peru stall Bolivian sanctions": Bolivia is named in what is debated
    if role("m:criticised") and "voice" not in cand.features:
        return False   # "Peru condemned Chile's coup": Chile is what is criticised, not a holder
    if (role("m:demanded") or role("m:obliged")) and "voice" not in cand.features:
        return False   # "Chile's allies should ask themselves ...", said Peru: Peru's demand, not a position of Chile
    if role("m:addressee") or role("m:asked_from") or vow:
        return False
    if _threat_words(text):
        return False
    if cand.features.get("s:headline") and IF_RE.search(text) and WARNING_RE.search(text):
        return False   # "X issues stark warning if Y": a headline's one clause is the threat, a red line
    if shape:
        return False
    return _cue_words(text) or any(k.startswith(LOCAL_CUES) for k in cand.features)


# The sentence-wide questions of ``cued``, asked of a sentence's text once for all its candidates.
@functools.lru_cache(maxsize=4096)
def _threat_words(text: str) -> bool:
    """A condition and a response in the words of the sentence, and no conditional position."""
    return bool(IF_RE.search(text) and RESPONSE_RE.search(text) and not CONDITIONAL_RE.search(text))


@functools.lru_cache(maxsize=4096)
def _cue_words(text: str) -> bool:
    """A position word or a move in the sentence."""
    return CUES.search(text) is not None or MOVES.search(text) is not None


def candidate_features(ctx: Context, rules: list[StanceCandidate]) -> list[StanceCandidateFeatures]:
    """Every (actor, sentence) candidate with its features, the rules' readings among them.

    A candidate whose sentence holds no position word and that the rules did not read is left out: in
    the training set such sentences are stances only as further evidence of one stated elsewhere.
    """
    positions = {(c.actor, c.sentences[0]): c.position for c in rules}
    threats = ctx.scratch.get("redline_sentences", set())
    cands = stance_candidates(ctx, positions)
    cues: dict[int, list[tuple[Token, str]]] = {}
    tokens: dict[int, list[Token]] = {}
    in_sentence: dict[int, list[ActorMention]] = {}
    vows: dict[int, bool] = {}
    shapes: dict[int, bool] = {}
    relays: dict[int, set[str]] = {}
    labels: dict[int, set[str]] = {}
    kept = []
    for cand in cands:
        doc, text = ctx.parsed[cand.sentence], ctx.sentences[cand.sentence].text
        if cand.sentence not in tokens:
            cues[cand.sentence] = cue_verbs(doc)
            tokens[cand.sentence] = list(doc)
            in_sentence[cand.sentence] = ctx.mentions_in(ctx.sentences[cand.sentence])
            vows[cand.sentence] = vows_response(doc)
            shapes[cand.sentence] = consequence_shape(doc)
        if cand.sentence in threats:
            cand.features["s:threat"] = 1.0
        if (read := _cue_position(doc, text, cues[cand.sentence])) is not None:
            cand.features[f"scue={read}"] = 1.0
            cand.features["scue"] = 1.0
        base = ctx.sentences[cand.sentence].span.start
        mentions = [m for m in in_sentence[cand.sentence] if cand.code in m.codes]
        spans = [tokens_of(tokens[cand.sentence], base, m) for m in mentions]
        vote = next((v for toks in spans for t in reversed(toks) if (v := vote_position(t)) is not None), None)
        if vote is not None:
            cand.features[f"vote={vote}"] = 1.0
        if spans and spans[0] and (near := _nearest_cue(spans[0][-1], cues[cand.sentence])) is not None:
            cand.features["mcue"] = 1.0
            cand.features[f"mcue={near}"] = 1.0
            cand.features[f"mcue={position_of(text, near)}|adjusted"] = 1.0
        if cand.sentence not in relays:
            voice = [c.code for c in cands if c.sentence == cand.sentence and "voice" in c.features]
            relays[cand.sentence] = relaying(ctx, cand.sentence, voice)
        rule_read = (cand.code, cand.sentence) in positions
        if not rule_read and spans and all(toks and qualifies_others(toks[-1]) for toks in spans):
            continue   # "Kyiv's allies should ask themselves ...": Kyiv is not the one who acts
        if cand.code in relays[cand.sentence] and not rule_read:
            continue   # "Ankara said Tehran will join": Ankara reports Tehran's plan, no position of its own
        if cand.sentence not in labels:
            labels[cand.sentence] = topic_label(ctx, cand.sentence) if "s:headline" in cand.features else set()
        if cand.code in labels[cand.sentence] and not rule_read:
            continue   # "Chile and Peru: why ...?": the story's subject, not a holder
        if cued(cand, text, rule_read, vows[cand.sentence], shapes[cand.sentence]):
            kept.append(cand)
    return kept


class Vetoes:
    """Who cannot hold a stance in a sentence, whatever the model's score: read once per sentence.

    - a photo caption's sentences (``caption_sentences``) give no stance the rules did not read: a caption
      says what a picture shows;
    - a kicker's parties ("A-B crisis: ...", ``kicker_parties``) are the story's subject, not holders;
    - a sentence whose every cue only declines to rule out another party's act ("would not rule out the
      possibility of more launches by the North") holds an assessment of that party, no stance of anyone's;
    - a cross-link line ("Read more: ...", "... [ANALYSIS]", ``teaser_sentences``) carries another story's
      headline: no stance of this article's debate, whoever reads it;
    - a party named only in a dateline ("AMMAN, Jordan — ...", ``dateline_parties``) is where the story was
      filed from, no holder;
    - a party only described by a copula ("X is an autonomous region", ``described``) gives no stance the rules
      did not read.
    """

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.captions = caption_sentences(ctx)
        self.teasers = teaser_sentences(ctx)
        self._read: dict[tuple[str, int], Any] = {}   # (reading, sentence) -> what it gave, read once

    def _once(self, reading: Callable[[Context, int], Any], i: int) -> Any:
        key = (reading.__name__, i)
        if key not in self._read:
            self._read[key] = reading(self.ctx, i)
        return self._read[key]

    def foreseen(self, i: int) -> bool:
        return bool(self._once(_foreseen, i))

    def vetoed(self, code: str, i: int, rule_read: bool) -> bool:
        if i in self.teasers or self.foreseen(i) or code in self._once(dateline_parties, i):
            return True
        if rule_read:
            return False
        return (i in self.captions or code in self._once(kicker_parties, i)
                or code in self._once(described_parties, i))


def _foreseen(ctx: Context, i: int) -> bool:
    """Whether every cue of sentence ``i`` only declines to rule out another party's act."""
    cues = cue_verbs(ctx.parsed[i])
    return bool(cues) and all(foreseen_agents(verb) for verb, _ in cues)


def described_parties(ctx: Context, i: int) -> set[str]:
    """The actors every mention of which in sentence ``i`` is the subject of a description (``described``)."""
    sentence = ctx.sentences[i]
    tokens, base = list(ctx.parsed[i]), sentence.span.start
    cues = frozenset(t.i for t, _ in cue_verbs(ctx.parsed[i]))
    verdicts: dict[str, bool] = {}
    for m in ctx.mentions_in(sentence):
        toks = tokens_of(tokens, base, m)
        root = root_of(toks) if toks else None
        for code in m.codes:
            verdicts[code] = verdicts.get(code, True) and root is not None and described(root, cues)
    return {code for code, yes in verdicts.items() if yes}


def scored_candidates(ctx: Context, rules: list[StanceCandidate], model: StanceModel,
                      candidates: list[StanceCandidateFeatures] | None = None) -> list[StanceCandidate]:
    """The (actor, sentence) candidates the fitted model accepts, read by the rules where they could."""
    by_pair = {(c.actor, c.sentences[0]): replace(c) for c in rules}
    threats = ctx.scratch.get("redline_sentences", set())
    out: list[StanceCandidate] = []
    last_proposal: str | None = None
    guessed: dict[tuple[int, bool], bool] = {}   # speculation, read once per sentence and voice
    vetoes = Vetoes(ctx)
    for cand in candidates if candidates is not None else candidate_features(ctx, rules):
        feats = cand.features
        if vetoes.vetoed(cand.code, cand.sentence, (cand.code, cand.sentence) in by_pair):
            continue
        key = (cand.sentence, "voice" in feats)
        if key not in guessed:
            guessed[key] = speculative(ctx, *key)
        if guessed[key]:
            continue
        if cand.sentence in threats and (cand.code, cand.sentence) not in by_pair:
            # A threat is a red line, not a position; only a refusal the rules read in it is also a stance.
            continue
        probability = model.detect.probability(feats)
        vote = next((k[5:] for k in feats if k.startswith("vote=")), None)
        if probability < model.detect.threshold:
            continue
        position = vote or model.position.predict(feats)
        found = by_pair.get((cand.code, cand.sentence))
        if found is not None:
            if not model.rule_position or vote is not None:
                found.position = position
            found.score = probability
            found.decisive = vote is not None
            out.append(found)
        else:
            if vote is None:
                # The fixed phrases the rules read a position by ("only if", "non-committal") hold for it too.
                position = position_of(ctx.sentences[cand.sentence].text, position)
            proposal, action, anaphoric = _proposal_in(ctx, cand.sentence, last_proposal)
            worded = "scue" in feats or any(k.startswith(WORDED) for k in feats)
            out.append(StanceCandidate(cand.code, cand.speaker, proposal, action, position, [cand.sentence],
                                       anaphoric, probability, read_by_rules=False, decisive=vote is not None,
                                       worded=worded))
        if not out[-1].anaphoric:
            last_proposal = out[-1].proposal
    return out


def find_stances(ctx: Context, model: StanceModel | None = None) -> list[StanceCandidate]:
    rules = rule_candidates(ctx)
    if model is None:
        vetoes = Vetoes(ctx)
        return merge([c for c in rules if not vetoes.vetoed(c.actor, c.sentences[0], True)])
    return merged_stances(scored_candidates(ctx, rules, model), model)


def merged_stances(scored: list[StanceCandidate], model: StanceModel) -> list[StanceCandidate]:
    """The scored candidates merged; a stance resting on one sentence only the model read needs a surer score.

    Such lone readings are the model's least precise ones (a background clause, a warning with a position
    word in it); a stance the rules read, or that several sentences carry, keeps the plain threshold. A stance
    only the model read whose sentences hold no position word (no cue the rules know, no vote, no cue near the
    actor) needs ``bare_threshold``: its reading rests on the sentence's vocabulary alone.
    """
    found = merge(scored, by_actor=model.merge == "actor", vote=model.position_vote)
    return [c for c in found if c.read_by_rules or (
        (len(c.sentences) > 1 or c.score >= model.lone_threshold) and (c.worded or c.score >= model.bare_threshold))]


CUES = re.compile(
    r"\b(?:reject\w*|rul\w* out|oppos\w*|refus\w*|den(?:y|ies|ied)|veto\w*|support\w*|back\w*|call\w* for|urg\w*|"
    r"favou?r\w*|endors\w*|welcom\w*|propos\w*|pledg\w*|agree\w*|decid\w*|approv\w*|announc\w*|plan\w*|"
    r"consider\w*|weigh\w*|mull\w*|explor\w*|exclud\w*|options?|open to|no plans|not necessary|want\w*|"
    r"press\w*|seek\w*|insist\w*|condemn\w*|dismiss\w*|block\w*|"
    # Positions carried by votes, signatures, requests and nouns: "abstained", "co-authored", "asked for",
    # "refusal", "reluctance", "backing", "commitment".
    r"vot\w*|abstain\w*|abstention\w*|sign(?:ed|ing|ator\w*)|signs?\b(?! of\b)|"
    r"(?:co-?)?author\w*|(?:co-?)?sponsor\w*|drafted|ask\w*|sought|request\w*|"
    r"demand\w*|hop\w*|reaffirm\w*|commit\w*|recogni[sz]\w*|denounc\w*|criticis\w*|criticiz\w*|refrain\w*|"
    r"reluctan\w*|hesita\w*|resist\w*|insist\w*|vow\w*|promis\w*|offer\w*|willing\w*|ready|unacceptable|"
    r"accept\w*|respect\w*|joined|join\w*|agree\w*)\b"
    + "|" + OPEN_PHRASES.pattern + "|" + OPPOSE_PHRASES.pattern + "|" + CONDITIONAL_RE.pattern
)


@step("stances", requires={"parsed", "entities"}, provides={"stances"}, cues=CUES)
def stances_step(batch: list[Context], res: Resources) -> None:
    model = load_stance_model()
    for ctx in batch:
        stances = []
        for c in find_stances(ctx, model):
            ev = tuple(
                Evidence(ctx.document.id, i, Span(ctx.sentences[i].span.start, ctx.sentences[i].span.end),
                         ctx.sentences[i].text)
                for i in c.sentences
            )
            stances.append(Stance(actor=c.actor, proposal=c.proposal, position=c.position, evidence=ev,
                                  speaker=c.speaker, proposal_action=c.action,
                                  proposal_targets=proposal_parties(ctx, c)))
        ctx.stances = stances


def proposal_parties(ctx: Context, c: StanceCandidate) -> tuple[str, ...]:
    """The actors the proposal's own words name ("troops to Estonia": EST), the stance's holder left out.

    Found where the proposal text stands in its first sentence; a proposal carried over from an earlier
    sentence ("the plan") or reworded names none (unknown, never guessed).
    """
    sentence = ctx.sentences[c.sentences[0]]
    at = sentence.text.find(c.proposal) if c.proposal else -1
    if at < 0:
        return ()
    start = sentence.span.start + at
    end = start + len(c.proposal)
    codes = {code for m in ctx.mentions_in(sentence) if start <= m.span.start and m.span.end <= end
             for code in m.codes if code != c.actor}
    return tuple(sorted(codes))
