"""Reference datasets in SQL (nations, GDP, FX). Each load adds a dataset; none is ever replaced."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import Connection, Table, func, insert, select

from ramstein.adapters.db.bulk import bulk_insert
from ramstein.adapters.db.dataset_cache import DatasetCache
from ramstein.adapters.db.rows import (
    dataset_row,
    gdp_row,
    membership_rows,
    nation_row,
    rate_rows,
    row_to_dataset,
    row_to_gdp,
    row_to_membership,
    row_to_nation,
    rows_to_rate_table,
)
from ramstein.adapters.db.tables import datasets, fx_rates, gdp_values, memberships, nations
from ramstein.adapters.store_rules import check_kind, check_unique, pick_dataset
from ramstein.domain.fx import RateTable
from ramstein.domain.nations import GdpValue, Membership, Nation, NationRegistry
from ramstein.domain.reference import GDP_KINDS, DatasetInfo, DatasetKind

TableRows = Mapping[Table, Iterable[tuple[Any, ...]]]  # the rows of a dataset, by table, in insert order


class SqlReferenceRepository:
    """`datasets`, when given, keeps what was read from each dataset (datasets never change once stored)."""

    def __init__(self, conn: Connection, datasets: DatasetCache | None = None) -> None:
        self._conn = conn
        self._kept = datasets or DatasetCache(capacity=0)

    def add_nations(self, info: DatasetInfo, values: Sequence[Nation]) -> DatasetInfo:
        check_kind(info, DatasetKind.NATIONS)
        check_unique((n.code for n in values), "nation")
        return self._add(
            info,
            lambda dataset_id: {
                nations: [nation_row(dataset_id, n) for n in values],
                memberships: [row for n in values for row in membership_rows(dataset_id, n)],
            },
        )

    def add_gdp(self, info: DatasetInfo, values: Sequence[GdpValue]) -> DatasetInfo:
        check_kind(info, *GDP_KINDS)
        check_unique(((v.nation, v.year) for v in values), "GDP value")
        return self._add(info, lambda dataset_id: {gdp_values: [gdp_row(dataset_id, v) for v in values]})

    def add_rates(self, info: DatasetInfo, table: RateTable) -> DatasetInfo:
        check_kind(info, DatasetKind.FX)
        return self._add(info, lambda dataset_id: {fx_rates: rate_rows(dataset_id, table)})

    def datasets(self, kind: DatasetKind | None = None) -> list[DatasetInfo]:
        statement = select(datasets).order_by(datasets.c.id)
        if kind is not None:
            statement = statement.where(datasets.c.kind == kind.value)
        return [row_to_dataset(row) for row in self._conn.execute(statement).mappings()]

    def latest(self, kind: DatasetKind) -> DatasetInfo | None:
        statement = select(datasets).where(datasets.c.kind == kind.value).order_by(datasets.c.id.desc()).limit(1)
        row = self._conn.execute(statement).mappings().first()
        return row_to_dataset(row) if row else None

    def nations(self, dataset_id: int | None = None) -> NationRegistry:
        info = self._pick(DatasetKind.NATIONS, dataset_id)
        return self._kept.get("nations", info, lambda: self._nations(info))

    def _nations(self, info: DatasetInfo) -> NationRegistry:
        member_rows = self._conn.execute(
            select(memberships)
            .where(memberships.c.dataset_id == info.id)
            .order_by(memberships.c.code, memberships.c.position)
        ).mappings()
        held: dict[str, list[Membership]] = {}
        for row in member_rows:
            held.setdefault(row["code"], []).append(row_to_membership(row))
        rows = self._conn.execute(select(nations).where(nations.c.dataset_id == info.id)).mappings()
        return NationRegistry(row_to_nation(row, held.get(row["code"], ())) for row in rows)

    def gdp(self, dataset_id: int | None = None, kind: DatasetKind = DatasetKind.GDP) -> list[GdpValue]:
        info = self._pick(kind, dataset_id)
        statement = (
            select(gdp_values)
            .where(gdp_values.c.dataset_id == info.id)
            .order_by(gdp_values.c.nation, gdp_values.c.year)
        )
        kept = self._kept.get(
            "gdp", info, lambda: tuple(row_to_gdp(r) for r in self._conn.execute(statement).mappings())
        )
        return list(kept)

    def rates(self, dataset_id: int | None = None, currencies: Collection[str] | None = None) -> RateTable:
        info = self._pick(DatasetKind.FX, dataset_id)
        view = ("rates", tuple(sorted(currencies)) if currencies is not None else None)
        return self._kept.get(view, info, lambda: self._rates(info, currencies))

    def _rates(self, info: DatasetInfo, currencies: Collection[str] | None) -> RateTable:
        r = fx_rates.c
        statement = select(r.currency, r.on_date, r.rate).where(r.dataset_id == info.id).order_by(r.currency, r.on_date)
        if currencies is None:
            return rows_to_rate_table(self._conn.execute(statement), source=info.label)
        last_date = self._conn.scalar(select(func.max(r.on_date)).where(r.dataset_id == info.id))
        statement = statement.where(r.currency.in_(sorted(currencies)))
        return rows_to_rate_table(self._conn.execute(statement), source=info.label, last_date=last_date)

    def _add(self, info: DatasetInfo, rows: Callable[[int], TableRows]) -> DatasetInfo:
        """Store the dataset row, then its rows table by table; all or nothing."""
        with self._conn.begin_nested():
            dataset_id = self._conn.scalar(insert(datasets).values(dataset_row(info)).returning(datasets.c.id))
            if dataset_id is None:  # pragma: no cover - INSERT ... RETURNING always returns the new id
                raise RuntimeError("the database returned no id for the new dataset")
            for table, table_rows in rows(dataset_id).items():
                bulk_insert(self._conn, table, table_rows)
        return replace(info, id=dataset_id)

    def _pick(self, kind: DatasetKind, dataset_id: int | None) -> DatasetInfo:
        if dataset_id is None:
            latest = self.latest(kind)
            return latest if latest is not None else pick_dataset(kind, None, [])
        return pick_dataset(kind, dataset_id, self.datasets(kind))
