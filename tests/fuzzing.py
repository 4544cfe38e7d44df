"""Hypothesis strategies for hostile input, shared by the fuzz tests (``test_fuzz_<module>.py``).

``make test`` runs each property with the bounded number of cases given to
:func:`examples`; ``make fuzz`` (``REDLINE_FUZZ=1``) runs 100 times more. The
profiles themselves are registered in ``conftest.py``.
"""

from __future__ import annotations

import json
import os

from hypothesis import strategies as st

# `make fuzz` sets REDLINE_FUZZ=1: a hundred times the cases of `make test`.
FUZZ_SCALE = 100 if os.environ.get("REDLINE_FUZZ") else 1


def examples(n: int) -> int:
    """The number of cases a property runs: ``n`` in ``make test``, ``100 * n`` in ``make fuzz``."""
    return n * FUZZ_SCALE


# Characters that have broken text tools before: bidi marks and overrides, zero-width joiners and
# spaces, combining marks, NUL and other controls, lone CR, line and paragraph separators, the BOM,
# the replacement character, a terminal escape, fullwidth and astral letters.
HOSTILE = (
    "\u200f", "\u200e", "\u202e", "\u202d", "\u2066", "\u2069", "\u200d", "\u200c", "\u200b", "\u2060",
    "\u0301", "\u0308", "\u20dd", "\x00", "\r", "\r\n", "\x0b", "\x0c", "\x1b[31m", "\x1b]0;x\x07", "\x85",
    "\u2028", "\u2029", "\ufeff", "\ufffd", "\u00ad", "\t", "\n", "\n\n", "ﬁ", "Ｒｕｓｓｉａ", "𝐑𝐮𝐬𝐬𝐢𝐚",
    "e\u0301", "👩\u200d👩\u200d👧", "\u0627\u0644\u0639\u0631\u0628\u064a\u0629", "<", ">", "&amp;", '"',
)
# Words an article is made of, so that text gets past the language check and into the extractors.
WORDS = (
    "Russia", "Ukraine", "NATO", "France", "Moscow", "Kyiv", "the", "Kremlin", "warned", "that", "if",
    "troops", "are", "sent", "to", "would", "respond", "said", "on", "Tuesday", "minister", "supports",
    "opposes", "the", "plan", "sanctions", "attack", "any", "will", "be", "met", "with", "a", "response",
    "red", "line", "Poland", "China", "Taiwan", "Iran", "Israel", "deploy", "missiles", "border", "talks",
    "officials", "March", "2024", "12", "Putin", "Macron", "spokesman", "foreign", "ministry", "of", "and",
)

hostile_piece = st.sampled_from(HOSTILE)
word = st.sampled_from(WORDS)
# Anything Python can hold in a str except lone surrogates (they cannot come from decoded bytes).
any_char = st.characters(exclude_categories=("Cs",))


@st.composite
def article_text(draw: st.DrawFn, max_words: int = 60) -> str:
    """English-looking sentences with hostile characters and arbitrary Unicode spliced in."""
    parts: list[str] = []
    for _ in range(draw(st.integers(1, max_words))):
        parts.append(draw(st.one_of(word, word, word, hostile_piece, st.text(any_char, min_size=1, max_size=3))))
        parts.append(draw(st.sampled_from((" ", " ", " ", ". ", ", ", "\n", "\n\n", "", "? ", "; "))))
    return "".join(parts)


def json_string(value: str) -> str:
    """``value`` as a JSON string literal, every non-ASCII character escaped (astral ones as surrogate pairs)."""
    return json.dumps(value, ensure_ascii=True)


# A JSON string literal that decodes to a lone surrogate: legal JSON, not encodable text.
lone_surrogate_escape = st.sampled_from(("\\ud800", "\\udfff", "\\udbff", "\\udc00x", "\\ud83d"))


def unsafe_characters(value: str) -> list[str]:
    """The characters of ``value`` that must never be stored: controls other than newline, lone surrogates."""
    return [ch for ch in value if (ord(ch) < 32 and ch != "\n") or 0x7F <= ord(ch) <= 0x9F
            or 0xD800 <= ord(ch) <= 0xDFFF]


def check_document(doc: object) -> None:
    """What every reader promises of a Document, whatever the input: storable text and one-line metadata."""
    from redline.models import Document

    assert isinstance(doc, Document)
    assert doc.text.strip() and doc.id
    assert unsafe_characters(doc.text) == []
    for value in (doc.id, doc.title, doc.source, doc.url):
        if value is not None:
            assert unsafe_characters(value) == [] and "\n" not in value, repr(value)
            value.encode("utf-8")


def check_item(item: object) -> None:
    """A reader's item is a Document that keeps the promises above, or an InputError with a message."""
    from redline.errors import InputError

    if isinstance(item, InputError):
        assert item.source and item.reason.strip(), repr(item)
    else:
        check_document(item)
