"""The burden report service: what stops a report (missing GDP, an unconvertible entry) and what it notes."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest

from ramstein.adapters.analytics_python import PythonLedgerAnalytics
from ramstein.adapters.memory import MemoryStore
from ramstein.domain.errors import InvalidInput, NotFound, RateUnavailable
from ramstein.domain.ledger import Entry, EntryKind, Item
from ramstein.domain.money import money
from ramstein.domain.nations import Body, GdpValue, Membership, Nation
from ramstein.domain.prices import PriceList
from ramstein.domain.reference import DatasetKind
from ramstein.domain.rules import RuleSet, Valuation, report_period
from ramstein.reports.burden import BurdenReport
from ramstein.services import burden, ledger, reference
from ramstein.services.ports import UnitOfWorkFactory
from tests.builders import a_dataset, a_rate_table

NOW = datetime(2026, 6, 1, tzinfo=UTC)
LOADED = datetime(2000, 1, 1, tzinfo=UTC)
RULES = RuleSet("test", 1, "Test rules")
ALLY = (Membership(Body.NATO, date(1949, 8, 24)),)


@pytest.fixture
def factory() -> UnitOfWorkFactory:
    made = MemoryStore().unit_of_work
    found = [Nation("UKR", "Ukraine", "UAH"), Nation("DNK", "Denmark", "DKK", memberships=ALLY)]
    found.append(Nation("NOR", "Norway", "NOK", memberships=ALLY))
    reference.install_nations(made, a_dataset(DatasetKind.NATIONS, loaded_at=LOADED), found)
    rates = a_rate_table(
        {"USD": {date(2022, 6, 1): "1.05", date(2023, 6, 1): "1.08"}, "NOK": {date(2024, 1, 2): "11.5"}}
    )
    reference.install_rates(made, a_dataset(DatasetKind.FX, loaded_at=LOADED), rates)
    gdp = [
        GdpValue("DNK", 2022, money("400bn", "EUR"), "test"),
        GdpValue("DNK", 2023, money("420bn", "EUR"), "test"),
        GdpValue("NOR", 2022, money("580bn", "EUR"), "test"),
    ]
    reference.install_gdp(made, a_dataset(DatasetKind.GDP, loaded_at=LOADED), gdp)
    return made


def report(factory: UnitOfWorkFactory, spec: str = "2024", rules: RuleSet = RULES, **options: Any) -> BurdenReport:
    analytics = PythonLedgerAnalytics(factory)
    request = burden.BurdenRequest(rules, report_period(rules, spec), **options)
    return burden.burden_report(factory, analytics, analytics, request, lambda: NOW)


def test_a_missing_gdp_value_names_the_nation_and_the_year_and_offers_the_fallback(factory):
    with pytest.raises(NotFound) as caught:
        report(factory)
    assert caught.value.message.startswith("no GDP for 2023 in test gdp data for: Norway (NOR)")
    assert "--gdp-fallback" in caught.value.hint


def test_the_fallback_uses_the_latest_earlier_year_and_says_so(factory):
    done = report(factory, gdp_fallback=True)
    assert [i.message for i in done.issues] == ["no GDP for 2023 for NOR: used their 2022 figures (--gdp-fallback)"]
    shares = {r.nation: r.gdp_share for r in done.rows}
    assert shares["NOR"] > shares["DNK"]


def test_the_rule_sets_own_fallback_flag_does_the_same(factory):
    done = report(factory, rules=RuleSet("test", 1, "Test", gdp_fallback=True))
    assert len(done.issues) == 1


def test_no_earlier_year_either_is_still_an_error(factory):
    with pytest.raises(NotFound, match=r"no GDP for 2021 or any earlier year .* Denmark \(DNK\), Norway \(NOR\)"):
        report(factory, "2022", gdp_fallback=True)


def test_an_entry_with_no_rate_on_its_date_stops_the_report_and_is_listed(factory):
    late = Entry(EntryKind.COMMITMENT, "NOR", "UKR", money("1bn", "NOK"), date(2024, 3, 1))
    ledger.record(factory, [late], ledger.local_actor("t"), lambda: NOW)
    with pytest.raises(RateUnavailable) as caught:
        report(factory, gdp_fallback=True)
    assert caught.value.message.startswith("1 ledger entries cannot be converted to EUR")
    assert "entry #1 left out" in caught.value.message


PRICED = RuleSet("test", 1, "Test", valuation=Valuation.PRICE_LIST, price_list="test-prices", gdp_fallback=True)
TANKS = (Item("Leopard 2A4 tank", 10, money("1m", "EUR")), Item("truck", 2, money("1m", "EUR")))


class Prices:
    def __init__(self, currency: str = "EUR") -> None:
        self.currency = currency

    def load(self, name_or_path: str) -> PriceList:
        if name_or_path != "test-prices":
            raise NotFound(f"unknown price list {name_or_path!r}")
        return PriceList(name_or_path, "Test", date(2024, 1, 1), {"leopard 2a4 tank": money("1.5m", self.currency)})


def priced(factory: UnitOfWorkFactory, prices: Prices | None = None, rules: RuleSet = PRICED) -> BurdenReport:
    analytics = PythonLedgerAnalytics(factory)
    request = burden.BurdenRequest(rules, report_period(rules, "2024"))
    return burden.burden_report(factory, analytics, analytics, request, lambda: NOW, prices or Prices())


def test_a_price_list_values_the_items_and_the_report_names_it_and_what_it_could_not_price(factory):
    tanks = Entry(EntryKind.COMMITMENT, "DNK", "UKR", money("12m", "EUR"), date(2024, 3, 1), items=TANKS)
    ledger.record(factory, [tanks], ledger.local_actor("t"), lambda: NOW)
    done = priced(factory)
    assert {r.nation: r.credit_eur for r in done.rows}["DNK"] == Decimal("17000000")  # 10 x 1.5 m + 2 m
    assert done.sources.prices.startswith("test-prices (Test; 1 item, EUR prices of 2024-01-01)")
    assert any(line.startswith("Valuation: in-kind items at the price list test-prices") for line in done.method)
    assert "entry #1 (DNK, 2024-03-01): 'truck' kept the recorded value (not on the price list test-prices)" in [
        i.message for i in done.issues
    ]
    as_recorded = priced(factory, rules=RuleSet("test", 1, "Test", gdp_fallback=True))
    assert {r.nation: r.credit_eur for r in as_recorded.rows}["DNK"] == Decimal("12000000")
    assert as_recorded.sources.prices == ""


def test_an_unknown_price_list_or_none_at_hand_stops_the_report(factory):
    with pytest.raises(NotFound, match="unknown price list 'other'"):
        priced(factory, rules=RuleSet("test", 1, "Test", valuation=Valuation.PRICE_LIST, price_list="other"))
    with pytest.raises(InvalidInput, match="without access to price lists"):
        report(factory, rules=PRICED)


def test_a_list_price_with_no_rate_on_the_entrys_date_stops_the_report(factory):
    tanks = Entry(EntryKind.COMMITMENT, "DNK", "UKR", money("12m", "EUR"), date(2024, 3, 1), items=TANKS)
    ledger.record(factory, [tanks], ledger.local_actor("t"), lambda: NOW)
    with pytest.raises(RateUnavailable, match="entry #1 not priced"):
        priced(factory, Prices("USD"))


def test_replay_uses_the_datasets_loaded_by_then(factory):
    with pytest.raises(NotFound, match="no nations dataset was loaded by 1999-01-01"):
        report(factory, as_of=datetime(1999, 1, 1, tzinfo=UTC), gdp_fallback=True)
