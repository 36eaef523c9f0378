"""Settings, read from the environment with the RAMSTEIN_ prefix (e.g. RAMSTEIN_DATABASE_URL)."""

from __future__ import annotations

import getpass

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in a bare container
        return "local"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="RAMSTEIN_")

    database_url: str = Field(
        default="sqlite:///ramstein.db",
        description="Where the ledger lives: sqlite:///PATH (the default, a file in the working directory) "
        "or postgresql://USER@HOST:PORT/DB for production.",
    )
    actor: str = Field(
        default_factory=_login_name,
        description="The name recorded as `recorded_by` on entries made from this shell (default: login name).",
    )
    analytics_path: str = Field(
        default="",
        description="The DuckDB copy of the ledger that reports sum (rebuilt from the database whenever it is "
        "missing or stale). Default: beside the SQLite file, or ramstein-DBNAME.analytics.duckdb in the working "
        "directory for PostgreSQL.",
    )
    locale: str = Field(
        default="en",
        description="Locale for numbers and dates in terminal output: en, da or nb (any CLDR locale works).",
    )
