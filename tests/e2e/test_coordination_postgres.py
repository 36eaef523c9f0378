"""The coordination workflow on PostgreSQL: the illustrative round after init, accepted into the ledger."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import Cli

pytestmark = pytest.mark.postgres


def test_the_illustrative_round_is_accepted_into_the_ledger_on_postgresql(postgres_url: str, cli: Cli):
    assert cli("init").code == 0
    shown = cli("rounds", "show", "1")
    assert shown.code == 0 and "INVENTED" in shown.out and "restricted" in shown.out
    accepted = cli("accept", "1", "--json")
    assert accepted.code == 0, accepted.err
    entries = accepted.json()["entries"]
    assert len(entries) > 10
    listed = cli("ledger", "show", str(entries[0]), "--json").json()["entry"]["entry"]
    assert listed["kind"] == "commitment" and listed["source"] == "allocation round 1"
    assert cli("verify").code == 0
    assert cli("init").code == 0 and len(cli("rounds", "list", "--json").json()) == 1
