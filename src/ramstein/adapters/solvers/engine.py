"""`solve(problem) -> Result`: locks first, arcs, independent parts solved exactly (in parallel when large),
then one `Result` with the value, the bound and the reason for every need left open."""

from __future__ import annotations

import time

import numpy as np

from ramstein.adapters.solvers.arcs import Arcs, build_arcs, components
from ramstein.adapters.solvers.explain import shortfalls
from ramstein.adapters.solvers.greedy import greedy_flows
from ramstein.adapters.solvers.network import DELIVERY_MAX, SHIPMENT_COST, Part
from ramstein.adapters.solvers.parallel import solve_parts
from ramstein.adapters.solvers.prepare import Ints, LockError, Prepared, prepare
from ramstein.domain.allocation import (
    LATE_HORIZON_DAYS,
    Assignment,
    Problem,
    Result,
    Status,
    unit_value,
)


def solve(problem: Problem, *, time_limit: float | None = None, tie_breaks: bool = True) -> Result:
    """The assignment of greatest total `unit_value`; ties broken by earlier delivery, fewer shipments and
    spreading across donors. Parts not reached within `time_limit` seconds are filled by the greedy rule
    and the status is FEASIBLE, with a bound that says how much better the optimum could be."""
    if not problem.needs or not problem.offers:
        return Result(Status.EMPTY, 0.0, 0.0, message="nothing to match: no needs or no offers")
    try:
        p = prepare(problem)
    except LockError as error:
        return Result(Status.INFEASIBLE, 0.0, 0.0, message=str(error))
    deadline = None if time_limit is None else time.monotonic() + time_limit
    arcs = build_arcs(p)
    parts, order = split(p, arcs)
    solved = solve_parts(parts, deadline=deadline, tie_breaks=tie_breaks)
    flows = np.zeros(len(arcs), np.int64)
    skipped: list[np.ndarray] = []
    for part_arcs, flow in zip(order, solved, strict=True):
        if flow is None:
            skipped.append(part_arcs)
        else:
            flows[part_arcs] = flow
    if not skipped:
        return assemble(problem, p, arcs, flows, status=Status.OPTIMAL, bound=None)
    rest = np.concatenate(skipped)
    flows[rest] = greedy_flows(p, arcs.take(rest))
    exact = int((arcs.weight.astype(np.int64) * flows).sum()) - int((arcs.weight[rest] * flows[rest]).sum())
    bound = exact + upper_bound(p, arcs.take(rest))
    message = f"time limit reached: {len(skipped)} of {len(parts)} parts filled by the greedy rule"
    return assemble(problem, p, arcs, flows, status=Status.FEASIBLE, bound=bound, message=message)


def split(p: Prepared, arcs: Arcs) -> tuple[list[Part], list[np.ndarray]]:
    """One `Part` per independent part with arcs, and the positions of its arcs in `arcs`."""
    need_part, _ = components(p)
    arc_part = need_part[arcs.need]
    ordered = bool(np.all(arc_part[1:] >= arc_part[:-1]))  # build_arcs emits parts in order
    by_part = np.arange(len(arc_part)) if ordered else np.argsort(arc_part, kind="stable")
    cuts = np.flatnonzero(np.diff(arc_part[by_part])) + 1
    parts, positions = [], []
    first_day = int(p.offer_day.min())
    for idx in np.split(by_part, cuts):
        if len(idx):
            parts.append(_part(p, arcs.take(idx), first_day))
            positions.append(idx)
    return parts, positions


def _part(p: Prepared, arcs: Arcs, first_day: int) -> Part:
    needs, arc_need = np.unique(arcs.need, return_inverse=True)
    offers, arc_offer = np.unique(arcs.offer, return_inverse=True)
    _, donor = np.unique(p.offer_donor[offers], return_inverse=True)
    months = np.minimum((p.offer_day[arcs.offer] - first_day) // 30, DELIVERY_MAX)
    one_shipment = p.offer_qty[arcs.offer] >= p.need_qty[arcs.need]
    tie = months + np.where(one_shipment, 0, SHIPMENT_COST)
    return Part(
        need_qty=p.need_qty[needs],
        offer_qty=p.offer_qty[offers],
        offer_donor=donor.astype(np.int32),
        arc_need=arc_need.astype(np.int32),
        arc_offer=arc_offer.astype(np.int32),
        weight=arcs.weight,
        tie=tie.astype(np.int32),
    )


def upper_bound(p: Prepared, arcs: Arcs) -> int:
    """A bound on the weight the optimum could reach on `arcs`: each need full at its best arc's weight,
    and no more units than the offers hold at their best arc's weight."""
    best_need = np.zeros(len(p.need_qty), np.int64)
    np.maximum.at(best_need, arcs.need, arcs.weight)
    best_offer = np.zeros(len(p.offer_qty), np.int64)
    np.maximum.at(best_offer, arcs.offer, arcs.weight)
    return int(min((best_need * p.need_qty).sum(), (best_offer * p.offer_qty).sum()))


def assemble(
    problem: Problem,
    p: Prepared,
    arcs: Arcs,
    flows: Ints,
    *,
    status: Status,
    bound: int | None,
    message: str = "",
) -> Result:
    """The `Result`: locked assignments first, then the flows; values summed in 1/90 units, exactly."""
    needs, offers = problem.needs, problem.offers
    by_id_n = {n.id: n for n in needs}
    by_id_o = {o.id: o for o in offers}
    assignments = []
    locked_value = 0.0
    for lock in problem.locks:
        need, offer = by_id_n[lock.need], by_id_o[lock.offer]
        late = max(0, (offer.available_on - need.needed_by).days)
        assignments.append(Assignment(lock.offer, lock.need, lock.quantity, late, locked=True))
        locked_value += unit_value(need, offer) * lock.quantity
    used = np.flatnonzero(flows)
    for k, units in zip(used.tolist(), flows[used].tolist(), strict=True):
        i, j = int(arcs.need[k]), int(arcs.offer[k])
        assignments.append(Assignment(offers[j].id, needs[i].id, units, int(arcs.late[k])))
    total = int((arcs.weight.astype(np.int64) * flows).sum())
    objective = locked_value + total / LATE_HORIZON_DAYS
    upper = objective if bound is None else locked_value + bound / LATE_HORIZON_DAYS
    return Result(
        status=status,
        objective=objective,
        bound=upper,
        assignments=tuple(assignments),
        shortfalls=shortfalls(problem, p, arcs, flows),
        message=message,
    )
