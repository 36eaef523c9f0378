"""Use cases of the industrial base: stock counts, donations from stock, replenishment plans, production lines,
ramps and contracts. Every nation must be known and every item catalogued; nothing is written unless all of
it may be. A contract for Ukraine becomes dated production offers in the coordination engine, one per month
of its scheduled deliveries, through the offers service (services/supply.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from ramstein.domain.access import Actor
from ramstein.domain.coordination.catalogue import Catalogue
from ramstein.domain.coordination.offers import DonorOffer, Origin
from ramstein.domain.coordination.requirements import next_id
from ramstein.domain.errors import NotFound
from ramstein.domain.industry.months import add_months
from ramstein.domain.industry.production import (
    Contract,
    Overbooked,
    ProductionLine,
    Purpose,
    Ramp,
    check_booking,
    check_ramps,
)
from ramstein.domain.industry.registers import CONTRACT_OFFER, IndustryRegisters, schedule
from ramstein.domain.industry.stocks import (
    Donation,
    Replenishment,
    StockBook,
    StockCount,
    check_donation,
    check_replenishment,
)
from ramstein.services import supply
from ramstein.services.ports import Clock, UnitOfWork, UnitOfWorkFactory

OFFER_MONTHS = 36  # how far ahead a contract's deliveries become offers


def registers(uow_factory: UnitOfWorkFactory) -> IndustryRegisters:
    with uow_factory() as uow:
        return uow.industry.registers()


def count_stock(uow_factory: UnitOfWorkFactory, catalogue: Catalogue, count: StockCount) -> StockCount:
    catalogue.get(count.item)
    with uow_factory() as uow:
        _known(uow, count.donor)
        uow.industry.add_count(count)
        uow.commit()
    return count


def donate(uow_factory: UnitOfWorkFactory, donation: Donation) -> Donation:
    """Take a donation out of stock; refused when the level would fall below zero (domain/industry/stocks.py)."""
    with uow_factory() as uow:
        uow.lock_ledger()
        book = uow.industry.registers().stocks
        new = donation if donation.id else replace(donation, id=next_id("D", (d.id for d in book.donations)))
        check_donation(book, new)
        uow.industry.add_donation(new)
        uow.commit()
    return new


def plan_replenishment(uow_factory: UnitOfWorkFactory, catalogue: Catalogue, plan: Replenishment) -> Replenishment:
    catalogue.get(plan.item)
    with uow_factory() as uow:
        uow.lock_ledger()
        _known(uow, plan.donor)
        found = uow.industry.registers()
        if plan.contract is not None and plan.contract not in {c.id for c in found.contracts}:
            raise NotFound(f"no contract {plan.contract!r}", hint="`ramstein production list` shows the contracts.")
        check_replenishment(found.stocks, plan)
        new = plan if plan.id else replace(plan, id=next_id("P", (r.id for r in found.stocks.replenishments)))
        uow.industry.add_replenishment(new)
        uow.commit()
    return new


def add_line(uow_factory: UnitOfWorkFactory, catalogue: Catalogue, line: ProductionLine) -> ProductionLine:
    catalogue.get(line.item)
    with uow_factory() as uow:
        uow.lock_ledger()
        _known(uow, line.nation)
        new = line if line.id else replace(line, id=next_id("L", (x.id for x in uow.industry.registers().lines)))
        uow.industry.add_line(new)
        uow.commit()
    return new


def add_ramp(uow_factory: UnitOfWorkFactory, ramp: Ramp) -> Ramp:
    """Refused when it overlaps another ramp of its line or starts before the line."""
    with uow_factory() as uow:
        uow.lock_ledger()
        found = uow.industry.registers()
        check_ramps(found.line(ramp.line), [*found.ramps, ramp])
        uow.industry.add_ramp(ramp)
        uow.commit()
    return ramp


def add_contract(
    uow_factory: UnitOfWorkFactory,
    catalogue: Catalogue,
    contract: Contract,
    *,
    actor: Actor,
    clock: Clock,
    allow_overbooking: bool = False,
) -> tuple[Contract, list[DonorOffer]]:
    """Book a contract on a line; `Overbooked` when the line cannot make it in time, unless allowed, when it is
    recorded as accepted over-booking. A contract for Ukraine's deliveries become offers."""
    with uow_factory() as uow:
        uow.lock_ledger()
        _known(uow, contract.buyer)
        found = uow.industry.registers()
        line = found.line(contract.line)
        new = contract if contract.id else replace(contract, id=next_id("K", (c.id for c in found.contracts)))
        try:
            check_booking(line, found.ramps_of(line), found.contracts, new)
        except Overbooked:
            if not allow_overbooking:
                raise
            new = replace(new, overbooking_accepted=True)
        uow.industry.add_contract(new)
        uow.commit()
        after = uow.industry.registers()
    offers = _offers(after, new) if new.purpose is Purpose.UKRAINE else []
    return new, supply.add_offers(uow_factory, catalogue, offers, actor=actor, clock=clock) if offers else []


def _offers(found: IndustryRegisters, contract: Contract) -> list[DonorOffer]:
    line = found.line(contract.line)
    plan = schedule(found, line, contract.signed_on, OFFER_MONTHS)
    monthly = next(d for c, d in plan.contracts if c.id == contract.id)
    note = f"{CONTRACT_OFFER}{contract.id} ({line.producer}, line {line.id})"
    made = zip(plan.months, monthly, strict=True)
    return [
        DonorOffer("", contract.buyer, line.item, q, _month_end(m), Origin.PRODUCTION, contract.unit_price, note=note)
        for m, q in made
        if q > 0
    ]


def _month_end(month: date) -> date:
    return add_months(month, 1) - timedelta(days=1)


def _known(uow: UnitOfWork, code: str) -> None:
    if code not in uow.reference.nations():
        raise NotFound(
            f"unknown nation {code!r}",
            hint="use an ISO 3166-1 alpha-3 code such as DEU or USA; `ramstein nations` lists them.",
        )


def stock_book(uow_factory: UnitOfWorkFactory) -> StockBook:
    return registers(uow_factory).stocks
