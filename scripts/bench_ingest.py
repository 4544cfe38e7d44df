"""Benchmark: `redline ingest` into SQLite and PostgreSQL against `redline extract` of the same articles.

.venv/bin/python scripts/bench_ingest.py [--shared ../shared] [--docs 10000] [--jobs N] [--json OUT] [--lexical]

Builds ``--docs`` distinct articles from the development texts (each one text's
paragraphs followed by part of another's, so no two are the same text), as JSON
Lines shards in a temporary directory that is deleted afterwards. Then times, as
whole commands, one after the other:

- ``redline extract DIR -o FILE`` (the default jobs);
- ``redline ingest DIR --db FILE.db`` into a fresh SQLite file;
- ``redline ingest DIR --db postgresql://...`` into a fresh database on a throwaway
  PostgreSQL server (Debian's initdb and pg_ctl; skipped with a reason when absent).

It prints articles/s for each and ingest as a share of extract throughput (the
target is ≥ 80 %). The machine may be shared: the three runs are measured in one
go, and ``--repeats`` runs each several times (median). CPU seconds (the command and
its workers, not the PostgreSQL server) are printed beside them: they hardly change
with the load of a shared machine.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import random
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SHARD = 1000  # articles per JSON Lines file
SHARE_TARGET = 0.8


def build_corpus(texts_dir: Path, count: int, into: Path, seed: int = 11) -> int:
    """``count`` distinct articles as JSONL shards in ``into``; returns the number of words."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(texts_dir.glob("*.txt"))]
    if len(texts) < 2:
        sys.exit(f"need at least two .txt files in {texts_dir}")
    rng = random.Random(seed)
    words = 0
    for start in range(0, count, SHARD):
        with (into / f"shard-{start // SHARD:04d}.jsonl").open("w", encoding="utf-8") as out:
            for i in range(start, min(count, start + SHARD)):
                a = i % len(texts)
                b = (a + 1 + rng.randrange(len(texts) - 1)) % len(texts)
                paragraphs = [p for p in texts[b].split("\n\n") if p.strip()]
                cut = rng.randrange(1, len(paragraphs) + 1)
                text = texts[a].rstrip() + "\n\n" + "\n\n".join(paragraphs[:cut]) + f"\n\n(Article {i}.)\n"
                words += len(text.split())
                out.write(json.dumps({"id": f"bench-{i}", "text": text}) + "\n")
    return words


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def postgres() -> Iterator[str | None]:
    """A throwaway PostgreSQL server in a temp dir of its own (as the postgres user when root); its URL, or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        print("no PostgreSQL (/usr/lib/postgresql/*/bin/initdb): `make postgres` installs it; skipped")
        yield None
        return
    base = Path(tempfile.mkdtemp(prefix="redline-bench-pg-"))
    bindir, data, port = Path(found[-1]).parent, base / "pgdata", _free_port()
    as_user: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(base, "postgres", "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    subprocess.run([*as_user, str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust",
                    "-E", "UTF8"], check=True, capture_output=True)
    subprocess.run([*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-l", str(base / "log"), "-w", "-o",
                    f"-p {port} -k {base} -c listen_addresses=127.0.0.1", "start"], check=True, capture_output=True)
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"],
                       capture_output=True)
        shutil.rmtree(base, ignore_errors=True)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """(seconds, CPU seconds of the command and its workers; not the PostgreSQL server's)."""
    t0, cpu0 = time.perf_counter(), _children_cpu()
    result = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, **env} if env else None)
    if result.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({result.returncode}):\n{result.stderr[-2000:]}")
    return time.perf_counter() - t0, _children_cpu() - cpu0


def _drop_database(url: str) -> None:
    """An empty knowledge base for the next round: the public schema dropped and created again."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared", help="the shared folder (../shared)")
    ap.add_argument("--docs", type=int, default=10_000, help="articles to build")
    ap.add_argument("--repeats", type=int, default=1, help="runs of each command; the median is reported")
    ap.add_argument("--jobs", type=int, default=None, help="--jobs for every command (default: one per core)")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    ap.add_argument("--lexical", action="store_true",
                    help="also ingest into SQLite with REDLINE_EMBEDDINGS=off (the writes without the sentence model)")
    args = ap.parse_args()

    texts = args.shared / "eval" / "dev" / "texts"
    if not texts.is_dir():
        sys.exit(f"no development texts at {texts}: the shared folder belongs beside the repository")
    tmp = Path(tempfile.mkdtemp(prefix="redline-bench-ingest-"))
    try:
        corpus = tmp / "corpus"
        corpus.mkdir()
        words = build_corpus(texts, args.docs, corpus)
        print(f"{args.docs:,} articles, {words:,} words, in {corpus}", flush=True)
        redline = str(BIN / "redline")
        jobs = ["--jobs", str(args.jobs)] if args.jobs else []
        figures: dict[str, Any] = {"documents": args.docs, "words": words, "repeats": args.repeats, "runs": {}}
        with postgres() as pg_url:
            runs: dict[str, tuple[list[str], Any, dict[str, str] | None]] = {
                "extract": ([redline, "extract", str(corpus), "-o", str(tmp / "out.jsonl"), *jobs], None, None),
                "ingest_sqlite": ([redline, "ingest", str(corpus), "--db", str(tmp / "kb.db"), *jobs],
                                  lambda: (tmp / "kb.db").unlink(missing_ok=True), None),
            }
            if pg_url:
                runs["ingest_postgres"] = ([redline, "ingest", str(corpus), "--db", pg_url, *jobs],
                                           lambda: _drop_database(pg_url), None)
            if args.lexical:
                runs["ingest_sqlite_lexical"] = ([redline, "ingest", str(corpus), "--db", str(tmp / "lex.db"), *jobs],
                                                 lambda: (tmp / "lex.db").unlink(missing_ok=True),
                                                 {"REDLINE_EMBEDDINGS": "off"})
            load_before = " ".join(f"{x:.2f}" for x in os.getloadavg())
            for name, (cmd, reset, env) in runs.items():
                times, cpus = [], []
                for _ in range(args.repeats):
                    if reset:
                        reset()
                    seconds, cpu = timed(cmd, env)
                    times.append(seconds)
                    cpus.append(cpu)
                    print(f"  {name:21} {seconds:8.1f} s  CPU {cpu:8.1f} s", flush=True)
                median = statistics.median(times)
                figures["runs"][name] = {"seconds": round(median, 2), "articles_per_s": round(args.docs / median, 2),
                                         "cpu_seconds": round(statistics.median(cpus), 2)}
        figures["load_average"] = {"before": load_before, "after": " ".join(f"{x:.2f}" for x in os.getloadavg())}
        extract_rate = figures["runs"]["extract"]["articles_per_s"]
        print(f"\nload average (1, 5, 15 min) before {load_before}, after {figures['load_average']['after']}")
        print(f"{'run':21} {'seconds':>8} {'CPU s':>8} {'articles/s':>11} {'of extract':>11}")
        for name, f in figures["runs"].items():
            share = f["articles_per_s"] / extract_rate
            f["share_of_extract"] = round(share, 3)
            mark = "" if name == "extract" else ("  ok" if share >= SHARE_TARGET else f"  UNDER {SHARE_TARGET:.0%}")
            print(f"{name:21} {f['seconds']:8.1f} {f['cpu_seconds']:8.1f} {f['articles_per_s']:11.2f}"
                  f" {share:10.0%}{mark}")
        if args.json:
            args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
            print(f"figures → {args.json}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
