"""One independent part of the time-expanded network (chains.py) as an OR-Tools min-cost flow, with
lexicographic integer costs: the value first, the tie-breakers only among assignments of equal value.

The network is a circulation: the sink returns every unit to the source through an arc of cost 0 (as
many as the part offers), so no node has a supply and a unit moves only along a cycle of negative cost,
i.e. where it adds value (measured: ~10 % faster than supplies at the source and a bypass to the sink).

Costs (minimised), per unit and arc:  M x value + tie,  where
  value  the documented unit value in 1/90, negated: -90p on a need's on-time arc, -p(90 - late) on its late
         arc, +p per day on the B chains (chains.py); a unit's path sums to -priority x (90 - days late)
  tie    earlier delivery (0..24: months after the round's earliest offer) on the offer's arc, and spreading
         across donors (k in 0..9 for the k-th tenth of a donor's quantity: convex, so every donor gives its
         first tenth before any gives its second) on the source -> donor arcs.
Fewer shipments is not a cost: it is how `expanded.decompose` splits the flow (first come, first served
along each chain, so a need takes consecutive units and the pieces number at most offers + needs per chain).

Why the tie-breakers can never lower the value (the proof the tests check): let TIE_MAX = 24 + 9 bound the
secondary cost of one unit, F the most units that can flow (min of total offered and total needed), and
M = TIE_MAX x F + 1. Take two feasible flows x, y with values V(x) > V(y); both are integer sums of integer
costs, so V(x) >= V(y) + 1. The secondary costs S lie in [0, TIE_MAX x F]. Then
  cost(x) - cost(y) = -M (V(x) - V(y)) + S(x) - S(y) <= -M + TIE_MAX x F = -1 < 0,
so every min-cost flow has the greatest value; among those, the least secondary cost. The secondary costs
depend only on how much each offer gives, which every flow of one assignment shares.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from ortools.graph.python import min_cost_flow

from ramstein.adapters.solvers.chains import SPREAD_STEPS, Network
from ramstein.adapters.solvers.expanded import DELIVERY_MAX
from ramstein.adapters.solvers.prepare import Ints

TIE_MAX = DELIVERY_MAX + (SPREAD_STEPS - 1)
SAFE = 2**62  # OR-Tools' costs are int64 and its cost scaling multiplies them by about the number of nodes


@dataclass(frozen=True, slots=True)
class Part:
    """One independent part in local node numbering: the source is node 0, the sink node 1."""

    tail: Ints
    head: Ints
    cap: Ints
    value: Ints
    tie: Ints
    n_nodes: int
    supply: int
    flow_cap: int
    package: Ints  # per arc: the package of the need whose sink arc it is, else -1 (packages.py solves these)

    @property
    def has_packages(self) -> bool:
        return bool((self.package >= 0).any())


def parts_of(net: Network, package: Ints) -> list[Part]:
    """The parts in local numbering; `package` gives each arc's package (or -1), as `Part.package`."""
    out = []
    for r in range(len(net.supply)):
        a, b = int(net.arc_start[r]), int(net.arc_start[r + 1])
        base = int(net.node_start[r])
        out.append(
            Part(
                tail=(net.tail[a:b] - base).astype(np.int32),
                head=(net.head[a:b] - base).astype(np.int32),
                cap=net.cap[a:b],
                value=net.value[a:b],
                tie=net.tie[a:b],
                n_nodes=int(net.node_start[r + 1]) - base,
                supply=int(net.supply[r]),
                flow_cap=int(net.flow_cap[r]),
                package=package[a:b],
            )
        )
    return out


def solve_part(part: Part, *, tie_breaks: bool = True) -> Ints:
    """The optimal flow on each arc of `part`. Without tie-breaks, or when the scaled costs could overflow
    int64, the costs are the values alone: still exactly optimal for the documented value."""
    scale = TIE_MAX * part.flow_cap + 1
    top = int(np.abs(part.value).max(initial=1)) * scale
    if not tie_breaks or top * (part.n_nodes + 1) >= SAFE or top * max(part.flow_cap, 1) >= SAFE:
        return _flow(part, scale=1, ties=False)
    return _flow(part, scale=scale, ties=True)


def _flow(part: Part, *, scale: int, ties: bool) -> Ints:
    graph = min_cost_flow.SimpleMinCostFlow()
    cost = scale * part.value + (part.tie if ties else 0)
    arcs = graph.add_arcs_with_capacity_and_unit_cost(part.tail, part.head, part.cap, cost)
    status = graph.solve()
    if status != graph.OPTIMAL:
        if ties:  # a cost range OR-Tools refuses: the values alone are exact for the value
            return _flow(part, scale=1, ties=False)
        raise RuntimeError(f"min-cost flow ended with status {status}")  # a bug, not bad input
    return np.asarray(graph.flows(arcs), dtype=np.int64)
