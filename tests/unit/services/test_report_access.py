"""Reports for an actor: who reads the whole ledger's figures, and when a public total is withheld."""

from __future__ import annotations

from dataclasses import replace

import pytest

from ramstein.domain.access import Actor, Role
from ramstein.domain.errors import Forbidden
from ramstein.services.report_access import _check_released, full_access, release_years
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


def test_a_public_year_below_the_threshold_leaves_the_history_and_the_funds_cumulative_series_from_it():
    report = replace(coalition_report(), contributors=(("2022", 5), ("2023", 2), ("2024", 4)))
    released = release_years(report, 3)
    assert [p.label for p in released.history] == ["2022", "2024"]
    assert released.fund is not None and released.fund.years == ()  # 2024's cumulative would give 2023 back
    assert [i.message for i in released.issues][-1].startswith("the 2023 total is withheld from the public: 2 ")
    assert release_years(report, 2) == report  # every year has enough nations: nothing changes
