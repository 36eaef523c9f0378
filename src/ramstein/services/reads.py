"""Reads of reference data and registers for an actor: ask the policy first (a refusal is audited).

Reference data (nations, GDP, rates, rule sets) is published material, so it is marked public.
"""

from __future__ import annotations

from ramstein.domain.access import Marking, Resource
from ramstein.domain.nations import Nation
from ramstein.reports.burden import BurdenReport
from ramstein.services import burden, reference
from ramstein.services.guard import Caller, permit
from ramstein.services.ports import Clock, LedgerAnalytics, LedgerDrillDown, PriceLists, UnitOfWorkFactory

PUBLISHED = Marking.PUBLIC


def nations(uow_factory: UnitOfWorkFactory, caller: Caller, clock: Clock) -> list[Nation]:
    permit(uow_factory, caller, "nations.read", Resource("nation", marking=PUBLISHED), clock)
    return list(reference.nations(uow_factory))


def nation(uow_factory: UnitOfWorkFactory, caller: Caller, clock: Clock, code: str) -> Nation:
    permit(uow_factory, caller, "nations.read", Resource("nation", marking=PUBLISHED, id=code), clock)
    return reference.nations(uow_factory).get(code)


def rules(uow_factory: UnitOfWorkFactory, caller: Caller, clock: Clock, name: str | None = None) -> None:
    """Rule sets are published method: anyone may read them."""
    permit(uow_factory, caller, "rules.read", Resource("rules", marking=PUBLISHED, id=name), clock)


def burden_report(
    uow_factory: UnitOfWorkFactory, caller: Caller, clock: Clock, analytics: LedgerAnalytics,
    drill_down: LedgerDrillDown, request: burden.BurdenRequest, price_lists: PriceLists,
) -> BurdenReport:  # fmt: skip
    """The fair-share report sums coalition records: for signed-in users (the public gets `public.totals`)."""
    permit(uow_factory, caller, "reports.read", Resource("report", id=request.rules.label), clock)
    return burden.burden_report(uow_factory, analytics, drill_down, request, clock, price_lists)
