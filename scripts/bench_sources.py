"""Time what corroboration adds to `lines` and `stances` on a knowledge base (e.g. one from gen_kb.py).

    .venv/bin/python scripts/gen_kb.py --db /tmp/kb-200k.db --statements 200000
    .venv/bin/python scripts/bench_sources.py --db /tmp/kb-200k.db

Each query runs once to warm the cache, then ``--repeat`` times; medians in milliseconds. "bare" is the
store's query alone (what `lines` did before corroboration), "corroborated" the service call the CLI makes.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from typing import Any

from redline import service
from redline.store import queries


def timed(fn: Any, repeat: int) -> dict[str, Any]:
    result = fn()
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        runs.append((time.perf_counter() - t) * 1000)
    return {"median_ms": round(statistics.median(runs), 1), "rows": len(result)}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--db", required=True, help="an existing knowledge base (file or URL)")
    p.add_argument("--repeat", type=int, default=5)
    args = p.parse_args(argv)
    settings = service.Settings(db=args.db)
    store = service.open_store(settings)

    def bare_lines() -> list[dict[str, Any]]:
        return queries.lines(store, holder="RUS", limit=100)

    def bare_stances() -> list[dict[str, Any]]:
        return queries.stances(store, limit=200)

    try:
        report = {
            "lines --holder RUS (bare)": timed(bare_lines, args.repeat),
            "lines --holder RUS (corroborated)": timed(lambda: service.lines(settings, holder="RUS", limit=100),
                                                       args.repeat),
            "lines --holder RUS --min-sources 2": timed(
                lambda: service.lines(settings, holder="RUS", limit=100, min_sources=2), args.repeat),
            "lines --grade A-C": timed(lambda: service.lines(settings, limit=100, grade="A-C"), args.repeat),
            "stances (bare)": timed(bare_stances, args.repeat),
            "stances (corroborated)": timed(lambda: service.stances(settings, limit=200), args.repeat),
        }
    finally:
        store.close()
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
