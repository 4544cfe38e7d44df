"""How many evaluation documents get a known outlet, and of which kind: a check of the packaged source list.

    .venv/bin/python scripts/source_coverage.py --shared ../shared

For each split, the documents of ``meta.jsonl`` (their URL) and their text (credits such as "according to
Reuters") are identified as redline does it. The held-out ``c2-`` documents of ``dev`` are left out unread.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from redline.sources import identify, load_sources


def coverage(split: Path) -> dict[str, object]:
    sources = load_sources()
    rows = [json.loads(line) for line in (split / "meta.jsonl").read_text(encoding="utf-8").splitlines() if line]
    rows = [r for r in rows if not str(r["doc_id"]).startswith("c2-")]
    methods: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    grades: Counter[str] = Counter()
    for r in rows:
        path = split / "texts" / f"{r['doc_id']}.txt"
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        found = identify(r.get("url"), r.get("source"), text, sources)
        known = found.outlet is not None and found.outlet.kind is not None
        methods[found.method if known and found.method else "unknown"] += 1
        kinds[found.outlet.kind if known and found.outlet and found.outlet.kind else "unknown"] += 1
        grades[found.outlet.grade if found.outlet else "F"] += 1
    return {"documents": len(rows), "known": len(rows) - methods["unknown"], "by": dict(methods),
            "kinds": dict(kinds), "grades": dict(sorted(grades.items()))}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--shared", type=Path, default=Path("../shared"), help="the shared folder beside the repository")
    args = p.parse_args(argv)
    eval_dir = args.shared / "eval"
    if not eval_dir.exists():
        print(f"{eval_dir} not found; pass --shared", file=sys.stderr)
        return 2
    print(json.dumps({s: coverage(eval_dir / s) for s in ("train", "dev") if (eval_dir / s).exists()}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
