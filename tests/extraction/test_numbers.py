"""Numbers as each language writes them; impossible ones are refused, never guessed."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ramstein.domain.errors import InvalidInput
from ramstein.domain.extraction.numbers import parse_number


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("2,5", "da", "2.5"),
        ("2.5", "en", "2.5"),
        ("1.200", "da", "1200"),
        ("1,200", "en", "1200"),
        ("1 200 000", "nb", "1200000"),
        ("3\u00a0200", "sv", "3200"),
        ("1.234,5", "de", "1234.5"),
        ("1,234.5", "en", "1234.5"),
        ("2.5", "da", "2.5"),  # a decimal point in a Danish text: read as the writer meant it
        ("1,5", "en", "1.5"),
        ("1,200", "da", "1.2"),  # the language's own decimal sign always means a decimal
        ("1.200.000", "de", "1200000"),
        ("60", "sv", "60"),
    ],
)
def test_numbers_are_read_the_way_the_language_writes_them(text: str, lang: str, value: str) -> None:
    assert parse_number(text, lang) == Decimal(value)


@pytest.mark.parametrize("text", ["1,2,3", "1.2.3", "1.2,3", "12,34.56.7", "1.23,4"])
def test_impossible_numbers_are_refused(text: str) -> None:
    with pytest.raises(InvalidInput, match="not a number"):
        parse_number(text, "da")
