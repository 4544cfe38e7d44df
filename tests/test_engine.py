"""redline.store.engine: what a write transaction defers is written just before it commits, never after a rollback."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import insert, select

from redline.errors import StoreError
from redline.store import Store
from redline.store.engine import after_commit, before_commit
from redline.store.schema import actors


def _codes(store: Store) -> list[str]:
    with store.reading() as conn:
        return list(conn.scalars(select(actors.c.code).order_by(actors.c.code)))


def test_a_deferred_write_runs_once_before_the_commit(store: Store) -> None:
    calls: list[str] = []

    def flush(conn: Any) -> None:
        calls.append("flush")
        conn.execute(insert(actors).values(code="KST", statements=1))

    with store.writing() as conn:
        before_commit(conn, "test", flush)
        before_commit(conn, "test", flush)  # the same key again: still once
        assert calls == []
    assert calls == ["flush"] and _codes(store) == ["KST"]
    with store.writing() as conn:
        pass
    assert calls == ["flush"]  # the next transaction starts with nothing deferred


def test_a_rolled_back_transaction_writes_nothing_it_deferred(store: Store) -> None:
    calls: list[str] = []
    with pytest.raises(RuntimeError), store.writing() as conn:
        before_commit(conn, "test", lambda c: calls.append("flush"))
        raise RuntimeError("the document failed")
    assert calls == []
    with store.writing() as conn:
        before_commit(conn, "other", lambda c: calls.append("other"))
    assert calls == ["other"]  # nothing of the rolled-back transaction comes back


def test_a_deferred_write_that_fails_rolls_the_transaction_back(store: Store) -> None:
    def bad(conn: Any) -> None:
        conn.execute(insert(actors).values(code="KST", statements=None))  # NOT NULL

    with pytest.raises(StoreError), store.writing() as conn:
        conn.execute(insert(actors).values(code="VLM", statements=1))
        before_commit(conn, "test", bad)
    assert _codes(store) == []


def test_deferring_needs_a_write_transaction(store: Store) -> None:
    with store.reading() as conn, pytest.raises(StoreError, match="write transaction"):
        before_commit(conn, "test", lambda c: None)


def test_after_commit_runs_once_when_the_transaction_commits_and_never_after_a_rollback(tmp_path: Path) -> None:
    ran: list[str] = []
    with Store.open(str(tmp_path / "kb.db")) as store:
        with store.writing() as conn:
            after_commit(conn, "k", lambda: ran.append("first"))
            after_commit(conn, "k", lambda: ran.append("second"))
            assert ran == []  # not before the commit
        assert ran == ["first"]
        with pytest.raises(RuntimeError), store.writing() as conn:
            after_commit(conn, "k", lambda: ran.append("rolled back"))
            raise RuntimeError("the batch fails")
        with store.writing():
            pass
    assert ran == ["first"]
