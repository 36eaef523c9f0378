"""`ramstein db backup | restore` on SQLite and PostgreSQL: a backup, more writes, a restore, the later writes
gone and the chain intact; refusals that leave the database as it was."""

from __future__ import annotations

import shutil
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from ramstein.adapters.db.engine import create_engine_for
from ramstein.adapters.db.unit_of_work import SqlUnitOfWork
from ramstein.domain.ledger import ChainHead
from ramstein.services.ports import UnitOfWorkFactory
from tests.builders import an_entry, append
from tests.e2e.conftest import Cli


@pytest.fixture
def store(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[UnitOfWorkFactory]:
    """An empty migrated database (each SQL backend) as RAMSTEIN_DATABASE_URL, and units of work on it."""
    monkeypatch.setenv("RAMSTEIN_DATABASE_URL", database_url)
    monkeypatch.setenv("RAMSTEIN_ANALYTICS_PATH", str(tmp_path / "analytics.duckdb"))
    engine = create_engine_for(database_url)
    yield lambda: SqlUnitOfWork(engine)
    engine.dispose()


def head_and_count(uow_factory: UnitOfWorkFactory) -> tuple[ChainHead, int]:
    with uow_factory() as uow:
        return uow.ledger.head(), uow.ledger.count()


def test_a_restore_brings_back_the_database_as_backed_up(cli: Cli, store: UnitOfWorkFactory, tmp_path: Path) -> None:
    append(store, *(an_entry(external_id=f"before-{n}") for n in range(3)))
    at_backup = head_and_count(store)
    file = tmp_path / "ramstein.backup"

    assert cli("db", "backup", str(file)).code == 0
    append(store, an_entry(external_id="after-1"), an_entry(external_id="after-2"))

    refused = cli("db", "restore", str(file))
    assert refused.code == 6, refused.err
    assert "already holds data" in refused.err and "--force" in refused.err
    assert head_and_count(store)[1] == 5  # nothing was touched

    restored = cli("db", "restore", str(file), "--force", "--json")
    assert restored.code == 0, restored.err
    assert restored.json()["chain"]["intact"] is True
    assert restored.json()["chain"]["checked"] == 3
    assert head_and_count(store) == at_backup
    with store() as uow:
        assert uow.ledger.existing_external_ids({"before-0", "after-1", "after-2"}) == {"before-0"}

    append(store, an_entry(external_id="after-restore"))  # the restored chain goes on
    assert cli("verify").code == 0


def test_a_backup_taken_during_writes_is_consistent(cli: Cli, store: UnitOfWorkFactory, tmp_path: Path) -> None:
    """Writers go on while the backup runs; what it holds is whole transactions, chained."""
    stop = threading.Event()

    def write() -> None:
        while not stop.is_set():
            append(store, an_entry(), an_entry())  # two entries per transaction

    writer = threading.Thread(target=write)
    writer.start()
    try:
        done = [cli("db", "backup", str(tmp_path / f"during-{n}.backup")) for n in range(3)]
    finally:
        stop.set()
        writer.join()
    assert [d.code for d in done] == [0, 0, 0], [d.err for d in done]

    restored = cli("db", "restore", str(tmp_path / "during-2.backup"), "--force", "--json")
    assert restored.code == 0, restored.err
    assert restored.json()["chain"]["intact"] is True
    checked = restored.json()["chain"]["checked"]
    assert checked > 0 and checked % 2 == 0  # no half transaction


def test_an_empty_database_needs_no_force(
    cli: Cli, store: UnitOfWorkFactory, tmp_path: Path, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    append(store, an_entry())
    file = tmp_path / "one.backup"
    assert cli("db", "backup", str(file)).code == 0
    assert cli("db", "backup", str(file)).code == 6  # an existing file is kept ...
    assert cli("db", "backup", str(file), "--force").code == 0  # ... unless asked
    if database_url.startswith("sqlite"):
        monkeypatch.setenv("RAMSTEIN_DATABASE_URL", f"sqlite:///{tmp_path / 'new.db'}")  # no file yet
    else:
        engine = create_engine_for(database_url)
        with engine.begin() as conn:  # a database without a single table, as `createdb` makes it
            conn.exec_driver_sql("DROP SCHEMA public CASCADE")
            conn.exec_driver_sql("CREATE SCHEMA public")
        engine.dispose()
    done = cli("db", "restore", str(file))
    assert done.code == 0, done.err
    assert "Ledger intact: 1 entries" in done.out


def test_files_that_are_no_backup_of_this_database_are_refused(
    cli: Cli, store: UnitOfWorkFactory, tmp_path: Path, database_url: str
) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("not a backup")
    assert "not a ramstein backup" in cli("db", "restore", str(text)).err
    assert cli("db", "restore", str(tmp_path / "missing.backup")).code == 5

    other = tmp_path / "other.db"
    if database_url.startswith("sqlite"):
        other.write_bytes(b"PGDMP" + b"\0" * 100)
        expected = "is a postgresql backup but the database is sqlite"
    else:
        sqlite3.connect(other).close()
        other.write_bytes(b"SQLite format 3\0" + b"\0" * 100)
        expected = "is a sqlite backup but the database is postgresql"
    wrong = cli("db", "restore", str(other))
    assert wrong.code == 3 and expected in wrong.err


@pytest.mark.postgres
def test_postgresql_backups_need_pg_dump_on_path(
    cli: Cli, postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shutil, "which", lambda _tool: None)
    done = cli("db", "backup", str(tmp_path / "x.dump"))
    assert done.code == 5
    assert "pg_dump is not on PATH" in done.err and "postgresql-client" in done.err


def test_a_tampered_sqlite_backup_is_restored_but_reported(cli: Cli, tmp_path: Path, monkeypatch) -> None:
    database = tmp_path / "live.db"
    monkeypatch.setenv("RAMSTEIN_DATABASE_URL", f"sqlite:///{database}")
    assert cli("db", "upgrade").code == 0
    engine = create_engine_for(f"sqlite:///{database}")
    append(lambda: SqlUnitOfWork(engine), an_entry(), an_entry())
    engine.dispose()
    file = tmp_path / "live.backup"
    assert cli("db", "backup", str(file)).code == 0
    with sqlite3.connect(file) as edit:  # someone edits the backup, going around the append-only triggers
        edit.execute("DROP TRIGGER ledger_entries_no_update")
        edit.execute("UPDATE ledger_entries SET amount = '2000000' WHERE seq = 1")

    done = cli("db", "restore", str(file), "--force")
    assert done.code == 8
    assert "restored ledger is broken at entry #1" in done.err
