"""Benchmark: whole `redline extract` commands against a whole bare spaCy process over the same texts.

.venv/bin/python scripts/bench.py [--shared ../shared] [--docs 400] [--repeats 3] [--jobs N] [--json OUT] [--profile]

The texts are the development set's (``SHARED/eval/dev/texts``), or the repo's
``samples/`` when the shared folder is absent, repeated to ``--docs`` files in a
temporary directory (deleted afterwards). Three whole processes are timed, each
starting Python and loading the model, as a user would run them:

- ``bare_spacy``: one Python process that loads the same model with its default
  components and runs ``nlp.pipe(texts, batch_size=16)`` over the files' texts;
- ``redline_jobs1``: ``redline extract DIR -o OUT --jobs 1``;
- ``redline_default``: ``redline extract DIR -o OUT`` (one worker per core, or ``--jobs``);
- with ``--ray``, ``redline_ray``: ``redline extract DIR -o OUT --engine ray`` (a local Ray, started
  and stopped by the command; needs ``redline[ray]``).

Each is run ``--repeats`` times in alternating order (the machine may be shared,
so A and B are always measured in the same run) and the median is reported, with
articles/s, words/s, the CPU seconds of the process tree (which a shared machine's
load hardly changes), and the peak memory of the whole process tree, sampled every
20 ms: the sum of every process's resident set (RSS; forked workers share the model's
pages, so this over-counts) and of their proportional sets (PSS, shared pages split).
The ratio bare_spacy / redline is the speed target (≥ 2.0 with the default jobs, and
≥ 50 articles/s). The redline runs' outputs are compared, document for document.
``--runs`` picks the runs (``redline_jobs1 --ray`` for Ray against one process).
``--profile`` prints where one in-process jobs=1 extraction spends its time (cProfile).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import platform
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
BATCH_SIZE = 16  # the bare run's batch, as STACK.md measured it
RATIO_TARGET = 2.0
ARTICLES_TARGET = 50.0
RSS_TARGET_MB = 1500
SAMPLE_EVERY = 0.02

BARE = """
import sys, spacy
from pathlib import Path
nlp = spacy.load(sys.argv[1])
texts = [p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[2]).iterdir())]
for _ in nlp.pipe(texts, batch_size=int(sys.argv[3])):
    pass
"""


def _source_dir(shared: Path) -> Path:
    texts = shared / "eval" / "dev" / "texts"
    return texts if texts.is_dir() else REPO / "samples"


def build_corpus(source: Path, count: int, into: Path) -> tuple[int, int]:
    """``count`` text files in ``into``, the source's .txt files repeated in order; returns (files, words)."""
    base = sorted(p for p in source.iterdir() if p.suffix == ".txt")
    if not base:
        sys.exit(f"no .txt files in {source}")
    words = 0
    for i in range(count):
        p = base[i % len(base)]
        text = p.read_text(encoding="utf-8")
        (into / f"{i:06d}-{p.stem}.txt").write_text(text, encoding="utf-8")
        words += len(text.split())
    return count, words


def _tree_memory_kb(root: int) -> tuple[int, int]:
    """(RSS, PSS) of ``root`` and all its descendants, in KiB (from /proc).

    RSS counts a page shared by forked workers once per process; PSS splits it between them, so
    the PSS sum is the memory the tree really holds.
    """
    rss = pss = 0
    todo = [root]
    while todo:
        pid = todo.pop()
        try:
            with open(f"/proc/{pid}/smaps_rollup", encoding="ascii", errors="replace") as f:
                for line in f:
                    if line.startswith("Rss:"):
                        rss += int(line.split()[1])
                    elif line.startswith("Pss:"):
                        pss += int(line.split()[1])
            with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as f:
                todo.extend(int(c) for c in f.read().split())
        except (OSError, ValueError):
            continue
    return rss, pss


def timed(cmd: list[str]) -> tuple[float, float, float, float]:
    """Run ``cmd`` to its end; (seconds, CPU seconds of its process tree, peak RSS and peak PSS in MB).

    The CPU seconds (user + system, the command and every worker it waited for) hardly change
    with the load of a shared machine; the seconds do.
    """
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak_rss = peak_pss = 0
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        rss, pss = _tree_memory_kb(proc.pid)
        peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
        time.sleep(SAMPLE_EVERY)
    seconds = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        stderr = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{stderr}")
    if proc.stderr:
        proc.stderr.close()
    cpu = usage.ru_utime + usage.ru_stime
    return seconds, round(cpu, 2), round(peak_rss / 1024, 1), round(peak_pss / 1024, 1)


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _profile(corpus: Path, model: str) -> None:
    """Where one in-process jobs=1 extraction spends its time: redline's steps, then everything."""
    from redline.extract import extract_documents, load_resources
    from redline.ingest import read_inputs
    from redline.models import Document

    docs = [d for d in read_inputs([str(corpus)]) if isinstance(d, Document)]
    load_resources(model)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in extract_documents(iter(docs), model=model, jobs=1):
        pass
    profiler.disable()
    for title, restriction in (("redline's extraction steps", r"redline[/\\]extract"), ("everything", "")):
        report = io.StringIO()
        stats = pstats.Stats(profiler, stream=report).sort_stats("tottime" if not restriction else "cumulative")
        stats.print_stats(*([restriction] if restriction else []), 20)
        order = "own time" if not restriction else "cumulative"
        print(f"\nwhere a jobs=1 run spends its time, {title} (cProfile, {order}):")
        print(report.getvalue().split("\n\n", 2)[-1].rstrip())


def main() -> None:
    from redline.config import DEFAULT_MODEL
    from redline.extract import default_jobs

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared", help="the shared folder (../shared)")
    ap.add_argument("--docs", type=int, default=400, help="repeat the texts to this many files")
    ap.add_argument("--repeats", type=int, default=3, help="timings per run; the median is reported")
    ap.add_argument("--jobs", type=int, default=None, help="jobs of the default run (default: one per core)")
    ap.add_argument("--model", default=DEFAULT_MODEL, help="the spaCy model both sides use")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    ap.add_argument("--profile", action="store_true", help="print where a jobs=1 run spends its time")
    ap.add_argument("--ray", action="store_true", help="also time `redline extract --engine ray` (redline[ray])")
    ap.add_argument("--runs", default="bare_spacy,redline_jobs1,redline_default",
                    help="which runs, comma-separated (redline_ray is added by --ray)")
    args = ap.parse_args()

    source = _source_dir(args.shared)
    tmp = Path(tempfile.mkdtemp(prefix="redline-bench-"))
    try:
        corpus = tmp / "corpus"
        corpus.mkdir()
        n, words = build_corpus(source, args.docs, corpus)
        jobs = args.jobs or default_jobs()
        print(f"{n} documents, {words:,} words from {source}; {os.cpu_count()} cores, default jobs {jobs}")
        redline = str(BIN / "redline")
        env_model = os.environ.get("REDLINE_SPACY_MODEL")
        if env_model and env_model != args.model:
            sys.exit(f"REDLINE_SPACY_MODEL={env_model} differs from --model {args.model}")
        outs = {"redline_jobs1": tmp / "jobs1.jsonl", "redline_default": tmp / "default.jsonl",
                "redline_ray": tmp / "ray.jsonl"}
        runs: dict[str, list[str]] = {
            "bare_spacy": [sys.executable, "-c", BARE, args.model, str(corpus), str(BATCH_SIZE)],
            "redline_jobs1": [redline, "extract", str(corpus), "-o", str(outs["redline_jobs1"]), "--jobs", "1"],
            "redline_default": [redline, "extract", str(corpus), "-o", str(outs["redline_default"])]
            + (["--jobs", str(args.jobs)] if args.jobs else []),
            "redline_ray": [redline, "extract", str(corpus), "-o", str(outs["redline_ray"]), "--engine", "ray"]
            + (["--jobs", str(args.jobs)] if args.jobs else []),
        }
        wanted = [r for r in args.runs.split(",") if r] + (["redline_ray"] if args.ray else [])
        unknown = sorted(set(wanted) - set(runs))
        if unknown:
            sys.exit(f"unknown runs {unknown}; choose from {', '.join(runs)}")
        runs = {k: v for k, v in runs.items() if k in wanted}
        times: dict[str, list[float]] = {name: [] for name in runs}
        peaks: dict[str, list[float]] = {name: [] for name in runs}
        psss: dict[str, list[float]] = {name: [] for name in runs}
        cpus: dict[str, list[float]] = {name: [] for name in runs}
        load_before = _load()
        order = list(runs)
        for r in range(args.repeats):
            for name in order if r % 2 == 0 else reversed(order):
                seconds, cpu, peak, pss = timed(runs[name])
                times[name].append(seconds)
                cpus[name].append(cpu)
                peaks[name].append(peak)
                psss[name].append(pss)
                print(f"  round {r + 1}: {name:16} {seconds:7.2f} s  CPU {cpu:7.2f} s  peak RSS {peak:7,.0f} MB"
                      f"  PSS {pss:7,.0f} MB", flush=True)
        made = [outs[k] for k in runs if k in outs]
        same = all(p.read_bytes() == made[0].read_bytes() for p in made)

        figures: dict[str, Any] = {
            "source": str(source), "documents": n, "words": words, "repeats": args.repeats, "jobs": jobs,
            "cores": os.cpu_count(), "model": args.model, "python": platform.python_version(), "runs": {},
        }
        figures["load_average"] = {"before": load_before, "after": _load()}
        print(f"\nload average (1, 5, 15 min) before {load_before}, after {figures['load_average']['after']}")
        print(f"{'run':17} {'seconds':>8} {'CPU s':>8} {'words/s':>9} {'articles/s':>11} {'peak RSS MB':>12}"
              f" {'PSS MB':>7}   (median of {args.repeats}, whole processes)")
        for name, ts in times.items():
            median = statistics.median(ts)
            peak = max(peaks[name])
            figures["runs"][name] = {
                "seconds": round(median, 3), "all_seconds": [round(t, 3) for t in ts],
                "words_per_s": round(words / median, 1), "articles_per_s": round(n / median, 2),
                "peak_rss_mb": peak, "peak_pss_mb": max(psss[name]), "cpu_seconds": statistics.median(cpus[name]),
            }
            print(f"{name:17} {median:8.2f} {statistics.median(cpus[name]):8.2f} {words / median:9,.0f}"
                  f" {n / median:11.2f} {peak:12,.0f} {max(psss[name]):7,.0f}")
        figures["outputs_identical"] = same
        if "bare_spacy" in figures["runs"]:
            bare_s = figures["runs"]["bare_spacy"]["seconds"]
            ratios = {k.removeprefix("redline_"): round(bare_s / f["seconds"], 3)
                      for k, f in figures["runs"].items() if k != "bare_spacy"}
            figures["ratio_bare_over_redline"] = ratios
            print("\nratio bare_spacy / redline: " + ", ".join(f"{k} = {v:.2f}" for k, v in ratios.items()))
        default = figures["runs"].get("redline_default")
        if default and "ratio_bare_over_redline" in figures:
            verdicts = [
                ("ratio", figures["ratio_bare_over_redline"]["default"] >= RATIO_TARGET, f"≥ {RATIO_TARGET}"),
                ("articles/s", default["articles_per_s"] >= ARTICLES_TARGET, f"≥ {ARTICLES_TARGET:.0f}"),
                ("peak RSS", default["peak_rss_mb"] <= RSS_TARGET_MB, f"≤ {RSS_TARGET_MB} MB"),
            ]
            print(f"targets for the default run (jobs {jobs}): " + ", ".join(
                f"{what} {'ok' if ok else 'MISSED'} ({target})" for what, ok, target in verdicts))
        if len(made) > 1:
            print(f"redline outputs identical ({', '.join(k for k in runs if k in outs)}): {'yes' if same else 'NO'}")
        if args.profile:
            _profile(corpus, args.model)
        if args.json:
            args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
            print(f"figures → {args.json}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
