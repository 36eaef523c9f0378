"""Run the Alembic migrations from code: no alembic.ini and no working directory needed at run time."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

MIGRATIONS = Path(__file__).with_name("migrations")


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database schema up to `revision`, in one transaction."""
    with engine.begin() as connection:
        command.upgrade(_config(connection), revision)


def current(engine: Engine) -> str | None:
    """The schema's revision; None for an empty database."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head() -> str | None:
    """The newest revision this version of ramstein knows."""
    return ScriptDirectory.from_config(_config(None)).get_current_head()


def _config(connection: Connection | None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def knows(revision: str) -> bool:
    """Whether `revision` is one of this version's migrations (a backup from a newer ramstein is not)."""
    return revision in {script.revision for script in ScriptDirectory.from_config(_config(None)).walk_revisions()}
