"""The industrial base: stock counts, donations from stock, replenishment plans, production lines, their ramps
and contracts.

Revision ID: 0006_industry
Revises: 0005_coordination_records
Create Date: 2026-11-22

Append-only like the migrations before it (the same triggers): a new stock count, ramp or contract is a new row.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

from ramstein.adapters.db.append_only import refuse_changes

revision = "0006_industry"
down_revision = "0005_coordination_records"
branch_labels = None
depends_on = None

ADVICE = "record a new count, plan, ramp or contract instead"
TABLES = (
    "stock_counts", "stock_donations", "replenishments", "production_lines", "production_ramps",
    "production_contracts",
)  # fmt: skip


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    decimal: Any = sa.Numeric() if postgres else sa.Text()
    _stocks()
    _production(decimal)
    for table in TABLES:
        refuse_changes(table, postgres, ADVICE)


def _seq() -> sa.Column[Any]:
    return sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False)


def _id() -> sa.Column[Any]:
    return sa.Column("id", sa.String(20), nullable=False)


def _what() -> tuple[sa.Column[Any], ...]:
    return (
        sa.Column("donor", sa.String(3), nullable=False), sa.Column("item", sa.Text(), nullable=False),
        sa.Column("quantity", sa.BigInteger(), nullable=False),
    )  # fmt: skip


def _stocks() -> None:
    op.create_table(
        "stock_counts", _seq(), *_what(),
        sa.Column("minimum", sa.BigInteger(), nullable=False), sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name="pk_stock_counts"),
    )  # fmt: skip
    op.create_table(
        "stock_donations", _seq(), _id(), *_what(),
        sa.Column("on_date", sa.Date(), nullable=False), sa.Column("note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name="pk_stock_donations"),
        sa.UniqueConstraint("id", name="uq_stock_donations_id"),
    )  # fmt: skip
    op.create_table(
        "replenishments", _seq(), _id(), *_what(),
        sa.Column("expected_on", sa.Date(), nullable=False), sa.Column("producer", sa.Text(), nullable=False),
        sa.Column("contract", sa.String(20), nullable=True), sa.Column("backfills", sa.String(20), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name="pk_replenishments"),
        sa.UniqueConstraint("id", name="uq_replenishments_id"),
        sa.ForeignKeyConstraint(["backfills"], ["stock_donations.id"], name="fk_replenishments_backfills"),
    )  # fmt: skip


def _production(decimal: Any) -> None:
    op.create_table(
        "production_lines", _seq(), _id(),
        sa.Column("producer", sa.Text(), nullable=False), sa.Column("nation", sa.String(3), nullable=False),
        sa.Column("item", sa.Text(), nullable=False), sa.Column("peacetime_rate", sa.BigInteger(), nullable=False),
        sa.Column("since", sa.Date(), nullable=False), sa.Column("note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name="pk_production_lines"),
        sa.UniqueConstraint("id", name="uq_production_lines_id"),
    )  # fmt: skip
    op.create_table(
        "production_ramps", _seq(),
        sa.Column("line", sa.String(20), nullable=False), sa.Column("starts", sa.Date(), nullable=False),
        sa.Column("months", sa.Integer(), nullable=False), sa.Column("surge_rate", sa.BigInteger(), nullable=False),
        sa.Column("investment", decimal, nullable=True), sa.Column("currency", sa.String(3), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name="pk_production_ramps"),
        sa.ForeignKeyConstraint(["line"], ["production_lines.id"], name="fk_production_ramps_line"),
    )  # fmt: skip
    op.create_table(
        "production_contracts", _seq(), _id(),
        sa.Column("line", sa.String(20), nullable=False), sa.Column("buyer", sa.String(3), nullable=False),
        sa.Column("purpose", sa.String(16), nullable=False), sa.Column("quantity", sa.BigInteger(), nullable=False),
        sa.Column("signed_on", sa.Date(), nullable=False), sa.Column("due_by", sa.Date(), nullable=False),
        sa.Column("unit_price", decimal, nullable=False), sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("overbooking_accepted", sa.Boolean(), nullable=False), sa.Column("note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name="pk_production_contracts"),
        sa.UniqueConstraint("id", name="uq_production_contracts_id"),
        sa.ForeignKeyConstraint(["line"], ["production_lines.id"], name="fk_production_contracts_line"),
    )  # fmt: skip


def downgrade() -> None:
    for table in reversed(TABLES):  # dropping a table drops its triggers
        op.drop_table(table)
