"""From the registers as of a date to the optimiser's `Problem`: pure, so a round can be rebuilt and checked.

- Needs: approved lines not withdrawn, for what is still open (quantity minus accepted commitments).
  A crew request (`crew_for`) is needed by the date its equipment is expected, when that is known.
- Offers: each offer's uncommitted quantity, its forbidden uses resolved from the donor's restriction
  register on the date it becomes available, plus the offer's own restrictions.
- Courses: seats of courses that have not started yet, available when the course ends.
- A withdrawn offer or course gives nothing more.
- Capability areas become the needs' groups; the catalogue's families become substitutions; a line's
  package tag becomes its need's package (served whole or not at all).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from ramstein.domain.allocation import Lock, Need, Offer, Problem
from ramstein.domain.coordination.catalogue import Catalogue
from ramstein.domain.coordination.registers import Registers
from ramstein.domain.coordination.requirements import Decision, Requirement, decision
from ramstein.domain.coordination.restrictions import forbidden_uses


def build_problem(
    registers: Registers,
    catalogue: Catalogue,
    as_of: date,
    *,
    locks: tuple[Lock, ...] = (),
    expected_deliveries: Mapping[str, date] | None = None,
) -> Problem:
    """`expected_deliveries` (requirement -> date) overrides the dates known from accepted rounds: a round
    passes the dates its own equipment assignments give, so crews are trained before their equipment."""
    return Problem(
        needs=_needs(registers, {**registers.delivery_dates(), **(expected_deliveries or {})}),
        offers=_offers(registers, catalogue, as_of),
        substitutes=catalogue.substitutes(),
        locks=locks,
    )


def crew_needed_by(requirement: Requirement, equipment: Requirement | None, expected: Mapping[str, date]) -> date:
    """A crew is needed when its equipment arrives: the expected delivery, else the equipment's own needed-by
    (the crew request's own date only stands when its equipment line is unknown)."""
    if requirement.crew_for is None or equipment is None:
        return requirement.needed_by
    return expected.get(equipment.id, equipment.needed_by)


def _needs(registers: Registers, expected: Mapping[str, date]) -> tuple[Need, ...]:
    committed = registers.committed_by_need()
    needs = []
    for r in registers.requirements:
        open_quantity = r.quantity - committed[r.id]
        if decision(registers.events, r.id) is not Decision.APPROVED or open_quantity <= 0:
            continue
        equipment = registers.requirement(r.crew_for) if r.crew_for else None
        needed_by = crew_needed_by(r, equipment, expected)
        needs.append(
            Need(r.id, r.item, open_quantity, r.priority, needed_by, r.intended_use, r.capability.value, r.package)
        )
    return tuple(needs)


def _offers(registers: Registers, catalogue: Catalogue, as_of: date) -> tuple[Offer, ...]:
    committed, withdrawn = registers.committed_by_offer(), registers.withdrawn()
    offers = []
    for o in registers.offers:
        left = o.quantity - committed[o.id]
        if left <= 0 or o.id in withdrawn:
            continue
        family = catalogue.get(o.item).family if o.item in catalogue else o.item
        banned = forbidden_uses(registers.restrictions, donor=o.donor, item=o.item, family=family, on=o.available_on)
        offers.append(Offer(o.id, o.donor, o.item, left, o.available_on, banned | o.restrictions))
    for c in registers.courses:
        left = c.seats - committed[c.id]
        if left > 0 and c.starts >= as_of and c.id not in withdrawn:
            offers.append(Offer(c.id, c.host, c.course_type, left, c.ends))
    return tuple(offers)
