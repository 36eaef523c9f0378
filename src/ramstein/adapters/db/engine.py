"""Engines for the two supported databases, built on request (never at import time).

SQLite: the sqlite3 driver's own transaction handling is switched off and SQLAlchemy emits BEGIN itself
(the recipe in SQLAlchemy's SQLite documentation, "Enabling Non-Legacy SQLite Transactional Modes"), so
SELECTs, DDL and SAVEPOINTs all take part in the transaction. The unit of work can then ask for
`BEGIN IMMEDIATE` when it needs the write lock (see `request_write_lock`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, make_url

from ramstein.adapters.db import sqlite_turns
from ramstein.domain.errors import InvalidInput

BUSY_TIMEOUT_MS = 30_000  # how long a writer waits for another to finish (SQLite busy timeout, PG lock timeout)
_IMMEDIATE = "ramstein.begin_immediate"  # set just before begin(), consumed by _begin
_WRITE_LOCKED = "ramstein.write_locked"  # whether the open transaction began IMMEDIATE
_CHANGES_AT_BEGIN = "ramstein.changes_at_begin"
# Connections kept open: the web server runs each request on one of 40 threads (anyio's default), each holding
# at most one connection; with SQLAlchemy's default of 5 kept, the rest were opened and closed per request under
# load (SQLite: ~5 % of a loaded server's time in connect and its PRAGMAs; PostgreSQL: a new backend each time).
POOL_SIZE = {"sqlite": 40, "postgresql": 10}
POOL_OVERFLOW = {"sqlite": 0, "postgresql": 30}


def create_engine_for(url: str) -> Engine:
    """An engine for `sqlite:///path` or `postgresql://...` (served by psycopg 3)."""
    if url.startswith(("postgresql://", "postgres://", "postgresql+psycopg://")):
        return create_engine(
            make_url(url).set(drivername="postgresql+psycopg"),
            pool_size=POOL_SIZE["postgresql"],
            max_overflow=POOL_OVERFLOW["postgresql"],
        )
    if url.startswith("sqlite:///"):
        engine = create_engine(url, pool_size=POOL_SIZE["sqlite"], max_overflow=POOL_OVERFLOW["sqlite"])
        event.listen(engine, "connect", _configure_sqlite)
        event.listen(engine, "begin", _begin)
        sqlite_turns.install(engine, BUSY_TIMEOUT_MS)  # writers of this process in the order they came
        return engine
    raise InvalidInput(
        f"unsupported database URL {url.split('://', 1)[0]!r}",
        hint="use sqlite:///path/to/ramstein.db or postgresql://user@host/dbname.",
    )


def is_configured(engine: Engine) -> bool:
    """Whether `engine` came from `create_engine_for` (the unit of work relies on its BEGIN handling)."""
    return event.contains(engine, "begin", _begin)


def request_write_lock(connection: Connection) -> None:
    """Make the next `begin()` on this SQLite connection a `BEGIN IMMEDIATE`."""
    connection.info[_IMMEDIATE] = True


def holds_write_lock(connection: Connection) -> bool:
    """Whether the open SQLite transaction holds the database's single write lock.

    It does if it began IMMEDIATE, or once it has written anything: SQLite keeps a writer's lock to the end.
    """
    if not connection.in_transaction():
        return False
    if connection.info.get(_WRITE_LOCKED):
        return True
    return bool(_driver(connection).total_changes != connection.info.get(_CHANGES_AT_BEGIN))


def _configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # the driver emits no BEGIN of its own; _begin does
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")  # readers never block the writer, nor it them
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")  # durable at checkpoints; safe against corruption in WAL
        cursor.execute("PRAGMA cache_size=-65536")  # 64 MiB: a large append keeps its hash indexes in memory
    finally:
        cursor.close()


def _begin(connection: Connection) -> None:
    immediate = bool(connection.info.pop(_IMMEDIATE, False))
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
    connection.info[_WRITE_LOCKED] = immediate
    connection.info[_CHANGES_AT_BEGIN] = _driver(connection).total_changes


def _driver(connection: Connection) -> Any:
    return connection.connection.driver_connection
