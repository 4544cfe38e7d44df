"""An outside check on the PLOVER gold-standard records: actor codes and red lines where none should be.

    .venv/bin/python scripts/peer.py [--shared ../shared] [--verbose]

Each record of ``shared/eval/peer/plover_gsr.json`` is one sentence with its source and target actors
(ISO-3 codes, a few CAMEO ones) and a PLOVER event type. Every sentence is extracted as its own document
and the script prints:

(a) actor resolution against the gold source and target codes, per record: the state codes we resolve
    anywhere in the sentence (``mentions``) and the codes of our events' and red lines' parties
    (``parties``), each as precision / recall / F1. Only states are scored: a gold actor coded as a group
    (IGO, NGO, ...) is skipped, and so is a gold state whose words we resolve to a non-state actor
    ("Hamas" coded PSE); our own non-state codes are skipped likewise. PLOVER codes only the event's two
    sides, so a third state the sentence names counts against ``mentions`` precision.
(b) the red lines we extract, by event type: a record whose type holds no threat should give none; a
    THREATEN record with "if"/"unless"/"or else" may hold one.

No sentence of the file is stored anywhere; the figures are printed, and ``--verbose`` lists the misses.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from redline.actors import Registry, load_registry
from redline.extract import extract_documents
from redline.models import Document, Extraction

ROOT = Path(__file__).resolve().parent.parent
# CAMEO country codes that differ from ISO 3166-1 alpha-3.
CAMEO_TO_ISO = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "GMY": "DEU", "UKG": "GBR", "ROM": "ROU"}
# Event types that may hold a conditional threat; every other type should give no red line.
MAY_HOLD = frozenset({"THREATEN"})
CONDITIONAL = re.compile(r"\b(?:if|unless|or else|otherwise|should\s+\w+\s+(?:not\s+)?\w+)\b", re.IGNORECASE)


@dataclass
class Tally:
    """True positives, predictions and gold items of one measure."""

    tp: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, predicted: set[str], gold: set[str]) -> None:
        self.tp += len(predicted & gold)
        self.predicted += len(predicted)
        self.gold += len(gold)

    def line(self, name: str) -> str:
        p = self.tp / self.predicted if self.predicted else 0.0
        r = self.tp / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return f"{name:<10} P={p:.3f} R={r:.3f} F1={f:.3f} (tp={self.tp} predicted={self.predicted} gold={self.gold})"


@dataclass
class Report:
    """Everything the script prints."""

    records: int = 0
    mentions: Tally = field(default_factory=Tally)
    parties: Tally = field(default_factory=Tally)
    skipped_gold_group: int = 0
    skipped_gold_nonstate: int = 0
    skipped_ours: Counter[str] = field(default_factory=Counter)
    redlines_by_type: Counter[str] = field(default_factory=Counter)
    records_by_type: Counter[str] = field(default_factory=Counter)
    threaten_conditional: int = 0
    threaten_conditional_found: int = 0
    misses: list[str] = field(default_factory=list)


def load_records(path: Path) -> list[dict[str, Any]]:
    """The records that carry a sentence (the file's first record documents the format)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return [r for r in data if isinstance(r, dict) and r.get("text")]


def gold_actors(record: dict[str, Any]) -> list[tuple[str, str]]:
    """(words, code) of the record's source and target actors, CAMEO codes mapped to ISO-3."""
    out = []
    for side in ("source", "target"):
        value = record.get(side)
        if isinstance(value, list):
            for actor in value:
                if isinstance(actor, dict) and actor.get("code"):
                    code = str(actor["code"])
                    out.append((str(actor.get("actorText") or ""), CAMEO_TO_ISO.get(code, code)))
    return out


def _is_state(registry: Registry, code: str) -> bool:
    return registry.is_known(code) and registry.actor(code).kind == "state"


def _state_codes(registry: Registry, codes: Iterable[str], skipped: Counter[str]) -> set[str]:
    out = set()
    for code in codes:
        if _is_state(registry, code):
            out.add(code)
        else:
            skipped[code] += 1
    return out


def _words_resolve_to_nonstate(registry: Registry, x: Extraction, words: str) -> bool:
    """Whether a mention over the gold actor's words carries only non-state codes."""
    at = x.document.text.find(words) if words else -1
    if at < 0:
        return False
    end = at + len(words)
    over = [m for m in x.actors if m.span.start < end and at < m.span.end]
    return bool(over) and all(not any(_is_state(registry, c) for c in m.codes) for m in over)


def score(records: list[dict[str, Any]], extractions: list[Extraction], registry: Registry) -> Report:
    """The report over ``records`` and their extractions, in the same order."""
    report = Report(records=len(records))
    for record, x in zip(records, extractions, strict=True):
        gold: set[str] = set()
        for words, code in gold_actors(record):
            if not _is_state(registry, code):
                report.skipped_gold_group += 1
            elif _words_resolve_to_nonstate(registry, x, words):
                report.skipped_gold_nonstate += 1
            else:
                gold.add(code)
        found = _state_codes(registry, (c for m in x.actors for c in m.codes), report.skipped_ours)
        party_codes: list[str] = []
        for e in x.events:
            party_codes += [*e.actors, *e.targets]
        for line in x.redlines:
            party_codes += [*line.holder, *line.trigger.actors, *line.trigger.targets]
        parties = _state_codes(registry, party_codes, Counter())
        report.mentions.add(found, gold)
        report.parties.add(parties, gold)
        kind = str(record.get("event") or "?")
        report.records_by_type[kind] += 1
        report.redlines_by_type[kind] += len(x.redlines)
        if kind == "THREATEN" and CONDITIONAL.search(record["text"]):
            report.threaten_conditional += 1
            report.threaten_conditional_found += bool(x.redlines)
        if found != gold:
            report.misses.append(f"{record['id']}: gold {sorted(gold)} ours {sorted(found)}"
                                 f" missed {sorted(gold - found)} extra {sorted(found - gold)}")
    return report


def print_report(report: Report, verbose: bool = False) -> None:
    print(f"PLOVER gold-standard records: {report.records} sentences")
    print("(a) actor resolution, states only, against the gold source+target codes of each record")
    print("   ", report.mentions.line("mentions"))
    print("   ", report.parties.line("parties"))
    print(f"    skipped: {report.skipped_gold_group} gold actors coded as groups (IGO, NGO, ...), "
          f"{report.skipped_gold_nonstate} gold states whose words we code as a non-state actor, "
          f"{sum(report.skipped_ours.values())} of our mentions with non-state codes "
          f"({', '.join(f'{c} {n}' for c, n in report.skipped_ours.most_common(8))})")
    print("(b) red lines extracted, by event type")
    holds_none = sum(n for k, n in report.redlines_by_type.items() if k not in MAY_HOLD)
    for kind, n in sorted(report.records_by_type.items(), key=lambda kv: -kv[1]):
        print(f"    {kind:<12} {n:3d} records  {report.redlines_by_type[kind]:3d} red lines")
    print(f"    red lines on types that hold none: {holds_none}")
    print(f"    THREATEN records with a conditional (if/unless/or else/otherwise/should): "
          f"{report.threaten_conditional}, with a red line extracted: {report.threaten_conditional_found}")
    if verbose:
        print("misses (actor codes):")
        for miss in report.misses:
            print("   ", miss)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--verbose", action="store_true", help="list every record whose codes differ")
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args(argv)
    path = args.shared / "eval" / "peer" / "plover_gsr.json"
    if not path.exists():
        print(f"no {path}: nothing to check", file=sys.stderr)
        return 2
    records = load_records(path)
    docs = [Document(id=str(r["id"]), text=str(r["text"])) for r in records]
    extractions = list(extract_documents(docs, jobs=args.jobs))
    print_report(score(records, extractions, load_registry()), verbose=args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
