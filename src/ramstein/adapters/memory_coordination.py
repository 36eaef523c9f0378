"""The in-memory fake of the coordination registers, with the SQL store's rules: unique ids, add only.

Committed records live in `CoordinationData` on the `MemoryStore`; a unit of work keeps its additions in
its own `CoordinationData` until `publish()`.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field, fields, replace
from itertools import count
from typing import Any

from ramstein.domain.coordination.catalogue import CatalogueItem
from ramstein.domain.coordination.offers import Course, DonorOffer, Withdrawal
from ramstein.domain.coordination.registers import Registers
from ramstein.domain.coordination.requirements import Requirement, RequirementEvent
from ramstein.domain.coordination.restrictions import RestrictionChange
from ramstein.domain.coordination.rounds import Acceptance, Delivery, Round
from ramstein.domain.errors import Conflict


@dataclass
class CoordinationData:
    requirements: list[Requirement] = field(default_factory=list)
    events: list[RequirementEvent] = field(default_factory=list)
    offers: list[DonorOffer] = field(default_factory=list)
    courses: list[Course] = field(default_factory=list)
    restrictions: list[RestrictionChange] = field(default_factory=list)
    rounds: list[Round] = field(default_factory=list)
    acceptances: list[Acceptance] = field(default_factory=list)
    deliveries: list[Delivery] = field(default_factory=list)
    withdrawals: list[Withdrawal] = field(default_factory=list)
    catalogue: list[CatalogueItem] = field(default_factory=list)  # not a part of `Registers`

    def extend(self, other: CoordinationData) -> None:
        for part in fields(self):
            getattr(self, part.name).extend(getattr(other, part.name))

    def clear(self) -> None:
        for part in fields(self):
            getattr(self, part.name).clear()


class CoordinationStore:
    """The committed registers, shared by every unit of work of one MemoryStore."""

    def __init__(self) -> None:
        self.committed = CoordinationData()
        self.guard = threading.RLock()
        self.ids = count(1)  # like a database sequence for restriction and delivery ids


class MemoryCoordinationRepository:
    def __init__(self, store: CoordinationStore) -> None:
        self._store = store
        self._pending = CoordinationData()

    def add_requirement(self, requirement: Requirement) -> None:
        self._unique(requirement.id, "requirement", ("requirements",))
        self._pending.requirements.append(requirement)

    def add_event(self, event: RequirementEvent) -> None:
        self._pending.events.append(event)

    def add_offer(self, offer: DonorOffer) -> None:
        self._unique(offer.id, "offer", ("offers", "courses"))
        self._pending.offers.append(offer)

    def add_course(self, course: Course) -> None:
        self._unique(course.id, "course", ("offers", "courses"))
        self._pending.courses.append(course)

    def add_restriction(self, change: RestrictionChange) -> RestrictionChange:
        stored = replace(change, id=next(self._store.ids))
        self._pending.restrictions.append(stored)
        return stored

    def add_round(self, round_: Round) -> None:
        if any(r.number == round_.number for r in self._all("rounds")):
            raise Conflict(f"round {round_.number} exists already", hint="run the round again: it takes a new number.")
        self._pending.rounds.append(round_)

    def add_acceptance(self, acceptance: Acceptance) -> None:
        if any(a.round == acceptance.round for a in self._all("acceptances")):
            raise Conflict(f"round {acceptance.round} was accepted already")
        self._pending.acceptances.append(acceptance)

    def add_delivery(self, delivery: Delivery) -> Delivery:
        stored = replace(delivery, id=next(self._store.ids))
        self._pending.deliveries.append(stored)
        return stored

    def add_withdrawal(self, withdrawal: Withdrawal) -> None:
        if any(w.supply == withdrawal.supply for w in self._all("withdrawals")):
            raise Conflict(f"{withdrawal.supply} was withdrawn already")
        self._pending.withdrawals.append(withdrawal)

    def add_catalogue_item(self, item: CatalogueItem) -> None:
        if any(i.code == item.code for i in self._all("catalogue")):
            raise Conflict(f"item {item.code!r} was added to the catalogue already")
        self._pending.catalogue.append(item)

    def catalogue_items(self) -> list[CatalogueItem]:
        return self._all("catalogue")

    def registers(self) -> Registers:
        parts = (part.name for part in fields(CoordinationData) if part.name != "catalogue")
        return Registers(**{name: tuple(self._all(name)) for name in parts})

    def publish(self) -> None:
        """Commit: re-check unique ids against what others committed meanwhile, then publish."""
        with self._store.guard:
            mine = self._pending
            for name in ("requirements", "offers", "courses"):
                taken = {r.id for r in getattr(self._store.committed, name)}
                if clash := [r.id for r in getattr(mine, name) if r.id in taken]:
                    raise Conflict(f"id {clash[0]!r} is taken")
            self._store.committed.extend(mine)
            mine.clear()

    def discard(self) -> None:
        self._pending.clear()

    def _all(self, name: str) -> list[Any]:
        with self._store.guard:
            return [*getattr(self._store.committed, name), *getattr(self._pending, name)]

    def _unique(self, id_: str, what: str, names: tuple[str, ...]) -> None:
        if any(r.id == id_ for name in names for r in self._all(name)):
            raise Conflict(f"{what} id {id_!r} is taken", hint="leave the id out and one is given.")
