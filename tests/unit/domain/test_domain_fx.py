"""Conversions use the ECB rate in force on a date (never one older than a week) and say which one they used.

The table below is synthetic: rates are units of a currency per 1 EUR, published on weekdays only.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Context, Decimal, localcontext

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ramstein.domain.errors import InvalidInput, RateUnavailable, UnknownCurrency
from ramstein.domain.fx import MAX_STALENESS, RateTable, convert, convert_average
from ramstein.domain.money import Money, money

PROPERTY = settings(max_examples=200, derandomize=True, deadline=None)
TableBuilder = Callable[..., RateTable]


def weekdays(first: date, last: date, *, skip: tuple[date, ...] = ()) -> list[date]:
    days = (first + timedelta(days=n) for n in range((last - first).days + 1))
    return [d for d in days if d.weekday() < 5 and d not in skip]


def flat(days: list[date], rate: str) -> dict[date, str]:
    return dict.fromkeys(days, rate)


GOOD_FRIDAY, EASTER_MONDAY = date(2024, 3, 29), date(2024, 4, 1)
FRIDAY, SATURDAY, SUNDAY = date(2024, 3, 1), date(2024, 3, 2), date(2024, 3, 3)
LAST_DAY = date(2024, 4, 12)  # the last date of the whole table
OPEN_DAYS = weekdays(date(2024, 1, 2), LAST_DAY, skip=(GOOD_FRIDAY, EASTER_MONDAY))


@pytest.fixture(scope="module")
def ecb(rate_table: TableBuilder) -> RateTable:
    nok_days = [d for d in OPEN_DAYS if not date(2024, 2, 10) <= d <= date(2024, 2, 25)]  # a 17-day gap
    return rate_table(
        {
            "USD": flat(OPEN_DAYS, "1.25"),
            "DKK": flat(OPEN_DAYS, "7.5"),
            "NOK": flat(nok_days, "11.5"),
            "RUB": flat([d for d in OPEN_DAYS if d <= date(2024, 2, 29)], "100"),  # discontinued
            "HRK": flat(weekdays(date(2022, 12, 1), date(2022, 12, 30)), "7.5365"),  # replaced by the euro
        }
    )


# --- the rate of a day ----------------------------------------------------------------------------------------


def test_a_conversion_on_a_publication_day_uses_that_days_rate(ecb: RateTable) -> None:
    done = convert(money("100", "USD"), "EUR", on=FRIDAY, rates=ecb)
    assert done.result == money("80", "EUR")
    assert [q.published for q in done.quotes] == [FRIDAY]
    assert done.explain() == "ECB rate of 2024-03-01"


def test_a_conversion_keeps_the_original_the_rate_and_the_source(ecb: RateTable) -> None:
    done = convert(money("100", "EUR"), "DKK", on=FRIDAY, rates=ecb)
    assert done.original == money("100", "EUR")
    assert done.rate == Decimal("7.5")
    assert done.requested == FRIDAY
    assert [(q.currency, q.source) for q in done.quotes] == [("DKK", "ECB test rates")]


@pytest.mark.parametrize("weekend_day", [SATURDAY, SUNDAY])
def test_a_weekend_uses_fridays_rate_and_says_so(ecb: RateTable, weekend_day: date) -> None:
    done = convert(money("100", "USD"), "EUR", on=weekend_day, rates=ecb)
    assert done.quotes[0].published == FRIDAY
    assert done.explain() == f"ECB rate of 2024-03-01 (last published on or before {weekend_day.isoformat()})"


def test_easter_monday_uses_the_rate_of_maundy_thursday(ecb: RateTable) -> None:
    done = convert(money("100", "USD"), "EUR", on=EASTER_MONDAY, rates=ecb)
    assert done.quotes[0].published == date(2024, 3, 28)


def test_a_rate_exactly_a_week_old_is_still_used(ecb: RateTable) -> None:
    last_before_gap = date(2024, 2, 9)
    quote = ecb.quote("NOK", last_before_gap + MAX_STALENESS)
    assert quote.published == last_before_gap


def test_a_rate_older_than_a_week_is_refused_as_a_gap_in_the_series(ecb: RateTable) -> None:
    with pytest.raises(RateUnavailable, match="gap in the ECB series") as caught:
        convert(money("100", "NOK"), "EUR", on=date(2024, 2, 17), rates=ecb)
    assert "last one was published on 2024-02-09" in caught.value.message


def test_a_discontinued_currency_says_the_ecb_stopped_publishing_it(ecb: RateTable) -> None:
    with pytest.raises(RateUnavailable, match="stopped publishing RUB after 2024-02-29") as caught:
        convert(money("100", "RUB"), "EUR", on=date(2024, 3, 15), rates=ecb)
    assert "still publishes" in caught.value.hint


def test_a_discontinued_currency_is_still_converted_within_a_week_of_its_last_rate(ecb: RateTable) -> None:
    done = convert(money("100", "RUB"), "EUR", on=date(2024, 3, 4), rates=ecb)
    assert done.result == money("1", "EUR")


def test_a_currency_the_euro_replaced_names_the_changeover(ecb: RateTable) -> None:
    with pytest.raises(RateUnavailable, match="stopped publishing HRK after 2022-12-30") as caught:
        convert(money("100", "EUR"), "HRK", on=date(2023, 6, 1), rates=ecb)
    assert "replaced by the euro on 2023-01-01" in caught.value.hint


def test_a_date_after_the_end_of_all_data_says_to_load_newer_rates(ecb: RateTable) -> None:
    with pytest.raises(RateUnavailable, match="the loaded rates end on 2024-04-12") as caught:
        convert(money("100", "USD"), "EUR", on=LAST_DAY + timedelta(days=8), rates=ecb)
    assert "ramstein data update --fx" in caught.value.hint


def test_a_table_of_some_currencies_tells_a_discontinued_one_from_the_end_of_the_file(
    rate_table: TableBuilder,
) -> None:
    only_rub = {"RUB": flat([d for d in OPEN_DAYS if d <= date(2024, 2, 29)], "100")}
    late = date(2024, 3, 15)
    with pytest.raises(RateUnavailable, match="stopped publishing RUB after 2024-02-29"):
        rate_table(only_rub, last_date=LAST_DAY).quote("RUB", late)
    with pytest.raises(RateUnavailable, match="the loaded rates end on 2024-02-29"):
        rate_table(only_rub).quote("RUB", late)


def test_a_date_before_the_first_rate_is_refused(ecb: RateTable) -> None:
    with pytest.raises(RateUnavailable, match="its rates start on 2024-01-02"):
        convert(money("100", "USD"), "EUR", on=date(2023, 12, 29), rates=ecb)


@pytest.mark.parametrize(
    ("currency", "message"),
    [
        ("DEM", "DEM is a legacy currency: the euro replaced it on 1999-01-01 (1 EUR = 1.95583 DEM)"),
        ("ROL", "ROL is a legacy currency, redenominated as RON"),
        ("UAH", "the ECB publishes no reference rate for UAH"),
    ],
)
def test_a_currency_never_in_the_table_says_why(ecb: RateTable, currency: str, message: str) -> None:
    with pytest.raises(RateUnavailable) as caught:
        convert(money("100", currency), "EUR", on=FRIDAY, rates=ecb)
    assert caught.value.message == message
    with pytest.raises(RateUnavailable):
        convert(money("100", "EUR"), currency, on=FRIDAY, rates=ecb)


def test_converting_to_a_lower_case_code_is_refused(ecb: RateTable) -> None:
    with pytest.raises(UnknownCurrency):
        convert(money("100", "EUR"), "usd", on=FRIDAY, rates=ecb)


# --- cross rates and no-ops -----------------------------------------------------------------------------------


def test_a_cross_rate_goes_through_the_euro_quotes_of_both_currencies(ecb: RateTable) -> None:
    done = convert(money("100", "USD"), "DKK", on=FRIDAY, rates=ecb)
    assert done.rate == Decimal("7.5") / Decimal("1.25")
    assert done.result == money("600", "DKK")
    assert sorted(q.currency for q in done.quotes) == ["DKK", "USD"]


def test_converting_to_the_same_currency_needs_no_quote(ecb: RateTable) -> None:
    for currency in ("EUR", "UAH"):  # UAH has no ECB rate at all, and needs none
        done = convert(money("100", currency), currency, on=date(2030, 1, 1), rates=ecb)
        assert done.result == done.original
        assert done.rate == 1
        assert done.quotes == ()
        assert done.explain() == "same currency, no conversion"


# --- averages over a period -----------------------------------------------------------------------------------

JANUARY = (date(2024, 1, 1), date(2024, 1, 31))
USD_BY_DAY = {d: f"1.{d.day:02d}" for d in weekdays(date(2023, 12, 1), date(2024, 2, 29))}  # 1.01, 1.02, ...
DKK_BY_DAY = {d: f"7.4{d.day:02d}" for d in USD_BY_DAY}


@pytest.fixture(scope="module")
def daily(rate_table: TableBuilder) -> RateTable:
    gappy = {d: r for d, r in USD_BY_DAY.items() if not date(2024, 2, 3) <= d <= date(2024, 2, 19)}
    return rate_table({"USD": USD_BY_DAY, "DKK": DKK_BY_DAY, "SEK": gappy})


def mean_of(by_day: dict[date, str], start: date, end: date) -> Decimal:
    """The arithmetic mean of the rates published from start to end, to 50 digits."""
    rates = [Decimal(r) for d, r in by_day.items() if start <= d <= end]
    with localcontext(Context(prec=50)):
        return sum(rates, Decimal(0)) / len(rates)


def test_the_average_rate_is_the_mean_of_the_daily_rates_in_the_period(daily: RateTable) -> None:
    quote = daily.average("USD", *JANUARY)
    assert abs(quote.rate - mean_of(USD_BY_DAY, *JANUARY)) < Decimal("1e-30")
    assert "mean of 23 daily rates" in quote.source  # the weekdays of January 2024


def test_an_average_ignores_rates_published_outside_the_period(daily: RateTable) -> None:
    week = (date(2024, 1, 8), date(2024, 1, 12))
    assert daily.average("USD", *week).rate == Decimal("1.10")  # mean of 1.08 ... 1.12


def test_converting_at_average_rates_uses_the_mean_of_each_side(daily: RateTable) -> None:
    done = convert_average(money("1000", "USD"), "DKK", start=JANUARY[0], end=JANUARY[1], rates=daily)
    expected = Decimal(1000) / mean_of(USD_BY_DAY, *JANUARY) * mean_of(DKK_BY_DAY, *JANUARY)
    assert abs(done.result.amount - expected) < Decimal("1e-20")
    assert done.explain() == "average of ECB daily rates 2024-01-01 to 2024-01-31"


def test_the_average_euro_rate_is_one(daily: RateTable) -> None:
    assert daily.average("EUR", *JANUARY).rate == 1


def test_an_average_refuses_a_period_with_a_gap_of_more_than_a_week(daily: RateTable) -> None:
    with pytest.raises(RateUnavailable, match="published none from 2024-02-02 to 2024-02-20"):
        daily.average("SEK", date(2024, 2, 1), date(2024, 2, 29))


def test_an_average_refuses_a_gap_between_the_rate_in_force_at_the_start_and_the_first_in_the_period(
    daily: RateTable,
) -> None:
    # On 2024-02-05 the rate of 2024-02-02 is in force; the next one comes on 2024-02-20, 18 days later.
    with pytest.raises(RateUnavailable, match="published none from 2024-02-02 to 2024-02-20"):
        daily.average("SEK", date(2024, 2, 5), date(2024, 2, 23))


def test_an_average_refuses_a_period_that_starts_before_the_rates(daily: RateTable) -> None:
    with pytest.raises(RateUnavailable, match="rates start on 2023-12-01"):
        daily.average("USD", date(2023, 11, 1), date(2023, 12, 31))


def test_an_average_refuses_a_period_that_ends_after_the_rates(daily: RateTable) -> None:
    with pytest.raises(RateUnavailable, match="end on 2024-02-29"):
        daily.average("USD", date(2024, 2, 1), date(2024, 3, 31))


def test_an_average_over_days_without_a_fixing_is_the_rate_in_force(daily: RateTable) -> None:
    weekend = (date(2024, 1, 13), date(2024, 1, 14))
    assert daily.average("USD", *weekend).rate == Decimal("1.12")  # Friday 2024-01-12


def test_an_average_over_a_period_that_ends_before_it_starts_is_invalid(daily: RateTable) -> None:
    with pytest.raises(InvalidInput, match="ends"):
        daily.average("USD", JANUARY[1], JANUARY[0])


# --- properties -----------------------------------------------------------------------------------------------

euro_rates = st.decimals(min_value=Decimal("0.0001"), max_value=Decimal("100000"), places=6)
amounts = st.decimals(min_value=Decimal("-1e15"), max_value=Decimal("1e15"), places=2)
CURRENCIES = ["EUR", "USD", "DKK", "JPY"]


def one_day_table(rate_table: TableBuilder, rates: list[Decimal]) -> RateTable:
    others = [c for c in CURRENCIES if c != "EUR"]
    return rate_table({c: {FRIDAY: str(r)} for c, r in zip(others, rates, strict=True)})


pairs = st.tuples(st.sampled_from(CURRENCIES), st.sampled_from(CURRENCIES))
table_rates = st.lists(euro_rates, min_size=3, max_size=3)


@PROPERTY
@given(amount=amounts, pair=pairs, rates=table_rates, on=st.sampled_from([FRIDAY, SATURDAY, SUNDAY]))
def test_converting_there_and_back_returns_the_original(
    rate_table: TableBuilder, amount: Decimal, pair: tuple[str, str], rates: list[Decimal], on: date
) -> None:
    table = one_day_table(rate_table, rates)
    source, target = pair
    there = convert(money(amount, source), target, on=on, rates=table)
    back = convert(there.result, source, on=on, rates=table)
    assert abs(back.result.amount - amount) <= Decimal("1e-25") * abs(amount)


@PROPERTY
@given(a=amounts, b=amounts, pair=pairs, rates=table_rates)
def test_converting_a_sum_equals_the_sum_of_the_conversions(
    rate_table: TableBuilder, a: Decimal, b: Decimal, pair: tuple[str, str], rates: list[Decimal]
) -> None:
    table = one_day_table(rate_table, rates)
    source, target = pair

    def into_target(amount: Decimal) -> Money:
        return convert(money(amount, source), target, on=FRIDAY, rates=table).result

    whole, parts = into_target(a + b), into_target(a) + into_target(b)
    scale = abs(into_target(a).amount) + abs(into_target(b).amount)
    assert abs(whole.amount - parts.amount) <= Decimal("1e-25") * scale


@PROPERTY
@given(amount=amounts, pair=pairs, rates=table_rates)
def test_a_conversion_yields_the_target_currency_and_keeps_the_original(
    rate_table: TableBuilder, amount: Decimal, pair: tuple[str, str], rates: list[Decimal]
) -> None:
    source, target = pair
    done = convert(money(amount, source), target, on=FRIDAY, rates=one_day_table(rate_table, rates))
    assert done.result.currency == target
    assert done.original == money(amount, source)
    assert {q.currency for q in done.quotes} == ({source, target} - {"EUR"} if source != target else set())
