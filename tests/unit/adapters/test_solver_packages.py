"""Complete packages (platform + ammunition + spares + training seats) served all or nothing, by CP-SAT on
the parts that hold them: against brute force on tiny instances and against "every choice of packages,
each an LP solved by HiGHS" on small ones."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from ramstein.adapters.solvers import solve
from ramstein.domain.allocation import Need, Offer, Problem, Status, Unmet, unit_value
from tests.unit.adapters import test_solver_optimality as optimality

DAY0 = date(2025, 1, 1)
ITEMS = ("launcher", "missile", "seats")


@st.composite
def package_problems(draw: st.DrawFn, most_needs: int = 4, most_offers: int = 3, most_qty: int = 6) -> Problem:
    needs = tuple(
        Need(
            f"n{k}",
            draw(st.sampled_from(ITEMS)),
            draw(st.integers(1, most_qty)),
            draw(st.integers(1, 5)),
            DAY0 + timedelta(draw(st.integers(0, 120))),
            intended_use=draw(st.sampled_from([None, None, "strike"])),
            package=draw(st.sampled_from([None, "P1", "P1", "P2"])),
        )
        for k in range(draw(st.integers(1, most_needs)))
    )
    offers = tuple(
        Offer(
            f"o{k}",
            draw(st.sampled_from(["DEU", "USA"])),
            draw(st.sampled_from(ITEMS)),
            draw(st.integers(0, most_qty + 2)),
            DAY0 + timedelta(draw(st.integers(0, 200))),
            draw(st.sampled_from([frozenset(), frozenset(), frozenset({"strike"})])),
        )
        for k in range(draw(st.integers(1, most_offers)))
    )
    return Problem(needs, offers, {"missile": frozenset({"seats"})} if draw(st.booleans()) else {})


def brute_force(problem: Problem) -> float:
    return optimality.brute_force(problem, _allowed)


def _allowed(problem: Problem, got: dict[str, int]) -> bool:
    if not optimality.within_quantities(problem, got):
        return False
    for package in {n.package for n in problem.needs} - {None}:
        full = {got.get(n.id, 0) == n.quantity for n in problem.needs if n.package == package}
        empty = {got.get(n.id, 0) == 0 for n in problem.needs if n.package == package}
        if not (all(full) or all(empty)):
            return False
    return True


def packages_then_lp(problem: Problem) -> float:
    """Every choice of packages served; for each, the transportation LP (whole or nothing fixed as
    equalities, so its matrix stays totally unimodular) solved by HiGHS."""
    pairs = optimality.pairs_of(problem)
    names = sorted({n.package for n in problem.needs} - {None})
    best = 0.0
    for chosen in itertools.product((False, True), repeat=len(names)):
        served = {name for name, on in zip(names, chosen, strict=True) if on}
        found = _lp(problem, pairs, served)
        if found is not None:
            best = max(best, found)
    return best


def _lp(problem: Problem, pairs: list[tuple[Need, Offer]], served: set[str]) -> float | None:
    if not pairs:
        return 0.0 if not served else None
    lines = [*problem.needs, *problem.offers]
    rows = np.zeros((len(lines), len(pairs)))
    index = {line.id: k for k, line in enumerate(lines)}
    for k, (n, o) in enumerate(pairs):
        rows[index[n.id], k] = rows[index[o.id], k] = 1
    eq = [k for k, n in enumerate(problem.needs) if n.package in served]
    shut = {k for k, n in enumerate(problem.needs) if n.package is not None and n.package not in served}
    ub = [k for k in range(len(lines)) if k not in eq]
    limits = [0 if k in shut else lines[k].quantity for k in ub]
    found = linprog(
        [-unit_value(n, o) for n, o in pairs],
        A_ub=rows[ub],
        b_ub=limits,
        A_eq=rows[eq] if eq else None,
        b_eq=[problem.needs[k].quantity for k in eq] if eq else None,
        bounds=(0, None),
        method="highs",
    )
    return float(-found.fun) if found.status == 0 else None


def served_whole_or_not_at_all(problem: Problem, result: object) -> bool:
    got: dict[str, int] = {}
    for a in result.assignments:  # type: ignore[attr-defined]
        got[a.need] = got.get(a.need, 0) + a.quantity
        got[a.offer] = got.get(a.offer, 0) + a.quantity
    return _allowed(problem, got)


@settings(max_examples=60, derandomize=True, deadline=None)
@given(package_problems(most_needs=3, most_offers=2, most_qty=3))
def test_packages_reach_the_brute_force_optimum(problem: Problem) -> None:
    result = solve(problem)
    assert result.status is Status.OPTIMAL
    assert result.objective == pytest.approx(brute_force(problem), abs=1e-9)
    assert served_whole_or_not_at_all(problem, result)


@settings(max_examples=60, derandomize=True, deadline=None)
@given(package_problems(most_needs=7, most_offers=6, most_qty=30))
def test_packages_reach_the_optimum_of_every_package_choice(problem: Problem) -> None:
    result = solve(problem)
    assert result.objective == pytest.approx(packages_then_lp(problem), abs=1e-6)
    assert served_whole_or_not_at_all(problem, result)
    assert solve(problem, tie_breaks=False).objective == pytest.approx(result.objective, abs=1e-6)


def battery(tag: str = "P1", prio: int = 5) -> tuple[Need, ...]:
    return (
        Need("launcher", "launcher", 1, prio, DAY0, package=tag),
        Need("missiles", "missile", 20, prio, DAY0, package=tag),
        Need("crew", "seats", 12, prio, DAY0, package=tag),
    )


def test_a_package_missing_one_line_is_not_served_and_says_which_line():
    offers = (Offer("l", "DEU", "launcher", 1, DAY0), Offer("m", "USA", "missile", 40, DAY0))
    loose = Need("loose", "missile", 10, 1, DAY0)
    result = solve(Problem((*battery(), loose), offers))
    assert {(a.need, a.quantity) for a in result.assignments} == {("loose", 10)}
    why = {s.need: s for s in result.shortfalls}
    assert why["launcher"].reason is Unmet.INCOMPLETE_PACKAGE
    assert "crew cannot be filled" in why["launcher"].detail


def test_a_complete_package_outranks_loose_needs_of_lower_value():
    offers = (
        Offer("l", "DEU", "launcher", 1, DAY0),
        Offer("m", "USA", "missile", 20, DAY0),
        Offer("s", "NLD", "seats", 12, DAY0),
    )
    loose = Need("loose", "missile", 20, 4, DAY0)
    result = solve(Problem((*battery(prio=1), loose), offers))
    # whole package: 1 + 20 + 12 units at priority 1 = 33 < 20 x 4 = 80 for the loose need: the loose need wins
    assert {a.need for a in result.assignments} == {"loose"}
    assert result.objective == pytest.approx(80)
    result = solve(Problem((*battery(prio=5), loose), offers))
    assert {a.need for a in result.assignments} == {"launcher", "missiles", "crew"}
    assert result.objective == pytest.approx(33 * 5)
