"""Parts with complete packages: the same network and objective as a min-cost flow, plus all or nothing
per package, as an integer program solved by OR-Tools CP-SAT.

Variables: the flow on every arc of the part's time-expanded network (chains.py), flow conservation at every
node, and one 0/1 variable per package: the sink arc of each of its needs carries either the need's whole
open quantity or nothing, as the package's variable says. First the value is maximised (the same costs as
the flow); then, with the value held at that optimum, the tie-breakers are minimised. Both solves start
from a hint when one is given (a flow of an earlier run of the same network), which speeds up re-runs but
cannot change the optimum. Only parts whose needs belong to packages come here: a package joins the parts
of its items (arcs.item_roots), the rest stays a min-cost flow.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from ortools.sat.python import cp_model

from ramstein.adapters.solvers.network import Part
from ramstein.adapters.solvers.prepare import Ints


@dataclass(frozen=True, slots=True)
class Outcome:
    flow: Ints | None  # None: no solution within the time limit
    optimal: bool
    bound: int  # a bound on the value (in 1/90 units) the part can reach


def solve_package_part(
    part: Part, *, tie_breaks: bool = True, time_limit: float | None = None, hint: Ints | None = None
) -> Outcome:
    model, x = _model(part)
    if hint is not None and len(hint) == len(x):
        for var, value in zip(x, hint.tolist(), strict=True):
            model.add_hint(var, value)
    solver = _solver(time_limit)
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return Outcome(None, False, int(-solver.best_objective_bound) if status == cp_model.UNKNOWN else 0)
    best = round(solver.objective_value)
    flow = np.array([solver.value(v) for v in x], np.int64)
    if status != cp_model.OPTIMAL:
        return Outcome(flow, False, int(-solver.best_objective_bound))
    if tie_breaks and part.tie.any():
        model.add(_dot(part.value, x) <= best)  # the value stays optimal
        model.minimize(_dot(part.tie, x))
        model.clear_hints()  # type: ignore[no-untyped-call]  # OR-Tools leaves this one unannotated
        for var, value in zip(x, flow.tolist(), strict=True):
            model.add_hint(var, value)
        if solver.solve(model) in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            flow = np.array([solver.value(v) for v in x], np.int64)
    return Outcome(flow, True, -best)


def _model(part: Part) -> tuple[cp_model.CpModel, list[cp_model.IntVar]]:
    model = cp_model.CpModel()
    x = [model.new_int_var(0, int(c), "") for c in part.cap.tolist()]
    into: list[list[int]] = [[] for _ in range(part.n_nodes)]
    out: list[list[int]] = [[] for _ in range(part.n_nodes)]
    for k, (t, h) in enumerate(zip(part.tail.tolist(), part.head.tolist(), strict=True)):
        out[t].append(k)
        into[h].append(k)
    for node in range(part.n_nodes):
        model.add(sum(x[k] for k in out[node]) == sum(x[k] for k in into[node]))
    chosen: dict[int, cp_model.IntVar] = {}
    for k in np.flatnonzero(part.package >= 0).tolist():
        z = chosen.setdefault(int(part.package[k]), model.new_bool_var(""))
        model.add(x[k] == int(part.cap[k]) * z)
    model.minimize(_dot(part.value, x))
    return model, x


def _dot(coefficients: Ints, x: list[cp_model.IntVar]) -> cp_model.LinearExpr:
    used = np.flatnonzero(coefficients)
    return cp_model.LinearExpr.weighted_sum([x[k] for k in used.tolist()], coefficients[used].tolist())


def _solver(time_limit: float | None) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1  # deterministic: the same model and hint give the same answer
    if time_limit is not None:
        solver.parameters.max_time_in_seconds = max(time_limit, 0.01)
    return solver
