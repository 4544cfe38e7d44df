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

# Where a text credits an outlet: "according to Reuters", "per Tass", "TASS reported",
# "told the BBC", "quoted by Interfax", "MOSCOW (Reuters) -". {name} is the alternation of known names.
_CUES = (
    r"\baccording to (?:the )?{name}",
    r"\b[Pp]er (?:the )?{name}",
    r"\b(?:told|quoted by|cited by|reported by|interview with|speaking to) (?:the )?{name}",
    r"(?<![\w-]){name}(?:'s| news agency| agency)? (?:reported|reports|said|quoted|cited|wrote|has reported)\b",
    r"\({name}\)",
)
# An attribution is looked for in the opening of the text, where datelines and credits are.
ATTRIBUTION_WINDOW = 3000


@dataclass(frozen=True, slots=True)
class Identified:
    """A document's outlet and how it was found (``url``, ``source``, ``text``), or nothing."""

    outlet: Outlet | None
    method: str | None


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
def _attribution_patterns(sources: SourceList) -> tuple[re.Pattern[str], ...]:
    """One compiled pattern per cue (a named group may appear only once in a pattern)."""
    names = [re.escape(n) for n, _ in sources.aliases if n]
    if not names:
        return ()
    name = "(?P<name>" + "|".join(names) + r")(?![\w-])"
    return tuple(re.compile(c.replace("{name}", name)) for c in _CUES)


def attributed_outlet(text: str, sources: SourceList) -> Outlet | None:
    """The known outlet the text credits first in its opening ("according to Reuters"), or None."""
    window = text[:ATTRIBUTION_WINDOW]
    best: tuple[int, Outlet] | None = None
    for pattern in _attribution_patterns(sources):
        m = pattern.search(window)
        if m and (best is None or m.start() < best[0]):
            found = sources.by_name(m.group("name"))
            if found is not None:
                best = (m.start(), found)
    return best[1] if best else None


def identify(url: str | None, source: str | None, text: str, sources: SourceList) -> Identified:
    """The outlet of one document (see the module docstring for the order)."""
    host = host_of(url)
    by_url = sources.by_domain(host) if host else None
    by_source = sources.by_name(source) if source else None
    if by_url is not None and by_url.kind != "aggregator":
        return Identified(by_url, "url")
    if by_source is not None and by_source.kind != "aggregator":
        return Identified(by_source, "source")
    by_text = attributed_outlet(text, sources) if text else None
    if by_text is not None:
        return Identified(by_text, "text")
    if by_url is not None:
        return Identified(by_url, "url")
    if by_source is not None:
        return Identified(by_source, "source")
    if host:
        return Identified(unknown_outlet(host), "url")
    if source and source.strip():
        return Identified(unknown_outlet(source.strip()), "source")
    return Identified(None, None)
