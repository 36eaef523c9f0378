"""One allocation round in words: who gives what to which need, and why — the objective's own terms (the
need's priority, how late the offer arrives, a catalogued substitute, a coordinator's lock) — and why each
need left open is open (the optimiser's shortfall reasons)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ramstein.domain.allocation import LATE_HORIZON_DAYS, Assignment
from ramstein.interfaces.web.i18n import PageMessages
from ramstein.reports.render.locale import Formatter
from ramstein.services.rounds import RoundView


@dataclass(frozen=True, slots=True)
class AssignmentLine:
    offer: str
    donor: str
    item: str
    need: str
    need_item: str
    quantity: int
    days_late: int
    locked: bool
    reason: str


@dataclass(frozen=True, slots=True)
class ShortfallLine:
    need: str
    item: str
    quantity: int
    reason: str
    detail: str


def assignments(view: RoundView, t: PageMessages, f: Formatter) -> list[AssignmentLine]:
    return [_line(view, a, t, f) for a in view.round.result.assignments]


def _line(view: RoundView, a: Assignment, t: PageMessages, f: Formatter) -> AssignmentLine:
    supply, need = view.registers.supply(a.offer), view.registers.requirement(a.need)
    donor, item = (supply.donor, supply.item) if supply else ("?", "?")
    need_item, priority = (need.item, need.priority) if need else ("?", 0)
    return AssignmentLine(a.offer, donor, item, a.need, need_item, a.quantity, a.days_late, a.locked,
                          reason(a, priority, item != need_item, t, f))  # fmt: skip


def reason(a: Assignment, priority: int, substitute: bool, t: PageMessages, f: Formatter) -> str:
    """Why this pair: a lock, else its value per unit by the documented objective and what set it."""
    if a.locked:
        return t("round.reason.locked")
    late = min(a.days_late, LATE_HORIZON_DAYS)
    worth = Decimal(priority) * (LATE_HORIZON_DAYS - late) / LATE_HORIZON_DAYS
    timing = t("round.reason.on_time") if a.days_late == 0 else t("round.reason.late", days=a.days_late)
    parts = [t("round.reason.value", priority=priority, worth=f.number(worth, 2)), timing]
    if substitute:
        parts.append(t("round.reason.substitute"))
    return " ".join(parts)


def shortfalls(view: RoundView) -> list[ShortfallLine]:
    lines = []
    for s in view.round.result.shortfalls:
        need = view.registers.requirement(s.need)
        lines.append(ShortfallLine(s.need, need.item if need else "?", s.quantity, s.reason, s.detail))
    return lines
