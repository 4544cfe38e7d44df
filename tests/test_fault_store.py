"""The knowledge base when the database fails: damaged, locked, read-only, out of disk, server stopped.

Each failure is a clear StoreUnavailable naming what to do; no document is half stored; a re-run after the
fault is fixed gives exactly the rows of a clean run.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from redline.errors import StoreError, StoreUnavailable
from redline.store import Store, queries
from redline.store.engine import BUSY_TIMEOUT_MS
from test_kb import _corpus

TESTS = Path(__file__).resolve().parent


def filled(path: Path, n: int = 30) -> dict[str, int]:
    with Store.open(str(path)) as store:
        for x in _corpus(n, "fill"):
            store.add(x)
        return queries.counts(store)


def assert_whole(db: str) -> dict[str, int]:
    """Every stored document is whole (one statement each in the corpus) and the counts agree."""
    with Store.open(db) as store:
        counts = queries.counts(store)
        assert counts["statements"] == counts["documents"]
        report = queries.check_integrity(store)
        assert report["evidence_mismatches"] == report["count_mismatches"] == []
        return counts


# -- a damaged file ------------------------------------------------------------------------------------------


def test_a_file_that_is_not_sqlite_is_refused_at_open(tmp_path: Path) -> None:
    path = tmp_path / "kb.db"
    filled(path, 3)
    with path.open("r+b") as f:
        f.write(b"garbage!")  # the header's first bytes
    with pytest.raises(StoreUnavailable, match="is not an SQLite database"):
        Store.open(str(path))


def test_damaged_pages_are_detected_at_open_never_read(tmp_path: Path) -> None:
    pristine = tmp_path / "pristine.db"
    expected = filled(pristine)
    page_size = sqlite3.connect(pristine).execute("PRAGMA page_size").fetchone()[0]
    pages = pristine.stat().st_size // page_size
    detected = 0
    for page in range(1, pages):  # every page after the first: its b-tree header overwritten
        damaged = tmp_path / f"damaged-{page}.db"
        shutil.copy(pristine, damaged)
        with damaged.open("r+b") as f:
            f.seek(page * page_size)
            f.write(b"\xa5" * 12)
        try:
            store = Store.open(str(damaged))
        except StoreUnavailable as e:
            assert "damaged" in str(e) and "backup" in str(e)
            detected += 1
            continue
        with store:  # not detected: then every read must give exactly the pristine data
            assert queries.counts(store) == expected
    assert detected >= pages - 2, f"{detected} of {pages - 1} damaged pages detected"


# -- locked, read-only ------------------------------------------------------------------------------------


def test_a_database_locked_beyond_the_timeout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "kb.db"
    filled(path, 2)
    monkeypatch.setattr("redline.store.engine.BUSY_TIMEOUT_MS", 300)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the lock and does not let go
    try:
        with Store.open(str(path)) as store:
            started = time.monotonic()
            with pytest.raises(StoreUnavailable, match="another process held the write lock too long"):
                store.add(_corpus(3, "late")[2])
            assert time.monotonic() - started < 5
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert assert_whole(str(path))["documents"] == 2
    assert BUSY_TIMEOUT_MS == 60_000  # what users get: a minute's patience


READ_ONLY_SCRIPT = textwrap.dedent("""
    import sys
    sys.path.insert(0, {tests!r})
    from test_kb import _corpus
    from redline.errors import StoreError
    from redline.store import Store
    try:
        with Store.open({db!r}) as store:
            store.add(_corpus(5, "new")[4])
    except StoreError as e:
        print(type(e).__name__, e)
        sys.exit(3)
""")


def test_a_read_only_database_says_so(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "kb.db"
    filled(path, 2)
    sqlite3.connect(path).execute("PRAGMA wal_checkpoint(TRUNCATE)").close()
    path.chmod(0o444)
    folder.chmod(0o555)
    # Root writes anywhere: as root the ingest runs without the capabilities that override file permissions.
    as_user = ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner"] if os.geteuid() == 0 else []
    script = READ_ONLY_SCRIPT.format(tests=str(TESTS), db=str(path))
    try:
        proc = subprocess.run([*as_user, sys.executable, "-c", script], capture_output=True, text=True,
                              timeout=120, env={**os.environ, "PYTHONWARNINGS": "ignore"})
    finally:
        folder.chmod(0o755)
        path.chmod(0o644)
    assert proc.returncode == 3, proc.stdout + proc.stderr
    assert proc.stdout.startswith("StoreUnavailable") and "not writable; check its permissions" in proc.stdout
    assert assert_whole(str(path))["documents"] == 2


# -- disk full ------------------------------------------------------------------------------------------------

DISK_FULL_SCRIPT = textwrap.dedent("""
    import resource, signal, sys
    sys.path.insert(0, {tests!r})
    from test_kb import _corpus
    from redline.errors import StoreError
    from redline.store import Store
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG) instead of killing us
    store = Store.open({db!r})
    resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))
    stored = 0
    try:
        for x in _corpus(150, "full"):
            store.add(x)
            stored += 1
    except StoreError as e:
        print(stored, type(e).__name__, e)
        sys.exit(3)
    print(stored, "no error")
""")


@pytest.mark.slow
def test_disk_full_mid_ingest_stores_whole_documents_and_a_rerun_completes(tmp_path: Path) -> None:
    path = tmp_path / "kb.db"
    Store.open(str(path)).close()
    limit = path.stat().st_size + 60_000  # room for a few documents, not for 150
    script = DISK_FULL_SCRIPT.format(tests=str(TESTS), db=str(path), limit=limit)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONWARNINGS": "ignore"})
    assert proc.returncode == 3, proc.stdout + proc.stderr
    stored, kind, message = proc.stdout.split(" ", 2)
    assert kind == "StoreUnavailable" and ("disk is full" in message or "disk I/O error" in message), message
    assert 0 < int(stored) < 150
    partial = assert_whole(str(path))
    assert partial["documents"] == int(stored)
    with Store.open(str(path)) as store:  # space again: the re-run adds what is missing, nothing twice
        for x in _corpus(150, "full"):
            store.add(x)
    clean = tmp_path / "clean.db"
    with Store.open(str(clean)) as store:
        for x in _corpus(150, "full"):
            store.add(x)
    assert assert_whole(str(path)) == assert_whole(str(clean))


def test_a_store_error_that_is_not_the_database_skips_only_its_document() -> None:
    err = StoreError("doc: evidence is not the document's text")
    assert not isinstance(err, StoreUnavailable)


def test_concurrent_reads_during_a_locked_write_still_work(tmp_path: Path) -> None:
    path = tmp_path / "kb.db"
    expected = filled(path, 5)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    seen: list[dict[str, int]] = []
    try:
        reader = threading.Thread(target=lambda: seen.append(queries.counts(Store.open(str(path)))))
        reader.start()
        reader.join(timeout=30)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert seen == [expected]  # WAL: a writer holding the lock never blocks readers
