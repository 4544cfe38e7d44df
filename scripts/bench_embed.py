"""What embedding at ingest costs: `redline ingest` of the development texts with and without the sentence model.

    .venv/bin/python scripts/bench_embed.py [--shared ../shared] [--runs 3]

Each run ingests every text of ``../shared/eval/dev/texts`` into a fresh SQLite
knowledge base in a new process (``REDLINE_EMBEDDINGS=on``, then ``off``, taking
turns so both see the same machine load) and times the whole command, by the
clock and by the CPU time of the command and its workers (steadier on a shared
machine). Prints the median of each and how much slower the run with embeddings is, and the median of the
paired ratios (each run with embeddings over the run without it that follows it): on a machine whose load
changes from minute to minute, the ratio of two runs side by side is steadier than the ratio of two medians.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(redline: str, texts: list[str], embeddings: str) -> tuple[float, float]:
    """The wall time and the CPU time (the command and its workers) of one ingest."""
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, REDLINE_DB=str(Path(tmp) / "kb.db"), REDLINE_EMBEDDINGS=embeddings)
        start, cpu = time.perf_counter(), _children_cpu()
        subprocess.run([redline, "ingest", *texts], env=env, check=True, capture_output=True)
        return time.perf_counter() - start, _children_cpu() - cpu


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(HERE.parent.parent / "shared"))
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    folder = Path(a.shared) / "eval" / "dev" / "texts"
    if not folder.is_dir():
        sys.exit(f"{folder} not found: give --shared")
    texts = [str(p) for p in sorted(folder.glob("*.txt"))]
    redline = str(Path(sys.executable).parent / "redline")
    times: dict[str, list[tuple[float, float]]] = {"on": [], "off": []}
    for _ in range(a.runs):
        for mode in ("on", "off"):
            times[mode].append(run(redline, texts, mode))
    for k, what in ((0, "wall"), (1, "CPU")):
        on = statistics.median(t[k] for t in times["on"])
        off = statistics.median(t[k] for t in times["off"])
        paired = statistics.median(x[k] / y[k] for x, y in zip(times["on"], times["off"], strict=True))
        print(f"ingest {len(texts)} texts, median of {a.runs}, {what}: with embeddings {on:.1f} s, "
              f"without {off:.1f} s ({100 * (on - off) / off:+.0f} %); paired ratio {paired:.3f} "
              f"({100 * (paired - 1):+.0f} %)")


if __name__ == "__main__":
    main()
