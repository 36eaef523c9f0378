"""Everything recorded about the industrial base, as loaded for one decision or forecast."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ramstein.domain.errors import NotFound
from ramstein.domain.industry.months import add_months, first_of, months_between
from ramstein.domain.industry.production import (
    Contract,
    ProductionLine,
    Purpose,
    Ramp,
    capacities,
    check_ramps,
    deliveries,
    queue,
)
from ramstein.domain.industry.stocks import StockBook

CONTRACT_OFFER = "from production contract "  # how an offer made from a contract names it, in its note


@dataclass(frozen=True, slots=True)
class IndustryRegisters:
    stocks: StockBook = field(default_factory=StockBook)
    lines: tuple[ProductionLine, ...] = ()
    ramps: tuple[Ramp, ...] = ()
    contracts: tuple[Contract, ...] = ()

    def line(self, id_: str) -> ProductionLine:
        found = next((line for line in self.lines if line.id == id_), None)
        if found is None:
            raise NotFound(f"no production line {id_!r}", hint="`ramstein production list` shows the lines.")
        return found

    def ramps_of(self, line: ProductionLine) -> list[Ramp]:
        return check_ramps(line, self.ramps)


@dataclass(frozen=True, slots=True)
class LineSchedule:
    line: ProductionLine
    months: tuple[date, ...]
    capacity: tuple[int, ...]
    contracts: tuple[tuple[Contract, tuple[int, ...]], ...]  # each contract with its deliveries per month
    late: tuple[Contract, ...]  # not complete by their due date

    @property
    def free(self) -> tuple[int, ...]:
        """Capacity no contract takes, per month."""
        booked = [sum(d[k] for _, d in self.contracts) for k in range(len(self.months))]
        return tuple(c - b for c, b in zip(self.capacity, booked, strict=True))


def schedule(registers: IndustryRegisters, line: ProductionLine, start: date, months: int) -> LineSchedule:
    """The line's capacity and each contract's deliveries, month by month from `start`."""
    grid = tuple(add_months(first_of(start), k) for k in range(months))
    capacity = capacities(line, registers.ramps_of(line), grid[0], months)
    ordered = queue(registers.contracts, line.id)
    delivered = deliveries(capacity, ordered)
    late = tuple(
        c for c, d in zip(ordered, delivered, strict=True)
        if sum(d[: max(0, months_between(grid[0], c.due_by) + 1)]) < c.quantity
    )  # fmt: skip
    return LineSchedule(line, grid, tuple(capacity), tuple(zip(ordered, map(tuple, delivered), strict=True)), late)


def ukraine_contracts(registers: IndustryRegisters) -> list[Contract]:
    return [c for c in registers.contracts if c.purpose is Purpose.UKRAINE]
