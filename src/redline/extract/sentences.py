"""Splitting a document into sentences, with offsets into its text.

spaCy's statistical sentence recogniser runs a headline, a dateline and the
first sentence together when only blank lines separate them, so the text is
first cut into blocks, and the recogniser runs on each block:

- a blank line ends a block, unless the paragraph before it breaks off in
  mid-sentence: the next paragraph starts in lower case, or the text puts a
  blank line inside its sentences throughout (two or more paragraphs go on in
  lower case) and this one ends in a lower-case word with no full stop;
- a single newline ends one too, unless the text is hard-wrapped (most lines
  broken near one width, because the next word would not fit) or the next
  line plainly continues the sentence (it starts in lower case);
- a block longer than ``MAX_BLOCK_CHARS`` is cut at a sentence end or a space
  before spaCy sees it.

Inside a block, newlines are given to spaCy as spaces (same length, so the
offsets hold); every sentence's text is then read back from the document,
so ``text[s.span.start:s.span.end] == s.text`` always.

The recogniser ("senter") is called on its own, after the tokenizer, whether
or not it is enabled in the loaded pipeline: the shared model is never
reconfigured, so this is safe while other threads parse.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from redline.extract.pipeline import Context, Resources, step
from redline.models import Sentence, Span

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["MAX_BLOCK_CHARS", "sentences_step", "split_blocks", "split_sentences"]

MAX_BLOCK_CHARS = 100_000
BATCH_SIZE = 128
# The longest quotation put back together across the full stops inside it.
MAX_QUOTE_CHARS = 600
# A text is hard-wrapped when this share of its inner lines end near one width...
WRAPPED_SHARE = 0.6
# ...a width in this range (typical of e-mail, wire copy and terminals)...
MIN_WRAP_WIDTH, MAX_WRAP_WIDTH = 30, 120
# ...give or take this many characters.
WRAP_SLACK = 12

# Titles before a name: a full stop after one of these never ends a sentence.
_TITLES = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cmdr", "cdr", "adm",
    "brig", "gov", "sen", "rep", "amb", "pres", "rev", "hon", "insp", "supt", "lieut",
})
_LAST_WORD = re.compile(r"(?:^|[\s(\"“'])([A-Za-z]+)\.$")
_BYLINE = re.compile(r"\s*by\s")
_SENTENCE_END = re.compile(r"[.!?:;\"”’')\]]$")


def _wrap_width(lines: Sequence[str]) -> int | None:
    """The width the text was wrapped at, or None if it was not hard-wrapped.

    Only lines followed by another line of the same paragraph are looked at: a
    wrapped line is one that was broken because the next word would not fit.
    """
    inner = [len(a.rstrip()) for a, b in itertools.pairwise(lines) if a.strip() and b.strip()]
    if len(inner) < 3:
        return None
    width = int(statistics.quantiles(inner, n=10)[-1]) if len(inner) >= 10 else max(inner)
    if not MIN_WRAP_WIDTH <= width <= MAX_WRAP_WIDTH:
        return None
    near = sum(1 for n in inner if width - WRAP_SLACK <= n <= width + WRAP_SLACK)
    return width if near >= WRAPPED_SHARE * len(inner) else None


def _continues(line: str, nxt: str, width: int | None) -> bool:
    """Whether ``nxt`` carries on the sentence of ``line`` rather than starting a new block."""
    line, nxt = line.rstrip(), nxt.lstrip()
    if not nxt:
        return False
    if width is not None:
        first_word = nxt.split(maxsplit=1)[0]
        # Broken here because the next word would not have fitted.
        if len(line) + 1 + len(first_word) > width - WRAP_SLACK // 2 and len(line) >= width - WRAP_SLACK:
            return True
    return nxt[0].islower() and not _SENTENCE_END.search(line)


def _cut_long(start: int, end: int, text: str, limit: int) -> list[tuple[int, int]]:
    """``[start, end)`` in pieces of at most ``limit`` characters, cut after a sentence end or at a space."""
    pieces: list[tuple[int, int]] = []
    while end - start > limit:
        window = text[start:start + limit]
        cut = max(window.rfind(". "), window.rfind("! "), window.rfind("? "))
        cut = cut + 1 if cut > limit // 2 else window.rfind(" ")
        if cut <= 0:
            cut = limit
        pieces.append((start, start + cut))
        start += cut
    pieces.append((start, end))
    return pieces


def _stripped(text: str, start: int, end: int) -> tuple[int, int] | None:
    piece = text[start:end]
    left = len(piece) - len(piece.lstrip())
    right = len(piece.rstrip())
    return (start + left, start + right) if right > left else None


def _after_blank(lines: Sequence[str], i: int) -> str | None:
    """The line after the blank line(s) that follow line ``i``, if one blank line or two follow it."""
    for j in (i + 2, i + 3):
        if j < len(lines) and all(not x.strip() for x in lines[i + 1:j]) and lines[j].strip():
            return lines[j]
    return None


def _breaks_off(line: str) -> bool:
    """A line that stops in mid-sentence: no closing punctuation, a lower-case last word or a comma."""
    line = line.rstrip()
    return bool(line) and not _SENTENCE_END.search(line) and (line[-1].islower() or line[-1] == ",")


def _bridges(lines: Sequence[str]) -> set[int]:
    """The lines whose sentence goes on in the paragraph after the blank line that follows them.

    A paragraph that starts in lower case continues the one before it. A text with two or more
    such breaks puts blank lines inside its sentences (wire copy pasted double-spaced), so there
    a paragraph that breaks off in a lower-case word ("..., urged" / "Washington to ...") goes on too.
    """
    broken: set[int] = set()
    lower: set[int] = set()
    for i, line in enumerate(lines):
        if not line.strip() or i + 1 >= len(lines) or lines[i + 1].strip():
            continue
        nxt = _after_blank(lines, i)
        if nxt is None or not _breaks_off(line):
            continue
        if not any(x.strip() for x in lines[:i]) or _BYLINE.match(nxt) or _BYLINE.match(line):
            # a headline, and the byline under it ("by Jane Doe"), stay apart
            continue
        broken.add(i)
        if nxt.lstrip()[0].islower():
            lower.add(i)
    return broken if len(lower) >= 2 else lower


def split_blocks(text: str, max_chars: int = MAX_BLOCK_CHARS) -> list[tuple[int, int]]:
    """Character ranges of the blocks spaCy sees one at a time: paragraphs, lines, wrapped lines joined."""
    lines = text.split("\n")
    width = _wrap_width(lines)
    bridges = _bridges(lines)
    blocks: list[tuple[int, int]] = []
    pos, block_start = 0, 0
    bridging = False
    for i, line in enumerate(lines):
        end = pos + len(line)
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if i in bridges:
            bridging = True
        elif line.strip():
            bridging = False
        if not (bridging or (line.strip() and _continues(line, nxt, width))):
            span = _stripped(text, block_start, end)
            if span is not None:
                blocks.extend(_cut_long(span[0], span[1], text, max_chars))
            block_start = end + 1
        pos = end + 1
    return blocks


def _senter_docs(nlp: Language, texts: Iterable[str]) -> Iterable[Doc]:
    """Tokenize and mark sentence starts, with the sentence recogniser alone."""
    # spaCy types its tokenizer and components as plain callables; both have .pipe.
    tokenizer: Any = nlp.tokenizer
    docs = tokenizer.pipe(texts, batch_size=BATCH_SIZE)
    senter: Any
    if "senter" in nlp.component_names:
        senter = nlp.get_pipe("senter")
    else:
        # A pipeline without a recogniser (a blank model): punctuation rules instead.
        from spacy.pipeline import Sentencizer

        senter = Sentencizer()
    return senter.pipe(docs, batch_size=BATCH_SIZE)


def _ends_in_abbreviation(piece: str) -> bool:
    """Whether a piece ends in a title that cannot end a sentence ("Lt. Col.", "Gen.")."""
    m = _LAST_WORD.search(piece)
    return m is not None and m.group(1).lower() in _TITLES


def _join_broken(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentences of one block, with splits after a title or before a lower-case word undone."""
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if out and (_ends_in_abbreviation(text[out[-1][0]:out[-1][1]]) or text[a].islower()):
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def _open_quote(piece: str) -> bool:
    """Whether a quotation opened in ``piece`` is still open at its end."""
    return piece.count('"') % 2 == 1 or piece.count("“") > piece.count("”")


def _join_quotes(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentences of one block, a quotation split at its inner full stops made whole again.

    ``"Useful. Very useful," he said.`` stays one sentence, so the quote keeps
    the words that say who spoke; a quote still open after
    ``MAX_QUOTE_CHARS`` is left split (the closing mark is probably missing).
    """
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(spans):
        a, b = spans[i]
        j = i
        while _open_quote(text[a:b]) and j + 1 < len(spans) and spans[j + 1][1] - a <= MAX_QUOTE_CHARS:
            j += 1
            b = spans[j][1]
        if j > i and not _open_quote(text[a:b]):
            out.append((a, b))
            i = j + 1
        else:
            out.append(spans[i])
            i += 1
    return out


def _sentences_of(text: str, blocks: Sequence[tuple[int, int]], docs: Sequence[Doc]) -> list[Sentence]:
    out: list[Sentence] = []
    for (start, _end), doc in zip(blocks, docs, strict=True):
        spans: list[tuple[int, int]] = []
        for sent in doc.sents:
            span = _stripped(text, start + sent.start_char, start + sent.end_char)
            if span is None:
                continue
            if spans and not any(ch.isalnum() for ch in text[span[0]:span[1]]):
                # A stray closing quote or bracket split off its sentence: give it back.
                span = (spans.pop()[0], span[1])
            spans.append(span)
        for a, b in _join_quotes(text, _join_broken(text, spans)):
            out.append(Sentence(index=len(out), span=Span(a, b), text=text[a:b]))
    return out


def _block_texts(text: str, blocks: Sequence[tuple[int, int]]) -> list[str]:
    # Newlines inside a (wrapped) block read as spaces: same length, offsets unchanged.
    return [text[a:b].replace("\n", " ") for a, b in blocks]


def _block_limit(nlp: Language) -> int:
    # A model loaded with a smaller max_length would refuse a MAX_BLOCK_CHARS block.
    return max(1, min(MAX_BLOCK_CHARS, nlp.max_length - 1))


def split_sentences(text: str, nlp: Language) -> list[Sentence]:
    """The sentences of ``text``, indexed from 0, with spans into ``text``."""
    blocks = split_blocks(text, _block_limit(nlp))
    docs = list(_senter_docs(nlp, _block_texts(text, blocks)))
    return _sentences_of(text, blocks, docs)


@step(name="sentences", provides={"sentences"})
def sentences_step(batch: list[Context], resources: Resources) -> None:
    """Fill ``ctx.sentences`` for every document of the batch, in one pass of the recogniser."""
    limit = _block_limit(resources.nlp)
    all_blocks = [split_blocks(ctx.document.text, limit) for ctx in batch]
    texts = [t for ctx, blocks in zip(batch, all_blocks, strict=True)
             for t in _block_texts(ctx.document.text, blocks)]
    docs = list(_senter_docs(resources.nlp, texts))
    at = 0
    for ctx, blocks in zip(batch, all_blocks, strict=True):
        ctx.sentences = _sentences_of(ctx.document.text, blocks, docs[at:at + len(blocks)])
        at += len(blocks)
