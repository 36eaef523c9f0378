"""Allocation rounds, their acceptance, and confirmed deliveries; the ledger entries each one writes.

A round is the optimiser's answer to the registers as of a date. It stays a proposal until the coordinator
accepts it; accepting writes one commitment entry per valued assignment to the ledger, so fair-share credit
follows. A round run before another was accepted is stale (its supply may be gone) and cannot be accepted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from ramstein.domain.allocation import Lock, Result
from ramstein.domain.coordination.offers import Course, DonorOffer, Origin
from ramstein.domain.coordination.requirements import Requirement
from ramstein.domain.errors import InvalidInput
from ramstein.domain.ledger import Entry, EntryKind, Instrument, Item
from ramstein.domain.money import Money
from ramstein.domain.nations import UKRAINE


@dataclass(frozen=True, slots=True)
class Round:
    number: int
    as_of: date
    basis: int  # the last accepted round when this one was run (0: none)
    result: Result
    locks: tuple[Lock, ...]
    run_by: str
    run_at: datetime
    note: str = ""


@dataclass(frozen=True, slots=True)
class Acceptance:
    round: int
    by: str
    at: datetime
    entries: tuple[int, ...]  # ledger sequence numbers of the commitments written


@dataclass(frozen=True, slots=True)
class Delivery:
    requirement: str
    offer: str  # an offer or a course id
    quantity: int
    on: date
    by: str
    at: datetime
    ledger_seq: int | None = None  # None: an unvalued training seat, not in the ledger
    id: int | None = None

    def __post_init__(self) -> None:
        if isinstance(self.quantity, bool) or self.quantity <= 0:
            raise InvalidInput(f"a delivered quantity must be a positive whole number, not {self.quantity!r}")


@dataclass(frozen=True, slots=True)
class Supply:
    """What the ledger needs of an offer or a course: who gives, what, valued how, under which instrument."""

    id: str
    donor: str
    item: str
    unit_value: Money | None
    instrument: Instrument


def supply_of(source: DonorOffer | Course) -> Supply:
    if isinstance(source, Course):
        return Supply(source.id, source.host, source.course_type, source.seat_value, Instrument.TRAINING)
    instrument = Instrument.IN_KIND if source.origin is Origin.STOCK else Instrument.PURCHASE
    return Supply(source.id, source.donor, source.item, source.unit_value, instrument)


def ledger_entry(
    kind: EntryKind, supply: Supply, requirement: Requirement, quantity: int, *, on: date, source: str, key: str
) -> Entry | None:
    """A commitment or delivery of `quantity` of `supply` for `requirement`; None when the supply has no value
    (an entry's amount must be positive, and an unvalued seat would credit nothing)."""
    if supply.unit_value is None:
        return None
    return Entry(
        kind=kind,
        donor=supply.donor,
        recipient=UKRAINE,
        amount=supply.unit_value * quantity,
        on=on,
        instrument=supply.instrument,
        capability=requirement.capability,
        items=(Item(supply.item, quantity, supply.unit_value),),
        source=source,
        external_id=key,
        note=f"offer {supply.id} for requirement {requirement.id}",
    )


def round_source(number: int) -> str:
    return f"allocation round {number}"
