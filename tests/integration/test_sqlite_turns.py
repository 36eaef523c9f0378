"""SQLite writers of one process take the write lock in the order they asked (adapters/db/sqlite_turns.py)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import OperationalError

from ramstein.adapters.db import sqlite_turns
from ramstein.adapters.db.engine import create_engine_for
from ramstein.adapters.db.sqlite_turns import Turns


def test_turns_are_handed_to_the_longest_waiter_never_to_a_newcomer() -> None:
    turns, order = Turns(), []
    assert turns.acquire(1)
    waiters = [
        threading.Thread(target=lambda n=n: (turns.acquire(5), order.append(n), turns.release())) for n in range(8)
    ]
    for waiter in waiters:  # each queues before the next starts
        waiter.start()
        while len(turns._waiting) < waiters.index(waiter) + 1:
            time.sleep(0.001)
    assert turns.acquire(0) is False  # a newcomer does not jump the queue
    turns.release()
    for waiter in waiters:
        waiter.join()
    assert order == list(range(8))
    assert turns.acquire(0)  # free again once everybody is done


def test_a_waiter_that_gives_up_leaves_the_queue() -> None:
    turns = Turns()
    assert turns.acquire(1)
    assert turns.acquire(0.01) is False
    turns.release()
    assert turns.acquire(0) and not turns._waiting


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    engine = create_engine_for(f"sqlite:///{tmp_path / 'turns.db'}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE t (writer INTEGER, n INTEGER)"))
    return engine


def test_many_threads_write_and_every_way_a_transaction_ends_gives_the_turn_back(engine: Engine) -> None:
    def write(writer: int) -> None:
        for n in range(20):
            with engine.connect() as conn:
                conn.begin()
                conn.execute(text("INSERT INTO t VALUES (:w, :n)"), {"w": writer, "n": n})
                if n % 3 == 0:
                    conn.rollback()  # given back on rollback
                elif n % 3 == 1:
                    conn.commit()  # on commit
                # else: the connection closes in its transaction (rolled back, given back at the latest on checkin)

    threads = [threading.Thread(target=write, args=(w,)) for w in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    with engine.connect() as conn:
        kept = conn.execute(text("SELECT count(*) FROM t")).scalar_one()
    assert kept == 12 * 7  # n = 1, 4, ..., 19 committed by each writer
    with engine.connect() as conn:  # and the turn is free: a write goes through at once
        conn.begin()
        conn.execute(text("INSERT INTO t VALUES (0, 0)"))
        conn.commit()


def test_a_writer_whose_wait_runs_out_gets_sqlites_own_error_and_the_queue_moves_on(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'short.db'}")
    sqlite_turns.install(engine, timeout_ms=50)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE t (n INTEGER)"))
    holder = engine.connect()
    holder.execute(text("INSERT INTO t VALUES (1)"))  # holds the turn until it commits
    with engine.connect() as conn, pytest.raises(OperationalError, match="database is locked"):
        conn.execute(text("INSERT INTO t VALUES (2)"))
    holder.commit()
    holder.close()
    with engine.begin() as conn:  # the one that gave up left the queue: the next writer goes through
        conn.execute(text("INSERT INTO t VALUES (3)"))
        assert conn.execute(text("SELECT count(*) FROM t")).scalar_one() == 2
