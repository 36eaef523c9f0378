"""The coordination engine's use cases for an actor: decide, refuse or write, and audit (docs/web.md).

Ukraine's liaison proposes and withdraws requirement lines and confirms deliveries; a nation's representative
adds its own nation's offers, courses and restrictions; the coordinator approves lines and runs and accepts
rounds. The registers are coalition records: every signed-in user may read them, the public may not.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from ramstein.domain.access import UKRAINE, Resource
from ramstein.domain.allocation import Lock
from ramstein.domain.coordination.catalogue import Catalogue, CatalogueItem
from ramstein.domain.coordination.offers import Course, DonorOffer, Withdrawal
from ramstein.domain.coordination.registers import Registers
from ramstein.domain.coordination.requirements import Decision, Requirement
from ramstein.domain.coordination.restrictions import RestrictionChange
from ramstein.domain.coordination.rounds import Acceptance, Delivery, Round
from ramstein.domain.issues import DataIssue
from ramstein.services import catalogue as catalogue_service
from ramstein.services import needs, rounds, supply
from ramstein.services.guard import Caller, authorize, permit
from ramstein.services.ledger_import import Row
from ramstein.services.ports import CatalogueSource, Clock, Optimiser, UnitOfWorkFactory

UKRAINES_LIST = Resource("requirement", nation=UKRAINE)
REGISTERS = Resource("registers")
DECISIONS = {Decision.APPROVED: "requirements.approve", Decision.WITHDRAWN: "requirements.withdraw"}


def propose(
    uow_factory: UnitOfWorkFactory, caller: Caller, lines: Sequence[Requirement], clock: Clock
) -> list[Requirement]:
    factory = authorize(uow_factory, caller, "requirements.propose", UKRAINES_LIST, clock, f"{len(lines)} line(s)")
    return needs.propose(factory, lines, actor=caller.actor, clock=clock)


def decide(
    uow_factory: UnitOfWorkFactory, caller: Caller, ids: Sequence[str], wanted: Decision, clock: Clock, note: str = ""
) -> list[Requirement]:
    resource = Resource("requirement", nation=UKRAINE, id=",".join(ids))
    factory = authorize(uow_factory, caller, DECISIONS.get(wanted, "requirements.propose"), resource, clock, note)
    return needs.decide(factory, ids, wanted, actor=caller.actor, clock=clock, note=note)


def add_offer(
    uow_factory: UnitOfWorkFactory, caller: Caller, catalogue: Catalogue, offer: DonorOffer, clock: Clock
) -> DonorOffer:
    resource = Resource("offer", nation=offer.donor, id=offer.id or None)
    factory = authorize(uow_factory, caller, "offers.add", resource, clock, f"{offer.quantity} {offer.item}")
    (recorded,) = supply.add_offers(factory, catalogue, [offer], actor=caller.actor, clock=clock)
    return recorded


def add_course(
    uow_factory: UnitOfWorkFactory, caller: Caller, catalogue: Catalogue, course: Course, clock: Clock
) -> Course:
    resource = Resource("course", nation=course.host, id=course.id or None)
    factory = authorize(uow_factory, caller, "courses.add", resource, clock, f"{course.seats} seats")
    return supply.add_course(factory, catalogue, course, actor=caller.actor, clock=clock)


def add_restriction(
    uow_factory: UnitOfWorkFactory, caller: Caller, catalogue: Catalogue, change: RestrictionChange, clock: Clock
) -> RestrictionChange:
    resource = Resource("restriction", nation=change.donor)
    detail = f"{change.action} {change.use} for {change.scope}"
    factory = authorize(uow_factory, caller, "restrictions.add", resource, clock, detail)
    return supply.add_restriction(factory, catalogue, change, actor=caller.actor, clock=clock)


def run_round(
    uow_factory: UnitOfWorkFactory, caller: Caller, optimiser: Optimiser, catalogue: Catalogue, clock: Clock, *,
    as_of: date, locks: Sequence[Lock] = (), note: str = "",
) -> Round:  # fmt: skip
    factory = authorize(uow_factory, caller, "rounds.run", Resource("round"), clock, note)
    return rounds.run(factory, optimiser, catalogue, as_of=as_of, actor=caller.actor, clock=clock, locks=locks,
                      note=note)  # fmt: skip


def accept_round(uow_factory: UnitOfWorkFactory, caller: Caller, number: int, clock: Clock) -> Acceptance:
    factory = authorize(uow_factory, caller, "rounds.accept", Resource("round", id=str(number)), clock)
    return rounds.accept(factory, number, actor=caller.actor, clock=clock)


def confirm_delivery(
    uow_factory: UnitOfWorkFactory, caller: Caller, clock: Clock, *, requirement: str, offer: str, quantity: int,
    on: date,
) -> Delivery:  # fmt: skip
    resource = Resource("delivery", nation=UKRAINE, id=f"{offer}:{requirement}")
    factory = authorize(uow_factory, caller, "deliveries.confirm", resource, clock, f"{quantity} on {on}")
    return rounds.confirm_delivery(factory, requirement, offer, quantity, on=on, actor=caller.actor, clock=clock)


def registers(uow_factory: UnitOfWorkFactory, caller: Caller, clock: Clock, action: str) -> Registers:
    """The registers, for a reader allowed `action` (requirements.read, offers.read, courses.read, rounds.read)."""
    permit(uow_factory, caller, action, REGISTERS, clock)
    return needs.registers(uow_factory)


def round_view(uow_factory: UnitOfWorkFactory, caller: Caller, clock: Clock, number: int) -> rounds.RoundView:
    permit(uow_factory, caller, "rounds.read", Resource("round", id=str(number)), clock)
    return rounds.show(uow_factory, number)


def propose_package(
    uow_factory: UnitOfWorkFactory, caller: Caller, catalogue: Catalogue, template: Requirement, clock: Clock
) -> list[Requirement]:
    detail = f"{template.quantity} package(s) of {template.item}"
    factory = authorize(uow_factory, caller, "requirements.propose", UKRAINES_LIST, clock, detail)
    return needs.propose_package(factory, catalogue, template, template.quantity, actor=caller.actor, clock=clock)


def import_needs(
    uow_factory: UnitOfWorkFactory, caller: Caller, catalogue: Catalogue, source: str, rows: Sequence[Row],
    issues: Sequence[DataIssue], clock: Clock,
) -> list[Requirement]:  # fmt: skip
    factory = authorize(uow_factory, caller, "requirements.propose", UKRAINES_LIST, clock, f"import {source}")
    return needs.import_rows(factory, catalogue, source, rows, issues, actor=caller.actor, clock=clock)


def import_offers(
    uow_factory: UnitOfWorkFactory, caller: Caller, catalogue: Catalogue, source: str, rows: Sequence[Row],
    issues: Sequence[DataIssue], clock: Clock,
) -> list[DonorOffer]:  # fmt: skip
    """A whole file of offers of any donors: a coordinator's (a nation adds its own offers one by one)."""
    factory = authorize(uow_factory, caller, "offers.add", Resource("offer", id=source), clock, f"import {source}")
    return supply.import_offers(factory, catalogue, source, rows, issues, actor=caller.actor, clock=clock)


def withdraw_supply(
    uow_factory: UnitOfWorkFactory, caller: Caller, ids: Sequence[str], reason: str, clock: Clock
) -> list[Withdrawal]:
    """Withdraw offers or courses: their donors' (or hosts') representatives, or a coordinator."""
    registers = needs.registers(uow_factory)
    owners = sorted({s.donor for s in (registers.supply(i) for i in ids) if s is not None})
    resource = Resource("offer", nation=",".join(owners) or None, id=",".join(ids))
    factory = authorize(uow_factory, caller, "offers.withdraw", resource, clock, reason)
    return supply.withdraw(factory, ids, reason=reason, actor=caller.actor, clock=clock)


def add_catalogue_item(
    uow_factory: UnitOfWorkFactory, caller: Caller, shipped: CatalogueSource, item: CatalogueItem, clock: Clock
) -> CatalogueItem:
    factory = authorize(uow_factory, caller, "catalogue.add", Resource("catalogue", id=item.code), clock, item.name)
    return catalogue_service.add_item(factory, shipped, item, actor=caller.actor, clock=clock)
