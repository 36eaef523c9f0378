"""The ledger and the reference datasets, append-only.

Revision ID: 0001
Revises:
Create Date: 2026-11-22

Types are written out per database rather than imported from types.py, so this revision keeps describing
the schema it created even if the adapters change: decimals are TEXT on SQLite (canonical text, exact) and
NUMERIC on PostgreSQL; timestamps are ISO-8601 UTC text on SQLite and TIMESTAMPTZ on PostgreSQL.

Triggers refuse UPDATE and DELETE on every table (and TRUNCATE on PostgreSQL): a correction is a reversal,
a newer reference file is a new dataset. The hash chain catches whatever bypasses them.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

LEDGER_ADVICE = "record a reversal instead"
DATASET_ADVICE = "load a new dataset instead"
APPEND_ONLY = {
    "datasets": DATASET_ADVICE,
    "fx_rates": DATASET_ADVICE,
    "gdp_values": DATASET_ADVICE,
    "nations": DATASET_ADVICE,
    "memberships": DATASET_ADVICE,
    "ledger_entries": LEDGER_ADVICE,
    "ledger_items": LEDGER_ADVICE,
}


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    decimal: Any = sa.Numeric() if postgres else sa.Text()
    moment: Any = sa.DateTime(timezone=True) if postgres else sa.Text()
    _reference_tables(decimal, moment)
    _ledger_tables(decimal, moment)
    if postgres:
        _postgres_triggers()
    else:
        _sqlite_triggers()


def _reference_tables(decimal: Any, moment: Any) -> None:
    op.create_table(
        "datasets",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("loaded_at", moment, nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_datasets"),
    )
    op.create_index("ix_datasets_kind", "datasets", ["kind"])
    op.create_table(
        "fx_rates",
        sa.Column("dataset_id", sa.Integer(), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("rate", decimal, nullable=False),
        sa.PrimaryKeyConstraint("dataset_id", "currency", "on_date", name="pk_fx_rates"),
        sa.ForeignKeyConstraint(["dataset_id"], ["datasets.id"], name="fk_fx_rates_dataset_id"),
    )
    op.create_table(
        "gdp_values",
        sa.Column("dataset_id", sa.Integer(), nullable=False),
        sa.Column("nation", sa.String(3), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("amount", decimal, nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("dataset_id", "nation", "year", name="pk_gdp_values"),
        sa.ForeignKeyConstraint(["dataset_id"], ["datasets.id"], name="fk_gdp_values_dataset_id"),
    )
    op.create_table(
        "nations",
        sa.Column("dataset_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(3), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("currency", sa.String(3), nullable=True),
        sa.Column("is_country", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("dataset_id", "code", name="pk_nations"),
        sa.ForeignKeyConstraint(["dataset_id"], ["datasets.id"], name="fk_nations_dataset_id"),
    )
    op.create_table(
        "memberships",
        sa.Column("dataset_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(3), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("body", sa.String(8), nullable=False),
        sa.Column("since", sa.Date(), nullable=True),
        sa.Column("until", sa.Date(), nullable=True),
        sa.Column("approximate", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("dataset_id", "code", "position", name="pk_memberships"),
        sa.ForeignKeyConstraint(
            ["dataset_id", "code"], ["nations.dataset_id", "nations.code"], name="fk_memberships_dataset_id"
        ),
    )


def _ledger_tables(decimal: Any, moment: Any) -> None:
    op.create_table(
        "ledger_entries",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("donor", sa.String(3), nullable=False),
        sa.Column("recipient", sa.String(3), nullable=False),
        sa.Column("amount", decimal, nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("aid_type", sa.String(16), nullable=False),
        sa.Column("instrument", sa.String(40), nullable=True),
        sa.Column("channel", sa.String(20), nullable=False),
        sa.Column("capability", sa.String(40), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("external_id", sa.Text(), nullable=True),
        sa.Column("starts", sa.Date(), nullable=True),
        sa.Column("ends", sa.Date(), nullable=True),
        sa.Column("reverses", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.Text(), nullable=False),
        sa.Column("recorded_at", moment, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name="pk_ledger_entries"),
        sa.UniqueConstraint("external_id", name="uq_ledger_entries_external_id"),
        sa.UniqueConstraint("reverses", name="uq_ledger_entries_reverses"),
        sa.ForeignKeyConstraint(["reverses"], ["ledger_entries.seq"], name="fk_ledger_entries_reverses"),
    )
    for column in ("donor", "on_date", "kind"):
        op.create_index(f"ix_ledger_entries_{column}", "ledger_entries", [column])
    op.create_table(
        "ledger_items",
        sa.Column("entry_seq", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("quantity", sa.BigInteger(), nullable=False),
        sa.Column("unit_value", decimal, nullable=True),
        sa.Column("unit_currency", sa.String(3), nullable=True),
        sa.PrimaryKeyConstraint("entry_seq", "position", name="pk_ledger_items"),
        sa.ForeignKeyConstraint(["entry_seq"], ["ledger_entries.seq"], name="fk_ledger_items_entry_seq"),
    )


def _sqlite_triggers() -> None:
    for table, advice in APPEND_ONLY.items():
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{event.lower()} BEFORE {event} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only: {advice}'); END"
            )


def _postgres_triggers() -> None:
    op.execute(
        """
        CREATE FUNCTION ramstein_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION '% is append-only: %', TG_TABLE_NAME, TG_ARGV[0];
        END
        $$
        """
    )
    for table, advice in APPEND_ONLY.items():
        op.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION ramstein_refuse_change('{advice}')"
        )
        op.execute(
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION ramstein_refuse_change('{advice}')"
        )


def downgrade() -> None:
    for table in reversed(APPEND_ONLY):  # dropping a table drops its triggers
        op.drop_table(table)
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION ramstein_refuse_change()")
