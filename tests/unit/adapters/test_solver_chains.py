"""The time-expanded network (solvers/chains.py) against the pairwise formulation it replaces: one arc per
compatible (offer, need) pair of positive value, solved by OR-Tools' min-cost flow, on random instances
with several uses, restriction classes, substitutes and dates that make many units late."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest
from ortools.graph.python import min_cost_flow

from ramstein.adapters.solvers import solve
from ramstein.adapters.solvers.arcs import build_arcs
from ramstein.adapters.solvers.prepare import prepare
from ramstein.domain.allocation import LATE_HORIZON_DAYS, Need, Offer, Problem, compatible, unit_value

DAY0 = date(2025, 1, 1)
USES = (None, "strike", "cross-border")


def pairwise_optimum(problem: Problem) -> float:
    """max sum value x over the pairwise graph: source -> offer -> need -> sink, plus a bypass."""
    p = prepare(problem)
    arcs = build_arcs(p)
    n_o, n_n = len(p.offer_qty), len(p.need_qty)
    total = int(p.offer_qty.sum())
    graph = min_cost_flow.SimpleMinCostFlow()
    graph.add_arcs_with_capacity_and_unit_cost(
        2 + arcs.offer, 2 + n_o + arcs.need, np.full(len(arcs), total), -arcs.weight.astype(np.int64)
    )
    graph.add_arcs_with_capacity_and_unit_cost(np.zeros(n_o, np.int32), 2 + np.arange(n_o), p.offer_qty, np.zeros(n_o))
    graph.add_arcs_with_capacity_and_unit_cost(
        2 + n_o + np.arange(n_n), np.ones(n_n, np.int32), p.need_qty, np.zeros(n_n)
    )
    graph.add_arc_with_capacity_and_unit_cost(0, 1, total, 0)
    graph.set_node_supply(0, total)
    graph.set_node_supply(1, -total)
    assert graph.solve() == graph.OPTIMAL
    return -graph.optimal_cost() / LATE_HORIZON_DAYS


def random_problem(seed: int, n: int, items: int, days: int) -> Problem:
    rng = np.random.default_rng(seed)
    names = [f"i{k}" for k in range(items)]
    subs = {names[k]: frozenset({names[(k + 1) % items]}) for k in range(0, items, 2)}
    needs = tuple(
        Need(
            f"n{k}",
            names[int(rng.integers(items))],
            int(rng.integers(1, 60)),
            int(rng.integers(1, 6)),
            DAY0 + timedelta(int(rng.integers(days))),
            intended_use=USES[int(rng.integers(3))],
        )
        for k in range(n)
    )
    offers = tuple(
        Offer(
            f"o{k}",
            f"D{int(rng.integers(6))}",
            names[int(rng.integers(items))],
            int(rng.integers(1, 80)),
            DAY0 + timedelta(int(rng.integers(days))),
            frozenset(u for u in USES[1:] if rng.random() < 0.3),
        )
        for k in range(n)
    )
    return Problem(needs, offers, subs)


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize(("n", "items", "days"), [(40, 2, 120), (150, 5, 400), (300, 3, 250)])
def test_the_time_expanded_network_reaches_the_pairwise_optimum(seed: int, n: int, items: int, days: int):
    problem = random_problem(seed, n, items, days)
    result = solve(problem)
    assert result.objective == pytest.approx(pairwise_optimum(problem), abs=1e-6)
    assert solve(problem, tie_breaks=False).objective == pytest.approx(result.objective, abs=1e-6)


@pytest.mark.parametrize("seed", range(6))
def test_every_assignment_is_a_real_pair_whose_values_add_up_to_the_objective(seed: int):
    problem = random_problem(100 + seed, 200, 4, 300)
    result = solve(problem)
    needs = {x.id: x for x in problem.needs}
    offers = {x.id: x for x in problem.offers}
    total = 0.0
    for a in result.assignments:
        need, offer = needs[a.need], offers[a.offer]
        assert compatible(need, offer, problem.substitutes)
        assert a.days_late == max(0, (offer.available_on - need.needed_by).days) < LATE_HORIZON_DAYS
        total += unit_value(need, offer) * a.quantity
    assert total == pytest.approx(result.objective, abs=1e-6)
    assert len({(a.offer, a.need) for a in result.assignments}) == len(result.assignments)


def test_a_late_unit_pays_its_own_lateness_not_a_later_offers():
    """Two offers after the need's date: 10 and 50 days late. The network must price each by its own date."""
    needs = (Need("n", "x", 10, 3, DAY0),)
    offers = (Offer("late50", "A", "x", 10, DAY0 + timedelta(50)), Offer("late10", "B", "x", 5, DAY0 + timedelta(10)))
    result = solve(Problem(needs, offers))
    got = {a.offer: (a.quantity, a.days_late) for a in result.assignments}
    assert got == {"late10": (5, 10), "late50": (5, 50)}
    assert result.objective == pytest.approx(5 * 3 * (80 / 90) + 5 * 3 * (40 / 90))
