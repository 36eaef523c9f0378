"""Before a newer reference file is trusted, its diff says what it adds, revises and drops."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from ramstein.domain.fx import RateTable
from ramstein.domain.money import money
from ramstein.domain.nations import GdpValue, Nation
from ramstein.domain.reference import Change, DatasetKind, diff_gdp, diff_nations, diff_rates

TableBuilder = Callable[..., RateTable]
MON, TUE, WED, THU = date(2024, 3, 4), date(2024, 3, 5), date(2024, 3, 6), date(2024, 3, 7)


@pytest.fixture(scope="module")
def loaded(rate_table: TableBuilder) -> RateTable:
    return rate_table(
        {
            "USD": {MON: "1.0850", TUE: "1.0860"},
            "DKK": {MON: "7.4550", TUE: "7.4560"},
            "NOK": {MON: "11.50", TUE: "11.51"},
        }
    )


# --- exchange rates -------------------------------------------------------------------------------------------


def test_a_first_rate_file_only_adds(loaded: RateTable) -> None:
    diff = diff_rates(None, loaded)
    assert (diff.kind, diff.added, diff.changed, diff.removed) == (DatasetKind.FX, 6, 0, 0)
    assert diff.summary == ("6 new rates on 2 days, 2024-03-04 to 2024-03-05",)
    assert diff.examples == ()


def test_a_newer_rate_file_counts_added_revised_and_missing_rates(rate_table: TableBuilder, loaded: RateTable) -> None:
    newer = rate_table(
        {
            "USD": {MON: "1.0850", TUE: "1.0870", WED: "1.0880", THU: "1.0890"},  # TUE revised
            "DKK": {MON: "7.4550", TUE: "7.4560", WED: "7.4570", THU: "7.4580"},
            "NOK": {TUE: "11.51", WED: "11.52", THU: "11.53"},  # MON dropped
            "GBP": {WED: "0.8550", THU: "0.8560"},
        }
    )
    diff = diff_rates(loaded, newer)
    assert (diff.added, diff.changed, diff.removed) == (8, 1, 1)
    assert diff.summary == (
        "8 new rates on 2 days, 2024-03-06 to 2024-03-07",
        "new currencies: GBP",
        "1 published rates differ from the loaded ones",
        "1 loaded rates are missing from the new file",
    )
    assert diff.examples == (Change("USD 2024-03-05", "1.0860", "1.0870"),)
    assert not diff.is_empty


def test_a_rate_written_with_more_trailing_zeros_is_not_a_revision(rate_table: TableBuilder, loaded: RateTable) -> None:
    same = rate_table(
        {
            "USD": {MON: "1.085", TUE: "1.08600"},
            "DKK": {MON: "7.455", TUE: "7.456"},
            "NOK": {MON: "11.5", TUE: "11.510"},
        }
    )
    diff = diff_rates(loaded, same)
    assert diff.is_empty
    assert diff.summary == ()


def test_a_rate_diff_shows_at_most_the_requested_number_of_examples_in_order(rate_table: TableBuilder) -> None:
    days = [date(2024, 4, d) for d in range(1, 8)]
    old = rate_table({"USD": dict.fromkeys(days, "1.08")})
    new = rate_table({"USD": dict.fromkeys(days, "1.09")})
    diff = diff_rates(old, new, examples=3)
    assert diff.changed == 7
    assert [c.key for c in diff.examples] == ["USD 2024-04-01", "USD 2024-04-02", "USD 2024-04-03"]


# --- GDP ------------------------------------------------------------------------------------------------------


def gdp(nation: str, year: int, usd: str) -> GdpValue:
    return GdpValue(nation, year, money(usd, "USD"), "World Bank WDI")


def test_a_newer_gdp_file_counts_new_revised_and_missing_values() -> None:
    old = [gdp("DEU", 2022, "4082bn"), gdp("DNK", 2022, "400bn"), gdp("NOR", 2022, "593bn")]
    new = [
        gdp("DEU", 2022, "4085bn"),  # revised
        gdp("DNK", 2022, "400bn"),
        gdp("DEU", 2023, "4456bn"),
        gdp("DNK", 2023, "404bn"),
    ]
    diff = diff_gdp(old, new)
    assert (diff.kind, diff.added, diff.changed, diff.removed) == (DatasetKind.GDP, 2, 1, 1)
    assert diff.summary == (
        "2 new values for 2023 to 2023",
        "1 values revised",
        "1 loaded values are missing from the new file",
    )
    assert diff.examples == (Change("DEU 2022", "4082000000000", "4085000000000"),)


def test_the_same_gdp_file_twice_is_an_empty_diff() -> None:
    values = [gdp("DEU", 2022, "4082bn"), gdp("DNK", 2022, "400bn")]
    assert diff_gdp(values, list(values)).is_empty


def test_a_gdp_diff_limits_its_examples() -> None:
    old = [gdp(code, 2022, "1bn") for code in ("AUT", "BEL", "CZE", "DEU")]
    new = [gdp(code, 2022, "2bn") for code in ("AUT", "BEL", "CZE", "DEU")]
    diff = diff_gdp(old, new, examples=2)
    assert diff.changed == 4
    assert [c.key for c in diff.examples] == ["AUT 2022", "BEL 2022"]


# --- nations --------------------------------------------------------------------------------------------------


def test_a_newer_nations_file_names_the_codes_it_adds_changes_and_drops() -> None:
    old = [
        Nation("DNK", "Denmark", "DKK"),
        Nation("HRV", "Croatia", "HRK"),
        Nation("ANT", "Netherlands Antilles", None),
    ]
    new = [Nation("DNK", "Denmark", "DKK"), Nation("HRV", "Croatia", "EUR"), Nation("CUW", "Curaçao", "XCG")]
    diff = diff_nations(old, new)
    assert (diff.kind, diff.added, diff.changed, diff.removed) == (DatasetKind.NATIONS, 1, 1, 1)
    assert diff.summary == ("added: CUW", "changed: HRV", "removed: ANT")
