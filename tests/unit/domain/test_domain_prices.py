"""Revaluation by a price list, entry by entry: which part of an entry's amount a list price replaces."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from ramstein.domain.credit import CreditFilter, StageSums, stage_sums
from ramstein.domain.ledger import ChainHead, EntryKind, Item, reversal_of
from ramstein.domain.money import Money, money
from ramstein.domain.periods import calendar_year
from ramstein.domain.prices import PriceList, entry_delta, revalue, with_delta
from tests.builders import a_rate_table, an_entry, recorded

PRICES = PriceList(
    "test-prices",
    "Test prices",
    date(2024, 1, 1),
    {"tank": money("1.5m", "EUR"), "round": money("8000", "EUR")},
)
RATES = a_rate_table({"USD": {date(2024, 7, 10): "1.25"}})
Y2024 = [calendar_year(2024)]
EVERYTHING = CreditFilter()


def delta(amount: str, *items: Item) -> tuple[Decimal, list[str]]:
    record = recorded([an_entry(kind=EntryKind.COMMITMENT, amount=money(amount, "EUR"), items=items)])[0]
    return entry_delta(record, PRICES, RATES)


def test_a_listed_item_is_worth_its_list_price_and_the_rest_of_the_amount_stays():
    assert delta("10m", Item("Tank", 10, money("1m", "EUR"))) == (Decimal("5000000"), [])
    # 2 m of the amount is not itemised (transport, say): it stays as recorded
    assert delta("12m", Item("Tank", 10, money("1m", "EUR"))) == (Decimal("5000000"), [])


def test_an_unlisted_item_keeps_its_recorded_value():
    assert delta("16m", Item("tank", 10, money("1m", "EUR")), Item("truck", 3, money("2m", "EUR"))) == (
        Decimal("5000000"),
        ["truck"],
    )


def test_items_without_a_unit_value_replace_the_remainder_only_when_all_are_listed():
    assert delta("12m", Item("round", 1000)) == (Decimal("-4000000"), [])
    assert delta("12m", Item("round", 1000), Item("tank", 2)) == (Decimal("-1000000"), [])  # 8 m + 3 m
    assert delta("12m", Item("round", 1000), Item("truck", 2)) == (Decimal(0), ["round", "truck"])


def test_an_item_valued_in_another_currency_is_converted_at_the_entrys_date():
    assert delta("2m", Item("tank", 1, Money(Decimal("2500000"), "USD"))) == (Decimal("-500000"), [])


def test_revaluation_follows_the_ledger_as_of_a_moment_and_its_reversals():
    tanks = an_entry(kind=EntryKind.COMMITMENT, amount=money("10m", "EUR"), items=(Item("tank", 10),))
    first = recorded([tanks])[0]
    later = datetime(2026, 1, 1, tzinfo=UTC)
    stripped = replace(reversal_of(first, on=date(2024, 8, 1), reason="withdrawn"), items=())
    cancel = recorded([stripped], ChainHead(first.seq, first.hash), at=later)[0]  # recorded without the items
    before = revalue([first, cancel], Y2024, CreditFilter(as_of=later - timedelta(days=1)), RATES, PRICES)
    assert before.delta == {("DNK", "2024"): StageSums(committed=Decimal("5000000"))}
    assert revalue([first, cancel], Y2024, EVERYTHING, RATES, PRICES).delta == {}


def test_the_delta_added_to_the_recorded_sums_gives_the_priced_sums_and_keeps_the_entry_count():
    record = recorded([an_entry(kind=EntryKind.COMMITMENT, amount=money("10m", "EUR"), items=(Item("tank", 10),))])
    sums, _ = stage_sums(record, Y2024, EVERYTHING, RATES)
    priced = with_delta(sums, revalue(record, Y2024, EVERYTHING, RATES, PRICES).delta)
    assert priced == {("DNK", "2024"): StageSums(committed=Decimal("15000000"), entries=1)}


def test_an_entry_whose_price_cannot_be_converted_is_reported_not_guessed():
    in_dollars = PriceList("usd", "Dollars", date(2024, 1, 1), {"tank": money("1m", "USD")})
    entry = an_entry(kind=EntryKind.COMMITMENT, on=date(2023, 1, 1), items=(Item("tank", 1),))
    found = revalue(recorded([entry]), [calendar_year(2023)], EVERYTHING, RATES, in_dollars)
    assert found.delta == {}
    assert found.unconvertible[0].message.startswith("entry #1 not priced:")
