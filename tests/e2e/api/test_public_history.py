"""The public's yearly totals: a year of the history to which fewer than RAMSTEIN_PUBLIC_MIN_NATIONS nations
contribute in the released records is withheld from the overview's chart and table (and its downloads), and
the page says why; signed-in readers see every year."""

from __future__ import annotations

import re
from datetime import timedelta

from ramstein.domain.ledger import EntryKind
from ramstein.domain.markings import PUBLISHED_SOURCE
from ramstein.services import ledger
from tests.builders import an_entry
from tests.e2e.api.conftest import PASSWORD, Api
from tests.e2e.api.page_data import SETUP, report_data


def _history_years(html: str) -> set[str]:
    table = re.search(r'<section aria-labelledby="h-history">.*?</section>', html, re.S)
    assert table is not None
    return set(re.findall(r'<th scope="row"><a href="/\?rules=[^"]*period=(\d{4})">', table[0]))


def test_a_year_with_too_few_nations_is_withheld_from_the_public_history(api: Api) -> None:
    report_data(api)  # three nations' public commitments this year: this year's total is released
    app = api.app
    last_year = app.clock().date() - timedelta(days=366)
    alone = an_entry(kind=EntryKind.COMMITMENT, donor="DNK", on=last_year, source=f"{PUBLISHED_SOURCE}, test")
    ledger.record(app.uow, [alone], SETUP, app.clock)
    this, withheld = str(app.clock().year), str(last_year.year)

    public = api.client.get("/").text
    assert this in _history_years(public) and withheld not in _history_years(public)
    assert f"the {withheld} total is withheld from the public: 1 nation(s) contribute" in public
    csv = api.client.get(f"/reports/burden.json?period={this}").json()
    assert withheld not in [p["label"] for p in csv["history"]]

    api.client.post("/login", data={"username": "analyst", "password": PASSWORD, "csrf_token": _csrf(api)})
    signed_in = api.client.get("/").text
    assert {this, withheld} <= _history_years(signed_in)
    assert "withheld from the public" not in signed_in


def _csrf(api: Api) -> str:
    api.client.get("/login")
    return api.client.cookies["ramstein_csrf"]
