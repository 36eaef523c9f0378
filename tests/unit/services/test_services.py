"""Use cases against the in-memory store: the rules live in the services, not in the database."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from ramstein.adapters.memory import MemoryStore
from ramstein.domain.errors import Conflict, NotFound, RejectedImport
from ramstein.domain.issues import DataIssue
from ramstein.domain.ledger import AidType, EntryKind
from ramstein.domain.money import money
from ramstein.domain.nations import GdpValue, Nation
from ramstein.domain.reference import DatasetKind
from ramstein.domain.tracker import Allocation, Release
from ramstein.services import ledger, ledger_import, overview, reference, tracker
from ramstein.services.ledger_import import Row
from ramstein.services.ports import LedgerQuery, UnitOfWorkFactory
from tests.builders import a_dataset, a_rate_table, an_entry

ACTOR = ledger.local_actor("secretariat")
NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
NATIONS = [Nation(code, code, "EUR") for code in ("UKR", "DNK", "DEU", "NOR", "EU")]


def clock() -> datetime:
    return NOW


@pytest.fixture
def uow() -> UnitOfWorkFactory:
    factory = MemoryStore().unit_of_work
    reference.install_nations(factory, a_dataset(DatasetKind.NATIONS), NATIONS)
    rates = a_rate_table(
        {"NOK": {date(2024, 2, 1): "11.5", date(2023, 6, 30): "11.6"}, "USD": {date(2023, 6, 30): "1.1"}}
    )
    reference.install_rates(factory, a_dataset(DatasetKind.FX), rates)
    gdp = [GdpValue("DNK", 2023, money("400bn", "USD"), "test"), GdpValue("NOR", 2023, money("500bn", "USD"), "test")]
    reference.install_gdp(factory, a_dataset(DatasetKind.GDP), gdp)
    return factory


def count(uow: UnitOfWorkFactory) -> int:
    with uow() as work:
        return work.ledger.count()


def test_an_unknown_nation_stops_the_whole_batch(uow):
    with pytest.raises(NotFound, match="unknown nation XYZ"):
        ledger.record(uow, [an_entry(), an_entry(donor="XYZ")], ACTOR, clock)
    assert count(uow) == 0


def test_an_entry_is_reversed_once_and_stays_as_history(uow):
    (pledge,) = ledger.record(uow, [an_entry()], ACTOR, clock)
    reversal = ledger.reverse(uow, pledge.seq, reason="announced twice", actor=ACTOR, clock=clock)
    assert reversal.entry.kind is EntryKind.REVERSAL and reversal.entry.reverses == pledge.seq
    assert reversal.entry.amount == pledge.entry.amount and reversal.entry.on == NOW.date()
    with pytest.raises(Conflict, match=f"already reversed by entry #{reversal.seq}"):
        ledger.reverse(uow, pledge.seq, reason="again", actor=ACTOR, clock=clock)
    with pytest.raises(NotFound, match="no ledger entry #99"):
        ledger.reverse(uow, 99, reason="typo", actor=ACTOR, clock=clock)
    live, total = ledger.find(uow, LedgerQuery(live_only=True))
    assert (live, total) == ([], 0)
    assert ledger.show(uow, pledge.seq) == (pledge, reversal)
    assert ledger.verify(uow).intact


def test_a_table_with_a_bad_row_is_rejected_whole_with_every_problem(uow):
    ledger.record(uow, [an_entry(external_id="dnk-1")], ACTOR, clock)
    rows = [
        Row(2, {"kind": "pledge", "donor": "NOR", "amount": "6.6bn", "currency": "NOK", "date": "2024-02-01"}),
        Row(3, {"kind": "pledge", "donor": "ABC", "amount": "1", "currency": "EUR", "date": "2024-02-01"}),
        Row(
            4,
            {
                "kind": "pledge",
                "donor": "DNK",
                "amount": "1",
                "currency": "EUR",
                "date": "2024-02-01",
                "external_id": "dnk-1",
            },
        ),
    ]
    with pytest.raises(RejectedImport) as rejected:
        ledger_import.import_rows(uow, "in.csv", rows, [], actor=ACTOR, clock=clock)
    assert [(i.row, i.column) for i in rejected.value.issues] == [(3, "donor"), (4, "external_id")]
    assert count(uow) == 1
    done = ledger_import.import_rows(uow, "in.csv", rows, [], actor=ACTOR, clock=clock, skip_invalid=True)
    assert [r.entry.donor for r in done.recorded] == ["NOR"]
    assert [row.number for row, _ in done.rejected] == [3, 4]


def test_a_problem_of_the_file_itself_cannot_be_skipped(uow):
    cut = [Row(2, {"kind": "pledge", "donor": "NOR", "amount": "1", "currency": "NOK", "date": "2024-02-01"})]
    with pytest.raises(RejectedImport):
        ledger_import.import_rows(
            uow, "in.csv", cut, [DataIssue("in.csv", 0, "", "cut short")], actor=ACTOR, clock=clock, skip_invalid=True
        )
    assert count(uow) == 0


def test_a_tracker_release_imported_twice_changes_nothing(uow):
    release = Release(29, "04/2026", date(2026, 8, 4), "Release 29", (
        Allocation("DNK", date(2022, 3, 1), AidType.MILITARY, Decimal("0.5")),
        Allocation("EU", date(2022, 3, 1), AidType.FINANCIAL, Decimal("1.25")),
    ))  # fmt: skip
    first = tracker.import_release(uow, release, [], actor=ACTOR, clock=clock)
    assert (first.added, first.in_force[AidType.FINANCIAL]) == (2, Decimal("1250000000"))
    again = tracker.import_release(uow, release, [], actor=ACTOR, clock=clock)
    assert again.changed_nothing and again.unchanged == 2 and count(uow) == 2


def test_reference_data_is_added_only_when_it_changes(uow):
    same = reference.install_gdp(uow, a_dataset(DatasetKind.GDP), reference_gdp(uow))
    assert not same.stored and same.diff.is_empty
    revised = [*reference_gdp(uow)[:1], GdpValue("NOR", 2023, money("510bn", "USD"), "test")]
    done = reference.install_gdp(uow, a_dataset(DatasetKind.GDP, "revised"), revised)
    assert done.stored and done.diff.changed == 1
    assert [d.label for d in reference.datasets(uow) if d.kind is DatasetKind.GDP][-1] == "revised"


def reference_gdp(uow: UnitOfWorkFactory) -> list[GdpValue]:
    with uow() as work:
        return work.reference.gdp()


def test_the_overview_converts_each_entry_at_its_own_date(uow):
    ledger.record(uow, [an_entry(kind=EntryKind.COMMITMENT, donor="NOR", amount=money("11.5bn", "NOK"),
                                 on=date(2024, 2, 1))], ACTOR, clock)  # fmt: skip
    report = overview.burden_overview(uow, clock)
    (row,) = report.rows
    assert row.code == "NOR" and row.military == Decimal("1000000000")  # NOK 11.5 per EUR on 2024-02-01
    assert report.military_by_year == {2024: Decimal("1000000000")}
