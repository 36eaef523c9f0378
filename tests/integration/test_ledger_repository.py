"""The ledger repository contract, run on every store (memory, SQLite, PostgreSQL)."""

from __future__ import annotations

import threading
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from ramstein.adapters import memory
from ramstein.adapters.db import engine as db_engine
from ramstein.domain.errors import Conflict, NotFound
from ramstein.domain.ledger import (
    EMPTY_CHAIN,
    AidType,
    Capability,
    ChainHead,
    Channel,
    EntryKind,
    Instrument,
    Item,
    reversal_of,
    verify_chain,
)
from ramstein.domain.money import Money
from ramstein.domain.reference import DatasetKind
from ramstein.services.ports import LedgerQuery, UnitOfWorkFactory
from tests.builders import a_dataset, an_entry, append, recorded, some_gdp


def stored(uow_factory: UnitOfWorkFactory, query: LedgerQuery | None = None) -> list[object]:
    with uow_factory() as uow:
        return list(uow.ledger.find(query or LedgerQuery()))


def test_an_empty_ledger_has_the_empty_head(uow_factory: UnitOfWorkFactory) -> None:
    with uow_factory() as uow:
        assert uow.ledger.head() == EMPTY_CHAIN
        assert uow.ledger.get(1) is None
        assert uow.ledger.count() == 0
        assert list(uow.ledger.scan()) == []


def test_entries_read_back_equal_to_what_was_recorded(uow_factory: UnitOfWorkFactory) -> None:
    detailed = an_entry(
        kind=EntryKind.COMMITMENT,
        amount=Money(Decimal("123456789012345678.123456789"), "EUR"),
        instrument=Instrument.PURCHASE,
        channel=Channel.POOLED,
        capability=Capability.AIR_DEFENCE,
        items=(
            Item("155 mm round", 50_000, Money(Decimal("4000.50"), "EUR")),
            Item("IRIS-T SLM launcher", 2, Money(Decimal("0.000001"), "USD")),
            Item("spare barrel", 12),
        ),
        source="Kiel tracker release 29",
        external_id="kiel-29-0001",
        note="Ærø → Київ, tab\tand newline\n",
    )
    pledge = an_entry(amount=Money(Decimal("0.000001"), "NOK"), starts=date(2024, 1, 1), ends=date(2027, 12, 31))
    records = append(uow_factory, detailed, pledge)

    with uow_factory() as uow:
        assert uow.ledger.get(1) == records[0]
        assert uow.ledger.get(2) == records[1]
        assert uow.ledger.find(LedgerQuery()) == records
        assert all(r.expected_hash() == r.hash for r in uow.ledger.scan())
        assert uow.ledger.head() == ChainHead(2, records[1].hash)


def test_appends_must_continue_the_chain(uow_factory: UnitOfWorkFactory) -> None:
    first = append(uow_factory, an_entry())
    with uow_factory() as uow:
        with pytest.raises(Conflict, match="ends at entry #1"):
            uow.ledger.add(recorded([an_entry()]))  # chained from the start again
        with pytest.raises(Conflict):
            uow.ledger.add(recorded([an_entry()], ChainHead(1, "f" * 64)))  # the right number, a wrong link
        gap = recorded([an_entry(), an_entry()], ChainHead(1, first[0].hash))
        with pytest.raises(Conflict, match="does not follow"):
            uow.ledger.add([gap[0], *recorded([an_entry()], ChainHead(5, gap[0].hash))])
        uow.commit()
    assert stored(uow_factory) == first


def test_a_duplicate_external_id_is_refused_and_nothing_of_its_batch_is_written(uow_factory: UnitOfWorkFactory) -> None:
    first = append(uow_factory, an_entry(external_id="kiel-1"))
    with uow_factory() as uow:
        uow.lock_ledger()
        batch = recorded([an_entry(external_id="kiel-2"), an_entry(external_id="kiel-1")], uow.ledger.head())
        with pytest.raises(Conflict, match="'kiel-1' is already recorded, as entry #1") as refused:
            uow.ledger.add(batch)
        assert refused.value.hint
        uow.commit()
    assert stored(uow_factory) == first
    with uow_factory() as uow:
        assert uow.ledger.existing_external_ids({"kiel-1", "kiel-2", "kiel-3"}) == {"kiel-1"}


def test_a_duplicate_external_id_within_one_batch_is_refused(uow_factory: UnitOfWorkFactory) -> None:
    with uow_factory() as uow:
        with pytest.raises(Conflict, match="'dup' is already recorded, as entry #1"):
            uow.ledger.add(recorded([an_entry(external_id="dup"), an_entry(external_id="dup")]))
        uow.commit()
    assert stored(uow_factory) == []


def test_an_entry_is_reversed_at_most_once(uow_factory: UnitOfWorkFactory) -> None:
    [original] = append(uow_factory, an_entry())
    [reversal] = append(uow_factory, reversal_of(original, on=date(2024, 8, 1), reason="typo"))
    with uow_factory() as uow:
        assert uow.ledger.reversal_of(1) == reversal
        assert uow.ledger.reversal_of(2) is None
        again = recorded([reversal_of(original, on=date(2024, 9, 1), reason="again")], uow.ledger.head())
        with pytest.raises(Conflict, match="entry #1 is already reversed, by entry #2"):
            uow.ledger.add(again)
    assert len(stored(uow_factory)) == 2


def test_a_reversal_must_point_at_a_recorded_entry(uow_factory: UnitOfWorkFactory) -> None:
    [original] = append(uow_factory, an_entry())
    ghost = an_entry(kind=EntryKind.REVERSAL, reverses=original.seq + 6, note="reverses nothing")
    with uow_factory() as uow, pytest.raises(NotFound, match="entry #7 does not exist"):
        uow.ledger.add(recorded([ghost], uow.ledger.head()))


def test_find_narrows_by_every_filter(uow_factory: UnitOfWorkFactory) -> None:
    records = append(
        uow_factory,
        an_entry(donor="DNK", on=date(2024, 1, 10), external_id="kiel-1"),
        an_entry(donor="DEU", on=date(2024, 2, 10), external_id="KIEL-2", kind=EntryKind.DELIVERY),
        an_entry(donor="DEU", on=date(2024, 3, 10), external_id="kiel%3", aid_type=AidType.HUMANITARIAN),
        an_entry(donor="NOR", on=date(2024, 4, 10)),
    )

    def seqs(**filters: Any) -> list[int]:
        with uow_factory() as uow:
            return [r.seq for r in uow.ledger.find(LedgerQuery(**filters))]

    assert seqs() == [1, 2, 3, 4]
    assert seqs(donor="DEU") == [2, 3]
    assert seqs(kind=EntryKind.DELIVERY) == [2]
    assert seqs(aid_type=AidType.HUMANITARIAN) == [3]
    assert seqs(since=date(2024, 2, 10)) == [2, 3, 4]
    assert seqs(until=date(2024, 2, 10)) == [1, 2]
    assert seqs(since=date(2024, 2, 1), until=date(2024, 3, 31)) == [2, 3]
    assert seqs(external_prefix="kiel") == [1, 3]  # case-sensitive everywhere
    assert seqs(external_prefix="kiel%") == [3]  # % is a character, not a wildcard
    assert seqs(donor="DEU", since=date(2024, 3, 1)) == [3]
    assert seqs(limit=2) == [1, 2]
    assert seqs(limit=2, offset=3) == [4]
    assert seqs(offset=1) == [2, 3, 4]
    with uow_factory() as uow:
        assert uow.ledger.count(LedgerQuery(donor="DEU", limit=1)) == 2  # the total behind a page
        assert uow.ledger.find(LedgerQuery(donor="NOR")) == records[3:]


def test_live_only_leaves_out_reversals_and_what_they_cancel(uow_factory: UnitOfWorkFactory) -> None:
    first, _, _ = append(uow_factory, an_entry(), an_entry(), an_entry(donor="DEU"))
    append(uow_factory, reversal_of(first, on=date(2024, 8, 1), reason="withdrawn"))
    with uow_factory() as uow:
        live = uow.ledger.find(LedgerQuery(live_only=True))
        assert [r.seq for r in live] == [2, 3]
        assert uow.ledger.count(LedgerQuery(live_only=True)) == 2
        assert [r.seq for r in uow.ledger.find(LedgerQuery(live_only=True, donor="DNK"))] == [2]
        assert uow.ledger.count() == 4


def test_with_items_finds_only_entries_that_list_items(uow_factory: UnitOfWorkFactory) -> None:
    tanks = (Item("Leopard 2A4 tank", 10, Money(Decimal("1000000"), "EUR")),)
    first, _, _ = append(
        uow_factory, an_entry(items=tanks), an_entry(), an_entry(donor="DEU", items=(Item("truck", 3),))
    )
    append(uow_factory, reversal_of(first, on=date(2024, 8, 1), reason="withdrawn"), an_entry())
    with uow_factory() as uow:
        found = uow.ledger.find(LedgerQuery(with_items=True))
        assert [r.seq for r in found] == [1, 3, 4]  # the reversal repeats its entry's items
        assert found[0].entry.items == tanks
        assert [r.seq for r in uow.ledger.find(LedgerQuery(with_items=True, live_only=True))] == [3]
        assert uow.ledger.count(LedgerQuery(with_items=True, donor="DEU")) == 1


def test_scan_reads_everything_in_order_across_batches(uow_factory: UnitOfWorkFactory) -> None:
    entries = [an_entry(items=(Item(f"item {n}", n + 1),) * (n % 3)) for n in range(25)]
    records = append(uow_factory, *entries)
    with uow_factory() as uow:
        assert list(uow.ledger.scan(batch_size=7)) == records
        assert verify_chain(uow.ledger.scan(batch_size=4)).intact


def test_an_exception_rolls_everything_back(uow_factory: UnitOfWorkFactory) -> None:
    with pytest.raises(RuntimeError), uow_factory() as uow:
        uow.ledger.add(recorded([an_entry()]))
        raise RuntimeError("the service failed half-way")
    with uow_factory() as uow:
        uow.ledger.add(recorded([an_entry()]))  # not committed either
    assert stored(uow_factory) == []


def test_a_refused_batch_keeps_the_rest_of_the_transaction(uow_factory: UnitOfWorkFactory) -> None:
    with uow_factory() as uow:
        uow.lock_ledger()
        accepted = recorded([an_entry(external_id="a")])
        uow.ledger.add(accepted)
        with pytest.raises(Conflict):
            uow.ledger.add(recorded([an_entry(external_id="b"), an_entry(external_id="a")], uow.ledger.head()))
        assert uow.ledger.head() == ChainHead(1, accepted[0].hash)
        uow.commit()
    assert stored(uow_factory) == accepted


def test_committed_work_is_seen_by_the_next_unit_of_work_and_the_lock_is_released(
    uow_factory: UnitOfWorkFactory,
) -> None:
    with uow_factory() as uow:
        uow.lock_ledger()
        uow.ledger.add(recorded([an_entry()]))
        uow.commit()
        uow.ledger.add(recorded([an_entry()], uow.ledger.head()))  # a unit of work may go on after a commit
        uow.commit()
    with uow_factory() as uow:
        uow.lock_ledger()  # would wait for ever if the commit had not released it
        assert uow.ledger.head().seq == 2


def test_taking_the_lock_after_other_work_keeps_that_work(uow_factory: UnitOfWorkFactory) -> None:
    with uow_factory() as uow:
        assert uow.ledger.count() == 0  # a read before the lock
        dataset = uow.reference.add_gdp(a_dataset(DatasetKind.GDP), some_gdp())  # a write before the lock
        uow.lock_ledger()
        uow.lock_ledger()  # taking it twice is harmless
        records = recorded([an_entry()], uow.ledger.head())
        uow.ledger.add(records)
        uow.commit()
    with uow_factory() as uow:
        assert uow.reference.datasets() == [dataset]
        assert uow.ledger.find(LedgerQuery()) == records


def test_a_writer_kept_waiting_too_long_is_told_to_retry(
    uow_factory: UnitOfWorkFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(db_engine, "BUSY_TIMEOUT_MS", 200)
    monkeypatch.setattr(memory, "LOCK_TIMEOUT_S", 0.2)
    with uow_factory() as holder:
        holder.lock_ledger()
        with uow_factory() as waiter, pytest.raises(Conflict, match=r"stayed locked for 0\.2 seconds") as refused:
            waiter.lock_ledger()
        assert "retry" in refused.value.hint
        holder.ledger.add(recorded([an_entry()]))
        holder.commit()
    assert len(stored(uow_factory)) == 1


def test_of_two_appends_racing_without_the_lock_one_is_refused(uow_factory: UnitOfWorkFactory) -> None:
    """Databases let the first writer win, the memory store the first to commit; either way the other is
    refused with a Conflict that says to take the lock, and the chain does not fork."""
    added, go = threading.Event(), threading.Event()
    refusals: dict[str, Conflict] = {}

    def append_without_lock(donor: str, head_read: threading.Event | None = None) -> None:
        try:
            with uow_factory() as uow:
                records = recorded([an_entry(donor=donor)], uow.ledger.head())
                if head_read:  # the second one read the head before the first commits
                    head_read.set()
                uow.ledger.add(records)
                added.set()
                go.wait(10)
                uow.commit()
        except Conflict as exc:
            refusals[donor] = exc

    first = threading.Thread(target=append_without_lock, args=("DEU",))
    first.start()
    added.wait(10)
    append_without_lock("FRA", head_read=go)
    first.join()
    assert len(refusals) == 1
    assert "lock_ledger" in next(iter(refusals.values())).hint
    assert [r.entry.donor for r in stored(uow_factory)] == [d for d in ("DEU", "FRA") if d not in refusals]


def test_the_ledger_lock_serialises_concurrent_appenders(uow_factory: UnitOfWorkFactory) -> None:
    failures: list[BaseException] = []

    def appender(donor: str) -> None:
        try:
            for _ in range(10):
                with uow_factory() as uow:
                    uow.ledger.count()  # reads before taking the lock must not break it
                    uow.lock_ledger()
                    uow.ledger.add(recorded([an_entry(donor=donor)], uow.ledger.head()))
                    uow.commit()
        except BaseException as exc:  # handed to the main thread
            failures.append(exc)

    threads = [threading.Thread(target=appender, args=(donor,)) for donor in ("DEU", "FRA", "POL")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    with uow_factory() as uow:
        report = verify_chain(uow.ledger.scan())
    assert report.intact
    assert report.checked == 30
