"""The Kiel Institute's Ukraine Support Tracker, as ledger entries.

Kiel counts *allocations*: aid earmarked for specific items or transfers, per donor and month, in EUR bn,
split into military, financial and humanitarian aid. ramstein records each non-zero cell as a commitment
(Kiel's allocation is ramstein's commitment), dated the first day of its month and sourced to the release.

Releases revise earlier months. A newer release supersedes the older one cell by cell: a cell whose amount
changed is reversed and recorded again, a cell that disappeared is reversed, a new cell is added, and an
unchanged cell keeps its original entry. So the ledger keeps every release's history, and importing the
same release twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ramstein.domain.errors import Conflict
from ramstein.domain.ledger import AidType, Channel, Entry, EntryKind, LedgerEntry
from ramstein.domain.money import Money
from ramstein.domain.nations import UKRAINE

BILLION = Decimal(10) ** 9
EXTERNAL_PREFIX = "kiel:"
EU_INSTITUTIONS = "EU"


@dataclass(frozen=True, slots=True)
class Allocation:
    """One cell of the tracker: a donor's allocations of one aid type in one month, in EUR bn."""

    donor: str
    month: date  # the first day of the month
    aid_type: AidType
    eur_bn: Decimal

    @property
    def key(self) -> str:
        return f"{self.donor}:{self.month:%Y-%m}:{self.aid_type}"


@dataclass(frozen=True, slots=True)
class Release:
    number: int
    period: str  # "04/2026": allocations through that month
    published: date
    label: str
    allocations: tuple[Allocation, ...]

    @property
    def source(self) -> str:
        return f"Kiel Institute for the World Economy, {self.label}, published {self.published.isoformat()}"

    def external_id(self, allocation: Allocation) -> str:
        return f"{EXTERNAL_PREFIX}{self.number}:{allocation.key}"

    def entry(self, allocation: Allocation) -> Entry:
        return Entry(
            kind=EntryKind.COMMITMENT,
            donor=allocation.donor,
            recipient=UKRAINE,
            amount=Money(allocation.eur_bn * BILLION, "EUR"),
            on=allocation.month,
            aid_type=allocation.aid_type,
            channel=Channel.EU if allocation.donor == EU_INSTITUTIONS else Channel.BILATERAL,
            source=self.source,
            external_id=self.external_id(allocation),
        )


@dataclass(frozen=True, slots=True)
class SupersedePlan:
    """What importing a release does to the ledger."""

    release: int
    add: tuple[Entry, ...]
    reverse: tuple[LedgerEntry, ...]
    unchanged: int

    @property
    def is_empty(self) -> bool:
        return not self.add and not self.reverse


def release_number(external_id: str) -> int:
    return int(external_id.split(":", 2)[1])


def cell_key(external_id: str) -> str:
    return external_id.split(":", 2)[2]


def plan_import(release: Release, current: Iterable[LedgerEntry]) -> SupersedePlan:
    """Compare a release with the tracker entries in force (`current`: live entries with a kiel: id)."""
    in_force: dict[str, LedgerEntry] = {}
    for record in current:
        external = record.entry.external_id or ""
        if release_number(external) > release.number:
            raise Conflict(
                f"release {release.number} is older than release {release_number(external)}, already imported",
                hint="import only the same or a newer release; history is kept through reversals.",
            )
        in_force[cell_key(external)] = record
    add: list[Entry] = []
    reverse: list[LedgerEntry] = []
    unchanged = 0
    for allocation in release.allocations:
        if allocation.eur_bn == 0:
            continue
        old = in_force.pop(allocation.key, None)
        if old is not None and old.entry.amount.amount == allocation.eur_bn * BILLION:
            unchanged += 1
            continue
        if old is not None:
            reverse.append(old)
        add.append(release.entry(allocation))
    reverse.extend(in_force.values())  # cells the new release no longer has
    return SupersedePlan(release.number, tuple(add), tuple(reverse), unchanged)
