"""Rule sets in the domain: periods a report can cover, the floor each period gets, and contradictions."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from ramstein.domain.errors import InvalidInput
from ramstein.domain.periods import Period
from ramstein.domain.rules import (
    EuAttribution,
    InvalidRuleSet,
    PeriodKind,
    RuleSet,
    floor_for,
    gdp_year_for,
    months,
    report_period,
)

CALENDAR = RuleSet("calendar", 1, "Calendar years")
PLEDGE = RuleSet("pledge", 1, "Pledge years", period_kind=PeriodKind.PLEDGE_YEAR, summit=date(2024, 7, 10))


@pytest.mark.parametrize(
    ("rules", "spec", "half", "start", "end", "label", "floor_bn"),
    [
        (CALENDAR, "2024", None, date(2024, 1, 1), date(2024, 12, 31), "2024", 40),
        (CALENDAR, "2024", "H2", date(2024, 7, 1), date(2024, 12, 31), "2024-H2", 20),
        (PLEDGE, "2024", None, date(2024, 7, 10), date(2025, 7, 9), "2024/25", 40),
        (CALENDAR, "2024/25", "H1", date(2024, 7, 10), date(2025, 1, 9), "2024/25-H1", 20),
        (CALENDAR, "2022-2026", None, date(2022, 1, 1), date(2026, 12, 31), "2022-2026", 200),
    ],
)
def test_periods_and_their_floors(rules, spec, half, start, end, label, floor_bn):
    period = report_period(rules, spec, half)
    assert (period.start, period.end, period.label) == (start, end, label)
    assert floor_for(rules, period) == Decimal(floor_bn) * 10**9


def test_a_period_of_whole_months_gets_its_months_of_the_floor_and_any_other_its_days():
    tracker = Period(date(2022, 1, 1), date(2026, 4, 30), "tracker")
    assert months(tracker) == 52
    assert floor_for(CALENDAR, tracker) == Decimal(40 * 10**9) * 52 / 12
    odd = Period(date(2024, 1, 5), date(2024, 3, 10), "odd")
    assert months(odd) is None and floor_for(CALENDAR, odd) == Decimal(40 * 10**9) * 66 / 365


def test_the_gdp_year_is_fixed_or_the_year_before_the_period():
    assert gdp_year_for(CALENDAR, report_period(CALENDAR, "2024")) == 2023
    assert gdp_year_for(PLEDGE, report_period(PLEDGE, "2024")) == 2023
    assert gdp_year_for(RuleSet("k", 1, "K", gdp_year=2021), report_period(CALENDAR, "2022-2026")) == 2021


@pytest.mark.parametrize("spec", ["24", "2024/26", "2026-2022", "last year"])
def test_a_period_that_cannot_be_read_says_how_to_write_it(spec):
    with pytest.raises(InvalidInput):
        report_period(CALENDAR, spec)


def test_half_applies_to_one_year_only():
    with pytest.raises(InvalidInput, match="one-year period"):
        report_period(CALENDAR, "2022-2026", "H1")


def test_contradictions_are_all_named():
    with pytest.raises(InvalidRuleSet) as caught:
        RuleSet("Bad Name", 0, " ", period_kind=PeriodKind.PLEDGE_YEAR, eu_attribution=EuAttribution.BUDGET_SHARE)
    assert [where for where, _ in caught.value.problems] == [
        "name", "version", "title", "period.summit", "credit.eu-shares",
    ]  # fmt: skip
