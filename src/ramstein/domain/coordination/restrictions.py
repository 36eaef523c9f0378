"""End-use restrictions as a register of dated changes, resolved to the uses forbidden on a given date.

A restriction is never edited: imposing it and lifting it (wholly, or for some items only) are separate
dated changes. For one donor, item and use, the latest change on or before the date decides; on the same
date a change for the item itself beats one for its family, which beats one for every item ("*").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from ramstein.domain.coordination.catalogue import Catalogue
from ramstein.domain.errors import InvalidInput

EVERY_ITEM = "*"


class Action(StrEnum):
    IMPOSED = "imposed"
    LIFTED = "lifted"


@dataclass(frozen=True, slots=True)
class RestrictionChange:
    donor: str
    use: str  # an intended use, as requirements state it, e.g. strikes-deep-inside-russia
    action: Action
    on: date
    scope: str = EVERY_ITEM  # an item code, a family, or "*" for every item of the donor
    source: str = ""
    id: int | None = None
    recorded_by: str = ""  # who entered the change, and when ("" and None before migration 0005)
    recorded_at: datetime | None = None

    def __post_init__(self) -> None:
        if not self.use.strip():
            raise InvalidInput("a restriction names the use it forbids or allows, e.g. strikes-deep-inside-russia")
        if not self.scope.strip():
            raise InvalidInput("a restriction's scope is an item code, a family, or * for every item")


def scopes(catalogue: Catalogue) -> frozenset[str]:
    """What a restriction may name as its scope: every item ("*"), a family, or one item of the catalogue."""
    return frozenset({EVERY_ITEM, *(i.code for i in catalogue), *(i.family for i in catalogue)})


def _specificity(change: RestrictionChange, item: str) -> int:
    return 2 if change.scope == item else 0 if change.scope == EVERY_ITEM else 1


def forbidden_uses(
    changes: Iterable[RestrictionChange], *, donor: str, item: str, family: str, on: date
) -> frozenset[str]:
    """The uses `donor` forbids for `item` (of `family`) on date `on`."""
    deciding: dict[str, tuple[date, int, int, Action]] = {}
    for position, change in enumerate(changes):
        if change.donor != donor or change.on > on or change.scope not in (item, family, EVERY_ITEM):
            continue
        # later date first, then the more specific scope, then the later record
        key = (change.on, _specificity(change, item), position, change.action)
        if change.use not in deciding or key[:3] > deciding[change.use][:3]:
            deciding[change.use] = key
    return frozenset(use for use, (*_, action) in deciding.items() if action is Action.IMPOSED)
