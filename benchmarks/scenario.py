"""Monte Carlo over a 24-month forecast: ramstein's NumPy engine beside a plain Python loop, and on Dask.

    .venv/bin/python benchmarks/scenario.py --runs 10000 --dask-workers 1 2

A seeded synthetic model of 40 capability areas and 56 donors: every donor offers in ten areas (560 offers,
stock or production, months 0-17), two production lines per area (80 lines, a ramp each, a second ramp on
every fourth) with three contracts each (240 contracts, two in three for Ukraine). Each run draws a Poisson
delay per offer and per line and a triangular ramp-length factor per line (the default `Uncertainty`).

- **numpy**: `LocalSimulator.run` end to end as `ramstein scenario run` calls it: model to arrays, the draws
  of every chunk of 250 runs from its spawned seed, the vectorised evaluation, and the bands (P10/P50/P90 per
  area and month, closing months, coverage).
- **loop**: the same model evaluated run by run, offer by offer, line by line and month by month in plain
  Python (lists, `math.floor`), on the very same draws (drawn beforehand, not timed), with the bands taken by
  sorting each area-month's values; it must give exactly the same supply and bands ("same").
- **dask**: `DaskSimulator` with a LocalCluster of N worker processes (cluster start-up timed separately);
  its bands must equal numpy's. Workers ship each chunk's supply back as int32; the same run shipping float64
  (as before, `as_int32=False`) is timed beside it on the same cluster, alternately, best of three each.
"""

from __future__ import annotations

import argparse
import math
import time
from datetime import date

import numpy as np

from ramstein.adapters.simulation import LocalSimulator
from ramstein.adapters.simulation.engine import (
    CHUNK_RUNS,
    Draws,
    arrays,
    chunk_sizes,
    draw,
    evaluate,
    seeds,
)
from ramstein.domain.industry.model import Area, ContractSlot, ForecastModel, LineSlot, Source, SupplyKind
from ramstein.domain.industry.uncertainty import Simulation, Uncertainty

AREAS, DONORS, MONTHS, SEED = 40, 56, 24, 20261122


def synthetic(seed: int = SEED) -> ForecastModel:
    rng = np.random.default_rng(seed)
    areas = tuple(Area(f"family-{a:02d}", f"capability-{a % 8}") for a in range(AREAS))
    donors = [f"D{d:02d}" for d in range(DONORS)]
    sources = []
    for d, donor in enumerate(donors):
        for a in rng.choice(AREAS, 10, replace=False):
            kind = SupplyKind.STOCK if rng.random() < 0.4 else SupplyKind.PRODUCTION
            sources.append(
                Source(f"O{d}-{a}", kind, donor, int(a), int(rng.integers(0, 18)), int(rng.integers(50, 2000)))
            )
    lines = []
    for k in range(2 * AREAS):
        area, peace = k % AREAS, int(rng.integers(100, 1000))
        ramps = [(int(rng.integers(-3, 6)), int(rng.integers(3, 18)), peace * int(rng.integers(2, 5)))]
        if k % 4 == 0:
            ramps.append((ramps[0][0] + ramps[0][1] + 2, 6, ramps[0][2] * 2))
        contracts = tuple(
            ContractSlot(f"K{k}-{c}", donors[int(rng.integers(0, DONORS))], c != 1, area,
                         int(rng.integers(1000, 8000)), MONTHS if rng.random() < 0.9 else int(rng.integers(6, MONTHS)))
            for c in range(3)
        )  # fmt: skip
        lines.append(LineSlot(f"L{k}", "X", peace, int(rng.integers(-12, 3)), tuple(ramps), 1.0, contracts))
    required = tuple(tuple(int(x) for x in np.cumsum(rng.integers(0, 1500, MONTHS))) for _ in areas)
    return ForecastModel(date(2027, 1, 1), MONTHS, areas, required, tuple(sources), tuple(lines))


def loop_supply(model: ForecastModel, d: Draws) -> list[list[list[float]]]:
    """One run at a time, in plain Python: the forecast's rules with the run's delays and ramp factors."""
    out = []
    src_delay, line_delay, factor = d.src_delay.tolist(), d.line_delay.tolist(), d.ramp_factor.tolist()
    for r in range(len(src_delay)):
        supply = [[0.0] * MONTHS for _ in model.areas]
        for s, source in enumerate(model.sources):
            month = source.month + src_delay[r][s]
            if month < MONTHS:
                supply[source.area][month] += source.quantity
        for row in supply:
            for m in range(1, MONTHS):
                row[m] += row[m - 1]
        for k, line in enumerate(model.lines):
            made = _line(line, factor[r][k], line_delay[r][k])
            before = 0
            for c in line.contracts:
                if c.ukraine and c.area >= 0:
                    got = [min(max(x - before, 0.0), c.quantity) for x in made]
                    for m in range(MONTHS):
                        supply[c.area][m] += got[min(m, c.stop - 1)] if c.stop > 0 else 0.0
                before += c.quantity
        out.append(supply)
    return out


def _line(line: LineSlot, factor: float, delay: int) -> list[float]:
    made, total = [], 0.0
    for m in range(MONTHS):
        rate = float(line.peacetime)
        for start, months, surge in line.ramps:
            k = m - start
            if k < 0:
                continue
            span = months * line.speed * factor
            rate = float(surge) if k + 1 >= span else rate + math.floor((surge - rate) * (k + 1) / span)
        total += rate if m >= line.since else 0.0
        made.append(total)
    return [made[m - delay] if m >= delay else 0.0 for m in range(MONTHS)]


def loop_bands(supply: list[list[list[float]]]) -> list[list[tuple[float, float, float]]]:
    """P10/P50/P90 per area and month by sorting (the inverted-CDF rule: the ceil(p × n)-th smallest)."""
    n = len(supply)
    picks = [max(1, math.ceil(p * n / 100)) - 1 for p in (10, 50, 90)]
    out = []
    for a in range(len(supply[0])):
        row = []
        for m in range(MONTHS):
            values = sorted(run[a][m] for run in supply)
            row.append(tuple(values[i] for i in picks))
        out.append(row)
    return out  # type: ignore[return-value]


def same_bands(sim: Simulation, bands: list[list[tuple[float, float, float]]]) -> bool:
    return all(
        (a.supplied.p10[m], a.supplied.p50[m], a.supplied.p90[m]) == bands[i][m]
        for i, a in enumerate(sim.areas)
        for m in range(MONTHS)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--dask-workers", type=int, nargs="*", default=[2])
    args = parser.parse_args()
    model, spread = synthetic(), Uncertainty()
    contracts = sum(len(x.contracts) for x in model.lines)
    print(f"model: {len(model.areas)} areas, {len(model.donors)} donors, {len(model.sources)} offers, "
          f"{len(model.lines)} lines, {contracts} contracts, {MONTHS} months")  # fmt: skip

    best, cpu = math.inf, math.inf
    for _ in range(3):
        t, c = time.perf_counter(), time.process_time()
        sim = LocalSimulator().run(model, spread, args.runs, args.seed)
        best, cpu = min(best, time.perf_counter() - t), min(cpu, time.process_time() - c)
    print(f"numpy: {args.runs:,} runs in {best:.2f} s wall, {cpu:.2f} s CPU (best of 3)")

    a, sizes = arrays(model), chunk_sizes(args.runs)
    chunks = zip(sizes, seeds(args.seed, len(sizes)), strict=True)
    draws = [draw(a, spread, size, np.random.default_rng(s)) for size, s in chunks]
    t, c = time.perf_counter(), time.process_time()
    supply = [run for d in draws for run in loop_supply(model, d)]
    bands = loop_bands(supply)
    loop, loop_cpu = time.perf_counter() - t, time.process_time() - c
    exact = np.array_equal(np.array(supply), np.concatenate([evaluate(a, d) for d in draws]))
    same = exact and same_bands(sim, bands)
    print(f"loop: {args.runs:,} runs in {loop:.2f} s wall, {loop_cpu:.2f} s CPU; numpy is {loop / best:.1f}x faster "
          f"(CPU {loop_cpu / cpu:.1f}x); same supply and bands: {same}")  # fmt: skip

    for workers in args.dask_workers:
        _dask(model, spread, args, workers, sim)


def _dask(model: ForecastModel, spread: Uncertainty, args: argparse.Namespace, workers: int, sim: Simulation) -> None:
    from distributed import Client, LocalCluster

    from ramstein.adapters.simulation.distributed import DaskSimulator

    t = time.perf_counter()
    with LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=None) as cluster:
        start = time.perf_counter() - t
        address = cluster.scheduler_address
        with Client(address):
            DaskSimulator(address=address).run(model, spread, CHUNK_RUNS, args.seed)  # warm the workers
        took, wide = math.inf, math.inf
        for _ in range(3):  # alternately, best of three each: the machine's load moves single runs a lot
            t = time.perf_counter()
            found = DaskSimulator(address=address).run(model, spread, args.runs, args.seed)
            took = min(took, time.perf_counter() - t)
            t = time.perf_counter()
            DaskSimulator(address=address, as_int32=False).run(model, spread, args.runs, args.seed)
            wide = min(wide, time.perf_counter() - t)
    same = (found.areas, found.coverage) == (sim.areas, sim.coverage)
    shipped = sum(size * len(model.areas) * MONTHS * 4 for size in chunk_sizes(args.runs))
    wide_bytes = 2 * shipped
    print(f"dask: {workers} workers, {args.runs:,} runs in {took:.2f} s (best of 3; cluster start {start:.1f} s), "
          f"supply shipped as int32 ({shipped / 1e6:.1f} MB); as float64 before ({wide_bytes / 1e6:.1f} MB): "
          f"{wide:.2f} s; same bands as numpy: {same}")  # fmt: skip


if __name__ == "__main__":
    main()
