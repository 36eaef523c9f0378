"""The dataset cache loads each dataset once, even when many threads ask for it at the same moment."""

from __future__ import annotations

import threading
import time

import pytest

from ramstein.adapters.db.dataset_cache import DatasetCache
from ramstein.domain.reference import DatasetKind
from tests.builders import a_dataset


def test_threads_asking_at_once_share_one_load() -> None:
    kept = DatasetCache()
    info = a_dataset(DatasetKind.FX)
    loads = []

    def slow_load() -> object:
        loads.append(1)
        time.sleep(0.05)
        return object()

    found: list[object] = []
    threads = [threading.Thread(target=lambda: found.append(kept.get("rates", info, slow_load))) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(loads) == 1
    assert len({id(value) for value in found}) == 1


def test_a_failed_load_is_not_kept() -> None:
    kept = DatasetCache()
    info = a_dataset(DatasetKind.GDP)

    def broken() -> object:
        raise OSError("the database went away")

    for _ in range(2):
        with pytest.raises(OSError):
            kept.get("gdp", info, broken)
    assert kept.get("gdp", info, lambda: "read") == "read"
