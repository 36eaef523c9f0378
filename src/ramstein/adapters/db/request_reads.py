"""What every web request reads before its handler runs, each in one short statement: who it is (an API
token's or a session's row joined with its user) and the data stamp that kept answers are valid under
(interfaces/answer_cache.py, docs/web.md "Kept answers").

Why not the unit of work: a unit of work is a pooled connection, BEGIN, one ORM-compiled statement per
repository call and ROLLBACK: ~0.4 ms of CPU for a token and its user, ~0.2 ms for the report cache's key,
more than the whole of a kept answer should cost. Here one connection of its own (not the server threads'
pool, sized to them) runs plain SQL in autocommit: a single SELECT is its own consistent snapshot, with no
BEGIN or ROLLBACK round trip. Calls are serialised by a lock (the server makes them from its event loop);
a connection that fails is dropped and opened again on the next call.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Engine

from ramstein.adapters.db.engine import create_engine_for
from ramstein.adapters.db.types import UtcDateTime
from ramstein.domain.access import Role
from ramstein.domain.accounts import ApiToken, Scope, Session, User

STATEMENT_TIMEOUT_MS = 5_000  # PostgreSQL: a stuck statement fails the request instead of holding the server
_USER = "u.name, u.role, u.nation, u.password_hash, u.created_at, u.locale"
_TOKEN = (
    f"SELECT t.id, t.key_hash, t.scope, t.label, t.created_at, t.expires_at, t.revoked_at, {_USER} "
    "FROM api_tokens t JOIN users u ON u.name = t.user_name WHERE t.key_hash = {p}"
)
_SESSION = (
    f"SELECT s.key_hash, s.csrf, s.created_at, s.expires_at, {_USER} "
    "FROM sessions s JOIN users u ON u.name = s.user_name WHERE s.key_hash = {p}"
)
# The ledger's head names its whole content (each hash chains every entry before it); markings and datasets
# only grow, and their newest row's number and time name them. PostgreSQL hands out numbers before commit,
# so two concurrent writers may commit out of order: markings are written one at a time (an advisory lock in
# access_repository.add_marking), and for the datasets (a few dozen rows) their count is in the stamp too.
_STAMP_COLUMNS = """
  (SELECT seq FROM ledger_entries ORDER BY seq DESC LIMIT 1),
  (SELECT hash FROM ledger_entries ORDER BY seq DESC LIMIT 1),
  (SELECT seq FROM markings ORDER BY seq DESC LIMIT 1),
  (SELECT at FROM markings ORDER BY seq DESC LIMIT 1),
  (SELECT id FROM datasets ORDER BY id DESC LIMIT 1),
  (SELECT sha256 FROM datasets ORDER BY id DESC LIMIT 1),
  (SELECT loaded_at FROM datasets ORDER BY id DESC LIMIT 1),
  (SELECT count(*) FROM datasets)"""
_STAMP = "SELECT" + _STAMP_COLUMNS
_WIDTH = 8  # columns of the stamp
# With the stamp, in the same statement (one round trip, one snapshot): the reader's row joined to one row.
_STAMPED_TOKEN = (
    f"SELECT {_STAMP_COLUMNS}, t.id, t.key_hash, t.scope, t.label, t.created_at, t.expires_at, t.revoked_at, "
    f"{_USER} FROM (SELECT 1 AS one) d LEFT JOIN api_tokens t ON t.key_hash = {{p}} "
    "LEFT JOIN users u ON u.name = t.user_name"
)
_STAMPED_SESSION = (
    f"SELECT {_STAMP_COLUMNS}, s.key_hash, s.csrf, s.created_at, s.expires_at, {_USER} "
    "FROM (SELECT 1 AS one) d LEFT JOIN sessions s ON s.key_hash = {p} LEFT JOIN users u ON u.name = s.user_name"
)


class SqlRequestReads:
    """`RequestReads` (services/access_ports.py) over a connection of its own to the app's database."""

    def __init__(self, engine: Engine) -> None:
        self._url = engine.url.render_as_string(hide_password=False)
        self._lock = threading.Lock()
        self._engine: Engine | None = None
        self._raw: Any = None
        self._time = UtcDateTime()
        self._dialect = engine.dialect
        self._mark = "?" if engine.dialect.name == "sqlite" else "%s"

    def token(self, key_hash: str) -> tuple[ApiToken, User] | None:
        return self._token(self._one(_TOKEN.format(p=self._mark), (key_hash,)))

    def session(self, key_hash: str) -> tuple[Session, User] | None:
        return self._session(self._one(_SESSION.format(p=self._mark), (key_hash,)))

    def stamp(self) -> tuple[object, ...]:
        return tuple(self._always(_STAMP, ()))

    def stamped_token(self, key_hash: str) -> tuple[tuple[ApiToken, User] | None, tuple[object, ...]]:
        row = self._always(_STAMPED_TOKEN.format(p=self._mark), (key_hash,))
        return self._token(row[_WIDTH:]), tuple(row[:_WIDTH])

    def stamped_session(self, key_hash: str) -> tuple[tuple[Session, User] | None, tuple[object, ...]]:
        row = self._always(_STAMPED_SESSION.format(p=self._mark), (key_hash,))
        return self._session(row[_WIDTH:]), tuple(row[:_WIDTH])

    def close(self) -> None:
        with self._lock:
            self._drop()
            if self._engine is not None:
                self._engine.dispose()

    def _token(self, row: Sequence[Any] | None) -> tuple[ApiToken, User] | None:
        if row is None or row[0] is None:  # no such token (the stamped statement's columns are NULL)
            return None
        user = self._user(row[7:])
        token = ApiToken(row[0], row[1], user.name, Scope(row[2]), row[3], self._at(row[4]), self._at(row[5]),
                         self._at(row[6]))  # fmt: skip
        return token, user

    def _session(self, row: Sequence[Any] | None) -> tuple[Session, User] | None:
        if row is None or row[0] is None:
            return None
        user = self._user(row[4:])
        return Session(row[0], user.name, row[1], self._at(row[2]), self._at(row[3])), user

    def _always(self, sql: str, params: tuple[Any, ...]) -> Sequence[Any]:
        row = self._one(sql, params)
        assert row is not None  # subqueries and a join to a one-row table: always one row
        return row

    def _user(self, row: Sequence[Any]) -> User:
        return User(row[0], Role(row[1]), row[2], row[3], self._at(row[4]), row[5])

    def _at(self, value: Any) -> Any:
        return self._time.process_result_value(value, self._dialect)

    def _one(self, sql: str, params: tuple[Any, ...]) -> Sequence[Any] | None:
        with self._lock:
            driver = self._connection()
            try:
                cursor = driver.cursor()
                try:
                    cursor.execute(sql, params)
                    row: Sequence[Any] | None = cursor.fetchone()
                    return row
                finally:
                    cursor.close()
            except Exception:
                self._drop()  # a broken connection is not reused; the error goes to the caller
                raise

    def _connection(self) -> Any:
        if self._raw is None:
            if self._engine is None:
                # An engine of its own, for its connection settings (SQLite's WAL and busy timeout); its pool
                # holds this one connection.
                self._engine = create_engine_for(self._url)
            raw = self._engine.raw_connection()
            driver: Any = raw.driver_connection
            if self._engine.dialect.name == "postgresql":
                driver.autocommit = True
                driver.execute(f"SET statement_timeout = {STATEMENT_TIMEOUT_MS}")
            self._raw = raw
        return self._raw.driver_connection

    def _drop(self) -> None:
        raw, self._raw = self._raw, None
        if raw is not None:
            with contextlib.suppress(Exception):  # already broken: nothing more to release
                raw.invalidate()
