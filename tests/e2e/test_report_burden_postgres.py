"""The burden report on the production database: Kiel's GDP dataset loads and the figures are the same."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.e2e.conftest import Cli

pytestmark = pytest.mark.postgres


def test_burden_reports_on_postgresql(postgres_url: str, cli: Cli):
    assert cli("init").code == 0
    kinds = {d["kind"] for d in cli("data", "list", "--json").json()}
    assert kinds == {"nations", "gdp", "gdp-kiel", "fx"}
    kiel = cli("report", "burden", "--rules", "kiel-share-of-gdp", "--period", "2022-2026", "--format", "json")
    assert kiel.code == 0, kiel.err
    denmark = next(r for r in kiel.json()["rows"] if r["nation"] == "DNK")
    assert round(Decimal(denmark["credit_pct_gdp"]), 3) == Decimal("3.274")
    washington = cli("report", "burden", "--period", "2024", "--format", "json").json()
    assert round(Decimal(washington["credit_eur"]) / 10**9, 2) == Decimal("41.15")
