"""`redline ingest` as processes, for real: the PostgreSQL server stopped mid-ingest, and concurrent ingests
over overlapping inputs (four into one PostgreSQL database, two into one SQLite file).

The articles are ours, generated from a few sentence patterns; the real pipeline extracts them.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from conftest import PostgresCluster, create_database
from redline.store import Store, queries
from redline.store.schema import documents, events, statements

pytestmark = pytest.mark.slow

REDLINE = str(Path(sys.executable).parent / "redline")
STATES = ("Finland", "Poland", "France", "Germany", "Sweden", "Norway")
TARGETS = ("Estonia", "Latvia", "Lithuania", "Moldova", "Georgia")


def article(i: int) -> dict[str, str]:
    actor, target = STATES[i % len(STATES)], TARGETS[i % len(TARGETS)]
    text = (f"Report {i}. Russia's foreign ministry warned on Monday that if {actor} deploys troops to {target}, "
            f"Russia will strike its bases, officials said.\n\n{actor} deployed two battalions of troops to "
            f"{target} on Tuesday, the defence ministry said in statement number {i}.")
    return {"id": f"a{i}", "text": text, "published": f"2031-03-{1 + i % 27:02d}"}


def inbox(folder: Path, ids: range | list[int]) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "articles.jsonl").write_text("".join(json.dumps(article(i)) + "\n" for i in ids), encoding="utf-8")
    return str(folder)


def ingest(db: str, *inputs: str) -> subprocess.Popen[str]:
    """A `redline ingest` in its own process group, so that it and its workers can be paused together."""
    return subprocess.Popen([REDLINE, "ingest", *inputs, "--db", db, "--json"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONWARNINGS": "ignore"},
                            start_new_session=True)


def reap(*procs: subprocess.Popen[str] | None) -> None:
    """Kill and wait for whatever a failed test left running, so no process or pipe outlives it."""
    for p in procs:
        if p is not None and p.poll() is None:
            os.killpg(p.pid, signal.SIGKILL)
        if p is not None:
            p.communicate()


def per_document(db: str) -> dict[str, tuple[int, int]]:
    """(statements, events) per stored document."""
    with Store.open(db) as store, store.reading() as conn:
        docs = {i: key for i, key in conn.execute(select(documents.c.id, documents.c.doc_key))}
        stmts = {i: n for i, n in conn.execute(select(statements.c.document_id, func.count())
                                               .group_by(statements.c.document_id))}
        evs = {i: n for i, n in conn.execute(select(events.c.document_id, func.count())
                                             .group_by(events.c.document_id))}
    return {key: (stmts.get(i, 0), evs.get(i, 0)) for i, key in docs.items()}


def summary(db: str) -> dict[str, object]:
    with Store.open(db) as store:
        report = queries.check_integrity(store)
        assert report["evidence_mismatches"] == report["count_mismatches"] == []
        return {**queries.counts(store), "per_document": per_document(db)}


def test_postgres_stopped_mid_ingest_then_a_rerun_gives_a_clean_run(postgres_server: str, tmp_path: Path) -> None:
    cluster = PostgresCluster()
    clean = proc = rerun = None
    try:
        db, clean_db = create_database(cluster.url), create_database(postgres_server)  # the clean run elsewhere
        source = inbox(tmp_path / "in", range(40))
        clean = ingest(clean_db, source)  # at the same time, on the server that keeps running
        proc = ingest(db, source)
        deadline = time.monotonic() + 180
        stored = 0
        while stored < 3 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.2)
            try:
                with Store.open(db) as store:
                    stored = queries.counts(store)["documents"]
            except Exception:  # the schema may not exist yet
                stored = 0
        # Paused while the server stops, the ingest cannot finish the rest of its articles in the meantime:
        # it meets the stopped server, whatever the speed of the machine.
        os.killpg(proc.pid, signal.SIGSTOP)
        assert proc.poll() is None, "the ingest ended before the server could be stopped"
        cluster.stop("immediate")
        os.killpg(proc.pid, signal.SIGCONT)
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 1
        [message] = [line for line in err.splitlines() if line.startswith("error:")]
        assert "the database server cannot be reached; check that it is running" in message
        assert "run the same command again" in message
        cluster.start()
        clean.communicate(timeout=300)
        expected = summary(clean_db)
        partial = summary(db)
        assert 3 <= partial["documents"] < 40  # type: ignore[operator]
        for key, counts in partial["per_document"].items():  # type: ignore[attr-defined]
            assert counts == expected["per_document"][key]  # type: ignore[index]  # stored whole, or not at all
        rerun = ingest(db, source)
        _, err = rerun.communicate(timeout=300)
        assert rerun.returncode == 0, err
        assert summary(db) == expected
    finally:
        reap(clean, proc, rerun)
        cluster.remove()


def _concurrent(db: str, tmp_path: Path, slices: list[list[int]]) -> None:
    sources = [inbox(tmp_path / f"in{n}", ids) for n, ids in enumerate(slices)]
    procs = [ingest(db, s) for s in sources]
    for p in procs:
        _, err = p.communicate(timeout=600)
        assert p.returncode == 0, err


def _serial(db: str, tmp_path: Path, ids: list[int]) -> None:
    proc = ingest(db, inbox(tmp_path / "serial", ids))
    _, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err


# Overlapping slices of 24 articles: most articles are ingested by two or more processes.
SLICES = [list(range(0, 14)), list(range(10, 24)), list(range(0, 24, 2)), list(range(6, 18))]


def test_four_concurrent_ingests_into_one_postgres_database(postgres_server: str, tmp_path: Path) -> None:
    db, serial = create_database(postgres_server), create_database(postgres_server)
    _concurrent(db, tmp_path, SLICES)
    _serial(serial, tmp_path, sorted({i for s in SLICES for i in s}))
    together = summary(db)
    assert together == summary(serial)
    assert together["documents"] == 24


def test_two_concurrent_ingests_into_one_sqlite_file(tmp_path: Path) -> None:
    db, serial = str(tmp_path / "kb.db"), str(tmp_path / "serial.db")
    _concurrent(db, tmp_path, SLICES[:2])
    _serial(serial, tmp_path, sorted({i for s in SLICES[:2] for i in s}))
    together = summary(db)
    assert together == summary(serial)
    assert together["documents"] == 24
