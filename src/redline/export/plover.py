"""PLOVER JSON Lines: red lines, stances and events as PLOVER event records.

So that GDELT and POLECAT users can load ours beside theirs. The record has the
fields of the PLOVER gold-standard records: ``id``, ``date``, ``source`` and
``target`` (lists of ``{"actorText", "code"}``), ``event``, ``mode``,
``context`` (comma-separated, as PLOVER writes it), ``text`` (the evidence
sentence), ``eventText``, ``language``, ``coder``; and ``docIds``, the
documents the record rests on.

The mapping (PLOVER's vocabulary where it has a word, ours where it has none):

* A red line is a conditional threat: ``THREATEN`` from the holder against the
  trigger's actors (and the consequence's targets). ``mode`` names what is
  threatened (``THREAT_MODES``: ATTACK is "violence", SANCTION "sanction",
  DEPLOY "troops", an unspecified response ""...); ``context`` joins the
  consequence's and the trigger's contexts (``CONTEXTS``), so a nuclear threat
  or a threat over enrichment carries "cbrn" (PLOVER's word for WMD).
  ``comment`` keeps the trigger: ``if: <trigger text>``.
* A stance (``STANCE_EVENTS``): support is ``SUPPORT``, oppose ``REJECT``,
  open ``SUPPORT`` with the context "hypothetical" (it does not rule it out),
  conditional ``DEMAND`` (it sets terms).
* An event (``EVENT_TYPES``): ATTACK is ``FIGHT`` (state and organised armed
  forces, not PLOVER's ``ASSAULT`` on civilians), ANNEX ``FIGHT`` with mode
  "occupy" (CAMEO's "occupy territory" is a FIGHT), DEPLOY ``MOBILIZE``
  "troops", WMD ``MOBILIZE`` "weapons" with "cbrn" (the news reports tests and
  deployments far more than use), ARM ``AID``, SANCTION ``SANCTION``, JOIN
  ``COOPERATE``, COERCE ``COERCE``. RESPOND and OTHER name no act PLOVER can
  code, and a denied event did not happen: those are not exported. Planned
  and decided events get the context "future", considered ones
  "hypothetical".
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from typing import IO, Any

from redline.export.rows import ExportKind, all_evidence, check_kind, codes, iso, part, statements

CODER = "redline 0.1"

# The PLOVER context each action class belongs to.
CONTEXTS: dict[str, tuple[str, ...]] = {
    "ATTACK": ("military",),
    "DEPLOY": ("military",),
    "ARM": ("military",),
    "WMD": ("military", "cbrn"),
    "ANNEX": ("military",),
    "SANCTION": ("economic",),
    "JOIN": ("diplomatic", "military"),
    "COERCE": ("military",),
    "RESPOND": (),
    "OTHER": (),
}

# What a red line threatens, as a THREATEN mode.
THREAT_MODES: dict[str, str] = {
    "ATTACK": "violence",
    "DEPLOY": "troops",
    "ARM": "weapons",
    "WMD": "violence",
    "ANNEX": "occupy",
    "SANCTION": "sanction",
    "JOIN": "relations",
    "COERCE": "restrict",
    "RESPOND": "",
    "OTHER": "",
}

# An event's action class as (PLOVER event, mode); None where PLOVER has no category.
EVENT_TYPES: dict[str, tuple[str, str] | None] = {
    "ATTACK": ("FIGHT", ""),
    "DEPLOY": ("MOBILIZE", "troops"),
    "ARM": ("AID", ""),
    "WMD": ("MOBILIZE", "weapons"),
    "ANNEX": ("FIGHT", "occupy"),
    "SANCTION": ("SANCTION", ""),
    "JOIN": ("COOPERATE", ""),
    "COERCE": ("COERCE", ""),
    "RESPOND": None,
    "OTHER": None,
}

# A stance's position as (PLOVER event, extra context).
STANCE_EVENTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "support": ("SUPPORT", ()),
    "oppose": ("REJECT", ()),
    "open": ("SUPPORT", ("hypothetical",)),
    "conditional": ("DEMAND", ()),
}

# An event's status as extra context; None for a status that is not exported.
STATUS_CONTEXTS: dict[str, tuple[str, ...] | None] = {
    "occurred": (),
    "decided": ("future",),
    "planned": ("future",),
    "considered": ("hypothetical",),
    "denied": None,
}

REQUIRED_KEYS: tuple[str, ...] = ("id", "date", "source", "target", "event", "mode", "context", "text")


def _actors(values: Iterable[str], names: Mapping[str, str]) -> list[dict[str, str]]:
    return [{"actorText": names.get(code, code), "code": code} for code in dict.fromkeys(values)]


def _context(*parts: Iterable[str]) -> str:
    return ", ".join(dict.fromkeys(c for p in parts for c in p))


def _class(value: Any) -> str:
    return str(value or "OTHER").upper()


def _record_id(event: str, *fields: Any) -> str:
    digest = hashlib.sha1(json.dumps(fields, default=str).encode("utf-8")).hexdigest()[:12]
    return f"REDLINE-{event}-{digest}"


def to_plover(
    item: Mapping[str, Any], kind: str, *, names: Mapping[str, str] | None = None,
) -> dict[str, Any] | None:
    """One red line, stance or event as a PLOVER record; None for an event PLOVER cannot code.

    ``names`` maps actor codes to the names written as ``actorText`` (the code
    itself when missing).
    """
    checked: ExportKind = check_kind(kind)
    names = names or {}
    evidence = all_evidence(item, checked)
    text = evidence[0][0] if evidence else ""
    if checked == "redline":
        trigger, consequence = part(item, "trigger"), part(item, "consequence")
        threatened, condition = _class(consequence.get("action")), _class(trigger.get("action"))
        doc_ids = list(dict.fromkeys(str(s.get("doc_id")) for s in statements(item) if s.get("doc_id")))
        return {
            "id": f"REDLINE-THREATEN-{item.get('id')}" if item.get("id") is not None
            else _record_id("THREATEN", item.get("holder"), trigger, consequence),
            "date": iso(item.get("first_seen")),
            "source": _actors(codes(item.get("holder")), names),
            "target": _actors(codes(trigger.get("actors")) + codes(consequence.get("targets")), names),
            "event": "THREATEN",
            "mode": THREAT_MODES.get(threatened, ""),
            "context": _context(CONTEXTS.get(threatened, ()), CONTEXTS.get(condition, ())),
            "text": text,
            "eventText": consequence.get("text") or "",
            "comment": f"if: {trigger.get('text') or ''}",
            "lastSeen": iso(item.get("last_seen")),
            "docIds": doc_ids,
            "language": "en",
            "coder": CODER,
        }
    if checked == "stance":
        event, extra = STANCE_EVENTS.get(str(item.get("position")), ("SUPPORT", ("hypothetical",)))
        return {
            "id": _record_id(event, item.get("doc_id"), item.get("actor"), item.get("proposal"),
                             item.get("position")),
            "date": iso(item.get("published")),
            "source": _actors(codes(item.get("actor")), names),
            "target": _actors(codes(item.get("proposal_targets")), names),
            "event": event,
            "mode": "",
            "context": _context(CONTEXTS.get(_class(item.get("proposal_action")), ()), extra),
            "text": text,
            "eventText": item.get("proposal") or "",
            "docIds": [str(item["doc_id"])] if item.get("doc_id") else [],
            "language": "en",
            "coder": CODER,
        }
    action = _class(item.get("action"))
    mapped = EVENT_TYPES.get(action)
    status_context = STATUS_CONTEXTS.get(str(item.get("status") or "occurred"), ())
    if mapped is None or status_context is None:
        return None
    event, mode = mapped
    return {
        "id": _record_id(event, item.get("doc_id"), item.get("actors"), action, item.get("targets"), text),
        "date": iso(item.get("date")),
        "source": _actors(codes(item.get("actors")), names),
        "target": _actors(codes(item.get("targets")), names),
        "event": event,
        "mode": mode,
        "context": _context(CONTEXTS[action], status_context),
        "text": text,
        "eventText": item.get("text") or "",
        "docIds": [str(item["doc_id"])] if item.get("doc_id") else [],
        "language": "en",
        "coder": CODER,
    }


def write_plover(
    items: Iterable[Mapping[str, Any]], fp: IO[str], kind: str, *, names: Mapping[str, str] | None = None,
) -> int:
    """Write one PLOVER record per line to ``fp``; return how many were written (uncodable events skipped)."""
    check_kind(kind)
    count = 0
    for item in items:
        record = to_plover(item, kind, names=names)
        if record is None:
            continue
        fp.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count
