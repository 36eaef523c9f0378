"""Whole-database backups: SQLite through its online backup API, PostgreSQL through pg_dump/pg_restore.

Both are consistent while the server runs: SQLite copies every page in one step under a read transaction
(in WAL mode writers go on meanwhile, and the copy is the database as of that transaction's start);
pg_dump reads one snapshot. A backup is written beside its target and renamed into place when complete,
so a file under the backup's name is always a whole one.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, inspect, literal, select, table

from ramstein.adapters.db import pg_backup
from ramstein.adapters.db.migrate import knows
from ramstein.domain.errors import Conflict, InvalidInput, NotFound
from ramstein.services.backup import BackupFile

SQLITE_MAGIC = b"SQLite format 3\x00"
SCHEMA_TABLE = "alembic_version"


class SqlBackups:
    """The `Backups` port over the configured database (services/backup.py)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._backend = engine.dialect.name

    def backup(self, target: Path, *, force: bool) -> BackupFile:
        if target.exists() and not force:
            raise Conflict(f"{target} exists already", hint="choose another file name, or add --force to replace it.")
        partial = target.with_name(f".{target.name}.partial")
        try:
            if self._backend == "sqlite":
                self._sqlite_backup(partial)
                revision = _sqlite_revision(partial)
            else:
                pg_backup.dump(self._engine.url, partial)
                revision = pg_backup.revision(partial)
            partial.replace(target)
        finally:
            partial.unlink(missing_ok=True)
        return BackupFile(str(target), self._backend, target.stat().st_size, revision or "")

    def restore(self, source: Path, *, force: bool) -> BackupFile:
        revision = self._check_backup(source)
        occupied = nonempty_tables(self._engine)
        if occupied and not force:
            raise Conflict(
                f"the database already holds data (tables {', '.join(occupied[:5])}"
                f"{', ...' if len(occupied) > 5 else ''}); a restore would replace all of it",
                hint="restore into a new, empty database, or add --force to replace this one.",
            )
        self._engine.dispose()  # no pooled connection keeps a view of the old database
        if self._backend == "sqlite":
            self._sqlite_restore(source)
        else:
            pg_backup.restore(self._engine, source, clean=bool(_tables(self._engine)))
        self._engine.dispose()
        return BackupFile(str(source), self._backend, source.stat().st_size, revision)

    def _check_backup(self, source: Path) -> str:
        if not source.is_file():
            raise NotFound(f"no backup file {source}", hint="give the path of a file `ramstein db backup` wrote.")
        with source.open("rb") as file:
            start = file.read(len(SQLITE_MAGIC))
        kind = "sqlite" if start == SQLITE_MAGIC else "postgresql" if start.startswith(pg_backup.MAGIC) else None
        if kind is None:
            raise InvalidInput(
                f"{source} is not a ramstein backup (neither an SQLite database nor a pg_dump custom-format file)",
                hint="give a file written by `ramstein db backup`.",
            )
        if kind != self._backend:
            raise InvalidInput(
                f"{source} is a {kind} backup but the database is {self._backend}",
                hint="restore it into a database of the same kind (set RAMSTEIN_DATABASE_URL), "
                "or use `ramstein db backup` on the matching database.",
            )
        revision = _sqlite_revision(source) if kind == "sqlite" else pg_backup.revision(source)
        if revision is None:
            raise InvalidInput(f"{source} holds no ramstein schema", hint="give a file `ramstein db backup` wrote.")
        if not knows(revision):
            raise InvalidInput(
                f"{source} was written by a newer ramstein (schema revision {revision})",
                hint="upgrade ramstein to the version that wrote it, then restore.",
            )
        return revision

    def _sqlite_backup(self, target: Path) -> None:
        with _raw(self._engine) as source, contextlib.closing(sqlite3.connect(target)) as copy:
            source.backup(copy)

    def _sqlite_restore(self, source: Path) -> None:
        with _read_only(source) as backup, _raw(self._engine) as live:
            backup.backup(live)


def nonempty_tables(engine: Engine) -> list[str]:
    """The tables holding at least one row, but for the schema's own revision table."""
    with engine.connect() as conn:
        return [
            name
            for name in _tables(engine)
            if name != SCHEMA_TABLE and conn.execute(select(literal(1)).select_from(table(name)).limit(1)).first()
        ]


def _tables(engine: Engine) -> list[str]:
    return sorted(inspect(engine).get_table_names())


@contextlib.contextmanager
def _raw(engine: Engine) -> Iterator[Any]:
    """The driver's own sqlite3.Connection, which has the backup API."""
    connection = engine.raw_connection()
    try:
        yield connection.driver_connection
    finally:
        connection.close()


def _read_only(path: Path) -> contextlib.closing[sqlite3.Connection]:
    return contextlib.closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True))


def _sqlite_revision(path: Path) -> str | None:
    with _read_only(path) as conn:
        try:
            row = conn.execute(f"SELECT version_num FROM {SCHEMA_TABLE}").fetchone()
        except sqlite3.DatabaseError:
            return None
    return str(row[0]) if row else None
