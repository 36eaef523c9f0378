"""A database initialised once with the shipped data, copied for each CLI test (init takes seconds)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import fresh_database
from tests.e2e.cli import Result, run_cli

Cli = Callable[..., Result]


@pytest.fixture(scope="session")
def initialised_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "ramstein.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RAMSTEIN_DATABASE_URL", f"sqlite:///{path}")
        from ramstein import bootstrap
        from ramstein.services import setup

        app = bootstrap.build()
        app.migrate()
        setup.initialise(app.uow, app.shipped(), actor=app.actor, clock=app.clock)
        app.close()
    return path


@pytest.fixture
def database(initialised_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the initialised database, set as RAMSTEIN_DATABASE_URL."""
    path = tmp_path / "ramstein.db"
    with sqlite3.connect(initialised_template) as source, sqlite3.connect(path) as copy:
        source.backup(copy)
    monkeypatch.setenv("RAMSTEIN_DATABASE_URL", f"sqlite:///{path}")
    monkeypatch.setenv("RAMSTEIN_ACTOR", "tester")
    return path


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    def invoke(*args: str) -> Result:
        return run_cli(capsys, monkeypatch, *args)

    return invoke


@pytest.fixture
def postgres_url(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """An empty, migrated PostgreSQL database set as RAMSTEIN_DATABASE_URL (skipped or failed as conftest says)."""
    url = fresh_database("postgresql", tmp_path, request)
    monkeypatch.setenv("RAMSTEIN_DATABASE_URL", url)
    monkeypatch.setenv("RAMSTEIN_ANALYTICS_PATH", str(tmp_path / "analytics.duckdb"))
    monkeypatch.setenv("RAMSTEIN_ACTOR", "pg-tester")
    return url
