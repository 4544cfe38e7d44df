"""Engines for the knowledge base: SQLite (WAL) by default, PostgreSQL through the same code.

Writes go through :func:`write_connection`, which takes the database's write
lock *before* the first read of the transaction: ``BEGIN IMMEDIATE`` on SQLite
(so two ingests into one file queue behind ``busy_timeout`` instead of failing
when a read lock cannot be upgraded) and a transaction-scoped advisory lock on
PostgreSQL (so two ingests never both create the same consolidated line).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError
from sqlalchemy.pool import NullPool

from redline.errors import StoreError

BUSY_TIMEOUT_MS = 60_000
# Any fixed number will do: every redline writer takes this one advisory lock.
PG_WRITE_LOCK = 0x7265646C  # "redl"
_WRITE = "redline_write"


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
    """One write transaction holding the database's write lock; commits on success, rolls back on error."""
    with engine.connect() as conn:
        conn.execution_options(**{_WRITE: True})
        with conn.begin():
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_WRITE_LOCK})
            yield conn


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
