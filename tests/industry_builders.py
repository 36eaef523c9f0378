"""Small builders of the industrial registers' records, for repository and append-only tests."""

from __future__ import annotations

from datetime import date

from ramstein.domain.industry.production import Contract, ProductionLine, Purpose, Ramp
from ramstein.domain.industry.registers import IndustryRegisters
from ramstein.domain.industry.stocks import Donation, Replenishment, StockBook, StockCount
from ramstein.domain.money import money
from ramstein.services.ports import UnitOfWork


def some_industry() -> IndustryRegisters:
    """One record of every register, with every optional field set on some record."""
    book = StockBook(
        (StockCount("DEU", "155mm-he-dm121", 70000, 45000, date(2026, 1, 1), "MoD"),),
        (Donation("D1", "DEU", "155mm-he-dm121", 40000, date(2026, 1, 5), "to Ukraine"),),
        (Replenishment("P1", "DEU", "155mm-he-dm121", 40000, date(2027, 4, 1), "Rheinmetall", "K1", "D1", "n"),),
    )
    line = ProductionLine("L1", "Rheinmetall", "DEU", "155mm-he-dm121", 8000, date(2024, 1, 1), "Unterlüß")
    ramps = (Ramp("L1", date(2026, 2, 1), 12, 25000, money("500000000.50", "EUR"), "surge"),
             Ramp("L1", date(2027, 6, 1), 3, 30000))  # fmt: skip
    contract = Contract("K1", "L1", "DEU", Purpose.REPLENISHMENT, 40000, date(2026, 1, 1), date(2027, 6, 30),
                        money("4000.25", "EUR"), True, "backfill")  # fmt: skip
    return IndustryRegisters(book, (line,), ramps, (contract,))


def fill_industry(uow: UnitOfWork) -> IndustryRegisters:
    found = some_industry()
    for count in found.stocks.counts:
        uow.industry.add_count(count)
    for donation in found.stocks.donations:
        uow.industry.add_donation(donation)
    for line in found.lines:
        uow.industry.add_line(line)
    for ramp in found.ramps:
        uow.industry.add_ramp(ramp)
    for contract in found.contracts:
        uow.industry.add_contract(contract)
    for plan in found.stocks.replenishments:
        uow.industry.add_replenishment(plan)
    return found
