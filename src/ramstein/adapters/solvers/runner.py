"""Every part solved: from the cache, as a min-cost flow (in processes when large), or with CP-SAT when it
holds packages; and what the parts not solved exactly could still reach."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from ramstein.adapters.solvers.cache import PartCache
from ramstein.adapters.solvers.network import Part
from ramstein.adapters.solvers.packages import solve_package_part
from ramstein.adapters.solvers.parallel import solve_parts
from ramstein.adapters.solvers.prepare import Ints


@dataclass
class Solved:
    flows: list[Ints | None]  # None: not reached within the time limit
    inexact: dict[int, int] = field(default_factory=dict)  # part -> bound on its value, when not proven optimal


def solve_all(parts: Sequence[Part], *, deadline: float | None, tie_breaks: bool, cache: PartCache | None) -> Solved:
    flows: list[Ints | None] = [None] * len(parts)
    todo = []
    for r, part in enumerate(parts):
        found = cache.get(part, tie_breaks) if cache is not None else None
        if found is not None:
            flows[r] = found
        elif not part.has_packages:
            todo.append(r)
    fresh = solve_parts([parts[r] for r in todo], deadline=deadline, tie_breaks=tie_breaks)
    for r, flow in zip(todo, fresh, strict=True):
        flows[r] = flow
        if flow is not None and cache is not None:
            cache.put(parts[r], tie_breaks, flow)
    solved = Solved(flows)
    for r, part in enumerate(parts):
        if flows[r] is None and part.has_packages:
            _package(solved, r, part, deadline, tie_breaks, cache)
    return solved


def _package(
    solved: Solved, r: int, part: Part, deadline: float | None, tie_breaks: bool, cache: PartCache | None
) -> None:
    left = None if deadline is None else deadline - time.monotonic()
    if left is not None and left <= 0:
        return
    hint = cache.hint(part) if cache is not None else None
    outcome = solve_package_part(part, tie_breaks=tie_breaks, time_limit=left, hint=hint)
    solved.flows[r] = outcome.flow
    if not outcome.optimal:
        if outcome.flow is not None:
            solved.inexact[r] = outcome.bound
    elif cache is not None and outcome.flow is not None:
        cache.put(part, tie_breaks, outcome.flow)


def part_value(part: Part, flow: Ints) -> int:
    """The value a part's flow carries, in 1/90 units."""
    return int(-(part.value * flow).sum())
