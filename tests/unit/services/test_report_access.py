"""Reports for an actor: who reads the whole ledger's figures, and when a public total is withheld."""

from __future__ import annotations

import pytest

from ramstein.domain.access import Actor, Role
from ramstein.domain.errors import Forbidden
from ramstein.services.report_access import _check_released, full_access
from tests.report_builders import coalition_report


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.NATION, Role.LIAISON, Role.ANALYST])
def test_every_signed_in_role_reads_the_whole_ledgers_reports(role):
    assert full_access(Actor("someone", role, "DNK" if role is Role.NATION else None))


def test_the_public_reads_released_figures_only():
    assert not full_access(Actor.public())


def test_a_public_total_is_withheld_when_too_few_nations_contribute():
    report = coalition_report()  # five allies with credit
    _check_released(report, 5)
    with pytest.raises(Forbidden) as refused:
        _check_released(report, 6)
    assert "5 nation(s) contribute" in refused.value.message and "fewer than 6" in refused.value.message
