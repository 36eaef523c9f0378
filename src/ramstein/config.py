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
        description="The name recorded as `recorded_by` on entries made from this shell (default: login name). "
        "The command line acts as a coordinator of this name: whoever can run it can open the database file.",
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
    session_hours: float = Field(default=12, gt=0, description="How long a web session lasts after sign-in, in hours.")
    login_max_failures: int = Field(
        default=5,
        ge=1,
        description="Failed sign-ins for one user name within 15 minutes after which sign-in is refused "
        "(HTTP 429) until the window has passed.",
    )
    cookie_secure: bool = Field(
        default=True,
        description="Send the session cookie only over HTTPS (browsers also accept it on http://localhost); "
        "set to false only for a test server reached over plain HTTP on another name.",
    )
    public_min_nations: int = Field(
        default=3,
        ge=1,
        description="Public views and exports withhold an aggregate to which fewer nations contribute.",
    )
    max_request_bytes: int = Field(
        default=1024 * 1024,
        gt=0,
        description="The largest request body the web server accepts, in bytes; larger ones get 413.",
    )
