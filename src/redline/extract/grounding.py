"""The LLM reader's pure half: the prompt, and grounding what a model answers in the document.

The model is asked for JSON (FORMAT.md §1–4): red lines and stances, each with an
``evidence`` quote. An item is kept only when

- its quote is found in the text: exactly, or else fuzzily (rapidfuzz's best
  partial alignment scoring at least ``FUZZY_TOLERANCE`` of 100, over a stretch
  within ``LENGTH_TOLERANCE`` of the quote's length); the evidence stored is then
  the document's own sentence(s) at that span, so ``text[start:end] == evidence``;
- its trigger and consequence texts (red lines) are found in that evidence the same way;
- every code is valid: actor codes the registry knows, action classes of §4,
  positions of §2, certainties ``high|medium|low``.

Anything else is dropped and counted with its reason. With ``both`` readers, an
LLM item that matches a rules item (holder or actor shared, evidence overlapping,
and for stances the same position) is merged into it; each item records which
reader(s) found it.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from rapidfuzz import fuzz

from redline.models import (
    ACTION_CLASSES,
    CERTAINTIES,
    POSITIONS,
    Consequence,
    Document,
    Evidence,
    Extraction,
    RedLine,
    Span,
    Stance,
    Trigger,
)

PROMPT_VERSION = "1"
FUZZY_TOLERANCE = 90.0
LENGTH_TOLERANCE = 0.1
MAX_CHUNK_CHARS = 6000

INSTRUCTIONS = f"""You read one news article and list its red lines and stances, as JSON.

A red line: a holder (state, alliance, armed group, or an official speaking for one) names an action by
some party (the trigger) and says it would bring a response by the holder (the consequence). Not:
unconditional threats, speculation by the author or analysts, red lines outside international security.
A stance: an actor's stated position (support, oppose, open, conditional) on a proposed or debated move in
international security.

Actor codes: ISO 3166-1 alpha-3 for states (RUS, UKR, USA, FRA ...), NATO, EU, UN, G7, CSTO, ASEAN, AU,
IAEA, OSCE, HAMAS, HEZBOLLAH, HOUTHIS, WAGNER, ISIS, WEST (Western countries as a whole), ANY (any party).
A government, capital, ministry, leader or spokesperson stands for its state.
Action classes: {", ".join(ACTION_CLASSES)}.

Answer with one JSON object and nothing else:
{{"redlines": [{{"holder": ["RUS"], "speaker": "name as written or null",
   "trigger": {{"actors": ["NATO"], "action": "DEPLOY", "targets": ["UKR"], "text": "words of the article"}},
   "consequence": {{"action": "ATTACK", "targets": ["NATO"], "text": "words of the article"}},
   "certainty": "high|medium|low", "explicit": true,
   "evidence": "the sentence of the article that states it, copied exactly"}}],
 "stances": [{{"actor": "FRA", "speaker": null, "proposal": "send Western troops to Ukraine",
   "proposal_action": "DEPLOY", "position": "support|oppose|open|conditional",
   "evidence": "the sentence of the article that states it, copied exactly"}}]}}
Copy every evidence sentence and every trigger and consequence text exactly from the article.
If there is none, answer {{"redlines": [], "stances": []}}."""


def chunks(doc: Document, max_chars: int = MAX_CHUNK_CHARS) -> list[tuple[int, int]]:
    """Stretches of the text of at most about ``max_chars``, cut between sentences (one if it is short)."""
    if len(doc.text) <= max_chars or not doc.sentences:
        return [(0, len(doc.text))]
    out: list[tuple[int, int]] = []
    start = end = 0
    for s in doc.sentences:
        if s.span.end - start > max_chars and end > start:
            out.append((start, end))
            start = s.span.start
        end = s.span.end
    out.append((start, len(doc.text)))
    return out


def messages(doc: Document, start: int, end: int) -> list[dict[str, str]]:
    """The chat messages asking for one stretch of ``doc``."""
    title = f"Title: {doc.title}\n\n" if doc.title and start == 0 else ""
    return [{"role": "system", "content": INSTRUCTIONS},
            {"role": "user", "content": f"{title}Article:\n{doc.text[start:end]}"}]


def parse_answer(content: str) -> dict[str, Any] | None:
    """The JSON object of an answer (a ```json fence allowed), or None when it is not one."""
    text = content.strip()
    if text.startswith("```"):
        text = text.strip("`").removeprefix("json").strip()
    try:
        data = json.loads(text)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


@dataclass
class Grounded:
    """What one document's answers gave: kept items, and how many were dropped for which reason."""

    redlines: list[RedLine] = field(default_factory=list)
    stances: list[Stance] = field(default_factory=list)
    dropped: Counter[str] = field(default_factory=Counter)
    malformed: int = 0


class _Drop(Exception):
    pass


def locate(text: str, quote: str, start: int = 0, end: int | None = None) -> Span | None:
    """Where ``quote`` is in ``text[start:end]``: exactly, else within the fuzzy tolerance; None if nowhere."""
    end = len(text) if end is None else end
    quote = quote.strip()
    if not quote:
        return None
    at = text.find(quote, start, end)
    if at >= 0:
        return Span(at, at + len(quote))
    found = fuzz.partial_ratio_alignment(quote, text[start:end], score_cutoff=FUZZY_TOLERANCE)
    if found is None:
        return None
    s, e = start + found.dest_start, start + found.dest_end
    if abs((e - s) - len(quote)) > LENGTH_TOLERANCE * len(quote):
        return None
    return Span(s, e)


def _sentences(doc: Document, span: Span) -> tuple[Evidence, ...]:
    """The evidence of a grounded span: each sentence it overlaps, as the document has it."""
    found = [Evidence(doc.id, s.index, s.span, s.text) for s in doc.sentences if s.span.overlaps(span)]
    return tuple(found) or (Evidence(doc.id, 0, span, doc.slice(span)),)


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise _Drop("malformed item")
    return value


def _codes(value: Any, is_code: Callable[[str], bool], *, required: bool = False) -> tuple[str, ...]:
    if value is None:
        value = []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or (required and not value):
        raise _Drop("missing or malformed codes")
    codes = tuple(str(v).upper() for v in value)
    bad = [c for c in codes if not is_code(c)]
    if bad:
        raise _Drop("unknown actor code")
    return codes


def _one_of(value: Any, allowed: Sequence[str], what: str) -> str:
    v = str(value).upper() if what == "action" else str(value).lower()
    if v not in allowed:
        raise _Drop(f"invalid {what}")
    return v


def _part(item: dict[str, Any], key: str) -> dict[str, Any]:
    part = item.get(key)
    if not isinstance(part, dict):
        raise _Drop("malformed item")
    return part


def _evidence(doc: Document, item: dict[str, Any], chunk: tuple[int, int]) -> tuple[Evidence, ...]:
    quote = _str(item.get("evidence") if not isinstance(item.get("evidence"), list) else " ".join(
        str(e) for e in item["evidence"]))
    span = locate(doc.text, quote, *chunk) or locate(doc.text, quote)
    if span is None:
        raise _Drop("evidence not found in the document")
    return _sentences(doc, span)


def _in_evidence(text: str, evidence: tuple[Evidence, ...]) -> str:
    if not text.strip():
        return ""
    joined = " ".join(e.text for e in evidence)
    span = locate(joined, text)
    if span is None:
        raise _Drop("trigger or consequence text not found in its evidence")
    return joined[span.start:span.end]


def _speaker(doc: Document, value: Any) -> str | None:
    # A speaker the article does not name is unknown, not the model's guess.
    return value.strip() if isinstance(value, str) and value.strip() and value.strip() in doc.text else None


def _redline(doc: Document, item: dict[str, Any], chunk: tuple[int, int], is_code: Callable[[str], bool]) -> RedLine:
    evidence = _evidence(doc, item, chunk)
    trigger, consequence = _part(item, "trigger"), _part(item, "consequence")
    return RedLine(
        holder=_codes(item.get("holder"), is_code, required=True),
        trigger=Trigger(_codes(trigger.get("actors"), is_code),
                        _one_of(trigger.get("action"), ACTION_CLASSES, "action"),
                        _codes(trigger.get("targets"), is_code),
                        _in_evidence(_str(trigger.get("text") or ""), evidence)),
        consequence=Consequence(_one_of(consequence.get("action"), ACTION_CLASSES, "action"),
                                _codes(consequence.get("targets"), is_code),
                                _in_evidence(_str(consequence.get("text") or ""), evidence)),
        certainty=_one_of(item.get("certainty"), CERTAINTIES, "certainty"),
        explicit=item.get("explicit") is True,
        evidence=evidence,
        speaker=_speaker(doc, item.get("speaker")),
    )


def _stance(doc: Document, item: dict[str, Any], chunk: tuple[int, int], is_code: Callable[[str], bool]) -> Stance:
    evidence = _evidence(doc, item, chunk)
    actor = _codes(item.get("actor"), is_code, required=True)
    proposal = _str(item.get("proposal")).strip()
    if len(actor) != 1 or not proposal:
        raise _Drop("malformed item")
    action = item.get("proposal_action")
    return Stance(actor=actor[0], proposal=proposal, position=_one_of(item.get("position"), POSITIONS, "position"),
                  evidence=evidence, speaker=_speaker(doc, item.get("speaker")),
                  proposal_action=_one_of(action, ACTION_CLASSES, "action") if action else None)


def ground(doc: Document, answer: str, chunk: tuple[int, int], is_code: Callable[[str], bool],
           into: Grounded | None = None) -> Grounded:
    """Ground one answer (for the stretch ``chunk`` of ``doc``) into ``into``; ungrounded items are counted."""
    out = into if into is not None else Grounded()
    data = parse_answer(answer)
    if data is None:
        out.malformed += 1
        return out
    for item in _items(data, "redlines", out):
        try:
            out.redlines.append(_redline(doc, item, chunk, is_code))
        except _Drop as e:
            out.dropped[str(e)] += 1
    for item in _items(data, "stances", out):
        try:
            out.stances.append(_stance(doc, item, chunk, is_code))
        except _Drop as e:
            out.dropped[str(e)] += 1
    return out


def _items(data: dict[str, Any], key: str, out: Grounded) -> list[dict[str, Any]]:
    """The objects listed under ``key``; a list that is not one, or an entry that is not an object, is counted."""
    items = data.get(key) or []
    if not isinstance(items, list):
        items = [items]
    bad = sum(not isinstance(i, dict) for i in items)
    if bad:
        out.dropped["malformed item"] += bad
    return [i for i in items if isinstance(i, dict)]


# -- merging the two readers --------------------------------------------------------------------------


def _overlap(a: tuple[Evidence, ...], b: tuple[Evidence, ...]) -> bool:
    return any(x.span.overlaps(y.span) for x in a for y in b)


def same_redline(a: RedLine, b: RedLine) -> bool:
    return bool(set(a.holder) & set(b.holder)) and _overlap(a.evidence, b.evidence)


def same_stance(a: Stance, b: Stance) -> bool:
    return a.actor == b.actor and a.position == b.position and _overlap(a.evidence, b.evidence)


@dataclass(frozen=True)
class Read:
    """An extraction with the reader(s) that found each red line and stance, in order."""

    extraction: Extraction
    redline_readers: tuple[tuple[str, ...], ...]
    stance_readers: tuple[tuple[str, ...], ...]


def _combine(rules: Sequence[Any], llm: Sequence[Any], same: Callable[[Any, Any], bool]
             ) -> tuple[list[Any], list[tuple[str, ...]]]:
    items = list(rules)
    readers: list[tuple[str, ...]] = [("rules",) for _ in rules]
    for item in llm:
        match = next((i for i, kept in enumerate(items) if same(kept, item)), None)
        if match is None:
            items.append(item)
            readers.append(("llm",))
        elif "llm" not in readers[match]:
            readers[match] = (*readers[match], "llm")
    return items, readers


def combine(rules: Extraction, llm: Grounded, reader: str) -> Read:
    """``llm``: the LLM's items only (repeats merged).

    ``both``: the rules' items, then the LLM's that no rules item matched.
    """
    base = rules if reader == "both" else replace(rules, redlines=(), stances=())
    redlines, rl = _combine(base.redlines, llm.redlines, same_redline)
    stances, st = _combine(base.stances, llm.stances, same_stance)
    return Read(replace(rules, redlines=tuple(redlines), stances=tuple(stances)), tuple(rl), tuple(st))
