"""scripts/peer.py: actor codes and red lines on PLOVER-style gold records (ours, then shared/eval/peer)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "scripts" / "peer.py"
SHARED = REPO.parent / "shared"

# Records in the file's layout, with sentences of our own.
RECORDS = [
    {"id": "DOC-0001", "event": "DOCUMENT", "eventText": "a note about the file"},
    {"id": "R-AGREE-1", "event": "AGREE", "text": "Zambian and Malawian ministers agreed to reopen the border.",
     "source": [{"actorText": "Zambian", "code": "ZMB"}], "target": [{"actorText": "Malawian", "code": "MWI"}]},
    {"id": "R-DEMAND-1", "event": "DEMAND", "text": "The Arctic Council urged Norway to share the survey.",
     "source": [{"actorText": "The Arctic Council", "code": "IGO"}], "target": [{"actorText": "Norway",
                                                                                 "code": "NOR"}]},
    {"id": "R-THREATEN-1", "event": "THREATEN",
     "text": "Tokyo warned that it would impose sanctions on Pyongyang if it tested another missile.",
     "source": [{"actorText": "Tokyo", "code": "JAP"}], "target": [{"actorText": "Pyongyang", "code": "PRK"}]},
]


def run(shared: Path) -> str:
    done = subprocess.run([sys.executable, str(SCRIPT), "--shared", str(shared), "--verbose"],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_peer_scores_states_skips_groups_and_counts_red_lines(tmp_path: Path) -> None:
    peer = tmp_path / "eval" / "peer"
    peer.mkdir(parents=True)
    (peer / "plover_gsr.json").write_text(json.dumps(RECORDS), encoding="utf-8")
    out = run(tmp_path)
    assert "3 sentences" in out  # the documentation record has no sentence
    # JAP is CAMEO's Japan: mapped to JPN, it is found; the council (IGO) is skipped, not a miss.
    assert "mentions   P=1.000 R=1.000" in out
    assert re.search(r"skipped: 1 gold actors coded as groups", out)
    assert re.search(r"THREATEN\s+1 records\s+1 red lines", out)
    assert "red lines on types that hold none: 0" in out


def test_peer_missing_file_is_an_error(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, str(SCRIPT), "--shared", str(tmp_path)], capture_output=True, text=True)
    assert done.returncode == 2 and "nothing to check" in done.stderr


@pytest.mark.skipif(not (SHARED / "eval" / "peer" / "plover_gsr.json").exists(),
                    reason="../shared/eval/peer is absent: the shared folder sits beside the repository")
def test_peer_on_the_plover_records() -> None:
    out = run(SHARED)
    recall = float(re.search(r"mentions\s+P=[\d.]+ R=([\d.]+)", out).group(1))  # type: ignore[union-attr]
    assert recall >= 0.95  # measured 0.964
    held = int(re.search(r"red lines on types that hold none: (\d+)", out).group(1))  # type: ignore[union-attr]
    assert held <= 3  # measured 2
