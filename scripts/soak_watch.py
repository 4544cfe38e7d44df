"""A compressed soak of `watch`: ROUNDS polls (`watch --once`) over a directory that grows by one article
a round, in one process; prints the resident memory after the first and the last round, as JSON.

    python scripts/soak_watch.py --rounds 50

The articles are generated here from a few sentence patterns, each round's with new numbers and names.
"""

from __future__ import annotations

import argparse
import gc
import json
import tempfile
from pathlib import Path

from redline import service

STATES = ("Finland", "Poland", "France", "Germany", "Sweden", "Norway", "Chile", "Kenya")


def rss_mb() -> float:
    """This process's resident memory in MB (Linux /proc)."""
    fields = Path("/proc/self/status").read_text().split("VmRSS:")[1].split()
    return round(int(fields[0]) / 1024, 1)


def article(i: int) -> str:
    actor, other = STATES[i % len(STATES)], STATES[(i * 3 + 1) % len(STATES)]
    return (f"Dispatch {i}\n\nRussia's foreign ministry warned on day {i} that if {actor} deploys troops to "
            f"Estonia, Russia will strike its bases, spokesman Ivanov{i} said.\n\n{other} deployed {i} "
            f"soldiers to Latvia on Tuesday, the defence ministry of {other} said in report {i * 7}.\n")


def soak(rounds: int, folder: Path) -> dict[str, object]:
    inbox = folder / "inbox"
    inbox.mkdir()
    settings = service.Settings(db=str(folder / "kb.db"))
    memory: list[float] = []
    stored = 0
    for i in range(rounds):
        (inbox / f"a{i:04d}.txt").write_text(article(i), encoding="utf-8")
        run = service.watch(str(inbox), settings, once=True)
        stored += run.stored
        gc.collect()
        memory.append(rss_mb())
    return {"rounds": rounds, "stored": stored, "rss_mb_first": memory[0], "rss_mb_last": memory[-1],
            "rss_mb_max": max(memory), "rss_mb": memory}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        print(json.dumps(soak(args.rounds, Path(tmp))))


if __name__ == "__main__":
    main()
