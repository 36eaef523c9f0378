"""The industrial base's rules: stock levels, backfills, ramps, bookings, scenarios, the forecast."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from ramstein.domain.coordination.registers import Registers
from ramstein.domain.errors import InvalidInput, NotFound
from ramstein.domain.industry.forecast import closing_month
from ramstein.domain.industry.months import add_months
from ramstein.domain.industry.production import (
    Contract,
    Overbooked,
    ProductionLine,
    Purpose,
    Ramp,
    capacities,
    check_booking,
    check_ramps,
)
from ramstein.domain.industry.registers import IndustryRegisters
from ramstein.domain.industry.scenarios import DonorStops, PriceRise, Scenario, When, apply, check
from ramstein.domain.industry.stocks import (
    Donation,
    Replenishment,
    StockBook,
    StockCount,
    backfills,
    check_donation,
    check_replenishment,
    readiness,
)
from ramstein.domain.money import money
from tests.coordination_builders import a_catalogue

DAY = date(2026, 1, 1)
LINE = ProductionLine("L1", "Rheinmetall", "DEU", "155mm-he-dm121", 1000, date(2025, 1, 1))


def a_contract(id_: str = "K1", quantity: int = 1000, due: date = date(2026, 6, 30), **kw: object) -> Contract:
    fields: dict[str, object] = {"line": "L1", "buyer": "DEU", "purpose": Purpose.UKRAINE, "signed_on": DAY,
                                 "unit_price": money("4000", "EUR")}  # fmt: skip
    fields.update(kw)
    return Contract(id_, quantity=quantity, due_by=due, **fields)  # type: ignore[arg-type]


def a_book() -> StockBook:
    return StockBook((StockCount("DEU", "155mm-he-dm121", 1000, 600, DAY),))


def test_a_donation_beyond_the_level_is_refused_with_the_level() -> None:
    with pytest.raises(InvalidInput, match="would fall to -200 on 2026-02-01: 1200 donated from a level of 1000"):
        check_donation(a_book(), Donation("D1", "DEU", "155mm-he-dm121", 1200, date(2026, 2, 1)))


def test_a_backdated_donation_that_would_starve_a_later_one_is_refused() -> None:
    book = StockBook(a_book().counts, (Donation("D1", "DEU", "155mm-he-dm121", 800, date(2026, 3, 1)),))
    with pytest.raises(InvalidInput, match="would fall to -100 on 2026-03-01"):
        check_donation(book, Donation("D2", "DEU", "155mm-he-dm121", 300, date(2026, 2, 1)))


def test_a_stock_never_counted_cannot_be_donated_from() -> None:
    with pytest.raises(NotFound, match="USA has no count of gmlrs"):
        check_donation(a_book(), Donation("D1", "USA", "gmlrs", 1, DAY))


def test_a_donation_below_the_minimum_is_a_readiness_risk_until_the_backfill_arrives() -> None:
    gift = Donation("D1", "DEU", "155mm-he-dm121", 700, date(2026, 1, 10))
    plan = Replenishment("P1", "DEU", "155mm-he-dm121", 700, date(2026, 4, 15), "Rheinmetall", "K2", "D1")
    book = StockBook(a_book().counts, (gift,), (plan,))
    check_donation(a_book(), gift)
    check_replenishment(StockBook(a_book().counts, (gift,)), plan)
    [found] = readiness(book, DAY, 6)
    assert found.levels == (300, 300, 300, 1000, 1000, 1000)
    assert found.below == (date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1))
    assert backfills(book) == [(gift, (plan,))]


def test_a_backfill_must_replace_a_donation_of_the_same_stock_and_not_more_than_it() -> None:
    gift = Donation("D1", "DEU", "155mm-he-dm121", 700, DAY)
    book = StockBook(a_book().counts, (gift,))
    with pytest.raises(InvalidInput, match="cannot be backfilled by DEU's gmlrs"):
        check_replenishment(book, Replenishment("P1", "DEU", "gmlrs", 10, DAY, "LM", backfills="D1"))
    with pytest.raises(InvalidInput, match="has 700 of 700 left to backfill, not 800"):
        check_replenishment(book, Replenishment("P1", "DEU", "155mm-he-dm121", 800, DAY, "RH", backfills="D1"))
    with pytest.raises(NotFound, match="no donation 'D9'"):
        check_replenishment(book, Replenishment("P1", "DEU", "155mm-he-dm121", 8, DAY, "RH", backfills="D9"))


@pytest.mark.parametrize("months", [1, 3, 12, 18])
def test_a_ramp_reaches_its_surge_rate_in_the_stated_months(months: int) -> None:
    ramp = Ramp("L1", DAY, months, 5000)
    rates = capacities(LINE, [ramp], add_months(DAY, -1), months + 3)
    assert rates[0] == 1000  # the month before: peacetime
    assert rates[months] == 5000  # the n-th month of the ramp
    assert all(r == 5000 for r in rates[months:])
    assert months == 1 or rates[months - 1] < 5000
    assert rates == sorted(rates)


def test_overlapping_ramps_are_refused_naming_both() -> None:
    first, second = Ramp("L1", DAY, 12, 5000), Ramp("L1", date(2026, 6, 1), 6, 8000)
    with pytest.raises(InvalidInput, match="ramps of line L1 overlap: 2026-01 to 2026-12 and 2026-06 to 2026-11"):
        check_ramps(LINE, [first, second])
    assert check_ramps(LINE, [Ramp("L1", date(2027, 1, 1), 6, 8000), first])[0] == first


def test_a_contract_beyond_the_lines_capacity_is_overbooked() -> None:
    check_booking(LINE, [], [], a_contract(quantity=6000))  # six months of 1000
    with pytest.raises(Overbooked, match="can make only 6000 of 6001 by 2026-06-30"):
        check_booking(LINE, [], [], a_contract(quantity=6001))
    with pytest.raises(Overbooked, match="5000 are booked ahead"):
        check_booking(LINE, [], [a_contract("K1", 5000)], a_contract("K2", 2000))


def test_a_scenario_naming_an_unknown_donor_is_refused() -> None:
    bad = Scenario("x", "x", (DonorStops("XXX", When(DAY)),))
    with pytest.raises(NotFound, match="scenario 'x' names an unknown donor 'XXX'"):
        check(bad, {"DEU", "USA"}, {"L1"}, a_catalogue())


def test_applying_a_scenario_leaves_the_registers_as_they_were() -> None:
    found = IndustryRegisters(lines=(LINE,), contracts=(a_contract(quantity=1300),))
    applied = apply(Scenario("p", "p", (PriceRise(Decimal(30)),)), found, Registers(), a_catalogue(), DAY)
    assert applied.industry.contracts[0].quantity == 1000
    assert applied.industry.contracts[0].unit_price == money("5200.0", "EUR")
    assert found.contracts[0].quantity == 1300


def test_a_gap_closes_when_supply_covers_the_requirement_to_the_end() -> None:
    assert closing_month([10, 10, 10, 10], [0, 12, 8, 10]) == 3
    assert closing_month([10, 10], [0, 5]) == 2
    assert closing_month([0, 0], [0, 0]) == 0
