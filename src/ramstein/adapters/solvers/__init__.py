"""The optimisation backend: exact min-cost flow (OR-Tools) for the coordination engine's matching.

`solve(problem) -> Result` is the optimiser of `ramstein.domain.allocation`; `solve_greedy` is the greedy
rule it is measured against. docs/allocation.md explains the objective, the tie-breakers and the reasons.
"""

from __future__ import annotations

from ramstein.adapters.solvers.engine import solve
from ramstein.adapters.solvers.greedy import solve_greedy

__all__ = ["solve", "solve_greedy"]
