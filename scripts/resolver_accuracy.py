"""Print the actor resolver's accuracy on the case table, every case it gets wrong, and its speed.

    .venv/bin/python scripts/resolver_accuracy.py [tests/fixtures/actors/cases.csv]

Speed is measured on the sample articles (samples/*.txt) repeated 100 times, in one call.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from redline.actors import Resolver
from redline.actors.evaluate import accuracy, load_cases

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "tests" / "fixtures" / "actors" / "cases.csv"


def speed(resolver: Resolver, repeat: int = 100) -> str:
    """Mentions and megabytes per second on the samples repeated ``repeat`` times."""
    samples = sorted((ROOT / "samples").glob("*.txt"))
    if not samples:
        return "speed: no samples/*.txt to measure on"
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in samples) * repeat
    began = time.perf_counter()
    mentions = resolver.find(text)
    seconds = time.perf_counter() - began
    megabytes = len(text.encode("utf-8")) / 1e6
    return (f"speed: {megabytes:.2f} MB, {len(mentions)} mentions in {seconds:.2f} s = "
            f"{megabytes / seconds:.2f} MB/s, {len(mentions) / seconds:,.0f} mentions/s")


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT
    cases = load_cases(path)
    resolver = Resolver()
    score, outcomes = accuracy(resolver, cases)
    for outcome in outcomes:
        if not outcome.right:
            case = outcome.case
            got = [(m.text, m.codes, m.person) for m in outcome.found]
            want = f"{case.codes} {case.person or ''}"
            print(f"WRONG {case.mention!r} in {case.sentence!r}: want {want}; got {got}")
    right = sum(o.right for o in outcomes)
    print(f"resolver accuracy: {right}/{len(outcomes)} = {score:.3f}")
    print(speed(resolver))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
