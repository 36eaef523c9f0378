"""Engines are configured for ramstein's needs and the migrations build exactly the schema of tables.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, create_engine

from ramstein.adapters.db.engine import create_engine_for
from ramstein.adapters.db.migrate import current, head, upgrade
from ramstein.adapters.db.tables import metadata
from ramstein.adapters.db.unit_of_work import SqlUnitOfWork
from ramstein.domain.errors import InvalidInput


def test_sqlite_connections_use_wal_foreign_keys_and_wait_for_locks(tmp_path: Path) -> None:
    engine = create_engine_for(f"sqlite:///{tmp_path / 'x.db'}")
    with engine.connect() as conn:
        pragma = {name: conn.exec_driver_sql(f"PRAGMA {name}").scalar() for name in ("journal_mode", "foreign_keys")}
        pragma |= {name: conn.exec_driver_sql(f"PRAGMA {name}").scalar() for name in ("busy_timeout", "synchronous")}
    engine.dispose()
    assert pragma == {"journal_mode": "wal", "foreign_keys": 1, "busy_timeout": 30_000, "synchronous": 1}


def test_postgresql_urls_are_served_by_psycopg_3() -> None:
    for url in ("postgresql://u@db/ramstein", "postgres://u@db/ramstein", "postgresql+psycopg://u@db/ramstein"):
        engine = create_engine_for(url)
        dialect = engine.dialect
        assert (dialect.name, dialect.driver, engine.url.database) == ("postgresql", "psycopg", "ramstein")


def test_other_urls_are_refused_with_examples() -> None:
    with pytest.raises(InvalidInput, match="unsupported database URL 'mysql'") as refused:
        create_engine_for("mysql://u@db/ramstein")
    assert "sqlite:///" in refused.value.hint


def test_a_unit_of_work_needs_an_engine_configured_for_it(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="create_engine_for"):
        SqlUnitOfWork(create_engine(f"sqlite:///{tmp_path / 'x.db'}"))


def test_the_migrations_build_the_schema_of_tables_py(sql_engine: Engine) -> None:
    assert current(sql_engine) == head() == "0006_industry"
    with sql_engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), metadata)
    assert differences == []


def test_upgrading_again_changes_nothing(sql_engine: Engine) -> None:
    upgrade(sql_engine)
    assert current(sql_engine) == head()


def test_an_empty_database_has_no_revision(tmp_path: Path) -> None:
    engine = create_engine_for(f"sqlite:///{tmp_path / 'empty.db'}")
    assert current(engine) is None
    engine.dispose()


def test_offers_recorded_before_0005_read_as_unstamped_and_stay_append_only(tmp_path: Path) -> None:
    engine = create_engine_for(f"sqlite:///{tmp_path / 'old.db'}")
    upgrade(engine, "0002")
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO offers (id, donor, item, quantity, available_on, origin, unit_value, currency, restrictions,"
            " note) VALUES ('O1', 'DEU', 'gmlrs', 5, '2025-05-01', 'stock', '1000', 'EUR', '', '')"
        )
    upgrade(engine)
    with SqlUnitOfWork(engine) as uow:
        (offer,) = uow.coordination.registers().offers
    assert (offer.id, offer.recorded_by, offer.recorded_at) == ("O1", "", None)
    with pytest.raises(Exception, match="append-only"), engine.begin() as conn:
        conn.exec_driver_sql("UPDATE offers SET recorded_by = 'someone'")
    engine.dispose()
