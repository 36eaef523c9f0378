"""Why each need is left open: one `Shortfall` per need with an open quantity.

The reasons are decided from the offers whose item serves the need (the same item or a catalogued
substitute), in this order:
  some usable (open, less than 90 days late, not forbidden) -> OUTBID: they went to other needs (the one that
                                                              took most of them is named)
  none at all                                              -> NO_COMPATIBLE_OFFER
  some usable but all taken by locks                       -> OUTBID, held by locked assignments
  some usable, and no other need took any of them         -> SHORT_OF_SUPPLY: it got them all, and more is
                                                              not offered in time
  some less than 90 days late, all forbidden               -> RESTRICTED
  otherwise (every one 90 days late or more)               -> TOO_LATE
An optimal flow never leaves a usable offer idle while a need it serves is open (that unit would add value),
so a need with usable offers that is still open lost them to others, or got them all and needs more.

The usable offers of a need are, in each chain that serves it (chains.py), the chain's offers dated before
its needed-by day plus 90: a prefix of the chain in date order. So the rival is read from a running "two
biggest takers so far" along each chain, not from a pair-by-pair scan.
"""

from __future__ import annotations

from datetime import date

import numpy as np

from ramstein.adapters.solvers.chains import Chains
from ramstein.adapters.solvers.expanded import Pairs
from ramstein.adapters.solvers.prepare import EPOCH, Ints, Prepared
from ramstein.domain.allocation import LATE_HORIZON_DAYS, Need, Problem, Shortfall, Unmet

NEVER = np.iinfo(np.int32).max


def shortfalls(problem: Problem, p: Prepared, ch: Chains, pairs: Pairs) -> tuple[Shortfall, ...]:
    got = np.bincount(pairs.need, weights=pairs.qty, minlength=len(p.need_qty)).astype(np.int64)
    left = p.need_qty - got
    open_needs = np.flatnonzero(left > 0)
    if not len(open_needs):
        return ()
    usable, rival = _rivals(p, ch, pairs, left > 0)
    earliest = _Earliest(p)
    out = []
    for i in open_needs.tolist():
        need = problem.needs[i]
        if need.package is not None and got[i] == 0:
            reason, detail = Unmet.INCOMPLETE_PACKAGE, _package(problem, p, usable, earliest, i)
        elif usable[i]:
            reason, detail = _taken(problem, p, int(rival[i]))
        else:
            reason, detail = earliest.reason(problem, p, need, i)
        out.append(Shortfall(need.id, int(left[i]), reason, detail))
    return tuple(out)


def _package(problem: Problem, p: Prepared, usable: np.ndarray, earliest: _Earliest, i: int) -> str:
    """Why a package was not served: a line no open offer can fill, or else the value it would cost."""
    package = problem.needs[i].package
    lines = np.flatnonzero((p.need_package == p.need_package[i]) & (p.need_qty > 0))
    for k in lines.tolist():
        if not usable[k]:
            reason, _ = earliest.reason(problem, p, problem.needs[k], k)
            line = problem.needs[k].id
            return f"package {package} is served whole or not at all, and its line {line} cannot be filled ({reason})"
    return f"package {package} is served whole or not at all, and serving all of it would lower the total value"


def _taken(problem: Problem, p: Prepared, rival: int) -> tuple[Unmet, str]:
    """Where the usable offers of an open need went: to a rival, to locks, or all to the need itself."""
    if rival >= 0:
        other = problem.needs[rival]
        took = f"compatible offers went to {other.id} (priority {other.priority}), which took most of them"
        return Unmet.OUTBID, took
    if p.locks:
        return Unmet.OUTBID, "its compatible offers are held by locked assignments"
    return Unmet.SHORT_OF_SUPPLY, "it received every usable unit of its compatible offers; no more is offered in time"


def _rivals(p: Prepared, ch: Chains, pairs: Pairs, is_open: np.ndarray) -> tuple[np.ndarray, Ints]:
    """Per need: whether an open offer could serve it usefully, and the other need that took most of such
    offers (-1 if none)."""
    key = ch.offer_chain * ch.span + (p.offer_day[ch.offers] - ch.day0)
    order = np.argsort(key, kind="stable")
    sorted_key = key[order]
    best = _top_two(ch.offer_chain[order], *_takers(p, pairs, ch.offers[order]))
    m = np.flatnonzero(is_open[ch.pair_need])
    need, chain = ch.pair_need[m], ch.pair_chain[m]
    cutoff = chain * ch.span + (p.need_day[need] - ch.day0) + LATE_HORIZON_DAYS
    end = np.searchsorted(sorted_key, cutoff, side="left") - 1
    ok = end >= 0
    ok[ok] = ch.offer_chain[order[end[ok]]] == chain[ok]
    need, end = need[ok], end[ok]
    usable = np.zeros(len(p.need_qty), np.bool_)
    usable[need] = True
    first = best[0][end] != need
    who = np.where(first, best[0][end], best[2][end])
    units = np.where(first, best[1][end], best[3][end])
    pick = _last_of_each(need, np.lexsort((-who, units, need)))  # most units, then the lowest need id
    rival = np.full(len(p.need_qty), -1, np.int64)
    rival[need[pick]] = who[pick]
    return usable, rival


def _takers(p: Prepared, pairs: Pairs, offers: Ints) -> tuple[Ints, Ints]:
    """For each of `offers`: the need that got the most of it (-1 if none), and how many units."""
    who = np.full(len(p.offer_qty), -1, np.int64)
    units = np.zeros(len(p.offer_qty), np.int64)
    order = _last_of_each(pairs.offer, np.lexsort((-pairs.need, pairs.qty, pairs.offer)))
    who[pairs.offer[order]] = pairs.need[order]
    units[pairs.offer[order]] = pairs.qty[order]
    return who[offers], units[offers]


def _last_of_each(group: Ints, order: Ints) -> Ints:
    """The last position of each group in `order` (which sorts by `group` first)."""
    g = group[order]
    return order[np.flatnonzero(np.r_[g[1:] != g[:-1], True])] if len(order) else order


def _top_two(chain: Ints, who: Ints, units: Ints) -> tuple[Ints, Ints, Ints, Ints]:
    """Along each chain in date order: the two different needs that took the most of one offer so far."""
    n = len(chain)
    out = np.full((4, n), -1, np.int64)
    c_prev, w1, u1, w2, u2 = -1, -1, -1, -1, -1
    for k, (c, w, u) in enumerate(zip(chain.tolist(), who.tolist(), units.tolist(), strict=True)):
        if c != c_prev:
            c_prev, w1, u1, w2, u2 = c, -1, -1, -1, -1
        if w >= 0:
            if w == w1:
                u1 = max(u1, u)
            elif u > u1:
                w2, u2, w1, u1 = w1, u1, w, u
            elif u > u2:
                w2, u2 = w, u
        out[:, k] = (w1, u1, w2, u2)
    return out[0], out[1], out[2], out[3]


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
