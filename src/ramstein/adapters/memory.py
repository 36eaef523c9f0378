"""In-memory fakes of the storage ports, for service tests: the same rules and messages as the SQL store.

A `MemoryStore` plays the database: committed data, shared by every unit of work made from it. A unit of
work keeps its changes aside and publishes them on `commit()`, re-checking them against what others
committed meanwhile, as a database's constraints would; leaving the `with` block drops the rest.

    store = MemoryStore()
    factory = store.unit_of_work   # a UnitOfWorkFactory
"""

from __future__ import annotations

import threading
from collections import ChainMap
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from itertools import count
from types import TracebackType
from typing import Self, TypeVar

from ramstein.adapters.memory_access import AccessStore, MemoryAccessRepository, MemoryAuditRepository
from ramstein.adapters.memory_coordination import CoordinationStore, MemoryCoordinationRepository
from ramstein.adapters.memory_industry import IndustryStore, MemoryIndustryRepository
from ramstein.adapters.memory_sources import MemorySourcesRepository, SourcesStore
from ramstein.adapters.store_rules import (
    check_continues,
    check_kind,
    check_unique,
    find_conflict,
    pick_dataset,
)
from ramstein.domain.errors import Conflict
from ramstein.domain.fx import RateTable
from ramstein.domain.ledger import EMPTY_CHAIN, ChainHead, EntryKind, LedgerEntry
from ramstein.domain.nations import GdpValue, Nation, NationRegistry
from ramstein.domain.reference import GDP_KINDS, DatasetInfo, DatasetKind
from ramstein.services.ports import (
    CoordinationRepository,
    IndustryRepository,
    LedgerQuery,
    LedgerRepository,
    ReferenceRepository,
    SourcesRepository,
)

T = TypeVar("T")
LOCK_TIMEOUT_S = 30.0  # as long as the SQL stores wait: a stuck test fails instead of hanging


@dataclass
class _Data:
    """Ledger entries and datasets: all that is committed (the store) or pending (a unit of work)."""

    entries: list[LedgerEntry] = field(default_factory=list)
    external_ids: dict[str, int] = field(default_factory=dict)
    reversals: dict[int, int] = field(default_factory=dict)  # reversed seq -> seq of its reversal
    datasets: list[DatasetInfo] = field(default_factory=list)
    nations: dict[int, tuple[Nation, ...]] = field(default_factory=dict)
    gdp: dict[int, tuple[GdpValue, ...]] = field(default_factory=dict)
    rates: dict[int, RateTable] = field(default_factory=dict)

    def head(self) -> ChainHead:
        return ChainHead(self.entries[-1].seq, self.entries[-1].hash) if self.entries else EMPTY_CHAIN

    def append(self, records: Sequence[LedgerEntry]) -> None:
        for record in records:
            self.entries.append(record)
            if record.entry.external_id is not None:
                self.external_ids[record.entry.external_id] = record.seq
            if record.entry.reverses is not None:
                self.reversals[record.entry.reverses] = record.seq

    def clear(self) -> None:
        for part in fields(self):
            getattr(self, part.name).clear()

    def publish(self, other: _Data) -> None:
        self.append(other.entries)
        self.datasets.extend(other.datasets)
        self.nations.update(other.nations)
        self.gdp.update(other.gdp)
        self.rates.update(other.rates)


class MemoryStore:
    """The committed state that several units of work share, like one database."""

    def __init__(self) -> None:
        self.committed = _Data()
        self.guard = threading.RLock()  # held while publishing or checking against committed data
        self.ledger_lock = threading.Lock()
        self.dataset_ids = count(1)  # like a database sequence: an id used by a rollback is not reused
        self.coordination = CoordinationStore()
        self.access = AccessStore()
        self.sources = SourcesStore()
        self.industry = IndustryStore()

    def unit_of_work(self) -> InMemoryUnitOfWork:
        return InMemoryUnitOfWork(self)


class MemoryLedgerRepository:
    def __init__(self, store: MemoryStore, pending: _Data) -> None:
        self._store, self._pending = store, pending

    def head(self) -> ChainHead:
        return self._pending.head() if self._pending.entries else self._store.committed.head()

    def add(self, records: Sequence[LedgerEntry]) -> None:
        if not records:
            return
        with self._store.guard:
            check_continues(self.head(), records)
            committed = self._store.committed
            problem = find_conflict(
                records,
                external_ids=ChainMap(self._pending.external_ids, committed.external_ids),
                reversals=ChainMap(self._pending.reversals, committed.reversals),
                existing=range(1, self.head().seq + 1),  # seqs run from 1 without gaps
            )
        if problem is not None:
            raise problem
        self._pending.append(records)

    def get(self, seq: int) -> LedgerEntry | None:
        entries = self._entries()
        return entries[seq - 1] if 1 <= seq <= len(entries) else None

    def reversal_of(self, seq: int) -> LedgerEntry | None:
        reversal = self._pending.reversals.get(seq) or self._store.committed.reversals.get(seq)
        return self.get(reversal) if reversal is not None else None

    def existing_external_ids(self, ids: Collection[str]) -> set[str]:
        known = ChainMap(self._pending.external_ids, self._store.committed.external_ids)
        return {i for i in ids if i in known}

    def find(self, query: LedgerQuery) -> list[LedgerEntry]:
        found = self._matching(query)
        end = None if query.limit is None else query.offset + query.limit
        return found[query.offset : end]

    def count(self, query: LedgerQuery | None = None) -> int:
        """How many entries match, ignoring the query's limit and offset (as the SQL store does)."""
        return len(self._matching(query or LedgerQuery()))

    def scan(self, batch_size: int = 10_000) -> Iterator[LedgerEntry]:
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        yield from self._entries()

    def _entries(self) -> list[LedgerEntry]:
        with self._store.guard:
            return self._store.committed.entries + self._pending.entries

    def _matching(self, query: LedgerQuery) -> list[LedgerEntry]:
        entries = self._entries()
        cancelled = {r.entry.reverses for r in entries if r.entry.reverses is not None}
        return [r for r in entries if _matches(query, r, cancelled)]


def _matches(query: LedgerQuery, record: LedgerEntry, cancelled: set[int]) -> bool:
    entry = record.entry
    prefix = query.external_prefix
    return (
        (query.donor is None or entry.donor == query.donor)
        and (query.kind is None or entry.kind == query.kind)
        and (query.aid_type is None or entry.aid_type == query.aid_type)
        and (query.since is None or entry.on >= query.since)
        and (query.until is None or entry.on <= query.until)
        and (prefix is None or (entry.external_id is not None and entry.external_id.startswith(prefix)))
        and (not query.with_items or bool(entry.items))
        and not (query.live_only and (entry.kind is EntryKind.REVERSAL or record.seq in cancelled))
    )


class MemoryReferenceRepository:
    def __init__(self, store: MemoryStore, pending: _Data) -> None:
        self._store, self._pending = store, pending

    def add_nations(self, info: DatasetInfo, nations: Sequence[Nation]) -> DatasetInfo:
        check_kind(info, DatasetKind.NATIONS)
        check_unique((n.code for n in nations), "nation")
        stored = self._add(info)
        self._pending.nations[stored.id or 0] = tuple(nations)
        return stored

    def add_gdp(self, info: DatasetInfo, values: Sequence[GdpValue]) -> DatasetInfo:
        check_kind(info, *GDP_KINDS)
        check_unique(((v.nation, v.year) for v in values), "GDP value")
        stored = self._add(info)
        self._pending.gdp[stored.id or 0] = tuple(values)
        return stored

    def add_rates(self, info: DatasetInfo, table: RateTable) -> DatasetInfo:
        check_kind(info, DatasetKind.FX)
        stored = self._add(info)
        self._pending.rates[stored.id or 0] = table
        return stored

    def datasets(self, kind: DatasetKind | None = None) -> list[DatasetInfo]:
        with self._store.guard:
            loaded = self._store.committed.datasets + self._pending.datasets
        return sorted((d for d in loaded if kind is None or d.kind == kind), key=lambda d: d.id or 0)

    def latest(self, kind: DatasetKind) -> DatasetInfo | None:
        loaded = self.datasets(kind)
        return loaded[-1] if loaded else None

    def nations(self, dataset_id: int | None = None) -> NationRegistry:
        info = pick_dataset(DatasetKind.NATIONS, dataset_id, self.datasets(DatasetKind.NATIONS))
        return NationRegistry(self._find(info, lambda data: data.nations))

    def gdp(self, dataset_id: int | None = None, kind: DatasetKind = DatasetKind.GDP) -> list[GdpValue]:
        info = pick_dataset(kind, dataset_id, self.datasets(kind))
        return sorted(self._find(info, lambda data: data.gdp), key=lambda v: (v.nation, v.year))

    def rates(self, dataset_id: int | None = None, currencies: Collection[str] | None = None) -> RateTable:
        info = pick_dataset(DatasetKind.FX, dataset_id, self.datasets(DatasetKind.FX))
        table = self._find(info, lambda data: data.rates)
        wanted = set(currencies) if currencies is not None else None
        series = {s.currency: s for s in table.all_series() if wanted is None or s.currency in wanted}
        return RateTable(series, source=info.label, last_date=table.last_date)

    def _add(self, info: DatasetInfo) -> DatasetInfo:
        stored = replace(info, id=next(self._store.dataset_ids))
        self._pending.datasets.append(stored)
        return stored

    def _find(self, info: DatasetInfo, part: Callable[[_Data], Mapping[int, T]]) -> T:
        with self._store.guard:
            pending, key = part(self._pending), info.id or 0
            return pending[key] if key in pending else part(self._store.committed)[key]


class InMemoryUnitOfWork:
    ledger: LedgerRepository
    reference: ReferenceRepository
    coordination: CoordinationRepository
    access: MemoryAccessRepository
    audit: MemoryAuditRepository
    sources: SourcesRepository
    industry: IndustryRepository

    def __init__(self, store: MemoryStore | None = None) -> None:
        self.store = store if store is not None else MemoryStore()
        self._pending = _Data()  # one object for the unit of work's life: repositories keep pointing at it
        self.ledger = MemoryLedgerRepository(self.store, self._pending)
        self.reference = MemoryReferenceRepository(self.store, self._pending)
        self._coordination = MemoryCoordinationRepository(self.store.coordination)
        self.coordination = self._coordination
        self.access = MemoryAccessRepository(self.store.access)
        self.audit = MemoryAuditRepository(self.store.access)
        self._sources = MemorySourcesRepository(self.store.sources)
        self.sources = self._sources
        self._industry = MemoryIndustryRepository(self.store.industry)
        self.industry = self._industry
        self._locked = False

    def __enter__(self) -> Self:
        self._pending.clear()
        self._coordination.discard()
        self._discard_access()
        self._sources.discard()
        self._industry.discard()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._pending.clear()
        self._coordination.discard()
        self._discard_access()
        self._sources.discard()
        self._industry.discard()
        self._release()

    def commit(self) -> None:
        """Publish the pending changes, re-checked against what others committed since they were made."""
        with self.store.guard:
            committed = self.store.committed
            check_continues(committed.head(), self._pending.entries)
            problem = find_conflict(
                self._pending.entries,
                external_ids=committed.external_ids,
                reversals=committed.reversals,
                existing=range(1, len(committed.entries) + 1),
            )
            if problem is not None:
                raise problem
            self._coordination.publish()
            self.access.publish()
            self.audit.publish()
            self._sources.publish()
            self._industry.publish()
            committed.publish(self._pending)
            self._pending.clear()
        self._release()

    def lock_ledger(self) -> None:
        if self._locked:
            return
        if not self.store.ledger_lock.acquire(timeout=LOCK_TIMEOUT_S):
            raise Conflict(
                f"the ledger is locked by another writer and stayed locked for {LOCK_TIMEOUT_S:g} seconds",
                hint="retry when the other import or update has finished.",
            )
        self._locked = True

    def _discard_access(self) -> None:
        self.access.pending.clear()
        self.audit.pending.clear()

    def _release(self) -> None:
        if self._locked:
            self._locked = False
            self.store.ledger_lock.release()
