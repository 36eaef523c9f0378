"""Small builders for storage tests: valid domain objects where a test names only what it cares about."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from ramstein.domain.fx import RateSeries, RateTable
from ramstein.domain.ledger import EMPTY_CHAIN, ChainHead, Entry, EntryKind, LedgerEntry, chain
from ramstein.domain.money import money
from ramstein.domain.nations import Body, GdpValue, Membership, Nation
from ramstein.domain.reference import DatasetInfo, DatasetKind
from ramstein.services.ports import UnitOfWorkFactory

RECORDED_AT = datetime(2024, 7, 10, 9, 30, 0, 123456, tzinfo=UTC)
RECORDER = "secretariat"


def an_entry(**overrides: Any) -> Entry:
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


def recorded(
    entries: Iterable[Entry], head: ChainHead = EMPTY_CHAIN, *, by: str = RECORDER, at: datetime = RECORDED_AT
) -> list[LedgerEntry]:
    """Entries numbered and chained after `head`, as a service would record them."""
    return chain(entries, head, by, at)


def append(uow_factory: UnitOfWorkFactory, *entries: Entry) -> list[LedgerEntry]:
    """Record entries in one committed unit of work, the way services do: lock, read the head, add."""
    with uow_factory() as uow:
        uow.lock_ledger()
        records = recorded(entries, uow.ledger.head())
        uow.ledger.add(records)
        uow.commit()
    return records


def a_dataset(kind: DatasetKind, label: str = "", *, loaded_at: datetime = RECORDED_AT, rows: int = 0) -> DatasetInfo:
    return DatasetInfo(kind, label or f"test {kind} data", "made up for tests", "ab" * 32, loaded_at, rows)


def a_rate_table(
    rates: Mapping[str, Mapping[date, str]], source: str = "ECB test rates", last_date: date | None = None
) -> RateTable:
    """`{"USD": {date(2024, 3, 1): "1.08"}}` -> a RateTable; dates need not be given in order."""
    series = {
        currency: RateSeries(currency, tuple(sorted(by_day)), tuple(Decimal(by_day[d]) for d in sorted(by_day)))
        for currency, by_day in rates.items()
    }
    return RateTable(series, source=source, last_date=last_date)


def some_nations() -> list[Nation]:
    return [
        Nation("DEU", "Germany", "EUR", memberships=(Membership(Body.NATO, date(1955, 5, 6)),)),
        Nation(
            "SWE",
            "Sweden",
            "SEK",
            memberships=(
                Membership(Body.EU, date(1995, 1, 1)),
                Membership(Body.NATO, date(2024, 3, 7), note="32nd ally"),
                Membership(Body.UDCG, None, approximate=True),
            ),
        ),
        Nation("EU", "European Union", "EUR", is_country=False),
        Nation("GBR", "United Kingdom", "GBP", memberships=(Membership(Body.EU, date(1973, 1, 1), date(2020, 2, 1)),)),
    ]


def some_gdp() -> list[GdpValue]:
    source = "World Bank NY.GDP.MKTP.CD"
    return [
        GdpValue("DEU", 2023, money("4525703903627.53", "USD"), source),
        GdpValue("DEU", 2022, money("4082469490329.39", "USD"), source),
        GdpValue("SWE", 2023, money("593268428867.4", "USD"), source),
    ]
