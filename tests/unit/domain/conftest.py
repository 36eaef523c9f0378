"""Small builders for domain tests: a valid entry with only what a test cares about, a recorded chain,
a rate table from a few published rates.

Builders are session-scoped factory fixtures so that hypothesis tests may use them too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest

from ramstein.domain.fx import RateSeries, RateTable
from ramstein.domain.ledger import EMPTY_CHAIN, Entry, EntryKind, LedgerEntry, chain
from ramstein.domain.money import money

RECORDED_AT = datetime(2024, 7, 10, 9, 30, tzinfo=UTC)
RECORDER = "secretariat"


def build_entry(**overrides: Any) -> Entry:
    """A valid Danish pledge to Ukraine of EUR 1 m on 2024-07-10; override any field."""
    fields: dict[str, Any] = {
        "kind": EntryKind.PLEDGE,
        "donor": "DNK",
        "recipient": "UKR",
        "amount": money("1m", "EUR"),
        "on": date(2024, 7, 10),
    }
    fields.update(overrides)
    return Entry(**fields)


def build_chain(entries: Iterable[Entry]) -> list[LedgerEntry]:
    return chain(entries, EMPTY_CHAIN, RECORDER, RECORDED_AT)


def build_rate_table(
    rates: Mapping[str, Mapping[date, str]], source: str = "ECB test rates", last_date: date | None = None
) -> RateTable:
    """`{"USD": {date(2024, 3, 1): "1.08"}}` -> a RateTable; dates need not be given in order."""
    series = {
        currency: RateSeries(currency, tuple(sorted(by_day)), tuple(Decimal(by_day[d]) for d in sorted(by_day)))
        for currency, by_day in rates.items()
    }
    return RateTable(series, source=source, last_date=last_date)


@pytest.fixture(scope="session")
def make_entry() -> Callable[..., Entry]:
    return build_entry


@pytest.fixture(scope="session")
def record() -> Callable[[Iterable[Entry]], list[LedgerEntry]]:
    return build_chain


@pytest.fixture(scope="session")
def rate_table() -> Callable[..., RateTable]:
    return build_rate_table
