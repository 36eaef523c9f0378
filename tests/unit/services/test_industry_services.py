"""The industrial base's use cases on the in-memory store: nothing half-written, offers from contracts, and
forecasts and scenarios that never write."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from ramstein.adapters.memory import MemoryStore
from ramstein.domain.coordination.requirements import Decision
from ramstein.domain.errors import InvalidInput, NotFound
from ramstein.domain.industry.production import Contract, Overbooked, ProductionLine, Purpose, Ramp
from ramstein.domain.industry.scenarios import DonorStops, RampSpeed, Scenario, When
from ramstein.domain.industry.stocks import Donation, Replenishment, StockCount
from ramstein.domain.money import money
from ramstein.domain.nations import Nation
from ramstein.domain.reference import DatasetKind
from ramstein.services import forecast, industry, ledger, needs, reference, supply
from ramstein.services.ports import LedgerQuery, UnitOfWorkFactory
from tests.builders import a_dataset, an_entry, append
from tests.coordination_builders import a_catalogue, a_requirement, an_offer

START = date(2026, 1, 1)
CATALOGUE = a_catalogue()
ACTOR = ledger.local_actor("coordinator")


@pytest.fixture
def factory() -> UnitOfWorkFactory:
    made = MemoryStore().unit_of_work
    found = [Nation("UKR", "Ukraine", "UAH"), Nation("DEU", "Germany", "EUR"), Nation("USA", "United States", "USD")]
    reference.install_nations(made, a_dataset(DatasetKind.NATIONS), found)
    return made


def a_line(factory: UnitOfWorkFactory) -> str:
    line = industry.add_line(factory, CATALOGUE, ProductionLine("", "RH", "DEU", "155mm-he-dm121", 1000, START))
    industry.add_ramp(factory, Ramp(line.id, date(2026, 2, 1), 4, 3000))
    return line.id


def a_contract(line: str, quantity: int, **kw: object) -> Contract:
    fields: dict[str, object] = {"buyer": "DEU", "purpose": Purpose.UKRAINE, "signed_on": START,
                                 "due_by": date(2026, 12, 31), "unit_price": money("4000", "EUR")}  # fmt: skip
    fields.update(kw)
    return Contract("", line, quantity=quantity, **fields)  # type: ignore[arg-type]


def test_a_donation_that_would_empty_the_stock_below_zero_writes_nothing(factory: UnitOfWorkFactory) -> None:
    industry.count_stock(factory, CATALOGUE, StockCount("DEU", "155mm-he-dm121", 500, 200, START))
    first = industry.donate(factory, Donation("", "DEU", "155mm-he-dm121", 400, date(2026, 1, 5)))
    with pytest.raises(InvalidInput, match="would fall to -1"):
        industry.donate(factory, Donation("", "DEU", "155mm-he-dm121", 101, date(2026, 1, 6)))
    assert [d.id for d in industry.stock_book(factory).donations] == [first.id] == ["D1"]


def test_a_replenishment_is_linked_to_the_donation_it_backfills(factory: UnitOfWorkFactory) -> None:
    industry.count_stock(factory, CATALOGUE, StockCount("DEU", "155mm-he-dm121", 500, 200, START))
    gift = industry.donate(factory, Donation("", "DEU", "155mm-he-dm121", 400, date(2026, 1, 5)))
    plan = industry.plan_replenishment(
        factory, CATALOGUE, Replenishment("", "DEU", "155mm-he-dm121", 400, date(2026, 9, 1), "RH", backfills=gift.id)
    )
    assert (plan.id, plan.backfills) == ("P1", "D1")
    with pytest.raises(NotFound, match="no contract 'K7'"):
        unpaid = Replenishment("", "DEU", "155mm-he-dm121", 1, START, "RH", "K7")
        industry.plan_replenishment(factory, CATALOGUE, unpaid)


def test_an_overlapping_ramp_is_refused_and_not_stored(factory: UnitOfWorkFactory) -> None:
    line = a_line(factory)
    with pytest.raises(InvalidInput, match="overlap"):
        industry.add_ramp(factory, Ramp(line, date(2026, 3, 1), 2, 5000))
    assert len(industry.registers(factory).ramps) == 1


def test_over_booking_is_an_error_unless_accepted_and_then_it_is_marked(factory: UnitOfWorkFactory) -> None:
    line = a_line(factory)
    too_much = a_contract(line, 10**6)
    with pytest.raises(Overbooked, match="can make only"):
        industry.add_contract(factory, CATALOGUE, too_much, actor=ACTOR, clock=clock)
    assert industry.registers(factory).contracts == ()
    booked, _ = industry.add_contract(factory, CATALOGUE, too_much, actor=ACTOR, clock=clock, allow_overbooking=True)
    assert booked.overbooking_accepted


def test_a_contract_for_ukraine_becomes_dated_production_offers(factory: UnitOfWorkFactory) -> None:
    line = a_line(factory)
    booked, offers = industry.add_contract(factory, CATALOGUE, a_contract(line, 4000), actor=ACTOR, clock=clock)
    assert [(o.available_on, o.quantity) for o in offers] == [(date(2026, 1, 31), 1000), (date(2026, 2, 28), 1500),
                                                              (date(2026, 3, 31), 1500)]  # fmt: skip
    assert {o.id for o in needs.registers(factory).offers} == {o.id for o in offers}
    assert all(o.note.startswith(f"from production contract {booked.id} ") for o in offers)
    _, none = industry.add_contract(
        factory, CATALOGUE, a_contract(line, 100, purpose=Purpose.REPLENISHMENT), actor=ACTOR, clock=clock
    )
    assert none == []


def clock() -> datetime:
    return datetime(2026, 1, 1, tzinfo=UTC)


def a_world(factory: UnitOfWorkFactory) -> None:
    lines = needs.propose(factory, [a_requirement(id="", quantity=5000, needed_by=date(2026, 3, 1))],
                          actor=ACTOR, clock=clock)  # fmt: skip
    needs.decide(factory, [r.id for r in lines], Decision.APPROVED, actor=ACTOR, clock=clock)
    line = a_line(factory)
    industry.add_contract(factory, CATALOGUE, a_contract(line, 4000), actor=ACTOR, clock=clock)
    industry.add_contract(factory, CATALOGUE, a_contract(line, 3000, buyer="USA"), actor=ACTOR, clock=clock)


def test_the_forecast_counts_contracts_once_and_finds_when_the_gap_closes(factory: UnitOfWorkFactory) -> None:
    a_world(factory)
    [area] = forecast.outlook(factory, CATALOGUE, START, months=6).areas
    assert area.required == (0, 0, 5000, 5000, 5000, 5000)
    assert area.production == (0,) * 6  # offers made from contracts are the contracts' deliveries
    assert area.contracts == (1000, 2500, 4500, 7000, 7000, 7000)  # 1000, 1500, 2000, 2500 a month
    assert area.closes == date(2026, 4, 1)


def test_a_scenario_changes_the_outlook_and_never_writes(factory: UnitOfWorkFactory) -> None:
    a_world(factory)
    append(factory, an_entry(donor="DEU"))
    before = (industry.registers(factory), needs.registers(factory), _ledger(factory))
    stop = Scenario("usa-stops", "USA stops", (DonorStops("USA", When(date(2026, 4, 1))), RampSpeed(2.0)))
    [area] = forecast.outlook(factory, CATALOGUE, START, months=6, scenario=stop).areas
    assert area.contracts[-1] < 7000
    assert (industry.registers(factory), needs.registers(factory), _ledger(factory)) == before


def test_a_scenario_naming_an_unknown_donor_says_which(factory: UnitOfWorkFactory) -> None:
    with pytest.raises(NotFound, match="unknown donor 'ZZZ'"):
        forecast.outlook(factory, CATALOGUE, START, scenario=Scenario("z", "z", (DonorStops("ZZZ", When(START)),)))


def _ledger(factory: UnitOfWorkFactory) -> list[object]:
    with factory() as uow:
        return list(uow.ledger.find(LedgerQuery()))


def test_a_withdrawn_offer_leaves_the_forecast(factory: UnitOfWorkFactory) -> None:
    a_world(factory)
    stock = an_offer(id="", quantity=600, available_on=date(2026, 2, 10))
    [offer] = supply.add_offers(factory, CATALOGUE, [stock], actor=ACTOR, clock=clock)
    [before] = forecast.outlook(factory, CATALOGUE, START, months=6).areas
    supply.withdraw(factory, [offer.id], reason="needed at home", actor=ACTOR, clock=clock)
    [after] = forecast.outlook(factory, CATALOGUE, START, months=6).areas
    assert before.stock == (0, 600, 600, 600, 600, 600)
    assert after.stock == (0,) * 6
