"""The ledger's use cases for an actor: decide, refuse or write, and audit (docs/web.md).

Reads are filtered by the access policy: each entry is a resource owned by its donor, shared with its
recipient, and releasable as its marking says (`domain.markings`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from ramstein.domain.access import Actor, Marking, Resource, Role
from ramstein.domain.accounts import MarkingChange
from ramstein.domain.ledger import Entry, LedgerEntry
from ramstein.domain.markings import marking_of
from ramstein.services import ledger
from ramstein.services.guard import Caller, authorize, permit, visible
from ramstein.services.ports import Clock, LedgerQuery, UnitOfWork, UnitOfWorkFactory

KIND = "ledger"
FEW = 500
UNFILTERED = (Role.COORDINATOR, Role.ANALYST)  # may read every entry: pages come straight from the store


def resource(record: LedgerEntry, marking: Marking) -> Resource:
    e = record.entry
    return Resource(KIND, nation=e.donor, partner=e.recipient, marking=marking, id=str(record.seq))


def record(uow_factory: UnitOfWorkFactory, caller: Caller, entries: Sequence[Entry], clock: Clock) -> list[LedgerEntry]:
    """Append entries for their donors (a nation representative: its own nation's only)."""
    donors = sorted({e.donor for e in entries})
    target = Resource(KIND, nation=",".join(donors))
    detail = f"{len(entries)} entr{'y' if len(entries) == 1 else 'ies'}"
    return ledger.record(authorize(uow_factory, caller, "ledger.record", target, clock, detail), entries,
                         caller.actor, clock)  # fmt: skip


def reverse(
    uow_factory: UnitOfWorkFactory, caller: Caller, seq: int, *, reason: str, clock: Clock, on: date | None = None
) -> LedgerEntry:
    """Cancel entry `seq` (a nation representative: an entry of its own nation only)."""
    original, marking = _entry(uow_factory, seq)
    factory = authorize(uow_factory, caller, "ledger.reverse", resource(original, marking), clock, reason)
    return ledger.reverse(factory, seq, reason=reason, actor=caller.actor, clock=clock, on=on)


def show(
    uow_factory: UnitOfWorkFactory, caller: Caller, seq: int, clock: Clock
) -> tuple[LedgerEntry, Marking, LedgerEntry | None]:
    """An entry the caller may read, its marking, and the reversal that cancels it (if readable)."""
    original, marking = _entry(uow_factory, seq)
    permit(uow_factory, caller, "ledger.read", resource(original, marking), clock)
    with uow_factory() as uow:
        reversal = uow.ledger.reversal_of(seq)
        if reversal is not None and not _readable(uow, caller.actor, [reversal]):
            reversal = None
    return original, marking, reversal


def find(
    uow_factory: UnitOfWorkFactory, actor: Actor, query: LedgerQuery
) -> tuple[list[tuple[LedgerEntry, Marking]], int]:
    """One page of the entries the actor may read, each with its marking, and how many it may read in all."""
    with uow_factory() as uow:
        if actor.role in UNFILTERED:
            found, total = uow.ledger.find(query), uow.ledger.count(query)
            return _marked(uow, found), total
        everything = uow.ledger.find(replace(query, limit=None, offset=0))
        readable = _readable(uow, actor, everything)
    end = None if query.limit is None else query.offset + query.limit
    return readable[query.offset : end], len(readable)


def mark(
    uow_factory: UnitOfWorkFactory, caller: Caller, seq: int, marking: Marking, *, reason: str, clock: Clock
) -> MarkingChange:
    """Set an entry's releasability (its donor's representative or a coordinator); the old marking stays
    in the history of markings."""
    original, current = _entry(uow_factory, seq)
    detail = f"{current} -> {marking}: {reason}"
    factory = authorize(uow_factory, caller, "markings.set", resource(original, current), clock, detail)
    change = MarkingChange(KIND, str(seq), marking, clock(), caller.actor.name, reason)
    with factory() as uow:
        uow.audit.add_marking(change)
        uow.commit()
    return change


def _entry(uow_factory: UnitOfWorkFactory, seq: int) -> tuple[LedgerEntry, Marking]:
    with uow_factory() as uow:
        found = ledger.get(uow, seq)
        return found, marking_of(found, uow.audit.markings(KIND, [str(seq)]))


def _marked(uow: UnitOfWork, records: Sequence[LedgerEntry]) -> list[tuple[LedgerEntry, Marking]]:
    marked = (
        uow.audit.markings(KIND, [str(r.seq) for r in records]) if len(records) < 1000 else uow.audit.markings(KIND)
    )
    return [(r, marking_of(r, marked)) for r in records]


def _readable(uow: UnitOfWork, actor: Actor, records: Sequence[LedgerEntry]) -> list[tuple[LedgerEntry, Marking]]:
    pairs = _marked(uow, records)
    return visible(actor, "ledger.read", (((r, m), resource(r, m)) for r, m in pairs))


def marking(uow_factory: UnitOfWorkFactory, seq: int) -> Marking:
    return _entry(uow_factory, seq)[1]


def importer(uow_factory: UnitOfWorkFactory, caller: Caller, source: str, clock: Clock) -> UnitOfWorkFactory:
    """Units of work for importing a whole file or release of entries of any donors: a coordinator's (a nation
    records its own entries one by one); audited once, with the file's name."""
    return authorize(uow_factory, caller, "ledger.record", Resource(KIND, id=source), clock, f"import {source}")


def installer(uow_factory: UnitOfWorkFactory, caller: Caller, clock: Clock) -> UnitOfWorkFactory:
    """Units of work for `init`: the shipped reference data and tracker release (a coordinator's)."""
    return authorize(uow_factory, caller, "reference.install", Resource("reference"), clock, "shipped data")
