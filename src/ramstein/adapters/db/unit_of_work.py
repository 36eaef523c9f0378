"""One database transaction per unit of work, shared by the ledger and reference repositories."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import OperationalError

from ramstein.adapters.db import engine as db_engine
from ramstein.adapters.db.access_repository import SqlAccessRepository, SqlAuditRepository
from ramstein.adapters.db.coordination_repository import SqlCoordinationRepository
from ramstein.adapters.db.dataset_cache import DatasetCache
from ramstein.adapters.db.engine import holds_write_lock, is_configured, request_write_lock
from ramstein.adapters.db.industry_repository import SqlIndustryRepository
from ramstein.adapters.db.ledger_repository import SqlLedgerRepository
from ramstein.adapters.db.reference_repository import SqlReferenceRepository
from ramstein.adapters.db.sources_repository import SqlSourcesRepository
from ramstein.domain.errors import Conflict
from ramstein.services.access_ports import AccessRepository, AuditRepository
from ramstein.services.ports import (
    CoordinationRepository,
    IndustryRepository,
    LedgerRepository,
    ReferenceRepository,
    SourcesRepository,
)

# Key of the PostgreSQL advisory lock that serialises ledger appends: any fixed bigint unused elsewhere.
LEDGER_LOCK_KEY = 0x72616D7374656E  # "ramsten" in ASCII


class SqlUnitOfWork:
    """`with SqlUnitOfWork(engine) as uow: ...; uow.commit()`; leaving the block rolls back the rest."""

    ledger: LedgerRepository
    reference: ReferenceRepository
    coordination: CoordinationRepository
    access: AccessRepository
    audit: AuditRepository
    sources: SourcesRepository
    industry: IndustryRepository

    def __init__(self, engine: Engine, datasets: DatasetCache | None = None) -> None:
        if engine.dialect.name == "sqlite" and not is_configured(engine):
            raise ValueError("build SQLite engines with create_engine_for(): the ledger lock relies on its BEGIN")
        self._engine = engine
        self._datasets = datasets  # reference data kept across units of work (the App's; see dataset_cache.py)
        self._conn: Connection | None = None

    def __enter__(self) -> Self:
        self._conn = self._engine.connect()
        self._conn.begin()
        self.ledger = SqlLedgerRepository(self._conn)
        self.reference = SqlReferenceRepository(self._conn, self._datasets)
        self.coordination = SqlCoordinationRepository(self._conn)
        self.access = SqlAccessRepository(self._conn)
        self.audit = SqlAuditRepository(self._conn)
        self.sources = SqlSourcesRepository(self._conn)
        self.industry = SqlIndustryRepository(self._conn)
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        conn = self._connection()
        try:
            if conn.in_transaction():
                conn.rollback()
        finally:
            conn.close()
            self._conn = None

    def commit(self) -> None:
        """Commit; the unit of work stays usable and its next statement opens a new transaction."""
        self._connection().commit()

    def lock_ledger(self) -> None:
        """Hold the ledger's write lock until this transaction ends, so appends happen one at a time."""
        conn = self._connection()
        if conn.dialect.name == "postgresql":
            _lock_postgresql(conn)
        else:
            _lock_sqlite(conn)

    def _connection(self) -> Connection:
        if self._conn is None:
            raise RuntimeError("use the unit of work inside a `with` block")
        return self._conn


def _lock_postgresql(conn: Connection) -> None:
    """A transaction-scoped advisory lock: released by COMMIT or ROLLBACK, never leaked. Like SQLite's
    busy timeout, the wait is bounded, so a stuck writer fails the next one instead of hanging it."""
    conn.execute(text(f"SET LOCAL lock_timeout = {int(db_engine.BUSY_TIMEOUT_MS)}"))
    try:
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LEDGER_LOCK_KEY})
    except OperationalError as exc:
        if getattr(exc.orig, "sqlstate", None) != "55P03":  # lock_not_available
            raise
        raise _still_locked() from exc
    conn.execute(text("SET LOCAL lock_timeout = DEFAULT"))


def _lock_sqlite(conn: Connection) -> None:
    """Take SQLite's database write lock (it has one for the whole file) before the head is read.

    Why BEGIN IMMEDIATE and not a first write to a lock table: a SQLite transaction that has already read
    cannot wait to become a writer. In WAL mode the upgrade fails at once with "database is locked" when
    another connection writes or has written since the read, whatever the busy timeout. BEGIN IMMEDIATE
    takes the write lock as the transaction starts, waiting up to the busy timeout, and the head read after
    it is the latest. A transaction that has read but not written is therefore restarted (it loses nothing);
    one that has written already holds the lock until it ends.
    """
    if holds_write_lock(conn):
        return
    if conn.in_transaction():
        conn.rollback()
    request_write_lock(conn)
    try:
        conn.begin()
    except OperationalError as exc:
        if "locked" not in str(exc.orig):
            raise
        raise _still_locked() from exc


def _still_locked() -> Conflict:
    return Conflict(
        f"the ledger is locked by another writer and stayed locked for {db_engine.BUSY_TIMEOUT_MS / 1000:g} seconds",
        hint="retry when the other import or update has finished.",
    )
