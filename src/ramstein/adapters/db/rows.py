"""Explicit conversions between table rows and domain objects, one function each way.

Rows going in are plain dicts keyed by column name (bulk inserts turn them into tuples in table order).
Rows coming out are read by column name. A stored entry that the domain no longer accepts (somebody
edited the database behind ramstein's back) surfaces as `IntegrityError`, naming the entry.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
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


def entry_to_row(record: LedgerEntry) -> dict[str, Any]:
    entry = record.entry
    return {
        "seq": record.seq,
        "kind": entry.kind.value,
        "donor": entry.donor,
        "recipient": entry.recipient,
        "amount": entry.amount.amount,
        "currency": entry.amount.currency,
        "on_date": entry.on,
        "aid_type": entry.aid_type.value,
        "instrument": entry.instrument.value if entry.instrument else None,
        "channel": entry.channel.value,
        "capability": entry.capability.value if entry.capability else None,
        "source": entry.source,
        "external_id": entry.external_id,
        "starts": entry.starts,
        "ends": entry.ends,
        "reverses": entry.reverses,
        "note": entry.note,
        "recorded_by": record.recorded_by,
        "recorded_at": record.recorded_at,
        "prev_hash": record.prev_hash,
        "hash": record.hash,
    }


def items_to_rows(record: LedgerEntry) -> list[dict[str, Any]]:
    return [
        {
            "entry_seq": record.seq,
            "position": position,
            "name": item.name,
            "quantity": item.quantity,
            "unit_value": item.unit_value.amount if item.unit_value else None,
            "unit_currency": item.unit_value.currency if item.unit_value else None,
        }
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


def dataset_to_row(info: DatasetInfo) -> dict[str, Any]:
    return {
        "kind": info.kind.value,
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


def nation_to_rows(dataset_id: int, nation: Nation) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The `nations` row of a nation and its `memberships` rows."""
    head = {
        "dataset_id": dataset_id,
        "code": nation.code,
        "name": nation.name,
        "currency": nation.currency,
        "is_country": nation.is_country,
    }
    members = [
        {
            "dataset_id": dataset_id,
            "code": nation.code,
            "position": position,
            "body": m.body.value,
            "since": m.since,
            "until": m.until,
            "approximate": m.approximate,
            "note": m.note,
        }
        for position, m in enumerate(nation.memberships)
    ]
    return head, members


def row_to_membership(row: Row) -> Membership:
    return Membership(Body(row["body"]), row["since"], row["until"], bool(row["approximate"]), row["note"])


def row_to_nation(row: Row, memberships: Iterable[Membership] = ()) -> Nation:
    return Nation(row["code"], row["name"], row["currency"], bool(row["is_country"]), tuple(memberships))


def gdp_to_row(dataset_id: int, value: GdpValue) -> dict[str, Any]:
    if value.usd.currency != "USD":
        raise InvalidInput(f"GDP of {value.nation} in {value.year} is in {value.usd.currency}, not current USD")
    return {
        "dataset_id": dataset_id,
        "nation": value.nation,
        "year": value.year,
        "usd": value.usd.amount,
        "source": value.source,
    }


def row_to_gdp(row: Row) -> GdpValue:
    return GdpValue(row["nation"], row["year"], Money(row["usd"], "USD"), row["source"])


def rates_to_rows(dataset_id: int, table: RateTable) -> Iterable[dict[str, Any]]:
    for series in table.all_series():
        for on, rate in zip(series.dates, series.rates, strict=True):
            yield {"dataset_id": dataset_id, "currency": series.currency, "on_date": on, "rate": rate}


def rows_to_rate_table(rows: Iterable[tuple[str, date, Decimal]], source: str) -> RateTable:
    """A rate table from (currency, date, rate) rows sorted by currency, then date."""
    grouped: dict[str, tuple[list[date], list[Decimal]]] = {}
    for currency, on, rate in rows:
        dates, rates = grouped.setdefault(currency, ([], []))
        dates.append(on)
        rates.append(rate)
    series = {c: RateSeries(c, tuple(d), tuple(r)) for c, (d, r) in grouped.items()}
    return RateTable(series, source=source)
