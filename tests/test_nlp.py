"""The array equivalents of the model's attribute ruler and lemmatizer give exactly the model's own tokens."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from redline.extract.nlp import ArrayAttributeRuler, ArrayLemmatizer, array_attribute_ruler, array_lemmatizer

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# Written for these tests: ordinary news prose, and the informal spellings the ruler's rare patterns are for.
SENTENCES = [
    "The Kremlin warned on Tuesday that any deployment of Western troops to Ukraine would be met with force.",
    "If they cross that line, we will respond, the minister told reporters in Brussels.",
    "She said the talks had been postponed, and that the ministers weren't expected to meet before March.",
    "I ain't gonna wait, y'all, he said; let's go, c'mon.",
    "There are nothin' but rumours, and it is what it is.",
    "Ships were seized, sanctions imposed, and the embassies closed   after the strikes.",
    "What does he want?  Nobody knows, do you?",
    "The U.S.-led coalition's 3rd brigade, 4,500 soldiers strong, is gotta leave by 2025-06-01.",
]


def _tokens(doc: Doc) -> list[tuple[Any, ...]]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_type_, t.ent_iob_)
            for t in doc]


def test_array_ruler_and_lemmatizer_give_the_models_own_attributes(nlp: Language) -> None:
    ruler = ArrayAttributeRuler(nlp.get_pipe("attribute_ruler"))
    lemmatizer = ArrayLemmatizer(nlp.get_pipe("lemmatizer"))
    expected = [_tokens(d) for d in nlp.pipe(SENTENCES)]
    with nlp.select_pipes(disable=["attribute_ruler", "lemmatizer"]):
        bare = list(nlp.pipe(SENTENCES))
    assert [_tokens(d) for d in bare] != expected  # without them the tokens do differ: the test can fail
    assert [_tokens(lemmatizer(ruler(d))) for d in bare] == expected


def test_array_ruler_tests_the_models_rare_patterns_without_a_matcher(nlp: Language) -> None:
    ruler = ArrayAttributeRuler(nlp.get_pipe("attribute_ruler"))
    # NOT_IN, REGEX and two-token patterns are tested over the arrays too: no Matcher walk is left.
    assert ruler.tables and ruler.sequences and ruler.singles and len(ruler.matcher) == 0


def test_array_ruler_memo_is_reused_and_bounded(nlp: Language, monkeypatch: pytest.MonkeyPatch) -> None:
    ruler = ArrayAttributeRuler(nlp.get_pipe("attribute_ruler"))
    with nlp.select_pipes(disable=["attribute_ruler", "lemmatizer"]):
        docs = [list(nlp.pipe(SENTENCES)) for _ in range(3)]
    first = [_tokens(ruler(d)) for d in docs[0]]
    size = len(ruler.memo)
    assert size > 0
    assert [_tokens(ruler(d)) for d in docs[1]] == first  # read from the memo: the same tokens
    assert len(ruler.memo) == size
    monkeypatch.setattr("redline.extract.nlp.MAX_MEMO", 1)
    assert [_tokens(ruler(d)) for d in docs[2]] == first
    assert len(ruler.memo) < size  # cleared when it grew past the bound, then filled again


def test_array_ruler_equals_a_ruler_with_patterns_and_attributes_the_arrays_do_not_take(nlp: Language) -> None:
    import spacy

    custom = spacy.blank("en")
    custom.vocab.strings.add("X")
    base = custom.add_pipe("attribute_ruler")
    base.add([[{"LOWER": "the"}]], {"TAG": "DT", "POS": "DET"})
    base.add([[{"LOWER": {"REGEX": "^fo+$"}}, {"LOWER": "bar", "OP": "?"}]], {"LEMMA": "foo"})  # an operator
    base.add([[{"LOWER": "baz"}, {"LOWER": {"NOT_IN": ["the"]}}]], {"NORM": "qux"}, index=-1)  # NORM, index -1
    base.add([[{"TAG": {"NOT_IN": ["DT"]}, "LOWER": "the"}]], {"POS": "PRON"})
    texts = ["the foo bar saw baz zap and the fooo", "baz the foo", "the"]
    expected = [[(t.tag_, t.pos_, t.lemma_, t.norm_) for t in base(custom.make_doc(x))] for x in texts]
    ruler = ArrayAttributeRuler(base)
    assert len(ruler.matcher) == 1 and None in ruler.writes
    got = [[(t.tag_, t.pos_, t.lemma_, t.norm_) for t in ruler(custom.make_doc(x))] for x in texts]
    assert got == expected and expected[0][1][2] == "foo" and expected[0][5][3] == "qux"


def test_lemmatizer_cache_is_reused_and_bounded(nlp: Language, monkeypatch: pytest.MonkeyPatch) -> None:
    lemmatizer = ArrayLemmatizer(nlp.get_pipe("lemmatizer"))
    with nlp.select_pipes(disable=["lemmatizer"]):
        docs = [nlp(SENTENCES[0]) for _ in range(3)]
    lemmatizer(docs[0])
    size = len(lemmatizer.cache)
    assert size > 0
    lemmatizer(docs[1])
    assert len(lemmatizer.cache) == size
    monkeypatch.setattr(ArrayLemmatizer, "MAX_CACHE", 1)
    lemmatizer(docs[2])
    assert len(lemmatizer.cache) == size  # cleared, then filled again with the same keys
    assert [t.lemma_ for t in docs[2]] == [t.lemma_ for t in docs[0]]


def test_equivalents_only_for_models_that_have_the_pipes() -> None:
    import spacy

    blank = spacy.blank("en")
    assert array_attribute_ruler(blank) is None
    assert array_lemmatizer(blank) is None


def test_rule_lemmas_over_set_indexes_equal_spacys_rule_lemmatizer(nlp: Language) -> None:
    spacy_lemmatizer = nlp.get_pipe("lemmatizer")
    lemmatizer = ArrayLemmatizer(spacy_lemmatizer)
    assert lemmatizer.lemmatize == lemmatizer._rule_lemmas  # the model's own rules: the set version is used
    with nlp.select_pipes(disable=["lemmatizer"]):
        docs = list(nlp.pipe(SENTENCES))
    tokens = [t for d in docs for t in d]
    assert {t.pos_ for t in tokens} >= {"NOUN", "VERB", "ADJ", "PROPN", "AUX", "PUNCT"}
    spacy_lemmatizer.cache.clear()
    assert [lemmatizer._rule_lemmas(t) for t in tokens] == [spacy_lemmatizer.rule_lemmatize(t) for t in tokens]


def test_a_lemmatizer_with_rules_of_its_own_is_called_as_it_is(nlp: Language) -> None:
    from spacy.pipeline import Lemmatizer

    class Custom(Lemmatizer):
        def rule_lemmatize(self, token: Any) -> list[str]:
            return ["x"]

    custom = Custom(nlp.vocab, None, mode="rule")
    assert ArrayLemmatizer(custom).lemmatize == custom.lemmatize


def test_the_model_multiplies_through_one_thread_blas_not_blis() -> None:
    from redline.config import DEFAULT_MODEL
    from redline.extract.nlp import load_model

    nlp = load_model(DEFAULT_MODEL)
    models = [pipe.model for _, pipe in nlp.pipeline if getattr(pipe, "model", None) is not None]
    ops = {type(node.ops).__name__: node.ops for model in models for node in model.walk()}
    assert list(ops) == ["NumpyOps"] and not ops["NumpyOps"].use_blis
    threadpoolctl = pytest.importorskip("threadpoolctl")
    blas = [p for p in threadpoolctl.threadpool_info() if p["user_api"] == "blas"]
    assert blas and all(p["num_threads"] == 1 for p in blas)
