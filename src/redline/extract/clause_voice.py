"""Voices read from the clause around a frame rather than from the sentence: the reporting verb nearest above it
(:func:`governing_voice`) and the subject of its own clause (:func:`clause_subject_voice`).

The sentence's own voice is :func:`redline.extract.attribution.find_voice`'s.
"""

from __future__ import annotations

from spacy.tokens import Token

from redline.extract.attribution import (
    ANSWER_VERBS,
    PRONOUNS,
    RELATIVE_PRONOUNS,
    Voice,
    _addressed,
    _is_media,
    _state_media,
    _voice_of,
    is_pronoun_subject,
    reporting_verbs,
    subject_of,
)
from redline.extract.lexicon import REPORTING_VERBS
from redline.extract.pipeline import Context


def governing_voice(ctx: Context, i: int, head: Token) -> Voice | None:
    """The voice of the reporting verb nearest above ``head``, when it is not the sentence's main one.

    "Washington will not ship them, the president says, once Moscow had said that this step would cross a red
    line": the line is Moscow's, not the voice of the sentence. "the United States, which threatened
    measures if ...": the one the relative clause is about. An antecedent that names no known actor
    gives a voice with no codes (the holder is unknown), never the sentence's other voice.
    """
    verbs = reporting_verbs(head.doc)
    if not verbs:
        return None
    for t in (head, *head.ancestors):
        if t.lemma_.lower() not in REPORTING_VERBS - ANSWER_VERBS or t.pos_ not in {"VERB", "AUX"}:
            continue
        relative = t.dep_ == "relcl" and (s := _subject_token(t)) is not None and s.lower_ in RELATIVE_PRONOUNS
        if (t.i == verbs[0].i and not relative) or _addressed(t):
            # (a relative clause is about its antecedent, even as the sentence's first reporting verb:
            # "criticised France, which warned that ...")
            return None
        verb = t
        while verb.dep_ == "conj" and not _subject_token(verb) and verb.head.i != verb.i:
            # "which has increased pressure and threatened measures": the first conjunct's subject
            verb = verb.head
        subj = _subject_token(verb)
        if subj is None:
            return None
        if subj.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            antecedent = verb.head
            found = _voice_of(ctx, i, [x for x in antecedent.subtree if x.i not in {y.i for y in verb.subtree}])
            return found or Voice((), None, i)
        if subj.lower_ in PRONOUNS or _is_media(list(subj.subtree)):
            return None
        # a speaker named but not known ("the French leader told aides he might ...") is not the sentence's voice;
        # "the delegation noted that ..." names no one, and may well be it
        named = any(t.pos_ == "PROPN" for t in subj.subtree)
        return _voice_of(ctx, i, list(subj.subtree)) or (Voice((), None, i) if named else None)
    return None


def _subject_token(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)


def clause_subject_voice(ctx: Context, i: int, head: Token) -> Voice | None:
    """The actor that is the subject of ``head``'s clause ("Belarus would respond ...").

    Climbs open complements: in "EU states agreed to impose sanctions if ...", the subject of
    "impose" is the subject of "agreed".
    """
    verb = head
    subj = subject_of(verb)
    while not subj and verb.dep_ in {"xcomp", "conj"} and verb.head.i != verb.i:
        verb = verb.head
        subj = subject_of(verb)
    if not subj or is_pronoun_subject(subj) or (_is_media(subj) and not _state_media(subj)):
        return None
    return _voice_of(ctx, i, subj)
