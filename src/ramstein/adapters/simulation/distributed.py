"""The same chunks on a Dask cluster: a `LocalCluster` of `workers` processes, or a running scheduler.

Chunks are the engine's fixed-size chunks with their spawned seeds, gathered back in chunk order, so the
result is the one `LocalSimulator` gives for the same seed, whatever the number of workers.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from distributed import Client, LocalCluster, as_completed

from ramstein.adapters.simulation.engine import CHUNK_RUNS, arrays, chunk_sizes, run_chunk, seeds
from ramstein.adapters.simulation.summary import joined, summarise
from ramstein.domain.errors import InvalidInput
from ramstein.domain.industry.model import ForecastModel
from ramstein.domain.industry.uncertainty import Simulation, Uncertainty
from ramstein.services.ports import Progress, no_progress


@dataclass(frozen=True)
class DaskSimulator:
    workers: int = 2
    address: str | None = None  # tcp://HOST:PORT of a running scheduler; None: start a LocalCluster
    chunk_runs: int = CHUNK_RUNS

    def run(
        self, model: ForecastModel, uncertainty: Uncertainty, runs: int, seed: int, progress: Progress = no_progress
    ) -> Simulation:
        if self.address is None and self.workers < 1:
            raise InvalidInput(f"a local Dask cluster needs at least one worker, not {self.workers}")
        with self._client() as client:
            a = client.scatter(arrays(model), broadcast=True)
            sizes = chunk_sizes(runs, self.chunk_runs)
            futures = [
                client.submit(run_chunk, a, uncertainty, size, child, pure=False)
                for size, child in zip(sizes, seeds(seed, len(sizes)), strict=True)
            ]
            for done, _ in enumerate(as_completed(futures), start=1):
                progress(done, len(futures))
            parts = client.gather(futures)  # in chunk order, whoever computed them
            workers = len(client.scheduler_info()["workers"])
        return summarise(model, *joined(model, parts), seed=seed, chunk_runs=self.chunk_runs, workers=workers)

    @contextmanager
    def _client(self) -> Iterator[Client]:
        if self.address is not None:
            try:
                client = Client(self.address, timeout="10s")
            except OSError as exc:
                raise InvalidInput(
                    f"no Dask scheduler answers at {self.address}: {exc}",
                    hint="start one (`dask scheduler`, then `dask worker ADDRESS`) or leave --cluster out.",
                ) from None
            with client:
                yield client
            return
        cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)  # fmt: skip
        with cluster, Client(cluster) as client:
            yield client
