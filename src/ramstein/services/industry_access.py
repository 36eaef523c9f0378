"""The industrial base's use cases for an actor: decide, refuse or write, and audit (docs/industry.md, "Who may
see and change it").

Writes go through the guard like the ledger's and the coordination engine's: a stock count, a donation and a
replenishment plan are the donor's (`stocks.record`), a production line and its ramps the line's nation's
(`production.add`), a contract its buyer's (`contracts.add`). A coordinator may do all of them; a refusal is
audited. Reads: stocks are shown to their own nation's representative, coordinators and analysts
(`stocks.read`); lines, contracts, forecasts and scenarios to every signed-in user (`industry.read`); the
public sees none of it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from ramstein.domain.access import Resource
from ramstein.domain.coordination.catalogue import Catalogue
from ramstein.domain.coordination.offers import DonorOffer
from ramstein.domain.industry.production import Contract, ProductionLine, Ramp
from ramstein.domain.industry.registers import IndustryRegisters
from ramstein.domain.industry.stocks import Donation, Readiness, Replenishment, StockCount, backfills, readiness
from ramstein.services import industry
from ramstein.services.guard import Caller, authorize, permit, visible
from ramstein.services.ports import Clock, UnitOfWorkFactory

INDUSTRY = Resource("industry")


def stock(nation: str, item: str | None = None) -> Resource:
    return Resource("stock", nation=nation, id=item)


@dataclass(frozen=True, slots=True)
class StockView:
    """The stocks a reader may see, month by month against their minimums, and their donations' backfills."""

    stocks: tuple[Readiness, ...]
    donations: tuple[tuple[Donation, tuple[Replenishment, ...]], ...]


def stocks(uow_factory: UnitOfWorkFactory, caller: Caller, clock: Clock, start: date, months: int) -> StockView:
    """Every stock the reader may read (a list is filtered, never refused); the public is refused outright."""
    permit(uow_factory, caller, "industry.read", INDUSTRY, clock)
    book = industry.stock_book(uow_factory)
    shown = visible(caller.actor, "stocks.read", ((r, stock(r.donor, r.item)) for r in readiness(book, start, months)))
    gifts = visible(caller.actor, "stocks.read", ((g, stock(g[0].donor, g[0].item)) for g in backfills(book)))
    return StockView(tuple(shown), tuple(gifts))


def registers(uow_factory: UnitOfWorkFactory, caller: Caller, clock: Clock) -> IndustryRegisters:
    """Lines, ramps and contracts (and the stock book the services need), for a reader allowed industry.read."""
    permit(uow_factory, caller, "industry.read", INDUSTRY, clock)
    return industry.registers(uow_factory)


def outlook_allowed(uow_factory: UnitOfWorkFactory, caller: Caller, clock: Clock) -> None:
    """Forecasts and scenarios: industry.read (services/forecast.py computes them, and never writes)."""
    permit(uow_factory, caller, "industry.read", INDUSTRY, clock)


def count_stock(
    uow_factory: UnitOfWorkFactory, caller: Caller, catalogue: Catalogue, count: StockCount, clock: Clock
) -> StockCount:
    detail = f"count {count.quantity} (minimum {count.minimum}) on {count.on}"
    factory = authorize(uow_factory, caller, "stocks.record", stock(count.donor, count.item), clock, detail)
    return industry.count_stock(factory, catalogue, count)


def donate(uow_factory: UnitOfWorkFactory, caller: Caller, donation: Donation, clock: Clock) -> Donation:
    detail = f"donate {donation.quantity} on {donation.on}"
    factory = authorize(uow_factory, caller, "stocks.record", stock(donation.donor, donation.item), clock, detail)
    return industry.donate(factory, donation)


def plan_replenishment(
    uow_factory: UnitOfWorkFactory, caller: Caller, catalogue: Catalogue, plan: Replenishment, clock: Clock
) -> Replenishment:
    detail = f"replenish {plan.quantity} by {plan.expected_on}" + (
        f", backfills {plan.backfills}" if plan.backfills else ""
    )
    factory = authorize(uow_factory, caller, "stocks.record", stock(plan.donor, plan.item), clock, detail)
    return industry.plan_replenishment(factory, catalogue, plan)


def add_line(
    uow_factory: UnitOfWorkFactory, caller: Caller, catalogue: Catalogue, line: ProductionLine, clock: Clock
) -> ProductionLine:
    resource = Resource("production-line", nation=line.nation, id=line.id or None)
    detail = f"{line.producer}, {line.item}, {line.peacetime_rate} a month"
    factory = authorize(uow_factory, caller, "production.add", resource, clock, detail)
    return industry.add_line(factory, catalogue, line)


def add_ramp(uow_factory: UnitOfWorkFactory, caller: Caller, ramp: Ramp, clock: Clock) -> Ramp:
    """A ramp belongs to its line's nation (an unknown line is refused by the service, after the decision)."""
    lines = {line.id: line for line in industry.registers(uow_factory).lines}
    owner = lines[ramp.line].nation if ramp.line in lines else None
    resource = Resource("production-line", nation=owner, id=ramp.line)
    detail = f"ramp from {ramp.starts} over {ramp.months} months to {ramp.surge_rate}"
    factory = authorize(uow_factory, caller, "production.add", resource, clock, detail)
    return industry.add_ramp(factory, ramp)


def add_contract(
    uow_factory: UnitOfWorkFactory, caller: Caller, catalogue: Catalogue, contract: Contract, clock: Clock, *,
    allow_overbooking: bool = False,
) -> tuple[Contract, Sequence[DonorOffer]]:  # fmt: skip
    resource = Resource("contract", nation=contract.buyer, id=contract.line)
    detail = f"{contract.quantity} on line {contract.line} due {contract.due_by} ({contract.purpose})"
    factory = authorize(uow_factory, caller, "contracts.add", resource, clock, detail)
    return industry.add_contract(factory, catalogue, contract, actor=caller.actor, clock=clock,
                                 allow_overbooking=allow_overbooking)  # fmt: skip
