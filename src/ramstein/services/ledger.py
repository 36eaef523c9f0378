"""Use cases of the ledger: record, reverse, list, verify. Appends are serialised by `lock_ledger()`."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date

from ramstein.domain.access import Actor, Role
from ramstein.domain.errors import Conflict, NotFound
from ramstein.domain.ledger import (
    ChainHead,
    ChainReport,
    Entry,
    LedgerEntry,
    chain,
    check_anchor,
    reversal_of,
    verify_chain,
)
from ramstein.services.ports import (
    Clock,
    LedgerQuery,
    Progress,
    UnitOfWork,
    UnitOfWorkFactory,
    no_progress,
)

BATCH = 50_000


def local_actor(name: str) -> Actor:
    """The actor of the command line: the person at this shell, trusted with the database file, is a
    coordinator named by RAMSTEIN_ACTOR (docs/cli.md, docs/web.md)."""
    return Actor(name, Role.COORDINATOR)


def append(
    uow: UnitOfWork, entries: Sequence[Entry], actor: Actor, clock: Clock, progress: Progress = no_progress
) -> list[LedgerEntry]:
    """Check and chain `entries` inside an open unit of work; the caller commits."""
    uow.lock_ledger()
    check_references(uow, entries)
    recorded_at = clock()
    head = uow.ledger.head()
    recorded: list[LedgerEntry] = []
    for start in range(0, len(entries), BATCH):
        batch = chain(entries[start : start + BATCH], head, actor.name, recorded_at)
        uow.ledger.add(batch)
        recorded.extend(batch)
        head = ChainHead(batch[-1].seq, batch[-1].hash)
        progress(start + len(batch), len(entries))
    return recorded


def record(uow_factory: UnitOfWorkFactory, entries: Sequence[Entry], actor: Actor, clock: Clock) -> list[LedgerEntry]:
    with uow_factory() as uow:
        recorded = append(uow, entries, actor, clock)
        uow.commit()
    return recorded


def reverse(
    uow_factory: UnitOfWorkFactory, seq: int, *, reason: str, actor: Actor, clock: Clock, on: date | None = None
) -> LedgerEntry:
    """Cancel entry `seq` with a reversal; the original stays, as history."""
    with uow_factory() as uow:
        uow.lock_ledger()
        original = get(uow, seq)
        earlier = uow.ledger.reversal_of(seq)
        if earlier is not None:
            raise Conflict(
                f"entry #{seq} was already reversed by entry #{earlier.seq}",
                hint="to change it again, record a new entry and reverse that one.",
            )
        reversal = reversal_of(original, on=on or clock().date(), reason=reason)
        (recorded,) = append(uow, [reversal], actor, clock)
        uow.commit()
    return recorded


def get(uow: UnitOfWork, seq: int) -> LedgerEntry:
    found = uow.ledger.get(seq)
    if found is None:
        raise NotFound(f"no ledger entry #{seq}", hint="`ramstein ledger list` shows the entries and their numbers.")
    return found


def show(uow_factory: UnitOfWorkFactory, seq: int) -> tuple[LedgerEntry, LedgerEntry | None]:
    """An entry and the reversal that cancels it, if any."""
    with uow_factory() as uow:
        return get(uow, seq), uow.ledger.reversal_of(seq)


def find(uow_factory: UnitOfWorkFactory, query: LedgerQuery) -> tuple[list[LedgerEntry], int]:
    """One page of entries and the number of entries matching the query in all."""
    with uow_factory() as uow:
        return uow.ledger.find(query), uow.ledger.count(query)


def verify(
    uow_factory: UnitOfWorkFactory, progress: Progress = no_progress, anchor: ChainHead | None = None
) -> ChainReport:
    """Walk the whole chain; with an `anchor` noted earlier, also check that it is still there unchanged."""
    with uow_factory() as uow:
        total = uow.ledger.count()
        report = verify_chain(_counted(uow.ledger.scan(), total, progress))
        return check_anchor(report, anchor, uow.ledger.get(anchor.seq)) if anchor else report


def check_references(uow: UnitOfWork, entries: Sequence[Entry]) -> None:
    """Every nation must be known. (External ids are unique by the store's own constraint, which names
    the clash; checking them here first would cost a query per batch and say nothing more.)"""
    nations = uow.reference.nations()
    unknown = sorted({code for e in entries for code in (e.donor, e.recipient) if code not in nations})
    if unknown:
        raise NotFound(
            f"unknown nation {', '.join(unknown)}",
            hint="use ISO 3166-1 alpha-3 codes such as DEU or UKR, or EU; `ramstein nations` lists them.",
        )


def _counted(records: Iterator[LedgerEntry], total: int, progress: Progress) -> Iterator[LedgerEntry]:
    for done, record in enumerate(records, start=1):
        if done % 10_000 == 0 or done == total:
            progress(done, total)
        yield record
