"""Matching offers to needs: ramstein's solver beside plain OR-Tools min-cost flow and the greedy rule.

    .venv/bin/python benchmarks/allocate.py --sizes 1000 10000 100000

Seeded instances of n needs x n offers: about 40 capability groups, n/250 items spread over them (a long
list has more kinds of item, so each item keeps ~250 needs and ~250 offers whatever n is),
one item in eight accepting another item of its group as a substitute (pairs: a part is one or two
items), 56 donors, dates over two years, priorities
1-5, one offer in ten restricted against one use that one need in ten states.

Each method runs in its own fresh process that builds the instance itself, so its peak memory is its own:
"peak MB" is resource.getrusage(...).ru_maxrss of that process and of its worker processes (the larger),
and it includes the instance (the "instance MB" column: the same figure measured before solving).
"ramstein-value-only" is `solve(problem, tie_breaks=False)`: the same value without the tie-breakers,
whose lexicographic costs make OR-Tools' cost scaling take about twice as many phases.
"ramstein-rerun" is a warm re-run: `solve` with a `PartCache` filled by a first run, after a coordinator
locks half of one assignment; its seconds are the re-run alone, and its objective (of the locked problem)
must equal a cold run of the same locked problem, made in the same process and not timed.
Time is wall-clock seconds for the solve alone (for ramstein: from `Problem` to `Result`, shortfalls
included); "CPU s" is the processor time the same call used, its worker processes included (user + system
from os.times): on a machine shared with other work it shows what the wall clock cannot. The objective is
the documented total unit value; ramstein's must equal the plain formulation's.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import sys
import time
from dataclasses import replace
from datetime import date, timedelta

import numpy as np
from ortools.graph.python import min_cost_flow

from ramstein.adapters.solvers import PartCache, solve, solve_greedy
from ramstein.domain.allocation import LATE_HORIZON_DAYS, Lock, Need, Offer, Problem

GROUPS, DONORS, DAYS, SEED = 40, 56, 730, 20260413
START = date(2025, 1, 1)
USE = "cross-border"
METHODS = ("ramstein", "ramstein-value-only", "ramstein-rerun", "plain", "greedy")


def instance(n: int, seed: int = SEED) -> Problem:
    rng = np.random.default_rng(seed + n)
    items = max(GROUPS, n // 250)
    names = [f"g{k % GROUPS:02d}-item{k:04d}" for k in range(items)]
    pairs = [k for k in range(0, items - GROUPS, 4) if (k // GROUPS) % 2 == 0]  # pairs, not chains
    subs = {names[k]: frozenset({names[k + GROUPS]}) for k in pairs}
    need_item, offer_item = rng.integers(0, items, n), rng.integers(0, items, n)
    need_qty, offer_qty = rng.integers(1, 501, n), rng.integers(1, 501, n)
    priority, need_day, offer_day = rng.integers(1, 6, n), rng.integers(0, DAYS, n), rng.integers(0, DAYS, n)
    donor, uses, restricted = rng.integers(0, DONORS, n), rng.random(n) < 0.1, rng.random(n) < 0.1
    needs = tuple(
        Need(
            f"N{k}",
            names[need_item[k]],
            int(need_qty[k]),
            int(priority[k]),
            START + timedelta(int(need_day[k])),
            intended_use=USE if uses[k] else None,
            group=names[need_item[k]][:3],
        )
        for k in range(n)
    )
    offers = tuple(
        Offer(
            f"O{k}",
            f"D{donor[k]:02d}",
            names[offer_item[k]],
            int(offer_qty[k]),
            START + timedelta(int(offer_day[k])),
            frozenset({USE}) if restricted[k] else frozenset(),
        )
        for k in range(n)
    )
    return Problem(needs, offers, subs)


def plain(problem: Problem) -> float:
    """OR-Tools min-cost flow on the whole bipartite graph at once: no parts, no tie-breaks, no pruning."""
    need_item = np.array([hash(n.item) for n in problem.needs])
    offer_item = np.array([hash(o.item) for o in problem.offers])
    need_day = np.array([n.needed_by.toordinal() for n in problem.needs])
    offer_day = np.array([o.available_on.toordinal() for o in problem.offers])
    prio = np.array([n.priority for n in problem.needs])
    need_use = np.array([n.intended_use is not None for n in problem.needs])
    offer_ban = np.array([USE in o.forbidden_uses for o in problem.offers])
    names = {hash(n.item): n.item for n in problem.needs}
    tails, heads, weights = [], [], []
    for item in np.unique(need_item):
        name = names[int(item)]
        accepted = [hash(s) for s in {name, *problem.substitutes.get(name, ())}]
        ni, oi = np.flatnonzero(need_item == item), np.flatnonzero(np.isin(offer_item, accepted))
        late = offer_day[oi][None, :] - need_day[ni][:, None]
        ok = (late < LATE_HORIZON_DAYS) & ~(need_use[ni][:, None] & offer_ban[oi][None, :])
        r, c = np.nonzero(ok)
        tails.append(oi[c])
        heads.append(ni[r])
        weights.append(prio[ni[r]] * (LATE_HORIZON_DAYS - np.maximum(late[r, c], 0)))
    n_o, n_n = len(problem.offers), len(problem.needs)
    flow = min_cost_flow.SimpleMinCostFlow()
    total = sum(o.quantity for o in problem.offers)
    arcs = flow.add_arcs_with_capacity_and_unit_cost(
        2 + np.concatenate(tails),
        2 + n_o + np.concatenate(heads),
        np.full(sum(map(len, tails)), total),
        -np.concatenate(weights),
    )
    q_o, q_n = [o.quantity for o in problem.offers], [n.quantity for n in problem.needs]
    flow.add_arcs_with_capacity_and_unit_cost(np.zeros(n_o, np.int32), 2 + np.arange(n_o), q_o, np.zeros(n_o))
    flow.add_arcs_with_capacity_and_unit_cost(2 + n_o + np.arange(n_n), np.ones(n_n, np.int32), q_n, np.zeros(n_n))
    flow.add_arc_with_capacity_and_unit_cost(0, 1, total, 0)
    flow.set_node_supply(0, total)
    flow.set_node_supply(1, -total)
    assert flow.solve() == flow.OPTIMAL
    del arcs
    return float(-flow.optimal_cost()) / LATE_HORIZON_DAYS


def _cpu() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def _peak_mb() -> float:
    mine = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(mine, kids) / 1024


def run(method: str, n: int, out: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    problem = instance(n)
    if method == "ramstein-rerun":
        out.put(rerun(problem))
        return
    base, cpu = _peak_mb(), _cpu()
    started = time.perf_counter()
    if method.startswith("ramstein"):
        result = solve(problem, tie_breaks=method == "ramstein")
        objective, status = result.objective, result.status.value
    elif method == "plain":
        objective, status = plain(problem), "optimal"
    else:
        result = solve_greedy(problem)
        objective, status = result.objective, "greedy"
    out.put((time.perf_counter() - started, _cpu() - cpu, _peak_mb(), base, objective, status))


def rerun(problem: Problem) -> tuple[float, float, float, float, float, str]:
    """A first run fills the cache; the coordinator locks half of one assignment; the re-run is timed."""
    cache = PartCache()
    first = solve(problem, cache=cache).assignments[0]
    solved_first = cache.misses
    locked = replace(problem, locks=(Lock(first.offer, first.need, max(1, first.quantity // 2)),))
    base, cpu = _peak_mb(), _cpu()
    started = time.perf_counter()
    warm = solve(locked, cache=cache)
    seconds, cpu = time.perf_counter() - started, _cpu() - cpu
    cold = solve(locked)
    if warm != cold:
        raise SystemExit("the warm re-run differs from a cold run of the same problem")
    return (
        seconds,
        cpu,
        _peak_mb(),
        base,
        warm.objective,
        f"{warm.status.value}, {cache.hits} of {cache.hits + cache.misses - solved_first} parts cached",
    )


def measure(method: str, n: int) -> tuple[float, float, float, float, float, str]:
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    proc = context.Process(target=run, args=(method, n, queue))
    proc.start()
    proc.join()  # the answer is a few numbers: it fits the queue's pipe before anyone reads it
    if proc.exitcode != 0:
        raise SystemExit(f"{method} at n={n} failed (exit {proc.exitcode})")
    return queue.get()  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--skip-plain-above", type=int, default=10**9, help="leave out the plain run above n")
    args = parser.parse_args()
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}, {os.cpu_count()} cores")
    print("| n x n | method | status | seconds | CPU s | peak MB | instance MB | objective | vs optimum |")
    print("|---|---|---|---:|---:|---:|---:|---:|---:|")
    for n in args.sizes:
        rows = {m: measure(m, n) for m in METHODS if m != "plain" or n <= args.skip_plain_above}
        best = rows["ramstein"][4]
        if abs(rows["ramstein-value-only"][4] - best) > 1e-6 * max(1.0, best):
            raise SystemExit("the tie-breakers changed the value: they may only break ties")
        for method, (seconds, cpu, peak, base, objective, status) in rows.items():
            gap = (
                "locked"
                if method == "ramstein-rerun"
                else f"{100 * (objective - best) / best:+.2f} %"
                if best
                else "n/a"
            )
            cells = f"{seconds:.2f} | {cpu:.2f} | {peak:,.0f} | {base:,.0f} | {objective:,.2f} | {gap}"
            print(f"| {n:,} | {method} | {status} | {cells} |")
            sys.stdout.flush()
        if "plain" in rows and abs(rows["plain"][4] - best) > 1e-6 * max(1.0, best):
            raise SystemExit(f"ramstein's objective {best} differs from the plain formulation's {rows['plain'][4]}")
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
