"""p95 latency of every workbench endpoint and page on a synthetic knowledge base (``scripts/gen_kb.py``).

    .venv/bin/python scripts/bench_web.py --statements 100000            # make bench-web
    .venv/bin/python scripts/bench_web.py --db /tmp/kb-100k.db --requests 50

Builds the knowledge base (unless ``--db`` names one that exists), starts the real
``redline serve`` on loopback (``scripts/screenshots.py``'s helper) and requests each
path ``--requests`` times in a row over one keep-alive connection, after one warm-up
request. Prints JSON: per path the status, median, p95 and max in milliseconds.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import statistics
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx

HERE = Path(__file__).resolve().parent


def _script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, HERE / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build(db: str, statements: int) -> dict[str, Any]:
    from redline.store import Store

    gen_kb = _script("gen_kb")
    with Store.open(db) as store:
        generated: dict[str, Any] = gen_kb.generate(store, statements)
    return generated


def paths(client: httpx.Client) -> list[str]:
    """Every API endpoint and page, with arguments taken from the knowledge base itself."""
    line = client.get("/api/lines?limit=1").json()["items"][0]
    cell = client.get("/api/stances?limit=1").json()["items"][0]
    doc = client.get("/api/documents?limit=1").json()["items"][0]["doc_id"]
    holder = line["holder"][0]
    trigger = line["trigger"]
    whatif = f"actor={trigger['actors'][0]}&action={trigger['action']}"
    whatif += f"&target={trigger['targets'][0]}" if trigger["targets"] else ""  # an untargeted move crosses less
    api = ["/api/overview", "/api/lines", f"/api/lines?holder={holder}", "/api/lines?text=trigger%201",
           f"/api/lines/{line['id']}", "/api/stances", f"/api/stances?actor={cell['actor']}",
           "/api/stances?group=NATO", "/api/stances/matrix", f"/api/stances/{cell['proposal_id']}/{cell['actor']}",
           "/api/proposals", "/api/proposals?text=proposal%201", "/api/alerts", "/api/alerts?status=crossed",
           "/api/events", f"/api/events?actor={holder}", "/api/documents", "/api/documents?offset=5000",
           f"/api/documents/{doc}", "/api/search?q=synthetic", "/api/search?q=statement%204242",
           f"/api/whatif?{whatif}", "/api/graph"]
    pages = ["/", "/lines", f"/lines?holder={holder}", f"/lines/{line['id']}", "/stances", "/stances?group=NATO",
             f"/stances/{cell['proposal_id']}/{cell['actor']}", "/proposals", "/alerts", "/events", "/documents",
             f"/documents/{doc}", "/search?q=synthetic", "/escalation", f"/escalation?{whatif}", "/docs"]
    return api + pages


def measure(client: httpx.Client, path: str, n: int) -> dict[str, Any]:
    headers = {} if path.startswith("/api/") else {"accept": "text/html"}
    first = client.get(path, headers=headers)  # warm-up
    runs = []
    for _ in range(n):
        t = time.perf_counter()
        r = client.get(path, headers=headers)
        r.read()
        runs.append((time.perf_counter() - t) * 1000)
    runs.sort()
    p95 = runs[math.ceil(0.95 * len(runs)) - 1]  # nearest rank
    return {"path": path, "status": first.status_code, "bytes": len(first.content),
            "median_ms": round(statistics.median(runs), 1), "p95_ms": round(p95, 1), "max_ms": round(runs[-1], 1)}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--db", help="a knowledge base to use (built there when the file does not exist)")
    p.add_argument("--statements", type=int, default=100_000, help="statements of the synthetic knowledge base")
    p.add_argument("--requests", type=int, default=40, help="timed requests per path")
    p.add_argument("--only", help="only the paths containing this text (e.g. proposals)")
    args = p.parse_args(argv)
    report: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "kb.db")
        if not Path(db).exists():
            t = time.perf_counter()
            report["generated"] = build(db, args.statements)
            report["generate_seconds"] = round(time.perf_counter() - t, 1)
        served = _script("screenshots").served
        with served(db) as base, httpx.Client(base_url=base, timeout=60) as client:
            report["requests_per_path"] = args.requests
            wanted = [path for path in paths(client) if not args.only or args.only in path]
            report["results"] = [measure(client, path, args.requests) for path in wanted]
    worst = max(report["results"], key=lambda r: r["p95_ms"])
    report["worst_p95"] = {"path": worst["path"], "p95_ms": worst["p95_ms"]}
    print(json.dumps(report, indent=1))
    return 0 if all(r["status"] == 200 for r in report["results"]) else 1


if __name__ == "__main__":
    sys.exit(main())
