"""What the pages' rows of the route x role table need in the empty database of the `api` fixture: GDP, a
small ECB table and three public (published-source) commitments, so that a report can be made and released
to the public; and an allocation round to show. Each helper is idempotent: it runs once per role."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from ramstein.adapters.importers import shipped, worldbank
from ramstein.domain.ledger import EntryKind
from ramstein.domain.markings import PUBLISHED_SOURCE
from ramstein.domain.reference import DatasetKind
from ramstein.services import ledger, reference, rounds
from ramstein.services.ledger import local_actor
from tests.builders import a_dataset, a_rate_table, an_entry
from tests.e2e.api.conftest import Api

SETUP = local_actor("setup")


def report_data(api: Api) -> dict[str, Any]:
    app = api.app
    if DatasetKind.GDP in reference.missing(app.uow):
        values, info, issues = worldbank.read_gdp(shipped.shipped_gdp(), app.known_codes(), loaded_at=app.clock())
        reference.install_gdp(app.uow, info, values, issues)
        first = date(2015, 1, 1)
        usd = {first + timedelta(days=n): "1.1" for n in range((app.clock().date() - first).days + 1)}
        table = a_rate_table({"USD": usd})
        reference.install_rates(app.uow, a_dataset(DatasetKind.FX, loaded_at=app.clock()), table)
        today = app.clock().date()
        entries = [an_entry(kind=EntryKind.COMMITMENT, donor=donor, on=today, source=f"{PUBLISHED_SOURCE}, test")
                   for donor in ("DNK", "FRA", "DEU")]  # fmt: skip
        ledger.record(app.uow, entries, SETUP, app.clock)
    return {}


def a_round(api: Api) -> dict[str, Any]:
    app = api.app
    done = rounds.run(app.uow, app.optimiser(), app.catalogue(), as_of=app.clock().date(), actor=SETUP,
                      clock=app.clock)  # fmt: skip
    return {"number": done.number}
