"""Production lines, their ramps from peacetime to surge rate, and contracts drawing on their capacity.

Capacity is per month. A line makes `peacetime_rate` a month from `since`. A ramp starting in month S over N
months raises the rate linearly from the rate before it to `surge_rate`: month S+k (k = 0..N-1) makes
prev + (surge - prev) × (k+1) / N, rounded down, so the N-th month (S+N-1) runs at the surge rate and every
month after it too. Ramps of one line may follow each other but never overlap.

Contracts are served first come, first served: in the order they were signed (then by id), each takes the
line's capacity from the start of the schedule until its quantity is made. Cumulatively, contract k has
received min(max(C(t) - Q_k, 0), q_k) by month t, where C is the line's cumulative capacity and Q_k the
quantity of the contracts before it: the same formula the Monte Carlo engine evaluates over many runs.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from ramstein.domain.errors import InvalidInput
from ramstein.domain.industry.months import add_months, first_of, label, months_between
from ramstein.domain.industry.stocks import whole
from ramstein.domain.money import Money


class Purpose(StrEnum):
    UKRAINE = "ukraine"  # delivered to Ukraine: supply in the forecast, offers in the coordination engine
    REPLENISHMENT = "replenishment"  # refills a donor's stock
    OTHER = "other"  # a nation's own orders: they take capacity too


@dataclass(frozen=True, slots=True)
class ProductionLine:
    id: str
    producer: str
    nation: str
    item: str
    peacetime_rate: int  # per month
    since: date  # first month of production
    note: str = ""

    def __post_init__(self) -> None:
        whole("peacetime rate", self.peacetime_rate, minimum=0)


@dataclass(frozen=True, slots=True)
class Ramp:
    line: str
    starts: date  # a first of month
    months: int
    surge_rate: int
    investment: Money | None = None  # what pays for it
    note: str = ""

    def __post_init__(self) -> None:
        whole("ramp months", self.months)
        whole("surge rate", self.surge_rate, minimum=0)
        if self.starts.day != 1:
            raise InvalidInput(f"a ramp starts on the first of a month, not {self.starts}", hint="e.g. 2027-01-01.")
        if self.investment is not None and self.investment.amount < 0:
            raise InvalidInput(f"an investment cannot be negative, not {self.investment}")

    @property
    def last_month(self) -> date:
        """The month in which the surge rate is reached."""
        return add_months(self.starts, self.months - 1)


@dataclass(frozen=True, slots=True)
class Contract:
    id: str
    line: str
    buyer: str  # the nation that pays (for Ukraine, the donor)
    purpose: Purpose
    quantity: int
    signed_on: date
    due_by: date
    unit_price: Money
    overbooking_accepted: bool = False  # recorded although the line cannot make it by `due_by`
    note: str = ""

    def __post_init__(self) -> None:
        whole("contract quantity", self.quantity)
        if self.due_by < self.signed_on:
            raise InvalidInput(f"contract {self.id or '(new)'} is due ({self.due_by}) before it is signed")
        if self.unit_price.amount <= 0:
            raise InvalidInput(f"a unit price must be positive, not {self.unit_price}")


class Overbooked(InvalidInput):
    """A contract the line's capacity cannot make by its due date."""

    code = "overbooked"


def check_ramps(line: ProductionLine, ramps: Iterable[Ramp]) -> list[Ramp]:
    """The line's ramps in order; raises InvalidInput when two overlap or one starts before the line."""
    ordered = sorted((r for r in ramps if r.line == line.id), key=lambda r: r.starts)
    for ramp in ordered:
        if ramp.starts < first_of(line.since):
            raise InvalidInput(f"a ramp of line {line.id} starts {ramp.starts}, before the line does ({line.since})")
    for earlier, later in itertools.pairwise(ordered):
        if later.starts <= earlier.last_month:
            raise InvalidInput(
                f"ramps of line {line.id} overlap: {label(earlier.starts)} to {label(earlier.last_month)} "
                f"and {label(later.starts)} to {label(later.last_month)}",
                hint="start a ramp after the month the previous one reaches its surge rate.",
            )
    return ordered


def rate_in(line: ProductionLine, ramps: Sequence[Ramp], month: date, speed: float = 1.0) -> int:
    """Capacity in `month`; `ramps` are the line's, ordered and checked (`check_ramps`). `speed` scales the
    ramps' length (0.5: twice as fast), as scenarios do; 1 is the stated plan."""
    origin = first_of(line.since)
    steps = [(months_between(origin, r.starts), r.months, r.surge_rate) for r in ramps]
    return ramp_rate(line.peacetime_rate, 0, steps, months_between(origin, month), speed)


def ramp_rate(peacetime: int, since: int, ramps: Sequence[tuple[int, int, int]], month: int, speed: float) -> int:
    """The rate in month index `month` of a line producing from month `since`, with `ramps` as (start month,
    months, surge rate) in order: the one formula every evaluation of a ramp uses (see the module's notes)."""
    if month < since:
        return 0
    rate = peacetime
    for start, months, surge in ramps:
        k = month - start
        if k < 0:
            break
        span = months * speed
        rate = surge if k + 1 >= span else rate + math.floor((surge - rate) * (k + 1) / span)
    return rate


def capacities(line: ProductionLine, ramps: Sequence[Ramp], start: date, months: int, speed: float = 1.0) -> list[int]:
    return [rate_in(line, ramps, add_months(start, k), speed) for k in range(months)]


def queue(contracts: Iterable[Contract], line: str) -> list[Contract]:
    """A line's contracts in the order they are served."""
    return sorted((c for c in contracts if c.line == line), key=lambda c: (c.signed_on, c.id))


def deliveries(capacity: Sequence[int], ordered: Sequence[Contract]) -> list[list[int]]:
    """Per contract, the quantity delivered in each month (first come, first served)."""
    made, before, out = 0, 0, []
    cumulative = []
    for cap in capacity:
        made += cap
        cumulative.append(made)
    for contract in ordered:
        got = [min(max(c - before, 0), contract.quantity) for c in cumulative]
        out.append([now - prev for now, prev in zip(got, [0, *got[:-1]], strict=True)])
        before += contract.quantity
    return out


def check_booking(line: ProductionLine, ramps: Sequence[Ramp], contracts: Sequence[Contract], new: Contract) -> None:
    """Raise `Overbooked` when the line cannot make `new` by its due date behind the contracts signed before it."""
    start = first_of(min([new.signed_on, *(c.signed_on for c in contracts if c.line == line.id)]))
    months = months_between(start, new.due_by) + 1
    ordered = queue([*contracts, new], line.id)
    capacity = capacities(line, ramps, start, months)
    made = sum(deliveries(capacity, ordered)[ordered.index(new)])
    if made < new.quantity:
        ahead = sum(c.quantity for c in ordered[: ordered.index(new)])
        raise Overbooked(
            f"line {line.id} ({line.producer}, {line.item}) can make only {made} of {new.quantity} by {new.due_by}: "
            f"it makes {sum(capacity)} from {label(start)} and {ahead} are booked ahead of this contract",
            hint="book a smaller quantity or a later due date, ramp the line up first, "
            "or record it anyway with --allow-overbooking (it is then shown as late).",
        )
