"""Build a synthetic knowledge base of N statements (default 1M) and time the main queries on it.

    .venv/bin/python scripts/gen_kb.py --db /tmp/kb-1m.db --statements 1000000
    .venv/bin/python scripts/gen_kb.py --db /tmp/kb.db --statements 20000 --ingest samples --docs 50

Rows go in through ``redline.store.bulk`` (bulk inserts, no merging): documents
with their full-text entries, statements (red lines and stances) with evidence,
one event in five documents and an alert for a third of those (the event against a
line of its action), so every page of the workbench has rows to show. The
timings go through ``redline.service`` as the CLI calls it. With ``--ingest``,
the real pipeline ingests the sample articles repeated (each copy made unique)
into a fresh KB and the rate is reported in documents/s.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from redline import service
from redline.models import content_hash
from redline.store import Store, bulk

ACTIONS = ("ATTACK", "DEPLOY", "ARM", "WMD", "ANNEX", "SANCTION", "JOIN", "COERCE", "RESPOND")
POSITIONS = ("support", "oppose", "open", "conditional")
STATEMENTS_PER_DOC = 10
REDLINE_SHARE = 0.6
EVENT_SHARE = 0.2  # documents reporting an event
ALERT_SHARE = 0.3  # events that cross or approach a line
STATUSES = ("occurred", "considered", "denied")
CHUNK = 20_000
# Statement columns one kind fills and the other leaves empty (bulk inserts need the same keys on every row).
OPTIONAL = ("redline_id", "stance_id", "trigger_action", "trigger_text", "consequence_text", "certainty",
            "proposal", "position")


def codes(n: int) -> list[str]:
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return [f"{letters[i // 676 % 26]}{letters[i // 26 % 26]}{letters[i % 26]}" for i in range(n)]


def generate(store: Store, n: int, seed: int = 7) -> dict[str, int]:
    """Fill ``store`` with ``n`` statements over n/10 documents; skewed holders, as in the news."""
    rng = random.Random(seed)
    # Real codes first (a group filter such as NATO has members to keep), then made-up ones.
    real = ["RUS", "USA", "UKR", "FRA", "DEU", "GBR", "POL", "CHN", "ITA", "CAN", "EST", "TUR"]
    holders = [*real, *codes(200 - len(real))]
    weights = [1 / (i + 1) for i in range(len(holders))]  # Zipf: RUS holds the most lines
    actors = holders[:60]
    n_lines = max(1, int(n * REDLINE_SHARE) // 20)
    n_proposals = max(1, min(500, n // 2000))
    start = date(2020, 1, 1)
    Rows = list[dict[str, Any]]
    lines: Rows = []
    for i in range(n_lines):
        h = rng.choices(holders, weights)[0]
        lines.append({"id": i + 1, "holder": h, "speaker": None, "trigger_actors": rng.choice(actors),
                      "trigger_action": rng.choice(ACTIONS), "trigger_targets": rng.choice(actors),
                      "trigger_text": f"synthetic trigger {i}", "consequence_action": rng.choice(ACTIONS),
                      "consequence_targets": "", "consequence_text": f"synthetic response {i}",
                      "certainty": rng.choice(("low", "medium", "high")), "explicit": False,
                      "first_seen": start, "last_seen": start, "statement_count": 0})
    props = [{"id": i + 1, "text": f"synthetic proposal {i}", "key": f"synthetic proposal {i}",
              "action": rng.choice(ACTIONS), "targets": rng.choice(actors), "first_seen": start,
              "last_seen": start} for i in range(n_proposals)]
    docs: Rows = []
    statements: Rows = []
    evidence: Rows = []
    stances: Rows = []
    entries: Rows = []
    events: Rows = []
    event_evidence: Rows = []
    alerts: Rows = []
    sid = eid = 0
    lines_of: dict[str, list[int]] = {}
    for ln in lines:
        lines_of.setdefault(ln["trigger_action"], []).append(ln["id"])
    n_docs = (n + STATEMENTS_PER_DOC - 1) // STATEMENTS_PER_DOC

    n_alerts = 0

    def flush(final: bool = False) -> None:
        if not (final or len(statements) >= CHUNK):
            return
        for table, rows in (("documents", docs), ("stances", stances), ("statements", statements),
                            ("evidence", evidence), ("search_entries", entries), ("events", events),
                            ("event_evidence", event_evidence), ("alerts", alerts)):
            if rows:
                bulk.bulk_insert(store, table, rows)
                rows.clear()

    bulk.bulk_insert(store, "redlines", lines)
    bulk.bulk_insert(store, "redline_holders", [{"code": ln["holder"], "redline_id": ln["id"]} for ln in lines])
    bulk.bulk_insert(store, "proposals", props)
    for d in range(1, n_docs + 1):
        seen = start + timedelta(days=d * 1500 // n_docs)
        sentences, spans, pos = [], [], 0
        k = min(STATEMENTS_PER_DOC, n - sid)
        for j in range(k):
            s = f"Synthetic statement {sid + j} of document {d}."
            sentences.append(s)
            spans.append((pos, pos + len(s)))
            pos += len(s) + 1
        text = " ".join(sentences)
        docs.append({"id": d, "doc_key": f"synthetic-{d}", "hash": content_hash(text), "title": None,
                     "url": None, "source": "synthetic", "published": seen, "ingested": datetime.now(UTC),
                     "seen": seen, "text": text})
        entries.append({"kind": "document", "document_id": d, "statement_id": None, "body": text})
        if rng.random() < EVENT_SHARE:
            eid += 1
            ev: dict[str, Any] = {"id": eid, "document_id": d, "ordinal": 0, "actors": rng.choice(actors),
                  "action": rng.choice(ACTIONS), "targets": rng.choice(actors), "status": rng.choice(STATUSES),
                  "date": seen, "seen": seen, "text": f"synthetic event {eid}", "counted": True, "vector": None,
                  "confidence": 0.8}
            events.append(ev)
            a, b = spans[0]
            event_evidence.append({"event_id": eid, "sentence": 0, "start": a, "end": b, "text": text[a:b]})
            if rng.random() < ALERT_SHARE and ev["status"] != "denied" and lines_of.get(ev["action"]):
                alerts.append({"redline_id": rng.choice(lines_of[ev["action"]]), "event_id": eid,
                               "status": "crossed" if ev["status"] == "occurred" else "approaching",
                               "explanation": json.dumps([f"action {ev['action']} (trigger action)"]),
                               "created": datetime.now(UTC)})
                n_alerts += 1
        for j in range(k):
            sid += 1
            row: dict[str, Any] = {"id": sid, "document_id": d, "ordinal": j, "seen": seen, "counted": True,
                                   "speaker": None, **dict.fromkeys(OPTIONAL)}
            if rng.random() < REDLINE_SHARE:
                line = lines[rng.randrange(n_lines)]
                line["statement_count"] += 1
                line["last_seen"] = max(line["last_seen"], seen)
                row.update(kind="redline", redline_id=line["id"], holder=line["holder"],
                           trigger_action=line["trigger_action"], trigger_text=line["trigger_text"],
                           consequence_text=line["consequence_text"], certainty=line["certainty"])
            else:
                actor, proposal = rng.choice(actors), rng.randrange(n_proposals) + 1
                stances.append({"id": sid, "actor": actor, "proposal_id": proposal, "document_id": d,
                                "position": rng.choice(POSITIONS), "seen": seen, "counted": True})
                row.update(kind="stance", stance_id=sid, holder=actor, proposal=f"synthetic proposal {proposal}",
                           position=stances[-1]["position"])
            statements.append(row)
            a, b = spans[j]
            evidence.append({"statement_id": sid, "sentence": j, "start": a, "end": b, "text": text[a:b]})
            said = row["trigger_text"] or row["proposal"]
            entries.append({"kind": row["kind"], "document_id": d, "statement_id": sid, "body": f"{said}\n{text[a:b]}"})
        flush()
    flush(final=True)
    bulk.set_line_dates(store, {ln["id"]: (ln["last_seen"], ln["statement_count"]) for ln in lines})
    bulk.rebuild_proposal_wordings(store)
    cells = bulk.rebuild_stance_cells(store)
    return {"statements": sid, "documents": n_docs, "lines": n_lines, "proposals": n_proposals, "cells": cells,
            "events": eid, "alerts": n_alerts}


def timed(label: str, fn: Any, repeat: int = 5) -> dict[str, Any]:
    fn()  # warm the page cache once
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        runs.append((time.perf_counter() - t) * 1000)
    return {"query": label, "median_ms": round(statistics.median(runs), 1), "max_ms": round(max(runs), 1),
            "rows": len(result)}


def ingest_rate(samples: Path, docs: int, db: str) -> dict[str, Any]:
    """Real ingest (read, extract, store) of the sample articles repeated to ``docs`` unique documents."""
    texts = sorted(samples.glob("*.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(docs):
            src = texts[i % len(texts)]
            # A distinct last line per copy: new content hashes, and near-duplicates of the originals.
            Path(tmp, f"{src.stem}-{i}.txt").write_text(src.read_text(encoding="utf-8") + f"\n\nCopy {i}.\n",
                                                        encoding="utf-8")
        settings = service.Settings.from_env()
        settings = type(settings)(db=db, spacy_model=settings.spacy_model, max_bytes=settings.max_bytes)
        t = time.perf_counter()
        summary = service.ingest([tmp], settings)
        elapsed = time.perf_counter() - t
    return {"documents": docs, "seconds": round(elapsed, 1), "docs_per_s": round(docs / elapsed, 2),
            "stored": summary.stored, "near_duplicates": summary.near_duplicates, "new_lines": summary.new_lines}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--db", required=True, help="a new SQLite file or a database URL")
    p.add_argument("--statements", type=int, default=1_000_000)
    p.add_argument("--ingest", type=Path, help="a directory of sample articles to time real ingest on")
    p.add_argument("--docs", type=int, default=50, help="documents for the ingest rate")
    args = p.parse_args(argv)
    report: dict[str, Any] = {}
    t = time.perf_counter()
    with Store.open(args.db) as store:
        if store.engine.dialect.name == "sqlite" and Path(args.db).exists() and service.lines(
                service.Settings(db=args.db), limit=1):
            print(f"{args.db} is not empty; give a new file", file=sys.stderr)
            return 2
        report["generated"] = generate(store, args.statements)
    report["generate_seconds"] = round(time.perf_counter() - t, 1)
    settings = service.Settings(db=args.db)
    report["queries"] = [
        timed("lines --holder RUS", lambda: service.lines(settings, holder="RUS", limit=100)),
        timed("lines --holder ACD", lambda: service.lines(settings, holder="ACD", limit=100)),
        timed("stances", lambda: service.stances(settings, limit=200)),
        timed("stances --actor RUS", lambda: service.stances(settings, actor="RUS", limit=200)),
    ]
    if args.ingest:
        report["ingest"] = ingest_rate(args.ingest, args.docs, str(Path(args.db).with_suffix(".ingest.db")))
    print(json.dumps(report, indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
