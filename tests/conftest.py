"""Storage fixtures shared by every test suite.

- `uow_factory`: a unit-of-work factory over an empty store, once per backend (memory, SQLite, PostgreSQL),
  so that one contract test runs on all three and they cannot drift apart.
- `database_url`: the URL of an empty, migrated database, once per SQL backend (for CLI and API tests).
- `sql_engine`: a raw engine on such a database, for tests that go around the repositories (triggers).

PostgreSQL tests use a database of their own per test session, emptied before each test. The server is
taken from RAMSTEIN_TEST_POSTGRES_URL or a PostgreSQL RAMSTEIN_DATABASE_URL; when it is unreachable those
tests are skipped, unless RAMSTEIN_REQUIRE_POSTGRES=1 (as in CI), which makes them fail.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, make_url
from sqlalchemy.exc import OperationalError

from ramstein.adapters.db.engine import create_engine_for
from ramstein.adapters.db.migrate import upgrade
from ramstein.adapters.db.unit_of_work import SqlUnitOfWork
from ramstein.adapters.memory import MemoryStore
from ramstein.services.ports import UnitOfWorkFactory


def _postgres_server() -> str:
    """The server for PostgreSQL tests: RAMSTEIN_TEST_POSTGRES_URL, else RAMSTEIN_DATABASE_URL when it names a
    PostgreSQL server, else the local default. Tests create a database of their own on it, never touch yours."""
    configured = os.environ.get("RAMSTEIN_DATABASE_URL", "")
    fallback = configured if configured.startswith("postgresql") else "postgresql://postgres@127.0.0.1:5432/postgres"
    return os.environ.get("RAMSTEIN_TEST_POSTGRES_URL", fallback)


POSTGRES_URL = _postgres_server()
SQL_BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
ALL_BACKENDS = ["memory", *SQL_BACKENDS]


@pytest.fixture(scope="session")
def postgres_database() -> Iterator[str]:
    """The URL of a database created for this session (per process, so parallel runs do not collide)."""
    server = make_url(POSTGRES_URL)
    name = f"ramstein_test_{os.getpid()}"
    admin = create_engine_for(server.update_query_dict({"connect_timeout": "3"}).render_as_string(hide_password=False))
    admin = admin.execution_options(isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name}")
            conn.exec_driver_sql(f"CREATE DATABASE {name}")
    except OperationalError as exc:
        admin.dispose()
        _unreachable(server.render_as_string(hide_password=True), exc)
    yield server.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    admin.dispose()


def _unreachable(shown: str, exc: Exception) -> None:
    message = f"PostgreSQL not reachable at {shown}: start it or set RAMSTEIN_TEST_POSTGRES_URL"
    if os.environ.get("RAMSTEIN_REQUIRE_POSTGRES") == "1":
        pytest.fail(f"{message} ({exc})")
    pytest.skip(message)


def fresh_database(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """The URL of an empty database of `backend`, migrated to the newest revision."""
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'ramstein.db'}"
    else:
        url = request.getfixturevalue("postgres_database")
    engine = create_engine_for(url)
    try:
        if backend == "postgresql":
            with engine.begin() as conn:
                conn.exec_driver_sql("DROP SCHEMA public CASCADE")
                conn.exec_driver_sql("CREATE SCHEMA public")
        upgrade(engine)
    finally:
        engine.dispose()
    return url


@pytest.fixture(params=SQL_BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return fresh_database(request.param, tmp_path, request)


@pytest.fixture
def sql_engine(database_url: str) -> Iterator[Engine]:
    engine = create_engine_for(database_url)
    yield engine
    engine.dispose()


@pytest.fixture(params=ALL_BACKENDS)
def uow_factory(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[UnitOfWorkFactory]:
    if request.param == "memory":
        yield MemoryStore().unit_of_work
        return
    engine = create_engine_for(fresh_database(request.param, tmp_path, request))
    yield lambda: SqlUnitOfWork(engine)
    engine.dispose()
