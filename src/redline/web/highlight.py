"""A document's text cut at every span boundary, for the highlighted view (LangExtract's HTML view, as a page)."""

from __future__ import annotations

from itertools import pairwise
from typing import Any


def segments(text: str, spans: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``text`` as consecutive pieces: {``text``, ``start``, ``kinds`` (sorted set), ``items``: span item ids}.

    A piece lies inside the same spans from its start to its end; pieces outside every
    span have no kinds. Spans outside the text are ignored; overlapping spans nest.
    """
    cuts = {0, len(text)}
    kept = [s for s in spans if 0 <= s["start"] < s["end"] <= len(text)]
    for s in kept:
        cuts.update((s["start"], s["end"]))
    bounds = sorted(cuts)
    out: list[dict[str, Any]] = []
    for a, b in pairwise(bounds):
        inside = [s for s in kept if s["start"] <= a and b <= s["end"]]
        out.append({"text": text[a:b], "start": a, "kinds": sorted({s["kind"] for s in inside}),
                    "items": list(dict.fromkeys(s["item"] for s in inside))})
    return out
