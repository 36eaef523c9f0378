"""The Monte Carlo engine: the forecast model evaluated over many runs at once with NumPy.

Runs are cut into chunks of a fixed size (`CHUNK_RUNS`), whatever executes them; chunk i draws from its own
generator, `SeedSequence(seed).spawn(chunks)[i]`. So the same seed gives the same numbers in one process,
on two Dask workers or on twenty: neither the draws nor their order depend on who computes a chunk.

Per chunk of R runs (A areas, M months, S offers, L lines, K contracts for Ukraine), all arrays:
offers land in month + delay (a bincount into R×A×M), lines make `ramp_rate` per month (R×L×M, the same
formula as domain/industry/production.py with the ramp length × the run's factor), cumulated and shifted by
the line's delay; contract k receives clip(C - Q_k, 0, q_k), cut from its stop month.

When the model carries the floor forecast's paces (N allies), each run also gives every ally's expected
credit for the year: recorded + pace × max(0, months left - delay), R×N. Its delays are drawn after the
supply's, from the same generator, so a forecast's supply bands are the same with or without the floor.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from ramstein.domain.industry.model import ForecastModel, SupplyKind
from ramstein.domain.industry.uncertainty import Uncertainty

CHUNK_RUNS = 250
Array = NDArray[np.float64]
Ints = NDArray[np.int64]


@dataclass(frozen=True)
class ModelArrays:
    """The model as arrays: small, picklable, sent once to every worker."""

    areas: int
    months: int
    required: Ints  # A×M cumulative
    src_area: Ints
    src_month: Ints
    src_qty: Array
    src_stock: NDArray[np.bool_]
    line_peace: Array
    line_since: Ints
    line_speed: Array
    ramp_start: Ints  # L×P, padded
    ramp_months: Array
    ramp_surge: Array
    ramp_valid: NDArray[np.bool_]
    k_line: Ints  # contracts for Ukraine with an area
    k_before: Array
    k_qty: Array
    k_area: Ints
    k_stop: Ints
    ally_recorded: Array  # N allies of the floor forecast (none without it)
    ally_pace: Array
    ally_left: Ints


def arrays(model: ForecastModel) -> ModelArrays:
    src = model.sources
    lines = model.lines
    width = max([1, *(len(line.ramps) for line in lines)])
    ramps = np.zeros((len(lines), width, 3))
    valid = np.zeros((len(lines), width), dtype=bool)
    for i, line in enumerate(lines):
        for p, ramp in enumerate(line.ramps):
            ramps[i, p], valid[i, p] = ramp, True
    contracts = []
    for i, line in enumerate(lines):
        before = 0
        for slot in line.contracts:
            if slot.ukraine and slot.area >= 0:
                contracts.append((i, before, slot.quantity, slot.area, slot.stop))
            before += slot.quantity
    contracts.sort(key=lambda c: c[3])  # by area (stable: queue order kept within an area)
    k = np.array(contracts, dtype=np.int64).reshape(-1, 5)
    floor = model.floor
    return ModelArrays(
        len(model.areas), model.months,
        np.array(model.required, dtype=np.int64).reshape(len(model.areas), model.months),
        np.array([s.area for s in src], dtype=np.int64), np.array([s.month for s in src], dtype=np.int64),
        np.array([s.quantity for s in src], dtype=np.float64),
        np.array([s.kind is SupplyKind.STOCK for s in src], dtype=bool),
        np.array([line.peacetime for line in lines], dtype=np.float64),
        np.array([line.since for line in lines], dtype=np.int64),
        np.array([line.speed for line in lines], dtype=np.float64),
        ramps[:, :, 0].astype(np.int64), ramps[:, :, 1], ramps[:, :, 2], valid,
        k[:, 0], k[:, 1].astype(np.float64), k[:, 2].astype(np.float64), k[:, 3], k[:, 4],
        np.array(floor.recorded if floor else (), dtype=np.float64),
        np.array(floor.pace if floor else (), dtype=np.float64),
        np.array(floor.months_left if floor else (), dtype=np.int64),
    )  # fmt: skip


@dataclass(frozen=True)
class Draws:
    src_delay: Ints  # R×S
    line_delay: Ints  # R×L
    ramp_factor: Array  # R×L
    credit_delay: Ints  # R×N


def draw(a: ModelArrays, u: Uncertainty, runs: int, rng: np.random.Generator) -> Draws:
    """The random inputs of `runs` runs, always drawn in this order."""
    means = np.where(a.src_stock, u.stock_delay, u.production_delay)
    src_delay = rng.poisson(means, size=(runs, len(means)))
    line_delay = rng.poisson(u.line_delay, size=(runs, len(a.line_peace)))
    if u.ramp_low < u.ramp_high:
        factor = rng.triangular(u.ramp_low, u.ramp_mode, u.ramp_high, size=(runs, len(a.line_peace)))
    else:
        factor = np.full((runs, len(a.line_peace)), u.ramp_mode)
    credit_delay = rng.poisson(u.credit_delay, size=(runs, len(a.ally_pace)))  # last: supply draws stay as they were
    return Draws(src_delay.astype(np.int64), line_delay.astype(np.int64), factor, credit_delay.astype(np.int64))


def evaluate(a: ModelArrays, d: Draws) -> Array:
    """Cumulative supply per run, area and month: R×A×M."""
    runs, months = d.src_delay.shape[0], a.months
    supply = _offers(a, d, runs).reshape(runs, a.areas, months)
    np.cumsum(supply, axis=2, out=supply)
    if len(a.k_line):
        got = _line_output(a, d)[:, a.k_line, :]  # R×K×M, contracts sorted by area
        got -= a.k_before[None, :, None]
        np.clip(got, 0, a.k_qty[None, :, None], out=got)
        cut = np.flatnonzero(a.k_stop < months)
        if len(cut):  # a donor stops: deliveries from the stop month on are cut
            last = np.minimum(np.arange(months)[None, :], np.maximum(a.k_stop[cut, None] - 1, 0))
            frozen = np.take_along_axis(got[:, cut, :], last[None], axis=2)
            got[:, cut, :] = np.where(a.k_stop[None, cut, None] > 0, frozen, 0.0)
        areas, first = np.unique(a.k_area, return_index=True)
        supply[:, areas, :] += np.add.reduceat(got, first, axis=1)
    return supply


def _offers(a: ModelArrays, d: Draws, runs: int) -> Array:
    month = a.src_month[None, :] + d.src_delay
    keep = month < a.months
    run = np.broadcast_to(np.arange(runs)[:, None], month.shape)
    index = (run * a.areas + a.src_area[None, :]) * a.months + month
    weights = np.broadcast_to(a.src_qty[None, :], month.shape)
    return np.bincount(index[keep], weights=weights[keep], minlength=runs * a.areas * a.months).astype(np.float64)


def _line_output(a: ModelArrays, d: Draws) -> Array:
    """Cumulative output per run, line and month (R×L×M), each line's delay applied."""
    runs, lines, months = d.ramp_factor.shape[0], len(a.line_peace), a.months
    m = np.arange(months, dtype=np.float64)
    rate = np.empty((runs, lines, months))
    rate[:] = a.line_peace[None, :, None]
    for p in range(a.ramp_start.shape[1]):
        idx = np.flatnonzero(a.ramp_valid[:, p])  # only the lines with a p-th ramp
        if len(idx) == lines:
            rate = _ramp(a, d, p, idx, m, rate)
        elif len(idx):
            rate[:, idx, :] = _ramp(a, d, p, idx, m, rate)
    rate[:, m[None, :] < a.line_since[:, None]] = 0.0
    made = np.cumsum(rate, axis=2, out=rate)
    out = np.zeros_like(made)
    for delay in np.unique(d.line_delay):
        late = d.line_delay == delay
        if delay == 0:
            out[late] = made[late]
        elif delay < months:
            out[late, delay:] = made[late, : months - delay]
    return out


def _ramp(a: ModelArrays, d: Draws, p: int, idx: Ints, m: Array, rate: Array) -> Array:
    """`ramp_rate`'s step for the p-th ramp of the lines `idx`, in fewer passes but to the same bits:
    - before the ramp k+1 is taken as 0, so the step adds floor(0) = 0 to the rate before it;
    - `surge if k+1 >= span else prev + floor(x)` with x = (surge - prev) × (k+1) / span equals prev + floor(x)
      clipped to [min(prev, surge), max(prev, surge)]: x reaches surge - prev exactly when k+1 >= span
      (IEEE division is monotone and surge - prev is a whole number), and floor(x) never passes it before."""
    k1 = np.maximum(m[None, :] - a.ramp_start[idx, p, None] + 1.0, 0.0)[None]  # 1×Lp×M: k + 1, 0 before
    span = (a.ramp_months[idx, p] * a.line_speed[idx])[None, :, None] * d.ramp_factor[:, idx, None]  # R×Lp×1
    surge = a.ramp_surge[idx, p][None, :, None]
    prev = a.line_peace[idx][None, :, None] if p == 0 else rate[:, idx, :]  # before the first ramp: peacetime
    step = (surge - prev) * k1
    step = step / span if step.shape[0] == 1 else np.divide(step, span, out=step)  # 1×Lp×M for p = 0
    np.floor(step, out=step)
    step += prev
    clipped: Array = np.clip(step, np.minimum(prev, surge), np.maximum(prev, surge), out=step)
    return clipped


def credit(a: ModelArrays, d: Draws) -> Array:
    """Expected credit for the year per run and ally (R×N): the further credit starts `credit_delay` late."""
    months: Array = np.maximum(a.ally_left[None, :] - d.credit_delay, 0).astype(np.float64)
    return a.ally_recorded[None, :] + a.ally_pace[None, :] * months


def run_chunk(a: ModelArrays, u: Uncertainty, runs: int, seed: np.random.SeedSequence) -> tuple[Array, Array]:
    """One chunk: its own generator, its draws; its supply (R×A×M) and the allies' expected credit (R×N).
    What every executor calls."""
    drawn = draw(a, u, runs, np.random.default_rng(seed))
    return evaluate(a, drawn), credit(a, drawn)


def chunk_sizes(runs: int, chunk_runs: int = CHUNK_RUNS) -> list[int]:
    full, rest = divmod(runs, chunk_runs)
    return [chunk_runs] * full + ([rest] if rest else [])


def seeds(seed: int, chunks: int) -> list[np.random.SeedSequence]:
    return np.random.SeedSequence(seed).spawn(chunks)
