"""Writers of one process take SQLite's write lock in turn, in the order they asked for it.

SQLite has one write lock per database, and a writer that finds it taken waits in SQLite's busy handler: it
sleeps and tries again, at intervals that grow to 100 ms. So the writer that has waited longest looks least
often, and a newcomer that tries in between takes the lock first. Under load (the web server's 40 threads
writing at once, benchmarks/README.md "Writers in turn") most pledges waited ~2 s but some over 10 s. Here a
writer queues for its turn before it writes (before `BEGIN IMMEDIATE`, or before its transaction's first
INSERT, UPDATE or DELETE) and keeps it until its transaction ends; only the writer whose turn it is meets
SQLite's lock, so the order is first come, first served. Writers in other processes (the command line beside
the server, several workers) still meet in SQLite's busy handler as before.

A turn is given back on commit or rollback, and at the latest when its connection returns to the pool, is
invalidated or closed, so a transaction that ends in any way never keeps it.
"""

from __future__ import annotations

import sqlite3
import threading
from collections import deque
from typing import Any

from sqlalchemy import Connection, Engine, event
from sqlalchemy.exc import OperationalError

_HOLDS = "ramstein.sqlite_turn"  # on the pooled connection's info: this connection holds its engine's turn
_WRITES = ("BEGIN IMMEDIATE", "INSERT", "UPDATE", "DELETE", "REPLACE")


class Turns:
    """A first-come, first-served lock: `release` hands it to the longest waiter, never to a newcomer."""

    def __init__(self) -> None:
        self._mutex = threading.Lock()
        self._held = False
        self._waiting: deque[threading.Event] = deque()

    def acquire(self, timeout: float) -> bool:
        with self._mutex:
            if not self._held:
                self._held = True
                return True
            mine = threading.Event()
            self._waiting.append(mine)
        if mine.wait(timeout):
            return True
        with self._mutex:
            if mine.is_set():  # handed over between the time-out and here: it is ours now
                return True
            self._waiting.remove(mine)
            return False

    def release(self) -> None:
        with self._mutex:
            if self._waiting:
                self._waiting.popleft().set()  # handed over: it stays held
            else:
                self._held = False


def install(engine: Engine, timeout_ms: int) -> None:
    """Make the SQLite `engine`'s writers take turns (module doc); `timeout_ms`: as SQLite's busy timeout."""
    turns = Turns()

    @event.listens_for(engine, "before_cursor_execute")
    def before_write(conn: Connection, _cursor: Any, statement: str, *_: Any) -> None:
        if conn.info.get(_HOLDS) or not statement.lstrip()[:15].upper().startswith(_WRITES):
            return
        if not turns.acquire(timeout_ms / 1000):
            # As SQLite says it when its own busy timeout runs out, so callers handle both the same way.
            raise OperationalError(statement, None, sqlite3.OperationalError("database is locked"))
        conn.info[_HOLDS] = True

    def give_back(info: dict[Any, Any]) -> None:
        if info.pop(_HOLDS, False):
            turns.release()

    event.listen(engine, "commit", lambda conn: give_back(conn.info))
    event.listen(engine, "rollback", lambda conn: give_back(conn.info))
    event.listen(engine.pool, "checkin", lambda _dbapi, record: give_back(record.info))
    event.listen(engine.pool, "invalidate", lambda _dbapi, record, _error: give_back(record.info))
    event.listen(engine.pool, "close", lambda _dbapi, record: give_back(record.info))
