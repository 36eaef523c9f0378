"""Industry writes through the guard: a nation's representative for its own nation's stocks, lines and
contracts only, a coordinator for everything, an analyst for nothing; every write and refusal audited, a
refusal with nothing written. Reads: stocks to their own nation, the rest to every signed-in user."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from ramstein.adapters.memory import MemoryStore
from ramstein.domain.access import Actor, Role
from ramstein.domain.errors import Forbidden
from ramstein.domain.industry.production import Contract, ProductionLine, Purpose, Ramp
from ramstein.domain.industry.stocks import Donation, Replenishment, StockCount
from ramstein.domain.money import money
from ramstein.domain.nations import Nation
from ramstein.domain.reference import DatasetKind
from ramstein.services import industry, industry_access, reference
from ramstein.services.guard import Caller
from tests.builders import a_dataset
from tests.coordination_builders import a_catalogue

NOW = datetime(2026, 1, 10, 9, tzinfo=UTC)
START = date(2026, 1, 1)
CATALOGUE = a_catalogue()
COORDINATOR = Caller(Actor("sec", Role.COORDINATOR), origin="10.0.0.1")
GERMANY = Caller(Actor("de-rep", Role.NATION, "DEU"), origin="10.0.0.2")
AMERICA = Caller(Actor("us-rep", Role.NATION, "USA"), origin="10.0.0.3")
ANALYST = Caller(Actor("reader", Role.ANALYST), origin="10.0.0.4")
PUBLIC = Caller(Actor.public(), origin="10.0.0.5")
SHELLS = "155mm-he-dm121"


def clock() -> datetime:
    return NOW


@pytest.fixture
def store() -> MemoryStore:
    made = MemoryStore()
    found = [Nation("UKR", "Ukraine", "UAH"), Nation("DEU", "Germany", "EUR"), Nation("USA", "United States", "USD")]
    reference.install_nations(made.unit_of_work, a_dataset(DatasetKind.NATIONS), found)
    return made


def audit(store: MemoryStore) -> list[tuple[str, str, str, bool]]:
    return [(r.actor, r.action, r.resource, r.allowed) for r in store.access.audit]


def test_a_representative_records_its_own_nations_stock_and_the_write_is_audited(store: MemoryStore) -> None:
    uow = store.unit_of_work
    industry_access.count_stock(uow, GERMANY, CATALOGUE, StockCount("DEU", SHELLS, 500, 200, START), clock)
    gift = industry_access.donate(uow, GERMANY, Donation("", "DEU", SHELLS, 100, date(2026, 1, 5)), clock)
    plan = Replenishment("", "DEU", SHELLS, 100, date(2026, 6, 1), "Rheinmetall", backfills=gift.id)
    industry_access.plan_replenishment(uow, GERMANY, CATALOGUE, plan, clock)
    assert audit(store) == [("de-rep", "stocks.record", f"stock:{SHELLS}:DEU", True)] * 3
    assert [r.origin for r in store.access.audit] == ["10.0.0.2"] * 3
    assert "donate 100 on 2026-01-05" in store.access.audit[1].detail
    assert industry.stock_book(uow).backfilled(gift.id) == 100


def test_a_representative_may_not_touch_another_nations_stock_and_nothing_is_written(store: MemoryStore) -> None:
    uow = store.unit_of_work
    industry_access.count_stock(uow, COORDINATOR, CATALOGUE, StockCount("DEU", SHELLS, 500, 200, START), clock)
    with pytest.raises(Forbidden, match="a representative of USA may not record stocks for DEU"):
        industry_access.donate(uow, AMERICA, Donation("", "DEU", SHELLS, 100, date(2026, 1, 5)), clock)
    with pytest.raises(Forbidden, match="analyst may not record stocks"):
        industry_access.count_stock(uow, ANALYST, CATALOGUE, StockCount("DEU", SHELLS, 1, 0, START), clock)
    assert industry.stock_book(uow).donations == ()
    assert len(industry.stock_book(uow).counts) == 1
    assert audit(store)[1:] == [("us-rep", "stocks.record", f"stock:{SHELLS}:DEU", False),
                                ("reader", "stocks.record", f"stock:{SHELLS}:DEU", False)]  # fmt: skip


def test_lines_and_ramps_are_their_nations_and_contracts_their_buyers(store: MemoryStore) -> None:
    uow = store.unit_of_work
    line = industry_access.add_line(uow, GERMANY, CATALOGUE, ProductionLine("", "RH", "DEU", SHELLS, 1000, START),
                                    clock)  # fmt: skip
    with pytest.raises(Forbidden, match="USA may not add production for DEU"):
        industry_access.add_ramp(uow, AMERICA, Ramp(line.id, date(2026, 2, 1), 4, 3000), clock)
    industry_access.add_ramp(uow, GERMANY, Ramp(line.id, date(2026, 2, 1), 4, 3000), clock)
    bought = Contract("", line.id, "USA", Purpose.UKRAINE, 2000, START, date(2026, 12, 31), money("4000", "EUR"))
    with pytest.raises(Forbidden, match="DEU may not add contracts for USA"):
        industry_access.add_contract(uow, GERMANY, CATALOGUE, bought, clock)
    done, offers = industry_access.add_contract(uow, AMERICA, CATALOGUE, bought, clock)
    assert offers and {o.donor for o in offers} == {"USA"}
    found = industry.registers(uow)
    assert [c.id for c in found.contracts] == [done.id] and len(found.ramps) == 1
    assert [(a, act, ok) for a, act, _, ok in audit(store)] == [
        ("de-rep", "production.add", True), ("us-rep", "production.add", False), ("de-rep", "production.add", True),
        ("de-rep", "contracts.add", False), ("us-rep", "contracts.add", True),
    ]  # fmt: skip  # the contract and its offers: one record


def test_a_coordinator_writes_for_any_nation(store: MemoryStore) -> None:
    uow = store.unit_of_work
    line = industry_access.add_line(uow, COORDINATOR, CATALOGUE, ProductionLine("", "RH", "DEU", SHELLS, 10, START),
                                    clock)  # fmt: skip
    industry_access.count_stock(uow, COORDINATOR, CATALOGUE, StockCount("USA", SHELLS, 5, 0, START), clock)
    assert line.id and all(r.allowed and r.role is Role.COORDINATOR for r in store.access.audit)


def test_stocks_are_read_by_their_own_nation_and_the_public_reads_no_industry_data(store: MemoryStore) -> None:
    uow = store.unit_of_work
    for donor in ("DEU", "USA"):
        industry_access.count_stock(uow, COORDINATOR, CATALOGUE, StockCount(donor, SHELLS, 5, 9, START), clock)
        industry_access.donate(uow, COORDINATOR, Donation("", donor, SHELLS, 1, date(2026, 1, 5)), clock)
    german = industry_access.stocks(uow, GERMANY, clock, START, 3)
    assert {r.donor for r in german.stocks} == {"DEU"} and {d.donor for d, _ in german.donations} == {"DEU"}
    everything = industry_access.stocks(uow, ANALYST, clock, START, 3)
    assert {r.donor for r in everything.stocks} == {"DEU", "USA"} and len(everything.donations) == 2
    assert industry_access.registers(uow, GERMANY, clock).stocks.counts  # lines and contracts: coalition material
    with pytest.raises(Forbidden, match="the public may not read industry"):
        industry_access.stocks(uow, PUBLIC, clock, START, 3)
    with pytest.raises(Forbidden):
        industry_access.outlook_allowed(uow, PUBLIC, clock)
    assert [r.action for r in store.access.audit if not r.allowed] == ["industry.read", "industry.read"]
