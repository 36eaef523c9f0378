"""Donors' offers and host nations' training courses: the supply side of the coordination engine.

An offer with nobody asking for its item is welcome all the same: it joins the pool and waits for a need.
A course is an offer of trainee seats for its course type, available when the course ends.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from ramstein.domain.errors import InvalidInput
from ramstein.domain.money import Money


class Origin(StrEnum):
    STOCK = "stock"
    PRODUCTION = "production"


@dataclass(frozen=True, slots=True)
class DonorOffer:
    id: str
    donor: str
    item: str
    quantity: int
    available_on: date
    origin: Origin
    unit_value: Money
    restrictions: frozenset[str] = frozenset()  # uses this offer forbids, beside the donor's register
    note: str = ""
    recorded_by: str = ""  # who entered it, and when: set on recording ("" and None before migration 0005)
    recorded_at: datetime | None = None

    def __post_init__(self) -> None:
        _positive("quantity", self.quantity)
        if self.unit_value.amount <= 0:
            raise InvalidInput(f"unit value must be positive, not {self.unit_value}")


@dataclass(frozen=True, slots=True)
class Course:
    id: str
    host: str
    course_type: str  # a catalogue item of kind training
    seats: int
    starts: date
    ends: date
    language: str = ""
    prerequisites: str = ""
    seat_value: Money | None = None  # what a seat costs the host; unvalued seats are never written to the ledger
    recorded_by: str = ""
    recorded_at: datetime | None = None

    def __post_init__(self) -> None:
        _positive("seats", self.seats)
        if self.ends < self.starts:
            raise InvalidInput(f"the course ends ({self.ends}) before it starts ({self.starts})")
        if self.seat_value is not None and self.seat_value.amount <= 0:
            raise InvalidInput(f"seat value must be positive, not {self.seat_value}")


@dataclass(frozen=True, slots=True)
class Withdrawal:
    """An offer or a course taken back: a new record, never an edit. What accepted rounds committed stays
    committed; only the rest leaves the pool."""

    supply: str  # an offer or a course id
    reason: str
    recorded_by: str
    recorded_at: datetime


def _positive(name: str, value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise InvalidInput(f"{name} must be a positive whole number, not {value!r}")
