"""One word index per parsed sentence, and the words each frame finder cannot find a frame without.

Every frame finder walks all tokens of a sentence asking its own questions of each; most sentences hold
none of the words a finder starts from ("if", "threaten", "ultimatum" ...). :func:`sentence_words` reads
the sentence's lower-case forms, lemmas and dependency labels once, from spaCy's arrays, and
:func:`frame_gates` tells which finders can possibly answer: a finder is skipped only when a word that
every frame of it needs is absent, so the frames found are the same as running every finder.

The index is usable by any step that asks whether a sentence holds a word at all (stance or event
readers): ``sentence_words(doc).words`` is ``{t.lower_ for t in doc}``, ``.lemmas`` is
``{t.lemma_.lower() for t in doc}``, ``.deps`` is ``{t.dep_ for t in doc}`` and ``.text`` is ``doc.text``.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.attrs import DEP, LEMMA, LOWER, ORTH, SPACY
from spacy.tokens import Doc

from redline.extract.defence_frames import DEFEND_LEMMAS, INTERCEPT_LEMMAS, INVOKE_LEMMAS, PARTICLE_VERBS
from redline.extract.doctrine import CONDITION_WORDS
from redline.extract.frame_tokens import MODALS
from redline.extract.fulfilled_frames import THREAT_NOUNS
from redline.extract.lexicon import CONDITION_MARKS, LINK_LEMMAS, MEET_LEMMAS, REGARD_LEMMAS
from redline.extract.penalty_frames import (
    ANSWER_VERBS,
    BACK_VERBS,
    GENERIC_PARTIES,
    HOSTILE_VERBS,
    PARTY_NOUNS,
)
from redline.extract.warning_frames import THREAT_VERBS

__all__ = ["SentenceWords", "frame_gates", "sentence_words"]


@dataclass(frozen=True)
class SentenceWords:
    """The distinct lower-case forms, lower-case lemmas and dependency labels of one parsed sentence, its
    text (``doc.text``, which spaCy rebuilds from Token objects at every call) and that text in lower case."""

    words: frozenset[str]
    lemmas: frozenset[str]
    deps: frozenset[str]
    text: str
    lower: str


_WORDS_KEY = "redline.sentence_words"


def sentence_words(doc: Doc) -> SentenceWords:
    """The sentence's words, lemmas, labels and text, read once from the token arrays (no Token objects made).

    Kept with the parse (``doc.user_data``), so the several steps that gate on it read the arrays once.
    """
    found: SentenceWords | None = doc.user_data.get(_WORDS_KEY)
    if found is None:
        found = doc.user_data[_WORDS_KEY] = _read_words(doc)
    return found


def _read_words(doc: Doc) -> SentenceWords:
    orth, space, lower, lemma, dep = doc.to_array([ORTH, SPACY, LOWER, LEMMA, DEP]).T.tolist() if len(doc) else (
        [], [], [], [], [])
    strings = doc.vocab.strings
    forms = {h: strings[h] for h in set(orth)}
    text = "".join([forms[o] + " " if sp else forms[o] for o, sp in zip(orth, space, strict=True)])
    return SentenceWords(
        frozenset(strings[h] for h in set(lower)),
        frozenset(strings[h].lower() for h in set(lemma)),
        frozenset(strings[h] for h in set(dep)),
        text,
        text.lower(),
    )


# Condition finders: "if" / "unless" / inverted "should" clauses, "in the event / case of".
_CONDITION = CONDITION_MARKS | {"event", "case"}
# Link verbs and what links without one: "would be tantamount to", "is equivalent to".
_LINK_LEMMAS = LINK_LEMMAS | REGARD_LEMMAS | MEET_LEMMAS | {"follow"}
_LINK_WORDS = frozenset({"tantamount", "equivalent", "equal"})
# With a modal, a link also reads a generic subject ("any company that ... will pay") or what an act "would
# be" (``frames.WAR_ATTR``, ``frames.RUPTURE_ATTR``, searched in the words of a phrase): one of these words
# is a token of every such frame, or a piece of the text of every such phrase.
_GENERIC_WORDS = frozenset({"anyone", "anybody", "whoever", "those", "any", "everyone", "all", "every"})
_ATTR_PIECES = ("act", "declaration", "casus", "cause", "hostile", "participation", "involvement",
                "relations", "ties")
_RESPONSE_NOUNS = frozenset({"response", "retaliation", "reply", "answer"})
_WHOEVER = frozenset({"whoever", "whosoever", "anyone", "anybody"})


def frame_gates(s: SentenceWords) -> dict[str, bool]:
    """For each frame finder (by function name), whether the sentence holds the words its frames all need."""
    w, lem = s.words, s.lemmas
    modal = not MODALS.isdisjoint(w)
    return {
        "fulfilled_frames": not THREAT_NOUNS.isdisjoint(w),
        "condition_frames": not _CONDITION.isdisjoint(w),
        "link_frames": (not _LINK_LEMMAS.isdisjoint(lem) or not _LINK_WORDS.isdisjoint(w)
                        or (modal and (not _GENERIC_WORDS.isdisjoint(w) or any(p in s.lower for p in _ATTR_PIECES)))),
        "any_object_frames": modal and ("any" in w or "every" in w),
        "threat_frames": not THREAT_VERBS.isdisjoint(lem),
        "response_frames": modal and "in" in w and not _RESPONSE_NOUNS.isdisjoint(lem),
        "doctrine_frames": not CONDITION_WORDS.isdisjoint(w),
        "defence_frames": not DEFEND_LEMMAS.isdisjoint(lem) or "side" in lem,
        "whoever_frames": modal and not _WHOEVER.isdisjoint(w),
        "paratactic_frames": (modal and not HOSTILE_VERBS.isdisjoint(lem)
                              and not (ANSWER_VERBS | BACK_VERBS).isdisjoint(lem)),
        "intercept_frames": not INTERCEPT_LEMMAS.isdisjoint(lem) or not PARTICLE_VERBS.keys().isdisjoint(lem),
        "penalty_object_frames": ((not PARTY_NOUNS.isdisjoint(lem) or not GENERIC_PARTIES.isdisjoint(w))
                                  and not {"relcl", "acl"}.isdisjoint(s.deps)),
        "otherwise_frame": "otherwise" in w or "else" in w,
        "or_face_frame": "or" in w,
        "ultimatum_frames": "ultimatum" in lem,
        "treaty_frames": modal and not INVOKE_LEMMAS.isdisjoint(lem),
    }
