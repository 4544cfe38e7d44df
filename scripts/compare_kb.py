"""Compare two knowledge bases table by table: the check that a change to the writer changed no decision.

.venv/bin/python scripts/compare_kb.py A B [--show 5]

A and B are SQLite files or postgresql:// URLs, ingested from the same inputs (with the same ingest time, or
the ``documents.ingested`` and ``alerts.created`` columns differ: ``--ignore-times`` leaves them out). Every
table of the schema is read whole, ordered by its id (or by every column when it has none), and compared row
for row; the first differing rows of each table are printed. Exit status 1 when any table differs.

One way to get two comparable knowledge bases of the same articles (before and after a change): run
``redline ingest DIR --db A.db`` on each version, with ``--ignore-times``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from typing import Any

from sqlalchemy import create_engine, select

from redline.store.engine import url_for
from redline.store.schema import metadata

TIMES = {("documents", "ingested"), ("alerts", "created")}


def rows(db: str, table: str, ignore_times: bool) -> Iterator[tuple[Any, ...]]:
    t = metadata.tables[table]
    columns = [c for c in t.c if not (ignore_times and (table, c.name) in TIMES)]
    order = [t.c.id] if "id" in t.c else columns
    engine = create_engine(url_for(db))
    try:
        with engine.connect() as conn:
            for row in conn.execute(select(*columns).order_by(*order)):
                yield tuple(row)
    finally:
        engine.dispose()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("a")
    ap.add_argument("b")
    ap.add_argument("--show", type=int, default=3, help="differing rows shown per table")
    ap.add_argument("--ignore-times", action="store_true", help="leave out documents.ingested and alerts.created")
    args = ap.parse_args()
    differ = 0
    for table in sorted(metadata.tables):
        a, b = list(rows(args.a, table, args.ignore_times)), list(rows(args.b, table, args.ignore_times))
        bad = [(x, y) for x, y in zip(a, b, strict=False) if x != y]
        same = not bad and len(a) == len(b)
        print(f"{table:20} {len(a):8} {len(b):8}  {'same' if same else f'{len(bad)} rows differ'}")
        for x, y in bad[: args.show]:
            print(f"    A {x!r:.300}\n    B {y!r:.300}")
        differ += not same
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
