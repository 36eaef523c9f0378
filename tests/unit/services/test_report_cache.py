"""The per-process report cache: an unchanged ledger answers from memory; a recorded entry, a marking or a new
dataset is seen at once; the public and the signed-in never share a report."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from ramstein.adapters.analytics_python import PythonLedgerAnalytics
from ramstein.adapters.memory import MemoryStore
from ramstein.domain.access import Actor, Marking, Role
from ramstein.domain.ledger import Entry, EntryKind
from ramstein.domain.money import money
from ramstein.domain.nations import Body, GdpValue, Membership, Nation
from ramstein.domain.reference import DatasetKind
from ramstein.domain.rules import RuleSet, report_period
from ramstein.services import burden, ledger, ledger_access, reference, report_access
from ramstein.services.guard import Caller
from ramstein.services.ports import UnitOfWorkFactory
from ramstein.services.report_cache import ReportCache
from tests.builders import a_dataset, a_rate_table

NOW = datetime(2026, 6, 1, tzinfo=UTC)
LOADED = datetime(2000, 1, 1, tzinfo=UTC)
RULES = RuleSet("test", 1, "Test rules", stage=EntryKind.PLEDGE)  # the public sees a total it credits
ALLY = (Membership(Body.NATO, date(1949, 8, 24)),)
COORDINATOR = Caller(Actor("coord", Role.COORDINATOR))
PUBLIC = Caller(Actor.public())


class Counting(PythonLedgerAnalytics):
    """The reference sums, counting how often a report reads them."""

    calls = 0

    def stage_sums(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        Counting.calls += 1
        return super().stage_sums(*args, **kwargs)


@pytest.fixture
def factory() -> UnitOfWorkFactory:
    made = MemoryStore().unit_of_work
    found = [Nation("UKR", "Ukraine", "UAH")]
    found += [Nation(code, code, "EUR", memberships=ALLY) for code in ("DNK", "NOR", "FIN")]
    reference.install_nations(made, a_dataset(DatasetKind.NATIONS, loaded_at=LOADED), found)
    reference.install_rates(made, a_dataset(DatasetKind.FX, loaded_at=LOADED), a_rate_table({}))
    gdp = [GdpValue(c, y, money("400bn", "EUR"), "test") for c in ("DNK", "NOR", "FIN") for y in (2022, 2023)]
    reference.install_gdp(made, a_dataset(DatasetKind.GDP, loaded_at=LOADED), gdp)
    Counting.calls = 0
    return made


def sources(factory: UnitOfWorkFactory) -> report_access.ReportSources:
    analytics = Counting(factory)
    return report_access.ReportSources(factory, analytics, analytics, lambda: NOW, min_nations=1, cache=ReportCache())


def pledge(factory: UnitOfWorkFactory, donor: str, amount: str) -> int:
    entry = Entry(EntryKind.PLEDGE, donor, "UKR", money(amount, "EUR"), date(2024, 3, 1))
    return ledger.record(factory, [entry], ledger.local_actor("t"), lambda: NOW)[0].seq


def pledged(report, donor: str):  # type: ignore[no-untyped-def]
    return next(row.pledged_eur for row in report.rows if row.nation == donor)


REQUEST = burden.BurdenRequest(RULES, report_period(RULES, "2024"), gdp_fallback=True)


def test_an_unchanged_ledger_answers_from_memory_and_a_recorded_pledge_is_seen_at_once(factory):
    src = sources(factory)
    pledge(factory, "DNK", "1bn")
    first = report_access.burden_report(src, COORDINATOR, REQUEST)
    assert report_access.burden_report(src, COORDINATOR, REQUEST) is first and Counting.calls == 1
    pledge(factory, "DNK", "2bn")
    after = report_access.burden_report(src, COORDINATOR, REQUEST)
    assert Counting.calls == 2 and pledged(after, "DNK") == pledged(first, "DNK") + 2_000_000_000
    other = burden.BurdenRequest(RULES, report_period(RULES, "2023"), gdp_fallback=True)
    assert report_access.burden_report(src, COORDINATOR, other).period_label != after.period_label


def test_the_public_gets_its_own_report_and_a_new_marking_changes_it(factory):
    src = sources(factory)
    seq = pledge(factory, "DNK", "1bn")  # coalition material by default: not in public figures
    for code in ("NOR", "FIN"):
        ledger_access.mark(factory, COORDINATOR, pledge(factory, code, "1bn"), Marking.PUBLIC, reason="t",
                           clock=lambda: NOW)  # fmt: skip
    whole = report_access.burden_report(src, COORDINATOR, REQUEST)
    public = report_access.burden_report(src, PUBLIC, REQUEST)
    assert pledged(whole, "DNK") == 1_000_000_000 and pledged(public, "DNK") == 0
    assert report_access.burden_report(src, PUBLIC, REQUEST) is public
    ledger_access.mark(factory, COORDINATOR, seq, Marking.PUBLIC, reason="released", clock=lambda: NOW)
    assert pledged(report_access.burden_report(src, PUBLIC, REQUEST), "DNK") == 1_000_000_000
    assert report_access.burden_report(src, COORDINATOR, REQUEST) is whole  # markings do not filter it


def test_a_newly_loaded_dataset_is_seen_at_once(factory):
    src = sources(factory)
    pledge(factory, "DNK", "1bn")
    first = report_access.burden_report(src, COORDINATOR, REQUEST)
    gdp = [GdpValue(code, 2023, money("800bn", "EUR"), "test") for code in ("DNK", "NOR", "FIN")]
    reference.install_gdp(factory, a_dataset(DatasetKind.GDP, loaded_at=LOADED), gdp)
    assert report_access.burden_report(src, COORDINATOR, REQUEST) is not first and Counting.calls == 2


def test_the_overview_is_kept_too(factory):
    src = sources(factory)
    first = report_access.donor_overview(src, COORDINATOR)
    assert report_access.donor_overview(src, COORDINATOR) is first
    pledge(factory, "DNK", "1bn")
    assert report_access.donor_overview(src, COORDINATOR) is not first
