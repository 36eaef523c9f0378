"""Builders for the coordination registers: valid objects where a test names only what it cares about."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

from ramstein.domain.allocation import Assignment, Need, Problem, Result, Shortfall, Status, Unmet, compatible
from ramstein.domain.allocation import unit_value as value_of
from ramstein.domain.coordination.catalogue import Catalogue, CatalogueItem, ItemKind, Package, PackagePart
from ramstein.domain.coordination.offers import Course, DonorOffer, Origin
from ramstein.domain.coordination.requirements import Requirement
from ramstein.domain.ledger import Capability
from ramstein.domain.money import money

AT = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
TODAY = date(2025, 3, 1)


def a_catalogue() -> Catalogue:
    items = [
        CatalogueItem("155mm-he-round", "155 mm HE round", "155mm-nato", Capability.AMMUNITION, ItemKind.AMMUNITION,
                      ("pzh-2000", "caesar")),
        CatalogueItem("155mm-he-dm121", "155 mm DM121", "155mm-nato", Capability.AMMUNITION, ItemKind.AMMUNITION,
                      ("pzh-2000", "caesar")),
        CatalogueItem("152mm-he-round", "152 mm HE round", "152mm-soviet", Capability.AMMUNITION, ItemKind.AMMUNITION),
        CatalogueItem("pzh-2000", "Panzerhaubitze 2000", "pzh-2000", Capability.ARTILLERY, ItemKind.PLATFORM),
        CatalogueItem("caesar", "CAESAR", "caesar", Capability.ARTILLERY, ItemKind.PLATFORM),
        CatalogueItem("pzh-2000-spares", "PzH 2000 spares kit", "pzh-2000-spares", Capability.ARTILLERY,
                      ItemKind.SPARES),
        CatalogueItem("course-pzh-2000-crew", "PzH 2000 crew course", "course-pzh-2000-crew", Capability.TRAINING,
                      ItemKind.TRAINING),
        CatalogueItem("storm-shadow", "Storm Shadow", "storm-shadow", Capability.AIR_FORCE, ItemKind.AMMUNITION),
    ]  # fmt: skip
    package = Package(
        "pzh-2000",
        (PackagePart("155mm-he-round", 500), PackagePart("pzh-2000-spares", 1), PackagePart("course-pzh-2000-crew", 5)),
    )
    return Catalogue(items, [package])


def a_requirement(**overrides: Any) -> Requirement:
    fields: dict[str, Any] = {
        "id": "R1", "capability": Capability.AMMUNITION, "item": "155mm-he-round", "quantity": 1000,
        "priority": 5, "needed_by": date(2025, 6, 1),
    }  # fmt: skip
    fields.update(overrides)
    return Requirement(**fields)


def an_offer(**overrides: Any) -> DonorOffer:
    fields: dict[str, Any] = {
        "id": "O1", "donor": "DEU", "item": "155mm-he-round", "quantity": 600, "available_on": date(2025, 5, 1),
        "origin": Origin.STOCK, "unit_value": money("4000", "EUR"),
    }  # fmt: skip
    fields.update(overrides)
    return DonorOffer(**fields)


def a_course(**overrides: Any) -> Course:
    fields: dict[str, Any] = {
        "id": "C1", "host": "DEU", "course_type": "course-pzh-2000-crew", "seats": 10,
        "starts": date(2025, 4, 1), "ends": date(2025, 5, 15), "language": "en", "prerequisites": "artillery NCO",
    }  # fmt: skip
    fields.update(overrides)
    return Course(**fields)


class GreedyOptimiser:
    """A tiny stand-in for the real optimiser in service tests: locks first, then the most valuable
    (need, offer) pairs first. Good enough to exercise the services; never used to judge optimality."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def solve(self, problem: Problem) -> Result:
        self.problems.append(problem)
        if not problem.needs or not problem.offers:
            return Result(Status.EMPTY, 0.0, 0.0, shortfalls=_all_short(problem.needs))
        left = {o.id: o.quantity for o in problem.offers} | {n.id: n.quantity for n in problem.needs}
        needs, offers = {n.id: n for n in problem.needs}, {o.id: o for o in problem.offers}
        assigned: list[Assignment] = []
        for lock in problem.locks:
            assigned.append(_take(needs[lock.need], offers[lock.offer], lock.quantity, left, locked=True))
        pairs = sorted(
            ((value_of(n, o), n, o) for n in problem.needs for o in problem.offers
             if compatible(n, o, problem.substitutes) and value_of(n, o) > 0),
            key=lambda t: -t[0],
        )  # fmt: skip
        for _, need, offer in pairs:
            quantity = min(left[need.id], left[offer.id])
            if quantity > 0:
                assigned.append(_take(need, offer, quantity, left))
        objective = sum(value_of(needs[a.need], offers[a.offer]) * a.quantity for a in assigned)
        short = [Shortfall(n.id, left[n.id], Unmet.OUTBID, "greedy") for n in problem.needs if left[n.id] > 0]
        return Result(Status.OPTIMAL, objective, objective, tuple(assigned), tuple(short))


def _take(need: Need, offer: Any, quantity: int, left: dict[str, int], *, locked: bool = False) -> Assignment:
    left[need.id] -= quantity
    left[offer.id] -= quantity
    return Assignment(offer.id, need.id, quantity, max(0, (offer.available_on - need.needed_by).days), locked)


def _all_short(needs: Iterable[Need]) -> tuple[Shortfall, ...]:
    return tuple(Shortfall(n.id, n.quantity, Unmet.NO_COMPATIBLE_OFFER, "nothing offered") for n in needs)
