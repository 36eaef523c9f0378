"""Price list files: the shipped one loads, and every mistake in a user's file is reported with its line."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from textwrap import dedent

import pytest

from ramstein.adapters.importers.prices import YamlPriceLists, parse_price_list
from ramstein.adapters.importers.rules import YamlRuleSets
from ramstein.domain.errors import NotFound, RejectedImport
from ramstein.domain.money import Money

GOOD = dedent(
    """\
    name: my-prices
    title: My prices
    currency: USD
    date: 2025-01-01
    prices:
      155 mm round: 8000
      Leopard 2A4 tank: 5.5m
    """
)


def problems(text: str) -> list[tuple[int, str, str]]:
    with pytest.raises(RejectedImport) as caught:
        parse_price_list(dedent(text), "my-prices.yaml")
    return [(i.row, i.column, i.message) for i in caught.value.issues]


def test_a_price_list_reads_prices_by_name_ignoring_case():
    prices = parse_price_list(GOOD, "my-prices.yaml")
    assert prices.name == "my-prices"
    assert prices.priced_on == date(2025, 1, 1)
    assert prices.price("LEOPARD 2a4 tank ") == Money(Decimal("5500000"), "USD")
    assert prices.price("Leopard 2A6 tank") is None
    assert not prices.illustrative


def test_the_shipped_list_loads_and_says_it_is_illustrative():
    prices = YamlPriceLists().load("nato-reference-2024")
    assert prices.illustrative
    assert "ILLUSTRATIVE, not real prices" in prices.describe()
    assert "USD prices of 2024-01-01" in prices.describe()


def test_an_unknown_key_is_reported_on_its_line_with_the_closest_valid_one():
    found = problems(GOOD.replace("currency: USD", "curency: USD"))
    assert (
        3,
        "curency",
        "unknown key 'curency': did you mean 'currency'? valid keys are currency, date, "
        "description, illustrative, name, prices, title",
    ) in found
    assert (1, "currency", "the required key 'currency' is missing") in found


def test_a_malformed_price_an_unknown_currency_and_a_duplicate_item_are_each_reported():
    text = GOOD.replace("currency: USD", "currency: USX").replace("5.5m", "five million")
    text += "  155 MM Round: 9000\n  spare barrel: -3\n"
    assert problems(text) == [
        (3, "currency", "unknown currency 'USX': use an ISO 4217 code such as EUR, USD, GBP, DKK, NOK or SEK."),
        (7, "Leopard 2A4 tank", "'five million' is not a unit price: write a positive amount, e.g. 8000 or 5.5m"),
        (8, "155 MM Round", "'155 MM Round' is listed twice (also on line 6; names ignore case)"),
        (9, "spare barrel", "'-3' is not a unit price: write a positive amount, e.g. 8000 or 5.5m"),
    ]


def test_a_bad_date_and_a_missing_section_are_reported():
    found = problems("name: x\ntitle: X\ncurrency: EUR\ndate: soon\nprices: 3\n")
    assert [(row, column) for row, column, _ in found] == [(4, "date"), (5, "prices")]


def test_unknown_names_and_missing_files_say_what_exists():
    with pytest.raises(NotFound, match="unknown price list 'nspa-2025'") as caught:
        YamlPriceLists().load("nspa-2025")
    assert "nato-reference-2024" in caught.value.hint
    with pytest.raises(NotFound, match=r"no price list file nowhere/prices\.yaml"):
        YamlPriceLists().load("nowhere/prices.yaml")


def test_a_rule_set_reads_its_price_list_path_beside_itself(tmp_path: Path):
    rules = (
        YamlRuleSets()
        .text("washington-2024")
        .replace("valuation: as-recorded", "valuation: price-list\n  price-list: prices/mine.yaml")
    )
    (tmp_path / "mine.yaml").write_text(rules)
    loaded = YamlRuleSets().load(str(tmp_path / "mine.yaml"))
    assert loaded.price_list == str(tmp_path / "prices" / "mine.yaml")
    assert YamlRuleSets().load("washington-2024").price_list is None
