"""Donor stocks: counted levels with the minimum each donor keeps for its own defence, donations that lower
them and replenishments that raise them back, each replenishment linked to the donation it backfills.

A level is never edited: a new count supersedes the old one from its date. Between counts the level moves
by donations (on their date) and replenishments (on their expected date). A donation that would take a
level below zero on any day is refused; one that takes it below the minimum is allowed and shows as a
readiness risk.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ramstein.domain.errors import InvalidInput, NotFound
from ramstein.domain.industry.months import add_months


def whole(name: str, value: int, *, minimum: int = 1) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        kind = "a positive whole number" if minimum == 1 else f"a whole number of at least {minimum}"
        raise InvalidInput(f"{name} must be {kind}, not {value!r}")


@dataclass(frozen=True, slots=True)
class StockCount:
    donor: str
    item: str
    quantity: int
    minimum: int  # kept for the donor's own defence
    on: date
    source: str = ""

    def __post_init__(self) -> None:
        whole("stock quantity", self.quantity, minimum=0)
        whole("minimum level", self.minimum, minimum=0)


@dataclass(frozen=True, slots=True)
class Donation:
    id: str
    donor: str
    item: str
    quantity: int
    on: date
    note: str = ""

    def __post_init__(self) -> None:
        whole("donated quantity", self.quantity)


@dataclass(frozen=True, slots=True)
class Replenishment:
    """A plan to refill a stock: what, from which producer (and contract), when, and which donation it backfills."""

    id: str
    donor: str
    item: str
    quantity: int
    expected_on: date
    producer: str
    contract: str | None = None  # a production contract of purpose replenishment, when there is one
    backfills: str | None = None  # the donation it replaces
    note: str = ""

    def __post_init__(self) -> None:
        whole("replenished quantity", self.quantity)


@dataclass(frozen=True, slots=True)
class StockBook:
    """Everything recorded about stocks, in the order recorded."""

    counts: tuple[StockCount, ...] = ()
    donations: tuple[Donation, ...] = ()
    replenishments: tuple[Replenishment, ...] = ()

    def stocks(self) -> list[tuple[str, str]]:
        return sorted({(c.donor, c.item) for c in self.counts})

    def count_on(self, donor: str, item: str, on: date) -> StockCount | None:
        """The latest count of this stock on or before `on` (a later record of the same day wins)."""
        found = [c for c in self.counts if c.donor == donor and c.item == item and c.on <= on]
        return max(found, key=lambda c: c.on) if found else None

    def level_on(self, donor: str, item: str, on: date) -> int:
        """The level at the end of day `on`; raises NotFound when the stock was never counted by then."""
        count = self.count_on(donor, item, on)
        if count is None:
            raise NotFound(
                f"{donor} has no count of {item} on or before {on}",
                hint="record the stock first: `ramstein stock count --donor ... --item ... --quantity ...`.",
            )
        moves = sum(q for d, q in self._moves(donor, item) if count.on < d <= on)
        return count.quantity + moves

    def _moves(self, donor: str, item: str) -> list[tuple[date, int]]:
        out = [(d.on, -d.quantity) for d in self.donations if d.donor == donor and d.item == item]
        out += [(r.expected_on, r.quantity) for r in self.replenishments if r.donor == donor and r.item == item]
        return out

    def backfilled(self, donation: str) -> int:
        return sum(r.quantity for r in self.replenishments if r.backfills == donation)


def check_donation(book: StockBook, donation: Donation) -> None:
    """Refuse a donation that takes the level below zero on its day or on any later recorded day."""
    count = book.count_on(donation.donor, donation.item, donation.on)
    if count is None:
        book.level_on(donation.donor, donation.item, donation.on)  # raises NotFound with the hint
    after = StockBook(book.counts, (*book.donations, donation), book.replenishments)
    days = {donation.on} | {d for d, _ in after._moves(donation.donor, donation.item) if d > donation.on}
    for day in sorted(days):
        level = after.level_on(donation.donor, donation.item, day)
        if level < 0:
            before = book.level_on(donation.donor, donation.item, day)
            raise InvalidInput(
                f"{donation.donor}'s stock of {donation.item} would fall to {level} on {day}: "
                f"{donation.quantity} donated from a level of {before}",
                hint="donate at most the level on that day, record a newer count, or plan a replenishment first.",
            )


def check_replenishment(book: StockBook, plan: Replenishment) -> None:
    """A backfill must name a donation of the same donor and item, and not refill more than was donated."""
    if plan.backfills is None:
        return
    donation = next((d for d in book.donations if d.id == plan.backfills), None)
    if donation is None:
        raise NotFound(f"no donation {plan.backfills!r} to backfill", hint="`ramstein stock list` shows donations.")
    if (donation.donor, donation.item) != (plan.donor, plan.item):
        raise InvalidInput(
            f"donation {donation.id} gave {donation.donor}'s {donation.item}, "
            f"so it cannot be backfilled by {plan.donor}'s {plan.item}",
            hint="link a replenishment to a donation of the same donor and item.",
        )
    left = donation.quantity - book.backfilled(donation.id)
    if plan.quantity > left:
        raise InvalidInput(
            f"donation {donation.id} has {left} of {donation.quantity} left to backfill, not {plan.quantity}",
            hint="plan the rest as a replenishment without --backfills.",
        )


@dataclass(frozen=True, slots=True)
class Readiness:
    """One stock month by month: its level at each month's end against the minimum."""

    donor: str
    item: str
    minimum: int
    months: tuple[date, ...]
    levels: tuple[int, ...]
    below: tuple[date, ...] = field(default=())  # months ending below the minimum

    @property
    def at_risk(self) -> bool:
        return bool(self.below)


def readiness(book: StockBook, start: date, months: int) -> list[Readiness]:
    """Each counted stock's level at the end of each of `months` months from `start` (a first of month)."""
    grid = tuple(add_months(start, k) for k in range(months))
    out = []
    for donor, item in book.stocks():
        ends = [add_months(m, 1).toordinal() - 1 for m in grid]
        levels, minimums = [], []
        for end in ends:
            day = date.fromordinal(end)
            count = book.count_on(donor, item, day)
            levels.append(book.level_on(donor, item, day) if count else 0)
            minimums.append(count.minimum if count else 0)
        below = tuple(m for m, lv, mn in zip(grid, levels, minimums, strict=True) if lv < mn)
        minimum = minimums[-1] if minimums else 0
        out.append(Readiness(donor, item, minimum, grid, tuple(levels), below))
    return out


def backfills(book: StockBook) -> list[tuple[Donation, tuple[Replenishment, ...]]]:
    """Every donation with the replenishments linked to it (none: not backfilled)."""
    return [(d, tuple(r for r in book.replenishments if r.backfills == d.id)) for d in book.donations]
