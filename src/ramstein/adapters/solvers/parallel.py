"""Independent parts solved one after the other, or in worker processes when the problem is large.

Processes, not threads: OR-Tools keeps the GIL while it solves, so two threads take as long as one
(measured: benchmarks/README.md). Workers are forked after the parts are built, so they read the parts from
the parent's memory instead of receiving a pickled copy; only the few non-zero flows travel back.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor

import numpy as np

from ramstein.adapters.solvers.network import Part, solve_part
from ramstein.adapters.solvers.prepare import Ints

PARALLEL_MIN_NODES = 20_000  # below this (~0.25 s of solving), starting a process costs more than it saves

_SHARED: Sequence[Part] = ()  # the parts a forked worker reads


def solve_parts(parts: Sequence[Part], *, deadline: float | None, tie_breaks: bool) -> list[Ints | None]:
    """The flow of every part in order; None for a part left unsolved because the deadline had passed."""
    nodes = sum(p.n_nodes for p in parts)
    workers = min(os.cpu_count() or 1, len(parts))
    if workers < 2 or nodes < PARALLEL_MIN_NODES or "fork" not in multiprocessing.get_all_start_methods():
        return [_solve_one(part, deadline, tie_breaks) for part in parts]
    return _in_processes(parts, workers, deadline, tie_breaks)


def _solve_one(part: Part, deadline: float | None, tie_breaks: bool) -> Ints | None:
    if deadline is not None and time.monotonic() > deadline:
        return None
    return solve_part(part, tie_breaks=tie_breaks)


def _in_processes(parts: Sequence[Part], workers: int, deadline: float | None, tie_breaks: bool) -> list[Ints | None]:
    """The parts in `workers` bins of about equal work (the solver's time grows with the nodes): this
    process solves the first bin while forked workers solve the others."""
    global _SHARED
    bins = balance([p.n_nodes for p in parts], workers)
    _SHARED = parts
    results: list[Ints | None] = [None] * len(parts)
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=len(bins) - 1, mp_context=context) as pool:
            futures = [pool.submit(_solve_bin, members, deadline, tie_breaks) for members in bins[1:]]
            for index in bins[0]:
                results[index] = _solve_one(parts[index], deadline, tie_breaks)
            for members, future in zip(bins[1:], futures, strict=True):
                for index, sparse in zip(members, future.result(), strict=True):
                    results[index] = None if sparse is None else _dense(len(parts[index].tail), sparse)
    finally:
        _SHARED = ()
    return results


def _solve_bin(members: list[int], deadline: float | None, tie_breaks: bool) -> list[tuple[Ints, Ints] | None]:
    out: list[tuple[Ints, Ints] | None] = []
    for index in members:
        flow = _solve_one(_SHARED[index], deadline, tie_breaks)
        out.append(None if flow is None else (np.flatnonzero(flow), flow[flow != 0]))
    return out


def _dense(size: int, sparse: tuple[Ints, Ints]) -> Ints:
    flow = np.zeros(size, np.int64)
    flow[sparse[0]] = sparse[1]
    return flow


def balance(sizes: Sequence[int], bins: int) -> list[list[int]]:
    """Indices of `sizes` in `bins` groups of nearly equal total: largest first into the lightest bin."""
    groups: list[list[int]] = [[] for _ in range(bins)]
    loads = [0] * bins
    for index in sorted(range(len(sizes)), key=lambda k: -sizes[k]):
        lightest = loads.index(min(loads))
        groups[lightest].append(index)
        loads[lightest] += sizes[index]
    return [g for g in groups if g]
