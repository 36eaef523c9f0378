"""Why each need is left open: one `Shortfall` per need with an open quantity.

The reasons are decided from the offers whose item serves the need (the same item or a catalogued
substitute), in this order:
  none at all                                         -> NO_COMPATIBLE_OFFER
  some usable (less than 90 days late, not forbidden)  -> OUTBID: they went to other needs (named) or locks
  some less than 90 days late, all forbidden          -> RESTRICTED
  otherwise (every one 90 days late or more)          -> TOO_LATE
An optimal flow never leaves a usable offer idle while a need it serves is open (that unit would add value),
so a need with usable offers that is still open lost them to others.
"""

from __future__ import annotations

from datetime import date

import numpy as np

from ramstein.adapters.solvers.arcs import Arcs
from ramstein.adapters.solvers.prepare import EPOCH, Ints, Prepared
from ramstein.domain.allocation import LATE_HORIZON_DAYS, Need, Problem, Shortfall, Unmet

NEVER = np.iinfo(np.int32).max


def shortfalls(problem: Problem, p: Prepared, arcs: Arcs, flows: Ints) -> tuple[Shortfall, ...]:
    got = np.bincount(arcs.need, weights=flows, minlength=len(p.need_qty)).astype(np.int64)
    left = p.need_qty - got
    open_needs = np.flatnonzero(left > 0)
    if not len(open_needs):
        return ()
    has_arc = np.zeros(len(p.need_qty), np.bool_)
    has_arc[arcs.need] = True
    taker = _main_takers(arcs, flows)
    earliest = _Earliest(p)
    by_need = np.argsort(arcs.need, kind="stable")
    starts = np.searchsorted(arcs.need[by_need], np.arange(len(p.need_qty) + 1))
    out = []
    for i in open_needs.tolist():
        need = problem.needs[i]
        if has_arc[i]:
            offers = arcs.offer[by_need[starts[i] : starts[i + 1]]].tolist()
            reason, detail = Unmet.OUTBID, _outbid(problem, p, offers, taker, i)
        else:
            reason, detail = earliest.reason(problem, p, need, i)
        out.append(Shortfall(need.id, int(left[i]), reason, detail))
    return tuple(out)


def _main_takers(arcs: Arcs, flows: Ints) -> dict[int, tuple[int, int]]:
    """For every offer that gave units: the need that got the most of them, and how many."""
    used = np.flatnonzero(flows)
    order = used[np.lexsort((flows[used], arcs.offer[used]))]  # by offer, then units: the last is largest
    takers: dict[int, tuple[int, int]] = {}
    for k in order.tolist():
        takers[int(arcs.offer[k])] = (int(arcs.need[k]), int(flows[k]))
    return takers


def _outbid(problem: Problem, p: Prepared, offers: list[int], taker: dict[int, tuple[int, int]], i: int) -> str:
    rivals = [taker[j] for j in offers if j in taker and taker[j][0] != i]
    if rivals:
        rival, _ = max(rivals, key=lambda r: (r[1], -r[0]))
        other = problem.needs[rival]
        more = len({r for r, _ in rivals}) - 1
        tail = f" and {more} other need(s)" if more > 0 else ""
        return f"compatible offers went to {other.id} (priority {other.priority}){tail}"
    if p.locks:
        return "its compatible offers are held by locked assignments"
    return "its compatible offers were used elsewhere"


class _Earliest:
    """The earliest offer day per item, of all offers and of those allowed for each use: enough to tell
    restricted from too late without looking at any offer twice."""

    def __init__(self, p: Prepared) -> None:
        n_items, n_uses = len(p.items), p.forbidden.shape[1]
        self.any = np.full(n_items, NEVER, np.int64)
        np.minimum.at(self.any, p.offer_item, p.offer_day)
        self.allowed = np.full((n_items, n_uses), NEVER, np.int64)
        for use in range(n_uses):
            ok = ~p.forbidden[:, use]
            np.minimum.at(self.allowed[:, use], p.offer_item[ok], p.offer_day[ok])

    def reason(self, problem: Problem, p: Prepared, need: Need, i: int) -> tuple[Unmet, str]:
        served = list(p.accepts[int(p.need_item[i])])
        first = int(self.any[served].min())
        if first == NEVER:
            subs = " or a catalogued substitute" if len(served) > 1 else ""
            return Unmet.NO_COMPATIBLE_OFFER, f"no offer of {need.item}{subs}"
        cutoff = int(p.need_day[i]) + LATE_HORIZON_DAYS
        use = int(p.need_use[i])
        allowed = first if use < 0 else int(self.allowed[served, use].min())
        if allowed < cutoff:
            return Unmet.OUTBID, "its compatible offers are held by locked assignments"
        if first < cutoff:
            return Unmet.RESTRICTED, f"offers in time forbid the intended use {need.intended_use!r}"
        late = allowed if allowed != NEVER else first
        when = date.fromordinal(EPOCH.toordinal() + late).isoformat()
        days = late - int(p.need_day[i])
        return Unmet.TOO_LATE, (
            f"the earliest offer is available {when}, {days} days after {need.needed_by.isoformat()} "
            f"(a unit {LATE_HORIZON_DAYS} or more days late is worth nothing)"
        )
