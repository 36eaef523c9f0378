"""The optimiser against an independent formulation: the same LP solved by HiGHS through scipy's `linprog`
(never highspy: it cannot share a process with OR-Tools), and brute force on the tiniest instances."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import date, timedelta

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from ramstein.adapters.solvers import solve, solve_greedy
from ramstein.domain.allocation import Need, Offer, Problem, Status, compatible, unit_value

DAY0 = date(2025, 1, 1)
ITEMS = ("155mm", "152mm", "patriot")
SUBS = {"155mm": frozenset({"152mm"})}  # a catalogued substitute, so parts join across items


@st.composite
def problems(draw: st.DrawFn, most: int = 6) -> Problem:
    def need(k: int) -> Need:
        return Need(
            f"n{k}",
            draw(st.sampled_from(ITEMS)),
            draw(st.integers(0, 30)),
            draw(st.integers(1, 5)),
            DAY0 + timedelta(draw(st.integers(0, 200))),
            intended_use=draw(st.sampled_from([None, None, "strike"])),
        )

    def offer(k: int) -> Offer:
        return Offer(
            f"o{k}",
            draw(st.sampled_from(["DEU", "USA", "NLD"])),
            draw(st.sampled_from(ITEMS)),
            draw(st.integers(0, 40)),
            DAY0 + timedelta(draw(st.integers(0, 300))),
            draw(st.sampled_from([frozenset(), frozenset(), frozenset({"strike"})])),
        )

    needs = tuple(need(k) for k in range(draw(st.integers(1, most))))
    offers = tuple(offer(k) for k in range(draw(st.integers(1, most))))
    return Problem(needs, offers, SUBS)


def lp_optimum(problem: Problem) -> float:
    """max sum value x  s.t. per-offer and per-need sums within quantity, x >= 0, over compatible pairs.
    The constraint matrix is totally unimodular, so the LP optimum is the integer optimum."""
    pairs = [
        (i, j, unit_value(n, o))
        for i, n in enumerate(problem.needs)
        for j, o in enumerate(problem.offers)
        if compatible(n, o, problem.substitutes) and unit_value(n, o) > 0
    ]
    if not pairs:
        return 0.0
    rows = np.zeros((len(problem.needs) + len(problem.offers), len(pairs)))
    for k, (i, j, _) in enumerate(pairs):
        rows[i, k] = 1
        rows[len(problem.needs) + j, k] = 1
    limits = [n.quantity for n in problem.needs] + [o.quantity for o in problem.offers]
    found = linprog([-v for _, _, v in pairs], A_ub=rows, b_ub=limits, bounds=(0, None), method="highs")
    assert found.status == 0
    return float(-found.fun)


@settings(max_examples=150, derandomize=True, deadline=None)
@given(problems())
def test_the_objective_equals_highs_on_the_same_lp(problem: Problem) -> None:
    result = solve(problem)
    assert result.status is Status.OPTIMAL
    assert abs(result.objective - lp_optimum(problem)) < 1e-6
    assert result.bound == result.objective
    assert solve_greedy(problem).objective <= result.objective + 1e-9


@settings(max_examples=150, derandomize=True, deadline=None)
@given(problems())
def test_the_tie_breakers_never_lower_the_value(problem: Problem) -> None:
    assert abs(solve(problem).objective - solve(problem, tie_breaks=False).objective) < 1e-9


@settings(max_examples=150, derandomize=True, deadline=None)
@given(problems())
def test_assignments_are_feasible_compatible_and_explain_every_open_unit(problem: Problem) -> None:
    result = solve(problem)
    needs = {n.id: n for n in problem.needs}
    offers = {o.id: o for o in problem.offers}
    given_out = dict.fromkeys(offers, 0)
    received = dict.fromkeys(needs, 0)
    for a in result.assignments:
        need, offer = needs[a.need], offers[a.offer]
        assert compatible(need, offer, problem.substitutes)  # a forbidden use is never served
        assert a.quantity > 0
        given_out[a.offer] += a.quantity
        received[a.need] += a.quantity
    assert all(given_out[k] <= offers[k].quantity for k in offers)
    assert all(received[k] <= needs[k].quantity for k in needs)
    open_units = {k: needs[k].quantity - received[k] for k in needs if needs[k].quantity > received[k]}
    assert {s.need: s.quantity for s in result.shortfalls} == open_units


def pairs_of(problem: Problem) -> list[tuple[Need, Offer]]:
    """The compatible (need, offer) pairs of positive value."""
    return [
        (n, o)
        for n in problem.needs
        for o in problem.offers
        if compatible(n, o, problem.substitutes) and unit_value(n, o) > 0
    ]


def within_quantities(problem: Problem, used: dict[str, int]) -> bool:
    return all(used.get(n.id, 0) <= n.quantity for n in problem.needs) and all(
        used.get(o.id, 0) <= o.quantity for o in problem.offers
    )


def brute_force(problem: Problem, allowed: Callable[[Problem, dict[str, int]], bool] = within_quantities) -> float:
    """Every integer assignment of the few compatible pairs; `allowed` sees the units per line id."""
    pairs = pairs_of(problem)
    best = 0.0
    for amounts in itertools.product(*(range(min(n.quantity, o.quantity) + 1) for n, o in pairs)):
        used: dict[str, int] = {}
        for (n, o), x in zip(pairs, amounts, strict=True):
            used[n.id] = used.get(n.id, 0) + x
            used[o.id] = used.get(o.id, 0) + x
        if allowed(problem, used):
            best = max(best, sum(unit_value(n, o) * x for (n, o), x in zip(pairs, amounts, strict=True)))
    return best


@st.composite
def tiny(draw: st.DrawFn) -> Problem:
    problem = draw(problems(most=2))
    cap = [Need(n.id, n.item, min(n.quantity, 4), n.priority, n.needed_by, n.intended_use) for n in problem.needs]
    offers = [
        Offer(o.id, o.donor, o.item, min(o.quantity, 4), o.available_on, o.forbidden_uses) for o in problem.offers
    ]
    return Problem(tuple(cap), tuple(offers), problem.substitutes)


@settings(max_examples=80, derandomize=True, deadline=None)
@given(tiny())
def test_the_objective_equals_brute_force_on_tiny_instances(problem: Problem) -> None:
    assert abs(solve(problem).objective - brute_force(problem)) < 1e-9
