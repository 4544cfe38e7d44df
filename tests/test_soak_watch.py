"""scripts/soak_watch.py: 50 rounds of `watch --once` over a growing directory, memory flat."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).parent.parent / "scripts" / "soak_watch.py"


@pytest.mark.slow
def test_fifty_rounds_of_watch_store_every_article_once_with_flat_memory() -> None:
    done = subprocess.run([sys.executable, str(SCRIPT), "--rounds", "50"], capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["stored"] == 50  # one new article a round, none twice
    growth = report["rss_mb_last"] - report["rss_mb"][4]  # after warm-up (model, caches) to the end
    assert growth < 20, report
