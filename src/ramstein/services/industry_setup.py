"""`ramstein init`'s illustrative industrial data: INVENTED stocks, donations, lines, ramps, contracts and
replenishments, loaded once into empty registers through the same use cases a user calls, so a new user sees
a forecast and a scenario at once. Nothing reaches the ledger; contracts for Ukraine add production offers."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from ramstein.domain.access import Actor
from ramstein.domain.coordination.catalogue import Catalogue
from ramstein.domain.industry.production import Contract, ProductionLine, Ramp
from ramstein.domain.industry.stocks import Donation, Replenishment, StockCount
from ramstein.services import industry
from ramstein.services.ports import Clock, UnitOfWorkFactory


@dataclass(frozen=True, slots=True)
class IndustrySet:
    """Lines, ramps and contracts refer to each other by position (1 = the first), as the file does."""

    notice: str
    counts: Sequence[StockCount]
    donations: Sequence[Donation]
    lines: Sequence[ProductionLine]
    ramps: Sequence[tuple[int, Ramp]]
    contracts: Sequence[tuple[int, Contract]]
    replenishments: Sequence[tuple[int, int, Replenishment]]  # (donation, contract or 0, plan)


@dataclass(frozen=True, slots=True)
class ShippedIndustry:
    data: Callable[[date], IndustrySet]  # relative dates are counted from the day given
    catalogue: Catalogue


@dataclass(frozen=True, slots=True)
class IndustryInstalled:
    lines: int
    contracts: int
    offers: int


def install_illustrative(
    uow_factory: UnitOfWorkFactory, data: IndustrySet, catalogue: Catalogue, *, actor: Actor, clock: Clock
) -> IndustryInstalled | None:
    """Load the set into registers that are still empty; None when they were not."""
    found = industry.registers(uow_factory)
    if found.lines or found.stocks.counts:
        return None
    for count in data.counts:
        industry.count_stock(uow_factory, catalogue, count)
    donations = [industry.donate(uow_factory, d) for d in data.donations]
    lines = [industry.add_line(uow_factory, catalogue, line) for line in data.lines]
    for position, ramp in data.ramps:
        industry.add_ramp(uow_factory, replace(ramp, line=lines[position - 1].id))
    contracts, offers = [], 0
    for position, contract in data.contracts:
        booked, made = industry.add_contract(
            uow_factory, catalogue, replace(contract, line=lines[position - 1].id), actor=actor, clock=clock
        )
        contracts.append(booked)
        offers += len(made)
    for donation, position, plan in data.replenishments:
        paid_by = contracts[position - 1].id if position else None
        linked = replace(plan, backfills=donations[donation - 1].id, contract=paid_by)
        industry.plan_replenishment(uow_factory, catalogue, linked)
    return IndustryInstalled(len(lines), len(contracts), offers)
