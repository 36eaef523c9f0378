"""The Monte Carlo engine: the plan when nothing is uncertain, the same numbers for the same seed however it
is executed (one process, one or two Dask workers), and estimates that settle as runs grow."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import numpy as np
import pytest

from ramstein.adapters.simulation import LocalSimulator
from ramstein.adapters.simulation.engine import arrays, credit, draw, evaluate
from ramstein.domain.industry.forecast import forecast
from ramstein.domain.industry.model import Area, ContractSlot, FloorPace, ForecastModel, LineSlot, Source, SupplyKind
from ramstein.domain.industry.uncertainty import NONE, Uncertainty


def a_model(months: int = 12) -> ForecastModel:
    areas = (Area("155mm-nato", "ammunition"), Area("fpv-drone", "drones"))
    required = ((0, 0, *[9000] * (months - 2)), tuple(500 * (k + 1) for k in range(months)))
    sources = (
        Source("O1", SupplyKind.STOCK, "DEU", 0, 1, 2000),
        Source("O2", SupplyKind.PRODUCTION, "USA", 0, 3, 1500),
        Source("O3", SupplyKind.PRODUCTION, "GBR", 1, 2, 3000),
    )
    contracts = (ContractSlot("K1", "USA", False, 0, 2500, months), ContractSlot("K2", "DEU", True, 0, 6000, months),
                 ContractSlot("K3", "NLD", True, 0, 4000, 7))  # fmt: skip
    lines = (
        LineSlot("L1", "DEU", 1000, -3, ((1, 6, 3000), (9, 2, 4000)), 1.0, contracts),
        LineSlot("L2", "GBR", 200, 0, ((0, 4, 900),), 0.5, (ContractSlot("K4", "GBR", True, 1, 5000, months),)),
    )
    return ForecastModel(date(2026, 1, 1), months, areas, required, sources, lines)


def test_without_uncertainty_every_run_is_the_deterministic_forecast() -> None:
    model = a_model()
    a = arrays(model)
    supply = evaluate(a, draw(a, NONE, 3, np.random.default_rng(0)))
    for i, area in enumerate(forecast(model)):
        for run in range(3):
            assert tuple(supply[run, i].astype(int)) == area.supplied


def test_the_same_seed_gives_the_same_bands_and_another_seed_other_ones() -> None:
    model, spread = a_model(), Uncertainty()
    first = LocalSimulator().run(model, spread, 1000, seed=7)
    assert LocalSimulator().run(model, spread, 1000, seed=7) == first
    assert LocalSimulator().run(model, spread, 1000, seed=8) != first


@pytest.mark.parametrize("workers", [1, 2])
def test_dask_gives_the_numbers_of_one_process_whatever_the_number_of_workers(workers: int) -> None:
    from ramstein.adapters.simulation.distributed import DaskSimulator

    model, spread = a_model(), Uncertainty()
    here = LocalSimulator().run(model, spread, 1100, seed=3)
    there = DaskSimulator(workers=workers).run(model, spread, 1100, seed=3)
    assert there.workers == workers
    assert (there.coverage, there.areas) == (here.coverage, here.areas)


def test_estimates_converge_as_runs_grow() -> None:
    model, spread = a_model(), Uncertainty(production_delay=2.0, line_delay=1.5)
    a = arrays(model)

    def spread_of_means(runs: int) -> float:
        means = [evaluate(a, draw(a, spread, runs, np.random.default_rng(s)))[:, 0, 6].mean() for s in range(12)]
        return float(np.std(means))

    small, large = spread_of_means(50), spread_of_means(3200)
    assert small > 0
    assert large < small / 4  # the standard error falls as 1/sqrt(runs): 8 times here


FLOOR = FloorPace(("DEU", "GBR", "USA"), (3e9, 1e9, 0.0), (5e8, 2e8, 1e9), (6, 6, 2), 6e9)


def with_floor() -> ForecastModel:
    return replace(a_model(), floor=FLOOR)


def test_without_uncertainty_every_run_credits_the_floor_forecasts_expectation() -> None:
    a = arrays(with_floor())
    found = credit(a, draw(a, NONE, 4, np.random.default_rng(0)))
    expected = [r + p * m for r, p, m in zip(FLOOR.recorded, FLOOR.pace, FLOOR.months_left, strict=True)]
    assert found.tolist() == [expected] * 4


def test_floor_bands_are_ordered_the_same_for_the_same_seed_and_leave_supply_as_it_was() -> None:
    spread = Uncertainty(credit_delay=2.0)
    first = LocalSimulator().run(with_floor(), spread, 1000, seed=7)
    assert LocalSimulator().run(with_floor(), spread, 1000, seed=7) == first
    bands = first.floor
    assert bands is not None and bands.nations == FLOOR.nations
    for lo, mid, hi in zip(bands.expected.p10, bands.expected.p50, bands.expected.p90, strict=True):
        assert lo <= mid <= hi
    assert bands.total[0] <= bands.total[1] <= bands.total[2] and bands.total[0] < bands.total[2]
    assert bands.expected.p90[0] <= 3e9 + 5e8 * 6  # a delay never adds credit
    assert 0 < bands.meets_floor < 1
    without = LocalSimulator().run(a_model(), spread, 1000, seed=7)
    assert (without.areas, without.coverage, without.floor) == (first.areas, first.coverage, None)


@pytest.mark.parametrize("workers", [1, 2])
def test_floor_bands_on_dask_are_those_of_one_process(workers: int) -> None:
    from ramstein.adapters.simulation.distributed import DaskSimulator

    here = LocalSimulator().run(with_floor(), Uncertainty(), 700, seed=11)
    there = DaskSimulator(workers=workers).run(with_floor(), Uncertainty(), 700, seed=11)
    assert there.floor == here.floor and there.floor is not None


def test_the_expected_total_converges_as_runs_grow() -> None:
    a, spread = arrays(with_floor()), Uncertainty(credit_delay=1.5)

    def spread_of_means(runs: int) -> float:
        means = [credit(a, draw(a, spread, runs, np.random.default_rng(s))).sum(axis=1).mean() for s in range(12)]
        return float(np.std(means))

    small, large = spread_of_means(50), spread_of_means(3200)
    assert small > 0
    assert large < small / 4  # 1/sqrt(runs): 8 times here
    mean = credit(a, draw(a, spread, 200_000, np.random.default_rng(99))).sum(axis=1).mean()
    exact = sum(r + p * sum(max(0, m - k) * _poisson(1.5, k) for k in range(40))
                for r, p, m in zip(FLOOR.recorded, FLOOR.pace, FLOOR.months_left, strict=True))  # fmt: skip
    assert abs(mean - exact) / exact < 0.002  # and to the expectation the model states


def _poisson(mean: float, k: int) -> float:
    import math

    return float(math.exp(-mean) * mean**k / math.factorial(k))


def test_a_model_with_nothing_to_forecast_gives_empty_bands() -> None:
    empty = ForecastModel(date(2026, 1, 1), 24, (), (), (), (), floor=FLOOR)
    found = LocalSimulator().run(empty, Uncertainty(), 300, seed=1)
    assert found.areas == () and found.runs == 300 and found.floor is not None


def test_a_worker_ships_supply_as_32_bit_integers_with_the_same_values() -> None:
    from ramstein.adapters.simulation.distributed import received, shipped_chunk
    from ramstein.adapters.simulation.engine import run_chunk, seeds

    a, (seed,) = arrays(with_floor()), seeds(5, 1)
    supply, credit_ = run_chunk(a, Uncertainty(), 300, seed)
    shipped, shipped_credit = shipped_chunk(a, Uncertainty(), 300, seed)
    assert shipped.dtype == np.int32 and shipped.nbytes == supply.nbytes // 2
    assert np.array_equal(received(shipped), supply) and received(shipped).dtype == np.float64
    assert np.array_equal(shipped_credit, credit_)
