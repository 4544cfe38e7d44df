"""scripts/gen_kb.py at a small size: the synthetic KB is consistent and the timed queries answer."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from redline.store import Store, browse, queries

SCRIPT = Path(__file__).parent.parent / "scripts" / "gen_kb.py"


def test_gen_kb_builds_a_consistent_kb_and_times_queries(tmp_path: Path) -> None:
    db = str(tmp_path / "kb.db")
    done = subprocess.run([sys.executable, str(SCRIPT), "--db", db, "--statements", "3000"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["generated"]["statements"] == 3000
    assert {q["query"] for q in report["queries"]} >= {"lines --holder RUS", "stances"}
    assert all(q["rows"] > 0 for q in report["queries"] if q["query"] in ("lines --holder RUS", "stances"))
    with Store.open(db) as store:
        assert queries.counts(store)["statements"] == 3000
        check = queries.check_integrity(store)
        assert check["evidence_checked"] == 3000
        assert check["evidence_mismatches"] == [] and check["count_mismatches"] == []
        # Every page of the workbench has rows: events, the alerts they raise, full-text entries.
        generated = report["generated"]
        assert browse.events_page(store, limit=1)[0] == generated["events"] > 0
        assert browse.alerts_page(store, limit=1)[0] == generated["alerts"] > 0
        assert browse.search_total(store, ["synthetic"]) == 3000 + 300  # each statement and each document
