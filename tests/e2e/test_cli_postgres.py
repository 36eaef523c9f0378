"""The main job on the production database: init, overview, record, reverse, verify — and tamper detection."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import text

from ramstein.adapters.db.engine import create_engine_for
from tests.e2e.conftest import Cli

pytestmark = pytest.mark.postgres


def test_the_main_job_on_postgresql(postgres_url: str, cli: Cli):
    first = cli("init")
    assert first.code == 0, first.err
    assert "1,450 entries added" in first.out
    assert "already imported" in cli("init").out
    totals = cli("overview", "--json").json()["totals"]
    assert Decimal(totals["total"]) == Decimal("358399501000")
    assert Decimal(totals["military"]) == Decimal("172992996000")

    added = cli("ledger", "add", "--kind", "delivery", "--donor", "NOR", "--amount", "0.000001",
                "--currency", "NOK", "--on", "2024-05-02", "--json")  # fmt: skip
    assert added.code == 0, added.err
    seq = added.json()["entry"]["seq"]
    assert added.json()["entry"]["entry"]["amount"]["amount"] == "0.000001"  # NUMERIC keeps every digit
    assert cli("ledger", "reverse", str(seq), "--reason", "test").code == 0
    assert cli("verify").code == 0

    engine = create_engine_for(postgres_url)
    with engine.begin() as conn:
        conn.execute(text("ALTER TABLE ledger_entries DISABLE TRIGGER ALL"))
        conn.execute(text("UPDATE ledger_entries SET donor = 'SWE' WHERE seq = 700"))
        conn.execute(text("ALTER TABLE ledger_entries ENABLE TRIGGER ALL"))
    engine.dispose()
    broken = cli("verify")
    assert broken.code == 8 and "entry #700 was changed" in broken.err
