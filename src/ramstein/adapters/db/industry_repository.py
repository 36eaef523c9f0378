"""The industrial base's registers in SQL: rows in, domain objects out, through explicit functions."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, Table, exists, insert, select

from ramstein.adapters.db.tables import (
    production_contracts,
    production_lines,
    production_ramps,
    replenishments,
    stock_counts,
    stock_donations,
)
from ramstein.domain.errors import Conflict
from ramstein.domain.industry.production import Contract, ProductionLine, Purpose, Ramp
from ramstein.domain.industry.registers import IndustryRegisters
from ramstein.domain.industry.stocks import Donation, Replenishment, StockBook, StockCount
from ramstein.domain.money import Money

Row = Mapping[str, Any]


class SqlIndustryRepository:
    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def add_count(self, count: StockCount) -> None:
        c = count
        self._conn.execute(
            insert(stock_counts).values(donor=c.donor, item=c.item, quantity=c.quantity, minimum=c.minimum,
                                        on_date=c.on, source=c.source)
        )  # fmt: skip

    def add_donation(self, donation: Donation) -> None:
        d = donation
        self._unique(d.id, stock_donations, "donation")
        self._conn.execute(
            insert(stock_donations).values(id=d.id, donor=d.donor, item=d.item, quantity=d.quantity, on_date=d.on,
                                           note=d.note)
        )  # fmt: skip

    def add_replenishment(self, plan: Replenishment) -> None:
        p = plan
        self._unique(p.id, replenishments, "replenishment")
        self._conn.execute(
            insert(replenishments).values(
                id=p.id, donor=p.donor, item=p.item, quantity=p.quantity, expected_on=p.expected_on,
                producer=p.producer, contract=p.contract, backfills=p.backfills, note=p.note,
            )
        )  # fmt: skip

    def add_line(self, line: ProductionLine) -> None:
        x = line
        self._unique(x.id, production_lines, "production line")
        self._conn.execute(
            insert(production_lines).values(id=x.id, producer=x.producer, nation=x.nation, item=x.item,
                                            peacetime_rate=x.peacetime_rate, since=x.since, note=x.note)
        )  # fmt: skip

    def add_ramp(self, ramp: Ramp) -> None:
        r, money = ramp, ramp.investment
        self._conn.execute(
            insert(production_ramps).values(
                line=r.line, starts=r.starts, months=r.months, surge_rate=r.surge_rate,
                investment=money.amount if money else None, currency=money.currency if money else None, note=r.note,
            )
        )  # fmt: skip

    def add_contract(self, contract: Contract) -> None:
        c = contract
        self._unique(c.id, production_contracts, "contract")
        self._conn.execute(
            insert(production_contracts).values(
                id=c.id, line=c.line, buyer=c.buyer, purpose=c.purpose.value, quantity=c.quantity,
                signed_on=c.signed_on, due_by=c.due_by, unit_price=c.unit_price.amount,
                currency=c.unit_price.currency, overbooking_accepted=c.overbooking_accepted, note=c.note,
            )
        )  # fmt: skip

    def registers(self) -> IndustryRegisters:
        book = StockBook(
            tuple(_count(r) for r in self._all(stock_counts)),
            tuple(_donation(r) for r in self._all(stock_donations)),
            tuple(_replenishment(r) for r in self._all(replenishments)),
        )
        return IndustryRegisters(
            book,
            tuple(_line(r) for r in self._all(production_lines)),
            tuple(_ramp(r) for r in self._all(production_ramps)),
            tuple(_contract(r) for r in self._all(production_contracts)),
        )

    def _all(self, table: Table) -> list[Row]:
        return [dict(row) for row in self._conn.execute(select(table).order_by(table.c.seq)).mappings()]

    def _unique(self, id_: str, table: Table, what: str) -> None:
        if self._conn.scalar(select(exists().where(table.c.id == id_))):
            raise Conflict(f"{what} id {id_!r} is taken", hint="leave the id out and one is given.")


def _count(row: Row) -> StockCount:
    return StockCount(row["donor"], row["item"], row["quantity"], row["minimum"], row["on_date"], row["source"])


def _donation(row: Row) -> Donation:
    return Donation(row["id"], row["donor"], row["item"], row["quantity"], row["on_date"], row["note"])


def _replenishment(row: Row) -> Replenishment:
    return Replenishment(
        row["id"], row["donor"], row["item"], row["quantity"], row["expected_on"], row["producer"], row["contract"],
        row["backfills"], row["note"],
    )  # fmt: skip


def _line(row: Row) -> ProductionLine:
    return ProductionLine(
        row["id"], row["producer"], row["nation"], row["item"], row["peacetime_rate"], row["since"], row["note"]
    )


def _ramp(row: Row) -> Ramp:
    money = Money(row["investment"], row["currency"]) if row["investment"] is not None else None
    return Ramp(row["line"], row["starts"], row["months"], row["surge_rate"], money, row["note"])


def _contract(row: Row) -> Contract:
    return Contract(
        row["id"], row["line"], row["buyer"], Purpose(row["purpose"]), row["quantity"], row["signed_on"],
        row["due_by"], Money(row["unit_price"], row["currency"]), row["overbooking_accepted"], row["note"],
    )  # fmt: skip
