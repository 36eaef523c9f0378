"""The in-memory fake of the industrial base's registers, with the SQL store's rules: unique ids, add only."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field, fields
from typing import Any

from ramstein.domain.errors import Conflict
from ramstein.domain.industry.production import Contract, ProductionLine, Ramp
from ramstein.domain.industry.registers import IndustryRegisters
from ramstein.domain.industry.stocks import Donation, Replenishment, StockBook, StockCount


@dataclass
class IndustryData:
    counts: list[StockCount] = field(default_factory=list)
    donations: list[Donation] = field(default_factory=list)
    replenishments: list[Replenishment] = field(default_factory=list)
    lines: list[ProductionLine] = field(default_factory=list)
    ramps: list[Ramp] = field(default_factory=list)
    contracts: list[Contract] = field(default_factory=list)


class IndustryStore:
    """The committed registers, shared by every unit of work of one MemoryStore."""

    def __init__(self) -> None:
        self.committed = IndustryData()
        self.guard = threading.RLock()


class MemoryIndustryRepository:
    def __init__(self, store: IndustryStore) -> None:
        self._store = store
        self._pending = IndustryData()

    def add_count(self, count: StockCount) -> None:
        self._pending.counts.append(count)

    def add_donation(self, donation: Donation) -> None:
        self._unique(donation.id, "donations", "donation")
        self._pending.donations.append(donation)

    def add_replenishment(self, plan: Replenishment) -> None:
        self._unique(plan.id, "replenishments", "replenishment")
        self._pending.replenishments.append(plan)

    def add_line(self, line: ProductionLine) -> None:
        self._unique(line.id, "lines", "production line")
        self._pending.lines.append(line)

    def add_ramp(self, ramp: Ramp) -> None:
        self._pending.ramps.append(ramp)

    def add_contract(self, contract: Contract) -> None:
        self._unique(contract.id, "contracts", "contract")
        self._pending.contracts.append(contract)

    def registers(self) -> IndustryRegisters:
        every = {part.name: tuple(self._all(part.name)) for part in fields(IndustryData)}
        book = StockBook(every["counts"], every["donations"], every["replenishments"])
        return IndustryRegisters(book, every["lines"], every["ramps"], every["contracts"])

    def publish(self) -> None:
        with self._store.guard:
            for part in fields(IndustryData):
                taken = {getattr(r, "id", None) for r in getattr(self._store.committed, part.name)} - {None}
                if clash := [r.id for r in getattr(self._pending, part.name) if getattr(r, "id", None) in taken]:
                    raise Conflict(f"id {clash[0]!r} is taken")
            for part in fields(IndustryData):
                getattr(self._store.committed, part.name).extend(getattr(self._pending, part.name))
            self.discard()

    def discard(self) -> None:
        for part in fields(IndustryData):
            getattr(self._pending, part.name).clear()

    def _all(self, name: str) -> list[Any]:
        with self._store.guard:
            return [*getattr(self._store.committed, name), *getattr(self._pending, name)]

    def _unique(self, id_: str, name: str, what: str) -> None:
        if any(r.id == id_ for r in self._all(name)):
            raise Conflict(f"{what} id {id_!r} is taken", hint="leave the id out and one is given.")
