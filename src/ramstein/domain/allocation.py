"""The matching problem: Ukraine's needs, donors' offers, and the best assignment of one to the other.

This module is the contract between the coordination services (which build a `Problem` from the registers
of requirements, offers, courses, the catalogue and the restrictions in force) and the optimiser (which
returns a `Result`). Both sides are pure data; an optimiser is any `solve(problem) -> Result`.

The value of assigning one unit of an offer to a need (docs/allocation.md):

    value = priority x max(0, 1 - days_late / LATE_HORIZON_DAYS)

where days_late = max(0, offer.available_on - need.needed_by). The optimiser maximises the total value;
secondary preferences (earlier delivery, fewer shipments, spreading across donors) may only break ties.
Needs that share a `package` (platform + ammunition + spares + training seats) are served all or nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

LATE_HORIZON_DAYS = 90  # a unit delivered this many days late or more is worth nothing
MIN_PRIORITY, MAX_PRIORITY = 1, 5


@dataclass(frozen=True, slots=True)
class Need:
    """One approved requirement line, or the open part of one. `item` is any string: equal items are
    compatible; the catalogue adds substitutions. Training requests are needs for seats of a course type."""

    id: str
    item: str
    quantity: int
    priority: int
    needed_by: date
    intended_use: str | None = None  # checked against the end-use restrictions of each offer
    group: str | None = None  # capability area: needs of different groups never compete
    package: str | None = None  # needs sharing a package are served all or nothing: each in full, or none


@dataclass(frozen=True, slots=True)
class Offer:
    """What a donor can provide. `forbidden_uses` are the end-use restrictions in force on `available_on`
    (the caller resolves the dated register); an offer is never assigned to a need whose use is forbidden."""

    id: str
    donor: str
    item: str
    quantity: int
    available_on: date
    forbidden_uses: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Lock:
    """A coordinator's fixed assignment: kept as it is; the rest is re-optimised around it."""

    offer: str
    need: str
    quantity: int


@dataclass(frozen=True, slots=True)
class Problem:
    needs: tuple[Need, ...]
    offers: tuple[Offer, ...]
    substitutes: Mapping[str, frozenset[str]] = field(default_factory=dict)  # need item -> offer items that serve it
    locks: tuple[Lock, ...] = ()


class Status(StrEnum):
    OPTIMAL = "optimal"
    FEASIBLE = "feasible"  # stopped by a time limit: the bound says how far from optimal it can be
    INFEASIBLE = "infeasible"  # e.g. locks that contradict the quantities
    EMPTY = "empty"  # nothing to match


class Unmet(StrEnum):
    NO_COMPATIBLE_OFFER = "no-compatible-offer"
    RESTRICTED = "restricted"  # compatible offers exist, but their end-use restrictions forbid this use
    OUTBID = "outbid"  # compatible offers went to needs of higher value
    SHORT_OF_SUPPLY = "short-of-supply"  # it got every usable unit of its compatible offers: not enough is offered
    TOO_LATE = "too-late"  # compatible offers arrive LATE_HORIZON_DAYS or more after the needed-by date
    INCOMPLETE_PACKAGE = "incomplete-package"  # its package could not be served whole, so none of it is


@dataclass(frozen=True, slots=True)
class Assignment:
    offer: str
    need: str
    quantity: int
    days_late: int
    locked: bool = False


@dataclass(frozen=True, slots=True)
class Shortfall:
    """The part of a need left open, and why."""

    need: str
    quantity: int
    reason: Unmet
    detail: str


@dataclass(frozen=True, slots=True)
class Result:
    status: Status
    objective: float  # total value of the assignments
    bound: float  # an upper bound on the objective (equal to it when optimal)
    assignments: tuple[Assignment, ...] = ()
    shortfalls: tuple[Shortfall, ...] = ()
    message: str = ""


def unit_value(need: Need, offer: Offer) -> float:
    """The documented objective's value of one unit of `offer` assigned to `need`."""
    late = max(0, (offer.available_on - need.needed_by).days)
    return need.priority * max(0.0, 1 - late / LATE_HORIZON_DAYS)


def compatible(need: Need, offer: Offer, substitutes: Mapping[str, frozenset[str]]) -> bool:
    """Same item or a catalogued substitute, and no end-use restriction against the need's intended use."""
    same = offer.item == need.item or offer.item in substitutes.get(need.item, frozenset())
    return same and (need.intended_use is None or need.intended_use not in offer.forbidden_uses)
