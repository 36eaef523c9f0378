"""Runs every burden-sharing scenario in tests/scenarios/burden/*.yaml (see the README beside them).

Each scenario is set up in the in-memory store and goes through the real service, the reference ledger
sums (`PythonLedgerAnalytics`) and the real rule set loader, so the figures a non-programmer wrote down
are checked against the whole computation, not a copy of it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from ramstein.adapters.analytics_python import PythonLedgerAnalytics
from ramstein.adapters.importers.prices import parse_price_list
from ramstein.adapters.importers.rules import YamlRuleSets, parse_rule_set
from ramstein.adapters.memory import MemoryStore
from ramstein.domain.ledger import AidType, Channel, Entry, EntryKind, Item
from ramstein.domain.money import money, parse_amount
from ramstein.domain.nations import Body, GdpValue, Membership, Nation
from ramstein.domain.prices import PriceList
from ramstein.domain.reference import DatasetKind
from ramstein.domain.rules import RuleSet, report_period
from ramstein.reports.burden import BurdenReport, BurdenRow
from ramstein.services import ledger, reference
from ramstein.services.burden import BurdenRequest, burden_report
from ramstein.services.ports import UnitOfWorkFactory
from tests.builders import a_dataset, a_rate_table

HERE = Path(__file__).parent / "burden"
SCENARIOS = sorted(HERE.glob("*.yaml"))
RECORDED = datetime(2026, 1, 1, tzinfo=UTC)
NOW = datetime(2026, 6, 1, tzinfo=UTC)
LOADED = datetime(2000, 1, 1, tzinfo=UTC)  # reference data loaded before any replay moment
CENT = Decimal("0.01")
ROW_FIELDS = {
    "rank": "rank",
    "exempt": "exempt",
    "gdp-share": "gdp_share",
    "fair-share": "fair_share_eur",
    "credit": "credit_eur",
    "gap": "gap_eur",
    "pledged": "pledged_eur",
    "committed": "committed_eur",
    "delivered": "delivered_eur",
    "pct-fair-share": "credit_pct_fair_share",
    "entries": "entries",
}


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_scenario(path: Path) -> None:
    case = yaml.safe_load(path.read_text())
    report = run(case)
    expect = case["expect"]
    for key, field in (("floor", "floor_eur"), ("credit", "credit_eur")):
        if key in expect:
            assert_amount(getattr(report, field), expect[key], key)
    if "floor-met" in expect:
        assert report.floor_met is expect["floor-met"]
    rows = {row.nation: row for row in report.rows}
    for nation, wanted in expect.get("rows", {}).items():
        assert nation in rows, f"{nation} is not a participant"
        check_row(rows[nation], wanted)
    for nation in expect.get("absent", []):
        assert nation not in rows, f"{nation} should not be a participant"
    history = {t.label: t for t in report.history}
    for year, wanted in expect.get("history", {}).items():
        total = history[str(year)]
        for key, field in (("credit", "credit_eur"), ("floor", "floor_eur"), ("every-donor", "all_donors_eur")):
            if key in wanted:
                assert_amount(getattr(total, field), wanted[key], f"{year} {key}")
    messages = [issue.message for issue in report.issues]
    for wanted in expect.get("issues", []):
        assert any(wanted in message for message in messages), f"no issue says {wanted!r}: {messages}"
    if "issues" in expect:
        assert len(messages) == len(expect["issues"]), messages


def run(case: dict[str, Any]) -> BurdenReport:
    factory = MemoryStore().unit_of_work
    reference.install_nations(factory, a_dataset(DatasetKind.NATIONS, loaded_at=LOADED), nations(case["nations"]))
    rates = {
        currency: {day: str(rate) for day, rate in by_day.items()} for currency, by_day in case.get("rates", {}).items()
    }
    reference.install_rates(factory, a_dataset(DatasetKind.FX, loaded_at=LOADED), a_rate_table(rates))
    gdp = [
        GdpValue(code, int(year), money(str(amount), "EUR"), "scenario")
        for year, values in case["gdp"].items()
        for code, amount in values.items()
    ]
    reference.install_gdp(factory, a_dataset(DatasetKind.GDP, loaded_at=LOADED), gdp)
    record_ledger(factory, case.get("ledger", []))
    rules = rule_set(case["rules"])
    spec = case["report"]
    as_of = spec.get("as-of")
    request = BurdenRequest(rules, report_period(rules, str(spec["period"]), spec.get("half")), as_of)
    analytics = PythonLedgerAnalytics(factory)
    return burden_report(factory, analytics, analytics, request, lambda: NOW, ScenarioPrices(case))


class ScenarioPrices:
    """The scenario's own `price-list`, read by the real loader, under whatever name the rule set gives."""

    def __init__(self, case: dict[str, Any]) -> None:
        self._spec = case.get("price-list")

    def load(self, name_or_path: str) -> PriceList:
        assert self._spec is not None, "the rule set names a price list: give the scenario a price-list section"
        return parse_price_list(yaml.safe_dump(self._spec), name_or_path)


def nations(spec: dict[str, dict[str, Any]]) -> list[Nation]:
    found = [Nation("UKR", "Ukraine", "UAH")]
    for code, facts in spec.items():
        held = []
        if "nato" in facts:
            held.append(Membership(Body.NATO, facts["nato"]))
        if facts.get("partner"):
            held.append(Membership(Body.UDCG, None, approximate=True))
        found.append(Nation(code, facts["name"], "EUR", facts.get("country", True), tuple(held)))
    return found


def record_ledger(factory: UnitOfWorkFactory, items: list[dict[str, Any]]) -> None:
    actor = ledger.local_actor("scenario")
    for item in items:
        moment = item.get("recorded", RECORDED)

        def clock(moment: datetime = moment) -> datetime:
            return moment

        if "reverse" in item:
            ledger.reverse(factory, item["reverse"], reason="scenario", actor=actor, clock=clock, on=item["date"])
            continue
        entry = Entry(
            kind=EntryKind(item["kind"]),
            donor=item["donor"],
            recipient="UKR",
            amount=money(str(item["amount"]), item.get("currency", "EUR")),
            on=item["date"],
            aid_type=AidType(item.get("aid-type", "military")),
            channel=Channel(item.get("channel", "bilateral")),
            starts=item.get("starts"),
            ends=item.get("ends"),
            items=tuple(an_item(spec) for spec in item.get("items", [])),
        )
        ledger.record(factory, [entry], actor, clock)


def an_item(spec: dict[str, Any]) -> Item:
    value = spec.get("value")
    unit = money(str(value), spec.get("currency", "EUR")) if value is not None else None
    return Item(spec["name"], spec["quantity"], unit)


def rule_set(spec: dict[str, Any]) -> RuleSet:
    """The base rule set's file with the scenario's changes merged in, read by the real loader."""
    changes = dict(spec)
    base = yaml.safe_load(YamlRuleSets().text(changes.pop("base")))
    for key, value in changes.items():
        if isinstance(value, dict):
            base[key] = {**base.get(key, {}), **value}
        else:
            base[key] = value
    return parse_rule_set(yaml.safe_dump(base), "scenario")


def check_row(row: BurdenRow, wanted: dict[str, Any]) -> None:
    for key, value in wanted.items():
        actual = getattr(row, ROW_FIELDS[key])
        where = f"{row.nation} {key}"
        if isinstance(value, bool) or key in ("rank", "entries"):
            assert actual == value, where
        elif key in ("gdp-share", "pct-fair-share"):
            expected = Decimal(str(value))
            assert actual is not None and round(actual, 10) == round(expected, 10), f"{where}: {actual} != {expected}"
        else:
            assert_amount(actual, value, where)


def assert_amount(actual: Decimal | None, expected: object, where: str) -> None:
    wanted = parse_amount(str(expected)) if not isinstance(expected, date) else None
    assert actual is not None and wanted is not None
    assert actual.quantize(CENT) == wanted.quantize(CENT), f"{where}: {actual} != {wanted}"
