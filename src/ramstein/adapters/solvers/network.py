"""One independent part of the problem as an OR-Tools min-cost flow, with the lexicographic integer costs.

The network: source -> donor (ten arcs, one per tenth of the donor's quantity, costs 0..9) -> offer
(capacity: the open quantity) -> need (one arc per compatible pair, uncapacitated) -> sink (capacity: the
open quantity), plus a bypass source -> sink at cost 0 so that nothing is forced through: the source supplies
and the sink absorbs the total offered quantity.

Costs (minimised), per unit on an offer -> need arc:  -M x weight + tie,  where
  weight = priority x (90 - days late)       the documented unit value times 90: an integer in 1..450
  tie    = earlier delivery (0..24: months after the round's earliest offer)
         + fewer shipments (2 when the offer alone cannot fill the need, else 0)
  and on the donor arcs: spreading (k in 0..9 for the k-th tenth of the donor's quantity: convex, so every
  donor gives its first tenth before any gives its second).

Why the tie-breakers can never lower the value (the proof the tests check): let TIE_MAX = 24 + 2 + 9 bound
the secondary cost of one unit, F the most units that can flow (min of total offered and total needed), and
M = TIE_MAX x F + 1. Take two feasible flows x, y with primary values P(x) > P(y); both are integer sums of
integer weights, so P(x) >= P(y) + 1. The secondary costs S lie in [0, TIE_MAX x F]. Then
  cost(x) - cost(y) = -M (P(x) - P(y)) + S(x) - S(y) <= -M + TIE_MAX x F = -1 < 0,
so every min-cost flow has the greatest primary value; among those, the least secondary cost.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from ortools.graph.python import min_cost_flow

from ramstein.adapters.solvers.prepare import Ints, Small

DELIVERY_MAX, SHIPMENT_COST, SPREAD_STEPS = 24, 2, 10
TIE_MAX = DELIVERY_MAX + SHIPMENT_COST + (SPREAD_STEPS - 1)
SAFE = 2**62  # OR-Tools' costs are int64 and its cost scaling multiplies them by about the number of nodes


@dataclass(frozen=True, slots=True)
class Part:
    """One independent part, in local numbering (needs 0..n-1, offers 0..m-1, donors 0..d-1)."""

    need_qty: Ints
    offer_qty: Ints
    offer_donor: Small
    arc_need: Small
    arc_offer: Small
    weight: Small
    tie: Small  # delivery + shipment tie-break of each arc; spreading is on the donor arcs


def solve_part(part: Part, *, tie_breaks: bool = True) -> Ints:
    """The optimal flow on each arc of `part`. Without tie-breaks, or when the scaled costs could overflow
    int64, the costs are the weights alone: still exactly optimal for the documented value."""
    capacity = int(min(part.need_qty.sum(), part.offer_qty.sum()))
    scale = TIE_MAX * capacity + 1
    n_nodes = 2 + int(part.offer_donor.max(initial=-1)) + 1 + len(part.offer_qty) + len(part.need_qty)
    top = 450 * scale
    if not tie_breaks or top * (n_nodes + 1) >= SAFE or top * max(capacity, 1) >= SAFE:
        return _flow(part, scale=1, ties=False)
    return _flow(part, scale=scale, ties=True)


def _flow(part: Part, *, scale: int, ties: bool) -> Ints:
    n_donors = int(part.offer_donor.max(initial=-1)) + 1
    n_offers, n_needs = len(part.offer_qty), len(part.need_qty)
    source, sink, donor0 = 0, 1, 2
    offer0 = donor0 + n_donors
    need0 = offer0 + n_offers
    total = int(part.offer_qty.sum())
    graph = min_cost_flow.SimpleMinCostFlow()
    arcs = graph.add_arcs_with_capacity_and_unit_cost(
        (offer0 + part.arc_offer).astype(np.int32),
        (need0 + part.arc_need).astype(np.int32),
        np.full(len(part.arc_need), total, np.int64),
        -scale * part.weight.astype(np.int64) + (part.tie.astype(np.int64) if ties else 0),
    )
    tails, heads, caps, costs = _donor_arcs(part, donor0, offer0, ties)
    graph.add_arcs_with_capacity_and_unit_cost(tails, heads, caps, costs)
    needs = np.arange(n_needs, dtype=np.int32)
    graph.add_arcs_with_capacity_and_unit_cost(
        need0 + needs, np.full(n_needs, sink, np.int32), part.need_qty, np.zeros(n_needs, np.int64)
    )
    graph.add_arc_with_capacity_and_unit_cost(source, sink, total, 0)
    graph.set_node_supply(source, total)
    graph.set_node_supply(sink, -total)
    status = graph.solve()
    if status != graph.OPTIMAL:
        if ties:  # a cost range OR-Tools refuses: the weights alone are exact for the value
            return _flow(part, scale=1, ties=False)
        raise RuntimeError(f"min-cost flow ended with status {status}")  # a bug, not bad input
    return np.asarray(graph.flows(arcs), dtype=np.int64)


def _donor_arcs(part: Part, donor0: int, offer0: int, ties: bool) -> tuple[Small, Small, Ints, Ints]:
    """source -> donor in SPREAD_STEPS tenths of increasing cost, then donor -> each of its offers."""
    n_donors = int(part.offer_donor.max(initial=-1)) + 1
    per_donor = np.bincount(part.offer_donor, weights=part.offer_qty, minlength=n_donors).astype(np.int64)
    steps = np.arange(SPREAD_STEPS, dtype=np.int64)
    bounds = (per_donor[:, None] * np.arange(SPREAD_STEPS + 1)[None, :]) // SPREAD_STEPS
    step_caps = np.diff(bounds, axis=1)  # sums to per_donor exactly
    donors = np.repeat(np.arange(n_donors, dtype=np.int32), SPREAD_STEPS)
    step_costs = np.tile(steps if ties else np.zeros(SPREAD_STEPS, np.int64), n_donors)
    offers = np.arange(len(part.offer_qty), dtype=np.int32)
    tails = np.concatenate([np.zeros(len(donors), np.int32), donor0 + part.offer_donor])
    heads = np.concatenate([donor0 + donors, offer0 + offers])
    caps = np.concatenate([step_caps.ravel(), part.offer_qty])
    costs = np.concatenate([step_costs, np.zeros(len(offers), np.int64)])
    return tails.astype(np.int32), heads.astype(np.int32), caps.astype(np.int64), costs
