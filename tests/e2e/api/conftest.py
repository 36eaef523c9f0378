"""An app on an empty database of each SQL backend with the shipped nations, one user per role with an API
token each, and a TestClient over HTTPS (the session cookie is Secure)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient
from starlette.routing import Mount

from ramstein import bootstrap
from ramstein.adapters.importers import nations, shipped, worldbank
from ramstein.adapters.passwords import fast_hasher
from ramstein.config import Settings
from ramstein.domain.access import Role
from ramstein.domain.accounts import Scope
from ramstein.domain.reference import DatasetKind
from ramstein.interfaces.server import create_app
from ramstein.services import accounts, reference
from ramstein.services.guard import Caller
from ramstein.services.ledger import local_actor
from tests.builders import a_dataset, a_rate_table

PASSWORD = "correct horse battery staple"
USERS = {
    "coord": (Role.COORDINATOR, None),
    "dnk": (Role.NATION, "DNK"),
    "fra": (Role.NATION, "FRA"),
    "liaison": (Role.LIAISON, None),
    "analyst": (Role.ANALYST, None),
}


def app_routes(app: Any) -> set[tuple[str, str]]:
    """(method, path) of every route of the app, including those of included routers; static mounts aside."""
    found = set()
    for route in iter_route_contexts(app.routes):
        if isinstance(route.original_route, Mount):
            continue  # static files: nothing but files, no access rule
        found |= {(method, route.path) for method in route.methods or () if method != "HEAD"}
    return found


@dataclass
class Api:
    app: bootstrap.App
    client: TestClient
    tokens: dict[str, str]

    def headers(self, user: str | None) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[user]}"} if user else {}


def make_app(database_url: str, tmp_path: Path) -> bootstrap.App:
    settings = Settings(database_url=database_url, analytics_path=str(tmp_path / "analytics.duckdb"), actor="setup")
    app = bootstrap.build(settings)
    app.hasher = fast_hasher  # type: ignore[method-assign]  # argon2 at test strength: ~1 ms, not ~50 ms
    found, info, issues = nations.read_nations(*shipped.shipped_nations(), loaded_at=app.clock())
    reference.install_nations(app.uow, info, found, issues)
    return app


def add_users(app: bootstrap.App) -> dict[str, str]:
    setup = Caller(local_actor("setup"))
    tokens = {}
    for name, (role, nation) in USERS.items():
        accounts.add_user(app.uow, app.hasher(), setup, app.clock, name=name, password=PASSWORD, role=role,
                          nation=nation)  # fmt: skip
        _, tokens[name] = accounts.issue_token(app.uow, setup, app.clock, user=name, scope=Scope.WRITE)
    return tokens


def with_reports_data(app: bootstrap.App) -> None:
    """The shipped GDP and a small EUR rate table (the shipped ECB file takes seconds): enough for reports."""
    gdp, info, issues = worldbank.read_gdp(shipped.shipped_gdp(), app.known_codes(), loaded_at=app.clock())
    reference.install_gdp(app.uow, info, gdp, issues)
    days = [date(2022, 1, 1) + timedelta(days=n) for n in range(0, 4 * 366, 3)]
    rates = a_rate_table({c: dict.fromkeys(days, "1") for c in ("USD", "GBP", "DKK", "NOK")})
    reference.install_rates(app.uow, a_dataset(DatasetKind.FX), rates, [])


@pytest.fixture
def api(database_url: str, tmp_path: Path) -> Iterator[Api]:
    app = make_app(database_url, tmp_path)
    tokens = add_users(app)
    with TestClient(create_app(app), base_url="https://testserver") as client:
        yield Api(app, client, tokens)
    app.close()
