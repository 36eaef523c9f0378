"""The optimisation backend: exact min-cost flow (OR-Tools), and CP-SAT for complete packages, for the
coordination engine's matching.

`solve(problem) -> Result` is the optimiser of `ramstein.domain.allocation`; `solve_greedy` is the greedy
rule it is measured against; a `PartCache` kept between runs makes a re-run solve only the parts that
changed. docs/allocation.md explains the objective, the tie-breakers and the reasons.
"""

from __future__ import annotations

from ramstein.adapters.solvers.cache import PartCache
from ramstein.adapters.solvers.engine import solve
from ramstein.adapters.solvers.greedy import solve_greedy

__all__ = ["PartCache", "solve", "solve_greedy"]
