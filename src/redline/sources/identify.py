"""Which outlet a document comes from: its URL's domain, its ``source`` field, or an attribution in its text.

In that order, the first that names a *known* outlet wins, except that an
aggregator (Yahoo News, MSN) only wins when nothing names the outlet it took
the story from. When none is known, the document keeps the domain or the name
it gave, graded F; a document with nothing at all is ``unidentified`` (None).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from redline.sources.outlets import Outlet, SourceList, unknown_outlet

# Where a text credits an outlet: "according to Reuters", "per Tass", "told the BBC", "quoted by Interfax",
# "TASS reported", "MOSCOW (Reuters) -". Each known name found is checked against the words around it.
_BEFORE = re.compile(r"(?:\baccording to|\b[Pp]er|\btold|\bquoted by|\bcited by|\breported by|\binterview with"
                     r"|\bspeaking to) (?:the )?$|\($")
_AFTER = re.compile(r"^(?:'s| news agency| agency)? (?:reported|reports|said|quoted|cited|wrote|has reported)\b")
_CAPITALISED = re.compile(r"^ [A-Z]")
# An attribution is looked for in the opening of the text, where datelines and credits are.
ATTRIBUTION_WINDOW = 3000


@dataclass(frozen=True, slots=True)
class Identified:
    """A document's outlet and how it was found (``url``, ``source``, ``text``), or nothing.

    ``credit`` is the known outlet its text credits ("(Reuters)", "according to TASS"), whatever
    its own outlet: a report that relays another is not independent of it.
    """

    outlet: Outlet | None
    method: str | None
    credit: Outlet | None = None


def host_of(url: str | None) -> str | None:
    """The host of a URL without ``www.``/``m.``/``amp.``, or None when it has none."""
    if not url or "//" not in url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    for prefix in ("www.", "m.", "amp.", "mobile."):
        if host.startswith(prefix):
            host = host[len(prefix):]
    return host


@lru_cache(maxsize=8)
def _names(sources: SourceList) -> re.Pattern[str] | None:
    """Every alias the source list knows, as one pattern of whole words (the longest at each place)."""
    # The actor resolver's prefix-factored pattern: far faster than a flat alternation, same matches.
    from redline.actors.resolver import _trie_pattern

    names = sorted({n for n, _ in sources.aliases if n})
    return re.compile(r"(?<![\w-])(?:" + _trie_pattern(names) + r")(?![\w-])") if names else None


def attributed_outlet(text: str, sources: SourceList) -> Outlet | None:
    """The known outlet the text credits first in its opening ("according to Reuters"), or None."""
    names = _names(sources)
    if names is None:
        return None
    window = text[:ATTRIBUTION_WINDOW]
    for m in names.finditer(window):
        before, after = window[max(0, m.start() - 30):m.start()], window[m.end():m.end() + 30]
        # "according to The National" credits an outlet; "according to The National Security Council" does not.
        credited = _BEFORE.search(before) and (after.startswith(")") if before.endswith("(") else
                                               not _CAPITALISED.match(after))
        if credited or _AFTER.match(after):
            found = sources.by_name(m.group(0))
            if found is not None:
                return found
    return None


def identify(url: str | None, source: str | None, text: str, sources: SourceList) -> Identified:
    """The outlet of one document (see the module docstring for the order), and the outlet its text credits."""
    host = host_of(url)
    by_url = sources.by_domain(host) if host else None
    by_source = sources.by_name(source) if source else None
    credit = attributed_outlet(text, sources) if text else None
    if by_url is not None and by_url.kind != "aggregator":
        return Identified(by_url, "url", credit)
    if by_source is not None and by_source.kind != "aggregator":
        return Identified(by_source, "source", credit)
    if credit is not None:
        return Identified(credit, "text", credit)
    if by_url is not None:
        return Identified(by_url, "url")
    if by_source is not None:
        return Identified(by_source, "source")
    if host:
        return Identified(unknown_outlet(host), "url")
    if source and source.strip():
        return Identified(unknown_outlet(source.strip()), "source")
    return Identified(None, None)
