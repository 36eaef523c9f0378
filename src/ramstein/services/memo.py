"""A small thread-safe least-recently-used memo whose values are immutable once made: the shared core of the
per-process caches (adapters/db/dataset_cache.py for reference data, services/report_cache.py for reports).

Its callers make the key out of everything the value depends on, so a hit is the value `make()` would give
now; the memo itself never expires anything but the least recently used entry beyond its capacity.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")


class Memo:
    """Key -> value, at most `capacity` of them (0: keep nothing); one caller makes a missing value while
    the others asking for the same key wait for it."""

    def __init__(self, capacity: int) -> None:
        self._capacity = capacity
        self._kept: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self._making: dict[Hashable, threading.Lock] = {}  # one gate per key being made

    def get(self, key: Hashable, make: Callable[[], T]) -> T:
        if self._capacity == 0:
            return make()
        with self._lock:
            if key in self._kept:
                self._kept.move_to_end(key)
                return self._kept[key]  # type: ignore[no-any-return]
            gate = self._making.setdefault(key, threading.Lock())
        # One caller makes the value; the others wait for it. (Each making it for itself, 40 server threads
        # read the 230 k ECB rates 40 times at once on the first page after a start: a minute of CPU and
        # 1.7 GB, measured.)
        with gate:
            with self._lock:
                if key in self._kept:
                    return self._kept[key]  # type: ignore[no-any-return]
            try:
                value = make()
                with self._lock:
                    self._kept[key] = value
                    while len(self._kept) > self._capacity:
                        self._kept.popitem(last=False)
            finally:
                with self._lock:
                    self._making.pop(key, None)
        return value

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()

    def __len__(self) -> int:
        with self._lock:
            return len(self._kept)
