"""Benchmark: redline extract against a bare spaCy pipeline over the same texts, in one process.

.venv/bin/python scripts/bench.py [--shared ../shared] [--docs 200] [--repeats 3] [--json OUT] [--profile]

The texts are the development set's (``SHARED/eval/dev/texts``), or the repo's
``samples/`` when the shared folder is absent, repeated to ``--docs`` documents
(200: about 50,000 words of the development set, 90,000 of the samples).
Three things are timed on them:

- ``bare_spacy``: ``nlp.pipe(texts, batch_size=16)`` with every default
  component of a separately loaded, untouched copy of the same model;
- ``redline_jobs1`` and ``redline_jobs2``: ``redline.extract.extract_documents``
  over the Documents ``redline.ingest.read_inputs`` made of those texts, with
  one and two processes (the model is loaded before, so loading is not timed;
  starting the worker pool is).

Each is timed ``--repeats`` times, in alternating order, and the median is
reported. The ratio bare_spacy / redline is the issue's speed target (≥ 0.7
with one job); peak memory is the process's own peak plus, with workers, the
largest worker's peak once per worker (an upper bound: forked workers share
the model's pages with the parent). ``--profile`` prints where one jobs=1 run
spends its time (cProfile); so does a run under the ratio target.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import platform
import pstats
import resource
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from redline.config import DEFAULT_MODEL
from redline.errors import InputError
from redline.extract import extract_documents, load_resources
from redline.ingest import read_inputs
from redline.models import Document

REPO = Path(__file__).resolve().parent.parent
BATCH_SIZE = 16  # the bare run's batch, as STACK.md measured it
RATIO_TARGET = 0.7
RSS_TARGET_MB = 1500


def _source_dir(shared: Path) -> Path:
    texts = shared / "eval" / "dev" / "texts"
    return texts if texts.is_dir() else REPO / "samples"


def load_documents(source: Path, count: int) -> list[Document]:
    """The readable documents of ``source``, repeated in order to ``count`` documents."""
    base: list[Document] = []
    for item in read_inputs([str(source)]):
        if isinstance(item, InputError):
            print(f"skipped {item}", file=sys.stderr)
        else:
            base.append(item)
    if not base:
        sys.exit(f"no readable documents in {source}")
    return [base[i % len(base)] for i in range(count)]


def _mb(kilobytes: int) -> float:
    return round(kilobytes / 1024, 1)  # ru_maxrss is in KiB on Linux


def _profile(run: Callable[[], None]) -> None:
    """Print where one run spends its time: redline's own functions, then everything."""
    profiler = cProfile.Profile()
    profiler.enable()
    run()
    profiler.disable()
    for title, restriction in (("redline's extraction steps", r"redline[/\\]extract"), ("everything", "")):
        report = io.StringIO()
        stats = pstats.Stats(profiler, stream=report).sort_stats("cumulative")
        stats.print_stats(*([restriction] if restriction else []), 20)
        print(f"\nwhere a jobs=1 run spends its time, {title} (cProfile, cumulative):")
        print(report.getvalue().split("\n\n", 2)[-1].rstrip())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared", help="the shared folder (../shared)")
    ap.add_argument("--docs", type=int, default=200, help="repeat the texts to this many documents")
    ap.add_argument("--repeats", type=int, default=3, help="timings per run; the median is reported")
    ap.add_argument("--model", default=DEFAULT_MODEL, help="the spaCy model both sides use")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    ap.add_argument("--profile", action="store_true", help="print where a jobs=1 run spends its time")
    args = ap.parse_args()

    import spacy

    source = _source_dir(args.shared)
    docs = load_documents(source, args.docs)
    texts = [d.text for d in docs]
    words = sum(len(t.split()) for t in texts)
    print(f"{len(docs)} documents, {words:,} words from {source}")

    bare_nlp = spacy.load(args.model)  # untouched: its default components, senter left as shipped
    load_resources(args.model)  # redline's own copy, cached for this process and inherited by forked workers

    def bare() -> None:
        for _ in bare_nlp.pipe(texts, batch_size=BATCH_SIZE):
            pass

    def redline(jobs: int) -> Callable[[], None]:
        def run() -> None:
            n = sum(1 for _ in extract_documents(iter(docs), model=args.model, jobs=jobs))
            assert n == len(docs), f"{n} extractions for {len(docs)} documents"
        return run

    runs: dict[str, Callable[[], None]] = {
        "bare_spacy": bare, "redline_jobs1": redline(1), "redline_jobs2": redline(2),
    }
    # Warm-up, untimed: the first batches pay for lazy initialisation on both sides.
    warm = docs[: min(len(docs), 8)]
    list(bare_nlp.pipe([d.text for d in warm], batch_size=BATCH_SIZE))
    list(extract_documents(iter(warm), model=args.model, jobs=1))

    times: dict[str, list[float]] = {name: [] for name in runs}
    order = list(runs)
    for r in range(args.repeats):
        for name in order if r % 2 == 0 else reversed(order):
            t0 = time.perf_counter()
            runs[name]()
            times[name].append(time.perf_counter() - t0)
            print(f"  round {r + 1}: {name:14} {times[name][-1]:7.2f} s", flush=True)

    self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    worker_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    figures: dict[str, Any] = {
        "source": str(source), "documents": len(docs), "words": words, "repeats": args.repeats,
        "model": args.model, "python": platform.python_version(), "spacy": spacy.__version__, "runs": {},
    }
    print(f"\n{'run':15} {'seconds':>8} {'words/s':>9} {'articles/s':>11}   (median of {args.repeats})")
    for name, ts in times.items():
        median = statistics.median(ts)
        figures["runs"][name] = {
            "seconds": round(median, 3), "all_seconds": [round(t, 3) for t in ts],
            "words_per_s": round(words / median, 1), "articles_per_s": round(len(docs) / median, 2),
        }
        print(f"{name:15} {median:8.2f} {words / median:9,.0f} {len(docs) / median:11.2f}")
    bare_s = figures["runs"]["bare_spacy"]["seconds"]
    ratios = {f"jobs{j}": round(bare_s / figures["runs"][f"redline_jobs{j}"]["seconds"], 3) for j in (1, 2)}
    figures["ratio_bare_over_redline"] = ratios
    peak_mb = _mb(self_kb + 2 * worker_kb)
    figures["rss_mb"] = {"self_peak": _mb(self_kb), "largest_worker_peak": _mb(worker_kb),
                         "peak_upper_bound": peak_mb}
    verdict = "ok" if ratios["jobs1"] >= RATIO_TARGET else f"UNDER the {RATIO_TARGET} target"
    print(f"\nratio bare_spacy / redline: jobs 1 = {ratios['jobs1']:.2f} ({verdict}), jobs 2 = {ratios['jobs2']:.2f}")
    rss_verdict = "ok" if peak_mb < RSS_TARGET_MB else f"OVER the {RSS_TARGET_MB} MB target"
    print(f"peak RSS: this process {_mb(self_kb):,.0f} MB (both models loaded), largest worker "
          f"{_mb(worker_kb):,.0f} MB; with 2 workers at most {peak_mb:,.0f} MB ({rss_verdict})")

    if args.profile or ratios["jobs1"] < RATIO_TARGET:
        _profile(runs["redline_jobs1"])

    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
        print(f"figures → {args.json}")


if __name__ == "__main__":
    main()
