"""Engines for the knowledge base: SQLite (WAL) by default, PostgreSQL through the same code.

Writes go through :func:`write_connection`, which takes the database's write
lock *before* the first read of the transaction: ``BEGIN IMMEDIATE`` on SQLite
(so two ingests into one file queue behind ``busy_timeout`` instead of failing
when a read lock cannot be upgraded) and a transaction-scoped advisory lock on
PostgreSQL (so two ingests never both create the same consolidated line).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError
from sqlalchemy.pool import NullPool

from redline.errors import StoreError, StoreUnavailable

BUSY_TIMEOUT_MS = 60_000
# Any fixed number will do: every redline writer takes this one advisory lock.
PG_WRITE_LOCK = 0x7265646C  # "redl"
_WRITE = "redline_write"
_BEFORE_COMMIT = "redline.before_commit"
_AFTER_COMMIT = "redline.after_commit"
SQLITE_MAGIC = b"SQLite format 3\x00"
_AGAIN = "what was stored before is kept; run the same command again to resume"
# What a database error means for the user, and what to do about it: (words in the driver's message, advice).
_ADVICE: tuple[tuple[tuple[str, ...], str], ...] = (
    (("disk is full", "disk full", "no space left", "file too large", "could not extend file"),
     f"the disk is full; free some space ({_AGAIN})"),
    (("disk i/o error", "i/o error", "input/output error"),
     f"the disk could not be written (full, over a size limit, or failing); free some space or check the disk "
     f"({_AGAIN})"),
    (("readonly database", "read-only", "read only", "permission denied", "unable to open database file"),
     f"the database file (or its folder, for the -wal and -shm files) is not writable; check its permissions "
     f"({_AGAIN})"),
    (("database is locked", "database table is locked", "lock timeout"),
     f"another process held the write lock too long; wait for it to finish ({_AGAIN})"),
    (("malformed", "not a database", "file is encrypted", "corrupt"),
     "the database file is damaged; restore it from a backup (`sqlite3 FILE .recover` salvages what is readable)"),
    (("connection", "server closed", "terminating", "shutdown", "the database system is", "could not connect",
      "consuming input failed", "ssl syscall", "broken pipe", "timeout expired"),
     f"the database server cannot be reached; check that it is running ({_AGAIN})"),
)


def unavailable(action: str, reason: str) -> StoreUnavailable | None:
    """A StoreUnavailable saying what to do, when ``reason`` (a driver's message) is the database's fault."""
    lowered = reason.lower()
    for words, advice in _ADVICE:
        if any(w in lowered for w in words):
            return StoreUnavailable(f"{action}: {reason}; {advice}")
    return None


def check_sqlite_file(path: str) -> None:
    """Refuse a file that is not an SQLite database, and one that SQLite's quick check finds damaged.

    SQLite itself only notices damage on the page it reads; a damaged file would otherwise be read as far as
    it goes. The check reads every page once: a few milliseconds per megabyte.
    """
    import sqlite3

    file = Path(path)
    if not file.is_file() or file.stat().st_size == 0:
        return  # a new knowledge base
    with file.open("rb") as f:
        head = f.read(len(SQLITE_MAGIC))
    if head != SQLITE_MAGIC:
        raise StoreUnavailable(f"{path} is not an SQLite database (its first bytes are not SQLite's); "
                               "give another file, or restore this one from a backup")
    try:
        with contextlib.closing(sqlite3.connect(f"file:{file.resolve()}?mode=ro", uri=True)) as conn:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            problems = [row[0] for row in conn.execute("PRAGMA quick_check(5)")]
    except sqlite3.DatabaseError as e:
        if not any(w in str(e).lower() for w in ("malformed", "not a database", "encrypted", "corrupt")):
            return  # locked, unreadable, not writable: opening it says so, with what to do
        problems = [str(e)]
    if problems != ["ok"]:
        raise StoreUnavailable(
            f"{path} is damaged ({'; '.join(problems)[:300]}); nothing was read from it. Restore it from a backup "
            "(`sqlite3 FILE .recover` salvages what is readable)"
        )


def url_for(db: str) -> str:
    """An SQLAlchemy URL for a file path or a URL (``postgresql://`` gets the psycopg 3 driver)."""
    if "://" not in db:
        return f"sqlite:///{db}"
    if db.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + db.split("://", 1)[1]
    return db


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # pysqlite would otherwise open transactions itself; we emit BEGIN (see _begin).
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA synchronous = NORMAL")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.close()


def _sqlite_begin(conn: Connection) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(_WRITE) else "BEGIN")


def make_engine(db: str) -> Engine:
    """An engine for ``db`` (a file path or an SQLAlchemy URL); raises StoreError when unusable."""
    url = url_for(db)
    try:
        parsed = make_url(url)
    except ArgumentError as e:
        raise StoreError(f"{db!r} is neither a file path nor a database URL: {e}") from None
    backend = parsed.get_backend_name()
    try:
        if backend == "sqlite":
            database = parsed.database or ""
            if database and database != ":memory:":
                parent = Path(database).expanduser().resolve().parent
                if not parent.is_dir():
                    raise StoreError(f"cannot create the knowledge base {database}: {parent} is not a directory")
                check_sqlite_file(database)
            # NullPool: a connection per use, so WAL readers never hold stale snapshots between commands.
            engine = create_engine(url, poolclass=NullPool)
            event.listen(engine, "connect", _sqlite_pragmas)
            event.listen(engine, "begin", _sqlite_begin)
        elif backend == "postgresql":
            engine = create_engine(url, pool_pre_ping=True)
        else:
            raise StoreError(f"unsupported database {backend!r}: use an SQLite file or a postgresql:// URL")
    except (NoSuchModuleError, ModuleNotFoundError) as e:
        raise StoreError(
            f"no driver for {backend}: {e}; for PostgreSQL install redline[postgres] (psycopg 3)"
        ) from None
    return engine


@contextmanager
def write_connection(engine: Engine) -> Iterator[Connection]:
    """One write transaction holding the database's write lock; commits on success, rolls back on error.

    What the transaction's statements deferred (:func:`before_commit`) is written just before it commits.
    """
    with engine.connect() as conn:
        conn.execution_options(**{_WRITE: True})
        try:
            with conn.begin() as txn:
                if conn.dialect.name == "postgresql":
                    conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_WRITE_LOCK})
                try:
                    yield conn
                    held = conn.info.get(_BEFORE_COMMIT)
                    for flush in held[1].values() if held is not None and held[0] is txn else ():
                        flush(conn)
                finally:
                    conn.info.pop(_BEFORE_COMMIT, None)
            done = conn.info.pop(_AFTER_COMMIT, None)  # committed: what waited for it runs
            for keep in done[1].values() if done is not None and done[0] is txn else ():
                keep()
        finally:
            conn.info.pop(_AFTER_COMMIT, None)


def _held(conn: Connection, slot: str, caller: str) -> dict[str, Any]:
    """The callbacks ``conn``'s current write transaction holds in ``slot`` (a new, empty set for a new one)."""
    txn = conn.get_transaction()
    if txn is None or not conn.get_execution_options().get(_WRITE):
        raise StoreError(f"{caller} needs a write transaction (Store.writing)")
    held = conn.info.get(slot)
    if held is None or held[0] is not txn:
        held = conn.info[slot] = (txn, {})
    callbacks: dict[str, Any] = held[1]
    return callbacks


def after_commit(conn: Connection, key: str, keep: Callable[[], None]) -> None:
    """Have ``keep()`` run once, after ``conn``'s current write transaction has committed (never after a rollback,
    nor when the commit fails); a second call with the same ``key`` in that transaction changes nothing."""
    _held(conn, _AFTER_COMMIT, "after_commit").setdefault(key, keep)


def before_commit(conn: Connection, key: str, flush: Callable[[Connection], None]) -> None:
    """Have ``flush(conn)`` run once, just before ``conn``'s current write transaction commits (not when it
    rolls back); a second call with the same ``key`` in that transaction changes nothing. Rows a transaction
    only writes and never reads back (the actors' counts, the search entries) are written that way, a table
    at a time, instead of a statement each."""
    _held(conn, _BEFORE_COMMIT, "before_commit").setdefault(key, flush)


@contextmanager
def read_connection(engine: Engine) -> Iterator[Connection]:
    """One read transaction: a consistent snapshot for a query."""
    with engine.connect() as conn, conn.begin():
        yield conn


def _alembic_config() -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", "redline.store:migrations")
    return cfg


def head_revision() -> str:
    """The newest schema revision this version of redline knows."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None, "no migrations packaged"
    return head


def current_revision(engine: Engine) -> str | None:
    """The schema revision of the database, or None for an empty one."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision (Alembic ``upgrade head``), under the write lock.

    Two processes opening a new database at once are safe: the second waits for
    the lock, then finds the schema current and does nothing.
    """
    from alembic import command

    if current_revision(engine) == head_revision():
        return
    cfg = _alembic_config()
    with write_connection(engine) as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
