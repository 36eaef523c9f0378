"""Explicit conversions between table rows and domain objects, one function each way.

Rows going in are tuples in the table's column order, the fastest form for bulk inserts; the round-trip
tests pin that order. Rows coming out are read by column name. A stored entry that the domain no longer
accepts (somebody edited the database behind ramstein's back) surfaces as `IntegrityError`, naming it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from ramstein.domain.errors import IntegrityError, InvalidInput
from ramstein.domain.fx import RateSeries, RateTable
from ramstein.domain.ledger import AidType, Capability, Channel, Entry, EntryKind, Instrument, Item, LedgerEntry
from ramstein.domain.money import Money
from ramstein.domain.nations import Body, GdpValue, Membership, Nation
from ramstein.domain.reference import DatasetInfo, DatasetKind

Row = Mapping[Any, Any]  # a result row read by column name (SQLAlchemy RowMapping)


def entry_row(record: LedgerEntry) -> tuple[Any, ...]:
    """A `ledger_entries` row, in the table's column order (bulk_insert checks the order against tables.py).

    Enum members are passed as `str(member)`, their plain value: drivers need not know the enum types.
    """
    entry = record.entry
    return (
        record.seq,
        str(entry.kind),
        entry.donor,
        entry.recipient,
        entry.amount.amount,
        entry.amount.currency,
        entry.on,
        str(entry.aid_type),
        str(entry.instrument) if entry.instrument else None,
        str(entry.channel),
        str(entry.capability) if entry.capability else None,
        entry.source,
        entry.external_id,
        entry.starts,
        entry.ends,
        entry.reverses,
        entry.note,
        record.recorded_by,
        record.recorded_at,
        record.prev_hash,
        record.hash,
    )


def item_rows(record: LedgerEntry) -> list[tuple[Any, ...]]:
    """The `ledger_items` rows of an entry: (entry_seq, position, name, quantity, unit_value, unit_currency)."""
    return [
        (
            record.seq,
            position,
            item.name,
            item.quantity,
            item.unit_value.amount if item.unit_value else None,
            item.unit_value.currency if item.unit_value else None,
        )
        for position, item in enumerate(record.entry.items)
    ]


def row_to_item(row: Row) -> Item:
    unit = Money(row["unit_value"], row["unit_currency"]) if row["unit_value"] is not None else None
    return Item(row["name"], row["quantity"], unit)


def row_to_entry(row: Row, item_rows: Sequence[Row] = ()) -> LedgerEntry:
    """The recorded entry of a `ledger_entries` row and its `ledger_items` rows (in position order)."""
    try:
        items = tuple(row_to_item(item) for item in item_rows)
        entry = Entry(
            kind=EntryKind(row["kind"]),
            donor=row["donor"],
            recipient=row["recipient"],
            amount=Money(row["amount"], row["currency"]),
            on=row["on_date"],
            aid_type=AidType(row["aid_type"]),
            instrument=Instrument(row["instrument"]) if row["instrument"] else None,
            channel=Channel(row["channel"]),
            capability=Capability(row["capability"]) if row["capability"] else None,
            items=items,
            source=row["source"],
            external_id=row["external_id"],
            starts=row["starts"],
            ends=row["ends"],
            reverses=row["reverses"],
            note=row["note"],
        )
    except (InvalidInput, ValueError) as exc:
        raise IntegrityError(
            f"stored entry #{row['seq']} is not a valid entry ({exc}): it was changed outside ramstein",
            hint="run `ramstein verify` and restore the database from a backup.",
        ) from exc
    return LedgerEntry(row["seq"], entry, row["recorded_by"], row["recorded_at"], row["prev_hash"], row["hash"])


def dataset_row(info: DatasetInfo) -> dict[str, Any]:
    """The `datasets` row of a dataset, but its id (the database gives it)."""
    return {
        "kind": str(info.kind),
        "label": info.label,
        "source": info.source,
        "sha256": info.sha256,
        "loaded_at": info.loaded_at,
        "rows": info.rows,
    }


def row_to_dataset(row: Row) -> DatasetInfo:
    return DatasetInfo(
        kind=DatasetKind(row["kind"]),
        label=row["label"],
        source=row["source"],
        sha256=row["sha256"],
        loaded_at=row["loaded_at"],
        rows=row["rows"],
        id=row["id"],
    )


def nation_row(dataset_id: int, nation: Nation) -> tuple[Any, ...]:
    """The `nations` row: (dataset_id, code, name, currency, is_country)."""
    return (dataset_id, nation.code, nation.name, nation.currency, nation.is_country)


def membership_rows(dataset_id: int, nation: Nation) -> list[tuple[Any, ...]]:
    """The `memberships` rows: (dataset_id, code, position, body, since, until, approximate, note)."""
    return [
        (dataset_id, nation.code, position, str(m.body), m.since, m.until, m.approximate, m.note)
        for position, m in enumerate(nation.memberships)
    ]


def row_to_membership(row: Row) -> Membership:
    return Membership(Body(row["body"]), row["since"], row["until"], bool(row["approximate"]), row["note"])


def row_to_nation(row: Row, memberships: Iterable[Membership] = ()) -> Nation:
    return Nation(row["code"], row["name"], row["currency"], bool(row["is_country"]), tuple(memberships))


def gdp_row(dataset_id: int, value: GdpValue) -> tuple[Any, ...]:
    """The `gdp_values` row: (dataset_id, nation, year, amount, currency, source)."""
    return (dataset_id, value.nation, value.year, value.value.amount, value.value.currency, value.source)


def row_to_gdp(row: Row) -> GdpValue:
    return GdpValue(row["nation"], row["year"], Money(row["amount"], row["currency"]), row["source"])


def rate_rows(dataset_id: int, table: RateTable) -> Iterator[tuple[Any, ...]]:
    """The `fx_rates` rows of a table: (dataset_id, currency, on_date, rate)."""
    for series in table.all_series():
        for on, rate in zip(series.dates, series.rates, strict=True):
            yield (dataset_id, series.currency, on, rate)


def rows_to_rate_table(
    rows: Iterable[tuple[str, date, Decimal]], source: str, last_date: date | None = None
) -> RateTable:
    """A rate table from (currency, date, rate) rows sorted by currency, then date; `last_date` is the
    dataset's last publication day, needed when the rows hold only some currencies."""
    grouped: dict[str, tuple[list[date], list[Decimal]]] = {}
    for currency, on, rate in rows:
        dates, rates = grouped.setdefault(currency, ([], []))
        dates.append(on)
        rates.append(rate)
    series = {c: RateSeries(c, tuple(d), tuple(r)) for c, (d, r) in grouped.items()}
    return RateTable(series, source=source, last_date=last_date)
