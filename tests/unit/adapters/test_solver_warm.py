"""Warm starts: a re-run with a `PartCache` re-solves only the parts whose input changed, and its result
equals a cold run's."""

from __future__ import annotations

from dataclasses import replace

import pytest

from ramstein.adapters.solvers import PartCache, solve
from ramstein.bootstrap import ExactOptimiser
from ramstein.domain.allocation import Lock, Problem
from tests.unit.adapters.test_solver_chains import random_problem


def locked_again(problem: Problem) -> Problem:
    """The coordinator fixes part of one assignment of the first run."""
    first = solve(problem).assignments[0]
    return replace(problem, locks=(Lock(first.offer, first.need, max(1, first.quantity // 2)),))


@pytest.mark.parametrize("seed", range(4))
def test_a_rerun_after_a_lock_solves_only_the_changed_part_and_equals_a_cold_run(seed: int):
    problem = random_problem(seed, 300, 12, 300)
    cache = PartCache()
    first = solve(problem, cache=cache)
    assert first == solve(problem)
    parts = cache.misses
    assert parts > 2
    again = locked_again(problem)
    warm = solve(again, cache=cache)
    assert warm == solve(again)
    assert cache.misses - parts == 1  # only the part holding the locked lines was solved again
    assert cache.hits == parts - 1


def test_an_unchanged_rerun_solves_nothing():
    problem = random_problem(7, 200, 6, 200)
    cache = PartCache()
    cold = solve(problem, cache=cache)
    assert solve(problem, cache=cache) == cold
    assert cache.hits == cache.misses


def test_a_package_part_rerun_is_hinted_and_reaches_the_cold_optimum():
    problem = random_problem(3, 60, 4, 200)
    packaged = tuple(replace(n, package="P1" if k % 7 == 0 else None) for k, n in enumerate(problem.needs))
    problem = replace(problem, needs=packaged)
    cache = PartCache()
    solve(problem, cache=cache)
    bigger = tuple(
        replace(n, quantity=n.quantity + 3) if n.package is None and k % 3 == 0 else n for k, n in enumerate(packaged)
    )
    changed = replace(problem, needs=bigger)
    warm = solve(changed, cache=cache)
    cold = solve(changed)
    assert warm.status is cold.status
    assert warm.objective == pytest.approx(cold.objective, abs=1e-9)


def test_the_apps_optimiser_warm_starts_a_round_run_again_after_a_lock():
    """The composition root keeps one optimiser per process, so the server's re-runs are warm."""
    problem = random_problem(5, 300, 12, 300)
    optimiser = ExactOptimiser()
    assert optimiser.solve(problem) == solve(problem)
    parts = optimiser.cache.misses
    again = locked_again(problem)
    assert optimiser.solve(again) == solve(again)
    assert optimiser.cache.misses - parts == 1
