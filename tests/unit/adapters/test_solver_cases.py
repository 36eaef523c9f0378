"""Hand-built allocation cases: each shortfall reason, locks, restrictions, statuses, tie-breaks, parts."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from ramstein.adapters.solvers import parallel, solve
from ramstein.adapters.solvers.network import TIE_MAX
from ramstein.domain.allocation import Lock, Need, Offer, Problem, Status, Unmet

DAY = date(2025, 3, 1)


def need(key: str, qty: int = 10, prio: int = 3, item: str = "155mm", use: str | None = None, late: int = 0) -> Need:
    return Need(key, item, qty, prio, DAY - timedelta(late), intended_use=use)


def offer(key: str, qty: int = 10, item: str = "155mm", donor: str = "DEU", day: int = 0, bans: str = "") -> Offer:
    return Offer(key, donor, item, qty, DAY + timedelta(day), frozenset(bans.split()) if bans else frozenset())


def reasons(result: object) -> dict[str, tuple[Unmet, int, str]]:
    return {s.need: (s.reason, s.quantity, s.detail) for s in result.shortfalls}  # type: ignore[attr-defined]


def test_partial_fulfilment_leaves_the_rest_open_and_says_who_took_it():
    result = solve(Problem((need("low", 10, prio=2), need("high", 10, prio=5)), (offer("o", 15),)))
    got = {a.need: a.quantity for a in result.assignments}
    assert got == {"high": 10, "low": 5}
    reason, open_units, detail = reasons(result)["low"]
    assert (reason, open_units) == (Unmet.OUTBID, 5)
    assert "high (priority 5)" in detail


def test_no_compatible_offer():
    result = solve(Problem((need("n", item="patriot"),), (offer("o"),)))
    assert reasons(result)["n"][0] is Unmet.NO_COMPATIBLE_OFFER


def test_restricted_offers_are_never_assigned_to_a_forbidden_use():
    result = solve(Problem((need("n", use="strike"),), (offer("o", bans="strike"),)))
    assert result.assignments == ()
    assert reasons(result)["n"][0] is Unmet.RESTRICTED


def test_too_late_when_every_offer_is_ninety_days_late_or_more():
    result = solve(Problem((need("n"),), (offer("o", day=90),)))
    assert reasons(result)["n"][0] is Unmet.TOO_LATE
    assert solve(Problem((need("n"),), (offer("o", day=89),))).objective == pytest.approx(10 * 3 / 90)


def test_a_substitute_serves_the_need():
    problem = Problem((need("n", item="155mm"),), (offer("o", item="155mm-L52"),), {"155mm": frozenset({"155mm-L52"})})
    assert [a.quantity for a in solve(problem).assignments] == [10]


def test_locks_are_kept_and_the_rest_is_reoptimised_around_them():
    problem = Problem(
        (need("low", 10, prio=1), need("high", 10, prio=5)), (offer("o", 10),), locks=(Lock("o", "low", 4),)
    )
    result = solve(problem)
    assert [(a.need, a.quantity, a.locked) for a in result.assignments] == [("low", 4, True), ("high", 6, False)]
    assert result.objective == pytest.approx(4 * 1 + 6 * 5)
    assert reasons(result)["high"][0] is Unmet.OUTBID


@pytest.mark.parametrize(
    ("lock", "words"),
    [
        (Lock("o", "n", 11), "only 10"),
        (Lock("x", "n", 1), "unknown offer 'x'"),
        (Lock("o", "y", 1), "unknown need 'y'"),
        (Lock("o", "n", 0), "must be positive"),
        (Lock("p", "n", 1), "does not serve"),
    ],
)
def test_a_lock_that_contradicts_the_problem_is_infeasible_not_an_exception(lock: Lock, words: str):
    problem = Problem((need("n", 20),), (offer("o", 10), offer("p", item="patriot")), locks=(lock,))
    result = solve(problem)
    assert result.status is Status.INFEASIBLE
    assert words in result.message


def test_nothing_to_match_is_empty():
    assert solve(Problem((), (offer("o"),))).status is Status.EMPTY
    assert solve(Problem((need("n"),), ())).status is Status.EMPTY


def test_tie_breakers_prefer_earlier_delivery_among_equal_values():
    problem = Problem((need("n", 10, late=-400),), (offer("late", 10, day=300), offer("early", 10, day=0)))
    assert [a.offer for a in solve(problem).assignments] == ["early"]


def test_many_small_preferences_never_outweigh_one_unit_of_value():
    """Without the scale M = TIE_MAX x F + 1 the tie costs of 60 units (a month later,
    another donor's later tenths) would buy back 1/90 of value; with it the value wins."""
    needs = (need("a", 60, prio=1), need("b", 1, prio=1, late=-1))
    offers = (offer("early", 60, day=-1, donor="D1"), offer("later", 60, day=700, donor="D2"))
    result = solve(Problem(needs, offers))
    assert result.objective == pytest.approx(solve(Problem(needs, offers), tie_breaks=False).objective)
    assert TIE_MAX * 61 < 90 * 61  # the secondary range stays below the scaled primary step in this case too


def test_large_problems_go_to_processes_with_the_same_answer(monkeypatch: pytest.MonkeyPatch):
    needs = tuple(need(f"n{k}", 5 + k % 7, prio=1 + k % 5, item=f"i{k % 4}", late=k % 50) for k in range(60))
    offers = tuple(offer(f"o{k}", 4 + k % 9, item=f"i{k % 4}", day=k % 120, donor=f"D{k % 5}") for k in range(60))
    one_by_one = solve(Problem(needs, offers))
    monkeypatch.setattr(parallel, "PARALLEL_MIN_NODES", 1)
    assert solve(Problem(needs, offers)).objective == pytest.approx(one_by_one.objective)


def test_a_spent_time_limit_is_feasible_with_a_bound():
    needs = (need("a", 10, prio=5), need("b", 10, prio=1))
    result = solve(Problem(needs, (offer("o", 10),)), time_limit=-1)
    assert result.status is Status.FEASIBLE
    assert result.bound >= result.objective
    assert "time limit" in result.message
