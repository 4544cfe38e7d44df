"""Benchmark: match 10k synthetic events against 1k synthetic red lines and print the time.

.venv/bin/python scripts/bench_match.py [--events 10000] [--lines 1000] [--seed 1] [--vectors]

``--vectors`` gives every line and event a stored sentence vector (384 float32, as
``redline.embed`` writes them) and makes a tenth of the triggers vague (OTHER), so
the similarity step runs on every candidate pair and vague lines are met by meaning.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Iterable
from datetime import date, timedelta

import numpy as np

from redline.embed import DIMENSIONS, to_bytes
from redline.models import ACTION_CLASSES, EVENT_STATUSES, Event, Evidence, Span
from redline.monitor.line_index import match_all

STATES = [f"S{i:02d}" for i in range(80)]
GROUPS = {"G1": STATES[:30], "G2": STATES[20:50], "G3": STATES[45:70], "WEST": ["G1", "G2"]}
ACTIONS = [a for a in ACTION_CLASSES if a not in {"RESPOND", "OTHER"}]


class SyntheticRegistry:
    def groups_of(self, code: str) -> Iterable[str]:
        return [g for g, m in GROUPS.items() if code in m]

    def members(self, code: str) -> Iterable[str]:
        return GROUPS.get(code, [])


def lines(n: int, rnd: random.Random, open_share: float = 0.10) -> list[dict[str, object]]:
    parties = [*STATES, *GROUPS]
    out = []
    for i in range(n):
        first = date(2022, 1, 1) + timedelta(days=rnd.randrange(900))
        # As in real articles: most triggers name their parties; some name none or "any".
        roll = rnd.random()
        actors = (
            []
            if roll < open_share * 0.7
            else ["ANY"]
            if roll < open_share
            else rnd.sample(parties, rnd.choice([1, 1, 2]))
        )
        out.append(
            {
                "id": str(i),
                "holder": [rnd.choice(STATES)],
                "trigger": {
                    "actors": actors,
                    "action": rnd.choice(ACTIONS),
                    "targets": rnd.sample(parties, rnd.choice([0, 1, 2])),
                    "text": "t",
                },
                "consequence": {"action": rnd.choice(ACTIONS), "targets": [], "text": "c"},
                "certainty": rnd.choice(["high", "medium", "low"]),
                "first_seen": first.isoformat(),
                "last_seen": first.isoformat(),
                "statements": [{"doc_id": f"d{i}", "evidence": f"line {i} said"}],
            }
        )
    return out


def events(n: int, rnd: random.Random) -> list[Event]:
    out = []
    for i in range(n):
        text = f"event sentence {i}"
        out.append(
            Event(
                actors=tuple(rnd.sample(STATES, rnd.choice([0] + [1] * 18 + [2]))),
                action=rnd.choice(ACTIONS),
                targets=tuple(rnd.sample(STATES, rnd.choice([0, 1, 1, 2]))),
                status=rnd.choice(EVENT_STATUSES),
                text=text,
                evidence=(Evidence(f"e{i}", 0, Span(0, len(text)), text),),
                date=date(2022, 1, 1) + timedelta(days=rnd.randrange(1200)),
            )
        )
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--events", type=int, default=10_000)
    ap.add_argument("--lines", type=int, default=1_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument(
        "--open", action="store_true", help="the worst case instead: a quarter of the triggers name no party"
    )
    ap.add_argument("--vectors", action="store_true", help="with sentence vectors and vague triggers (see above)")
    args = ap.parse_args()
    rnd = random.Random(args.seed)
    ls, evs = lines(args.lines, rnd, 0.25 if args.open else 0.10), events(args.events, rnd)
    vectors = None
    if args.vectors:
        gen = np.random.default_rng(args.seed)

        def unit() -> bytes:
            v = gen.standard_normal(DIMENSIONS).astype(np.float32)
            return to_bytes(v / np.linalg.norm(v))

        for ln in ls:
            trigger = ln["trigger"]
            assert isinstance(trigger, dict)
            trigger["vector"] = unit()
            ln["context_vector"] = unit()
            if rnd.random() < 0.1:
                trigger["action"] = "OTHER"
        vectors = [unit() for _ in evs]
    start, cpu = time.perf_counter(), time.process_time()
    alerts = match_all(evs, ls, SyntheticRegistry(), vectors)
    took, cpu = time.perf_counter() - start, time.process_time() - cpu
    crossed = sum(a.status == "crossed" for a in alerts)
    print(
        f"{len(evs)} events x {len(ls)} red lines: {took:.3f} s ({cpu:.3f} s CPU), "
        f"{len(alerts)} alerts ({crossed} crossed, {len(alerts) - crossed} approaching)"
    )


if __name__ == "__main__":
    main()
