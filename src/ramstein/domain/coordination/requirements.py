"""Ukraine's requirement lines and their history.

A line is proposed by Ukraine and approved by the coordinator before it is matched. Decisions are events
(new records, never edits); what is committed and delivered comes from accepted rounds and confirmed
deliveries, so a line's status is derived, never stored twice:

    proposed -> approved -> partly-met (some committed) -> committed (all committed) -> met (all delivered)
    and withdrawn, from proposed or approved.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from ramstein.domain.allocation import MAX_PRIORITY, MIN_PRIORITY
from ramstein.domain.coordination.catalogue import Catalogue
from ramstein.domain.errors import Conflict, InvalidInput
from ramstein.domain.ledger import Capability


class Decision(StrEnum):
    PROPOSED = "proposed"
    APPROVED = "approved"
    WITHDRAWN = "withdrawn"


class LineStatus(StrEnum):
    PROPOSED = "proposed"
    APPROVED = "approved"
    PARTLY_MET = "partly-met"
    COMMITTED = "committed"
    MET = "met"
    WITHDRAWN = "withdrawn"


@dataclass(frozen=True, slots=True)
class Requirement:
    id: str
    capability: Capability
    item: str
    quantity: int
    priority: int
    needed_by: date
    intended_use: str | None = None
    package: str | None = None  # lines expanded from one package share this tag
    crew_for: str | None = None  # a training request: the requirement whose equipment the crews will operate
    note: str = ""

    def __post_init__(self) -> None:
        if isinstance(self.quantity, bool) or not isinstance(self.quantity, int) or self.quantity <= 0:
            raise InvalidInput(f"quantity must be a positive whole number, not {self.quantity!r}")
        if not MIN_PRIORITY <= self.priority <= MAX_PRIORITY:
            raise InvalidInput(f"priority must be {MIN_PRIORITY} (low) to {MAX_PRIORITY} (high), not {self.priority}")


@dataclass(frozen=True, slots=True)
class RequirementEvent:
    requirement: str
    decision: Decision
    at: datetime
    by: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class LineProgress:
    requirement: Requirement
    status: LineStatus
    committed: int
    delivered: int
    by_donor: Mapping[str, int] = field(default_factory=dict)  # committed quantities per donor
    why_open: str = ""  # why some of it is still open: awaiting approval, or the newest round's reason

    @property
    def open(self) -> int:
        """What is still to be found: the quantity not yet committed (0 once withdrawn)."""
        return 0 if self.status is LineStatus.WITHDRAWN else max(0, self.requirement.quantity - self.committed)


def check_requirement(requirement: Requirement, catalogue: Catalogue, today: date) -> list[tuple[str, str]]:
    """(column, problem) of a new line; empty when it may be proposed."""
    problems = []
    if requirement.item not in catalogue:
        problems.append(("item", f"unknown item {requirement.item!r}; `ramstein catalogue list` shows the items"))
    if requirement.needed_by < today:
        problems.append(("needed_by", f"{requirement.needed_by} is already past (today is {today})"))
    return problems


def decision(events: Iterable[RequirementEvent], requirement: str) -> Decision | None:
    """The latest decision about a line, None when it was never proposed."""
    latest = None
    for event in events:
        if event.requirement == requirement:
            latest = event.decision
    return latest


def check_transition(current: Decision | None, wanted: Decision, requirement: str) -> None:
    allowed = {Decision.APPROVED: {Decision.PROPOSED}, Decision.WITHDRAWN: {Decision.PROPOSED, Decision.APPROVED}}
    if current not in allowed.get(wanted, set()):
        raise Conflict(
            f"requirement {requirement} is {current or 'unknown'} and cannot be {wanted}",
            hint="`ramstein needs list` shows each line's status.",
        )


def line_status(current: Decision | None, quantity: int, committed: int, delivered: int) -> LineStatus:
    if current is Decision.WITHDRAWN:
        return LineStatus.WITHDRAWN
    if current is not Decision.APPROVED:
        return LineStatus.PROPOSED
    if delivered >= quantity:
        return LineStatus.MET
    if committed >= quantity:
        return LineStatus.COMMITTED
    return LineStatus.PARTLY_MET if committed or delivered else LineStatus.APPROVED


def next_id(prefix: str, existing: Iterable[str]) -> str:
    """R1, R2, ...: one more than the highest number used with `prefix`."""
    numbers = [int(i[len(prefix) :]) for i in existing if i.startswith(prefix) and i[len(prefix) :].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1}"
