"""Run the monitoring chains of an evaluation split end to end and say which pass.

    .venv/bin/python scripts/chains.py ../shared/eval/train [--show] [--only WORD] [--carried-cosine 0.45,0.5]

Each chain (``chains.jsonl``: a red-line article, a later article, whether the
trigger happened) gets a fresh knowledge base; the red-line article, then the
event article, are ingested as JSONL records with their publication date
(``meta.jsonl``, else the year and month at the end of the doc id), and the
alerts are read back: a crossed chain passes when the chain's line has a
``crossed`` alert, a not-crossed chain when it has none. ``tests/test_chains.py``
runs the development chains the same way. ``--show`` prints the lines, events and
alerts of each failing chain (never for ``c2-`` documents, which are held out).
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from redline import service
from redline.config import Settings


def published(doc_id: str, meta: dict[str, Any]) -> str:
    """The chain procedure's date: meta.jsonl's, else the first of the month the doc id ends with."""
    if meta.get("published"):
        return str(meta["published"])
    year, month = (int(x) for x in re.findall(r"(\d{4})-(\d{2})$", doc_id)[0])
    return date(year, month, 1).isoformat()


def run_chain(root: Path, chain: dict[str, Any], meta: dict[str, dict[str, Any]], tmp: Path) -> dict[str, Any]:
    """Ingest the chain's two articles into a fresh knowledge base; the chain's line and its alerts."""
    settings = replace(Settings.from_env(), db=str(tmp / "kb.db"))
    for doc_id in (chain["redline_doc"], chain["event_doc"]):
        text = (root / "texts" / f"{doc_id}.txt").read_text(encoding="utf-8")
        item = {"id": doc_id, "text": text, "published": published(doc_id, meta.get(doc_id, {}))}
        path = tmp / f"{doc_id}.jsonl"
        path.write_text(json.dumps(item) + "\n", encoding="utf-8")
        service.ingest([str(path)], settings)
    lines = service.lines(settings, limit=0)
    of_doc = sorted(ln["id"] for ln in lines if any(s["doc_id"] == chain["redline_doc"] for s in ln["statements"]))
    index = chain.get("redline_index", 0)
    line_id = (of_doc[index] if len(of_doc) > index else of_doc[0]) if of_doc else None
    alerts = service.alerts(settings)
    store = service.open_store(settings)
    try:
        from redline.store.alerts import event_rows

        events = [e for e in event_rows(store) if e["doc_id"] == chain["event_doc"]]
    finally:
        store.close()
    crossed = [a for a in alerts if a["redline"]["id"] == line_id and a["status"] == "crossed"]
    ok = line_id is not None and bool(crossed) == bool(chain["crossed"])
    return {"ok": ok, "line_id": line_id, "lines": lines, "alerts": alerts, "events": events}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("split", help="an evaluation split: a folder with chains.jsonl, meta.jsonl and texts/")
    ap.add_argument("--show", action="store_true", help="print the lines, events and alerts of failing chains")
    ap.add_argument("--only", help="only chains whose event doc id contains this")
    ap.add_argument("--event-cosine", help="comma-separated values of EVENT_COSINE to try (fitting, on train)")
    ap.add_argument("--carried-cosine", help="comma-separated values of CARRIED_COSINE to try (fitting, on train)")
    a = ap.parse_args()
    for name, values in (("EVENT_COSINE", a.event_cosine), ("CARRIED_COSINE", a.carried_cosine)):
        if values:
            from redline.monitor import match

            for value in (float(x) for x in values.split(",")):
                setattr(match, name, value)
                print(f"{name} {value:.2f}")
                run_split(a)
            return
    run_split(a)


def run_split(a: argparse.Namespace) -> None:
    root = Path(a.split)
    chains = [json.loads(x) for x in (root / "chains.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    meta = {m["doc_id"]: m for m in map(json.loads, (root / "meta.jsonl").read_text(encoding="utf-8").splitlines())}
    passed = 0
    for chain in chains:
        if a.only and a.only not in chain["event_doc"]:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            result = run_chain(root, chain, meta, Path(tmp))
        passed += result["ok"]
        want = "crossed" if chain["crossed"] else "not crossed"
        print(f"{'pass' if result['ok'] else 'FAIL'}  {want:11}  {chain['redline_doc']} → {chain['event_doc']}")
        held_out = any(chain[k].startswith("c2-") for k in ("redline_doc", "event_doc"))
        if a.show and not result["ok"] and not held_out:
            for ln in result["lines"]:
                t = ln["trigger"]
                print(f"      line #{ln['id']} {ln['holder']}: {t['actors']} {t['action']} {t['targets']}"
                      f" “{t['text']}”")
            for e in result["events"]:
                print(f"      event {e['actors']} {e['action']} {e['targets']} ({e['status']}, {e['date']})"
                      f" “{e['text']}” in “{e['evidence'][0]['text'][:160]}”")
            for al in result["alerts"]:
                e = al["event"]
                print(f"      alert {al['status']} #{al['redline']['id']} ← {e['actors']} {e['action']} {e['targets']}"
                      f" ({e['status']}) “{e['text']}”: {'; '.join(al['explanation'])}")
    print(f"{passed} of {len(chains) if not a.only else passed} chains pass")


if __name__ == "__main__":
    main()
