"""Cleaning an article's text: keep the article, drop the site around it.

The patterns are general, not per outlet: a "Read also:" link line, a
copyright or "All rights reserved" line, a donation or newsletter appeal, a
row of share buttons, a photo credit, a cookie notice. A line is dropped only
when the whole line is such chrome, so a sentence of the article that merely
mentions reading or copyright survives.

Captions often come twice (the image's alt text, then the visible caption):
a line repeated right after itself, or a paragraph that repeats itself, is
kept once.

The result keeps paragraphs apart with one blank line: the sentence splitter
relies on that to keep a headline, a dateline and the first sentence apart.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["clean_field", "clean_text", "is_chrome_line"]

# Longer than this, a line is an article paragraph whatever phrase it contains...
MAX_CHROME_LINE = 300
# ...unless it starts with a label such as "Disclaimer:" or "Read also:".
MAX_LABELLED_LINE = 1000

_SPACES = re.compile(r"[\u00a0\u2007\u202f\u2000-\u200a\u3000]")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# Line breaks other than \n (vertical tab, form feed, NEL, the Unicode line and paragraph separators):
# str.splitlines() breaks on them and a "\n" split does not, so they become "\n".
_LINE_BREAKS = re.compile(r"[\x0b\x0c\x85\u2028\u2029]")
# Control characters (NUL, a terminal's ESC, C1 codes) are no part of a text: PostgreSQL refuses NUL,
# and ESC would reach the terminal raw. Lone surrogates (a JSON "\ud800") cannot be stored as UTF-8.
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
_SURROGATES = re.compile(r"[\ud800-\udfff]")
# "Read also: ..." or "Related — ...", but not "Related-party".
_SEP = r"(?:\s*[:：|»›]|\s+[-–—])\s*"


def _compile(*patterns: str) -> re.Pattern[str]:
    """One pattern matching any of ``patterns`` (one search per line instead of one per pattern)."""
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


# Chrome that announces itself at the start of the line: trusted up to MAX_LABELLED_LINE.
_LABELLED = _compile(
    # Links to other articles: "Read also: ...", "READ MORE | ...", "Related: ...".
    r"^(?:also read|read (?:also|more|next)|related(?: articles?| stories| coverage| news)?|see also"
    r"|more on this(?: story)?|recommended(?: reading)?|you (?:may|might) also like|must read"
    rf"|further reading){_SEP}\S",
    r"^(?:read more|related (?:articles|stories)|more stories|recommended for you|most read|trending now)"
    r"\s*[:.…]*$",
    # Syndication: "Read the original article on ...", "This article originally appeared on ...".
    r"^read the (?:original|full) (?:article|story|report) (?:on|at|in|here)\b",
    r"^(?:this (?:article|story) (?:was )?(?:originally|first) (?:appeared|published)"
    r"|originally published (?:on|at|by|in))\b",
    # Copyright notices and disclaimers.
    r"^(?:©|\(c\)|copyright\s*(?:©|\(c\))?\s*(?:\d{4}|by\b))",
    r"^disclaimer\s*:",
    # Appeals: "Support us with a one-time donation", "Subscribe to our newsletter".
    r"^support (?:us|our (?:journalism|work|reporting)|independent journalism)\b",
    r"^(?:subscribe|sign up|join us|join our)\b.{0,120}(?:newsletter|channel|podcast|inbox|updates|telegram"
    r"|whatsapp|youtube|alerts|briefing)",
    r"^subscribe(?: now| today| here)?\s*[!.:]*$",
    # Photo credits: "Photo: ...", "Photo by ...", "Image credit: ...", "(Photo: Reuters)".
    r"^\(?(?:file )?(?:photo|image|picture|photograph|video|illustration)s?(?: credit)?s?\s*(?:by\b|:|/)"
    r".{0,150}$",
    r"^\(?credits?\s*:.{0,150}$",
)
# Chrome recognised by a phrase anywhere in a short line.
_PHRASES = _compile(
    r"\ball rights reserved\b",
    r"\bthis (?:material|article|content|story) may not be (?:re)?(?:published|broadcast|rewritten"
    r"|redistributed|reproduced)\b",
    r"\bbecome an? (?:patron|paying (?:member|subscriber)|subscriber)\b|\b(?:one-time|monthly) donation\b"
    r"|\bmake a donation\b|\bdonate (?:now|today|here)\b",
    r"\bsubscribe (?:to|for) (?:our|the|my) (?:\w+ ){0,4}?(?:newsletter|channel|podcast|updates)\b",
    r"\bsign up (?:for|to) (?:our|the) (?:\w+ ){0,4}?(?:newsletter|briefing|alerts)\b",
    r"\bnewsletter\b.{0,80}\b(?:your inbox|sign up|subscribe)\b",
    # Cookie notices.
    r"\b(?:we|this (?:web)?site|our (?:web)?site|our partners) uses? cookies\b|\bcookies? (?:policy|settings"
    r"|preferences|notice|consent)\b|\baccept (?:all )?cookies\b|\bby continuing to (?:browse|use)\b",
)

_SHARE_WORDS = (
    r"share(?: this(?: article| story)?)?(?: on \w+)?|tweet|facebook|twitter|x|whatsapp|telegram|linkedin"
    r"|reddit|pinterest|messenger|viber|email|e-mail|print|copy(?: the)? link|comments?|\d+"
)
_SHARE_ROW = re.compile(rf"^(?:(?:{_SHARE_WORDS})\s*[:|·•,/]?\s*)+$", re.IGNORECASE)
# A photo credit trailing a caption paragraph: "... in Kyiv. Photo by NAME/AGENCY".
_TRAILING_CREDIT = re.compile(
    r"(?<=[.!?\"”'’)])\s+\(?(?:photo|image|picture|photograph)s?(?: credit)?\s*(?:by\b|:).{0,150}$",
    re.IGNORECASE,
)
_ELLIPSIS = re.compile(r"(?:\.\.\.|…)\s*$")


def is_chrome_line(line: str) -> bool:
    """Whether a whole line is site chrome rather than article text."""
    s = line.strip()
    if not s or len(s) > MAX_LABELLED_LINE:
        return False
    if _LABELLED.search(s):
        return True
    if len(s) > MAX_CHROME_LINE:
        return False
    if _SHARE_ROW.match(s) and not s.isdigit():
        return True
    return _PHRASES.search(s) is not None


def clean_field(value: str) -> str:
    """A metadata string (title, id, source, URL) made safe to store and show: no control characters,
    no lone surrogates (each becomes U+FFFD), one line, spaces collapsed."""
    return " ".join(_CONTROLS.sub("", _SURROGATES.sub("\ufffd", value)).split())


def _normalise(text: str) -> str:
    text = _CONTROLS.sub("", _SURROGATES.sub("\ufffd", text))
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = _LINE_BREAKS.sub("\n", text)
    # Invisible characters go before NFC: a zero-width joiner between a letter and its accent would
    # otherwise keep them apart until the text is cleaned a second time.
    text = _INVISIBLE.sub("", text)
    text = unicodedata.normalize("NFC", text)
    text = _SPACES.sub(" ", text)
    return "\n".join(re.sub(r" {2,}", " ", line).strip() for line in text.split("\n"))


def _undouble(paragraph: str) -> str:
    """A paragraph that says the same thing twice, kept once (the longer copy).

    "CAPTION... CAPTION, IN FULL" (a truncated alt text, then the caption) and
    "CAPTION CAPTION" both come out as the caption.
    """
    probe_len = min(60, len(paragraph) // 3)
    if probe_len < 20:
        return paragraph
    probe = paragraph[:probe_len]
    at = paragraph.find(probe, probe_len)
    # Exactly two copies: a paragraph that keeps coming back to its opening words is a text, not a caption.
    if at == -1 or paragraph.find(probe, at + 1) != -1:
        return paragraph
    first = _ELLIPSIS.sub("", paragraph[:at].rstrip()).rstrip()
    second = paragraph[at:]
    return second if second.startswith(first) else paragraph


def _clean_paragraph(lines: list[str]) -> list[str]:
    kept: list[str] = []
    for line in lines:
        if is_chrome_line(line):
            continue
        if kept and line == kept[-1]:
            continue  # a caption repeated right after itself
        kept.append(line)
    kept = [_undouble(line) for line in kept]
    if kept:
        # A caption's credit after its last sentence: "... in Kyiv. Photo by NAME/AGENCY".
        kept[-1] = _TRAILING_CREDIT.sub("", kept[-1])
    return kept


def clean_text(text: str) -> str:
    """The article's text without site chrome, paragraphs separated by one blank line."""
    paragraphs = re.split(r"\n\s*\n", _normalise(text))
    out: list[str] = []
    for paragraph in paragraphs:
        lines = [ln for ln in paragraph.split("\n") if ln]
        kept = _clean_paragraph(lines)
        if not kept:
            continue
        block = "\n".join(kept)
        if out and block == out[-1]:
            continue  # a caption paragraph repeated as the next paragraph
        out.append(block)
    return "\n\n".join(out)
