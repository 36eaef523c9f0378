"""`ramstein init`'s illustrative data set: INVENTED requirements, offers, courses and restriction changes,
loaded once into empty registers and matched in one allocation round, so a new user sees the engine work.

Nothing reaches the ledger: the round stays proposed until somebody accepts it (the ledger holds real data).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from ramstein.domain.access import Actor
from ramstein.domain.coordination.catalogue import Catalogue
from ramstein.domain.coordination.offers import Course, DonorOffer
from ramstein.domain.coordination.requirements import Decision, Requirement
from ramstein.domain.coordination.restrictions import RestrictionChange
from ramstein.domain.coordination.rounds import Round
from ramstein.services import needs, rounds, supply
from ramstein.services.ports import Clock, Optimiser, UnitOfWorkFactory


@dataclass(frozen=True, slots=True)
class IllustrativeSet:
    notice: str  # says, in words, that the data is invented
    source: str
    requirements: Sequence[Requirement]
    packages: Sequence[tuple[Requirement, int]]  # a platform line as template, and how many packages
    offers: Sequence[DonorOffer]
    courses: Sequence[Course]
    restrictions: Sequence[RestrictionChange]


@dataclass(frozen=True, slots=True)
class ShippedCoordination:
    data: Callable[[date], IllustrativeSet]  # relative dates are counted from the day given
    catalogue: Catalogue
    optimiser: Optimiser


def install_illustrative(
    uow_factory: UnitOfWorkFactory, data: IllustrativeSet, catalogue: Catalogue, optimiser: Optimiser, *,
    actor: Actor, clock: Clock,
) -> Round | None:  # fmt: skip
    """Load the set and run round 1, only into registers that are still empty; None when they were not."""
    registers = needs.registers(uow_factory)
    if registers.requirements or registers.offers or registers.rounds:
        return None
    lines = [replace(r, capability=catalogue.get(r.item).capability) for r in data.requirements]
    recorded = needs.propose(uow_factory, lines, actor=actor, clock=clock)
    for template, count in data.packages:
        recorded += needs.propose_package(uow_factory, catalogue, template, count, actor=actor, clock=clock)
    needs.decide(uow_factory, [r.id for r in recorded], Decision.APPROVED, actor=actor, clock=clock, note=data.notice)
    supply.add_offers(uow_factory, catalogue, data.offers, actor=actor, clock=clock)
    for course in data.courses:
        supply.add_course(uow_factory, catalogue, course, actor=actor, clock=clock)
    for change in data.restrictions:
        supply.add_restriction(uow_factory, catalogue, change, actor=actor, clock=clock)
    return rounds.run(uow_factory, optimiser, catalogue, as_of=clock().date(), actor=actor, clock=clock,
                      note=data.notice)  # fmt: skip
