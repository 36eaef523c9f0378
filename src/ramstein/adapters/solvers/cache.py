"""Warm starts for re-runs: parts solved before are not solved again.

A part's flow depends only on its own arrays (local numbering: nothing outside the part enters them), so a
hash of those arrays and of the tie-break switch identifies its answer. A re-run after a coordinator's lock
or a small change builds the network again (cheap) and re-solves only the parts whose hash is new; a
cached flow is what solving the same arrays returns (OR-Tools' min-cost flow and single-worker CP-SAT are
deterministic), so the result equals a cold run's. For parts with packages the last flow of a network of
the same shape (arcs, not quantities) is also kept as a CP-SAT hint.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict

from ramstein.adapters.solvers.network import Part
from ramstein.adapters.solvers.prepare import Ints


class PartCache:
    """Flows of parts from earlier runs (least recently used dropped beyond `limit` parts)."""

    def __init__(self, limit: int = 20_000) -> None:
        self.limit = limit
        self._flows: OrderedDict[bytes, Ints] = OrderedDict()
        self._hints: OrderedDict[bytes, Ints] = OrderedDict()
        self.hits = self.misses = 0

    def get(self, part: Part, tie_breaks: bool) -> Ints | None:
        found = self._flows.get(_key(part, tie_breaks))
        if found is None:
            self.misses += 1
        else:
            self.hits += 1
        return found

    def put(self, part: Part, tie_breaks: bool, flow: Ints) -> None:
        _remember(self._flows, _key(part, tie_breaks), flow, self.limit)
        if part.has_packages:
            _remember(self._hints, _shape(part), flow, self.limit)

    def hint(self, part: Part) -> Ints | None:
        return self._hints.get(_shape(part))


def _remember(store: OrderedDict[bytes, Ints], key: bytes, flow: Ints, limit: int) -> None:
    store[key] = flow
    store.move_to_end(key)
    while len(store) > limit:
        store.popitem(last=False)


def _key(part: Part, tie_breaks: bool) -> bytes:
    digest = hashlib.blake2b(_shape(part), digest_size=20)
    for array in (part.cap, part.value, part.tie, part.package):
        digest.update(array.tobytes())
    digest.update(f"{part.n_nodes} {part.supply} {part.flow_cap} {tie_breaks}".encode())
    return digest.digest()


def _shape(part: Part) -> bytes:
    digest = hashlib.blake2b(digest_size=20)
    digest.update(part.tail.tobytes())
    digest.update(part.head.tobytes())
    return digest.digest()
