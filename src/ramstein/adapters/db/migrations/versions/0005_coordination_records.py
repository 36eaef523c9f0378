"""Who entered each offer, course and restriction change, and when; withdrawals of offers and courses; items
added to the catalogue.

Revision ID: 0005_coordination_records
Revises: 0004_sources
Create Date: 2026-11-22

`recorded_by` and `recorded_at` are added as nullable columns: rows written before this revision were not
stamped, and an append-only table cannot be filled in afterwards (NULL reads as "not recorded"). Adding a
column is DDL, so the UPDATE triggers of 0002 are not fired and stay in place. The new tables are
append-only like every other: a withdrawal is a new row, never an edit of the offer.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

from ramstein.adapters.db.append_only import refuse_changes

revision = "0005_coordination_records"
down_revision = "0004_sources"
branch_labels = None
depends_on = None

ADVICE = "record a new withdrawal or catalogue item instead"
STAMPED = ("offers", "courses", "restriction_changes")
NEW_TABLES = ("supply_withdrawals", "catalogue_items")


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    moment: Any = sa.DateTime(timezone=True) if postgres else sa.Text()
    for table in STAMPED:  # plain ALTER TABLE ADD COLUMN (no batch copy: that would drop the triggers)
        op.add_column(table, sa.Column("recorded_by", sa.Text(), nullable=True))
        op.add_column(table, sa.Column("recorded_at", moment, nullable=True))
    op.create_table(
        "supply_withdrawals",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("supply", sa.String(20), nullable=False), sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.Text(), nullable=False), sa.Column("recorded_at", moment, nullable=False),
        sa.PrimaryKeyConstraint("seq", name="pk_supply_withdrawals"),
        sa.UniqueConstraint("supply", name="uq_supply_withdrawals_supply"),
    )  # fmt: skip
    op.create_table(
        "catalogue_items",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("code", sa.Text(), nullable=False), sa.Column("name", sa.Text(), nullable=False),
        sa.Column("family", sa.Text(), nullable=False), sa.Column("capability", sa.String(40), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False), sa.Column("fires_from", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.Text(), nullable=False), sa.Column("recorded_at", moment, nullable=False),
        sa.PrimaryKeyConstraint("seq", name="pk_catalogue_items"),
        sa.UniqueConstraint("code", name="uq_catalogue_items_code"),
    )  # fmt: skip
    for table in NEW_TABLES:
        refuse_changes(table, postgres, ADVICE)


def downgrade() -> None:
    for table in reversed(NEW_TABLES):
        op.drop_table(table)
    for table in STAMPED:  # SQLite 3.35+ drops columns in place
        op.drop_column(table, "recorded_at")
        op.drop_column(table, "recorded_by")
