"""Monte Carlo over the forecast model: NumPy in one process, or chunks spread over a Dask cluster."""

from __future__ import annotations

from dataclasses import dataclass

from ramstein.adapters.simulation.engine import CHUNK_RUNS, arrays, chunk_sizes, run_chunk, seeds
from ramstein.adapters.simulation.summary import joined, summarise
from ramstein.domain.industry.model import ForecastModel
from ramstein.domain.industry.uncertainty import Simulation, Uncertainty
from ramstein.services.ports import Progress, no_progress


@dataclass(frozen=True)
class LocalSimulator:
    """Every chunk in this process, one after the other, each vectorised over its runs."""

    chunk_runs: int = CHUNK_RUNS

    def run(
        self, model: ForecastModel, uncertainty: Uncertainty, runs: int, seed: int, progress: Progress = no_progress
    ) -> Simulation:
        a = arrays(model)
        sizes = chunk_sizes(runs, self.chunk_runs)
        parts = []
        for i, (size, child) in enumerate(zip(sizes, seeds(seed, len(sizes)), strict=True)):
            parts.append(run_chunk(a, uncertainty, size, child))
            progress(i + 1, len(sizes))
        return summarise(model, *joined(model, parts), seed=seed, chunk_runs=self.chunk_runs, workers=0)
