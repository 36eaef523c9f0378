"""The coordination engine's registers: requirements and their decisions, offers, courses, end-use
restriction changes, allocation rounds with their assignments, shortfalls and locks, acceptances, deliveries.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23

Append-only like 0001 (the same triggers): a decision, a lifted restriction or an accepted round is a new
row, so the history of every line is kept. Types are written out per database, as in 0001.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

from ramstein.adapters.db.append_only import refuse_changes

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

ADVICE = "record a new decision, change or round instead"
TABLES = (
    "requirements", "requirement_events", "offers", "courses", "restriction_changes",
    "rounds", "round_assignments", "round_shortfalls", "round_locks", "round_acceptances", "deliveries",
)  # fmt: skip


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    decimal: Any = sa.Numeric() if postgres else sa.Text()
    moment: Any = sa.DateTime(timezone=True) if postgres else sa.Text()
    _registers(decimal, moment)
    _rounds(moment)
    for table in TABLES:
        refuse_changes(table, postgres, ADVICE)


def _seq() -> sa.Column[Any]:
    return sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False)


def _registers(decimal: Any, moment: Any) -> None:
    op.create_table(
        "requirements", _seq(),
        sa.Column("id", sa.String(20), nullable=False), sa.Column("capability", sa.String(40), nullable=False),
        sa.Column("item", sa.Text(), nullable=False), sa.Column("quantity", sa.BigInteger(), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False), sa.Column("needed_by", sa.Date(), nullable=False),
        sa.Column("intended_use", sa.Text(), nullable=True), sa.Column("package", sa.Text(), nullable=True),
        sa.Column("crew_for", sa.String(20), nullable=True), sa.Column("note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name="pk_requirements"), sa.UniqueConstraint("id", name="uq_requirements_id"),
    )  # fmt: skip
    op.create_table(
        "requirement_events", _seq(),
        sa.Column("requirement", sa.String(20), nullable=False), sa.Column("decision", sa.String(16), nullable=False),
        sa.Column("at", moment, nullable=False), sa.Column("by_actor", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name="pk_requirement_events"),
        sa.ForeignKeyConstraint(["requirement"], ["requirements.id"], name="fk_requirement_events_requirement"),
    )  # fmt: skip
    op.create_table(
        "offers", _seq(),
        sa.Column("id", sa.String(20), nullable=False), sa.Column("donor", sa.String(3), nullable=False),
        sa.Column("item", sa.Text(), nullable=False), sa.Column("quantity", sa.BigInteger(), nullable=False),
        sa.Column("available_on", sa.Date(), nullable=False), sa.Column("origin", sa.String(16), nullable=False),
        sa.Column("unit_value", decimal, nullable=False), sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("restrictions", sa.Text(), nullable=False), sa.Column("note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name="pk_offers"), sa.UniqueConstraint("id", name="uq_offers_id"),
    )  # fmt: skip
    op.create_table(
        "courses", _seq(),
        sa.Column("id", sa.String(20), nullable=False), sa.Column("host", sa.String(3), nullable=False),
        sa.Column("course_type", sa.Text(), nullable=False), sa.Column("seats", sa.Integer(), nullable=False),
        sa.Column("starts", sa.Date(), nullable=False), sa.Column("ends", sa.Date(), nullable=False),
        sa.Column("language", sa.Text(), nullable=False), sa.Column("prerequisites", sa.Text(), nullable=False),
        sa.Column("seat_value", decimal, nullable=True), sa.Column("currency", sa.String(3), nullable=True),
        sa.PrimaryKeyConstraint("seq", name="pk_courses"), sa.UniqueConstraint("id", name="uq_courses_id"),
    )  # fmt: skip
    op.create_table(
        "restriction_changes",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("donor", sa.String(3), nullable=False), sa.Column("use", sa.Text(), nullable=False),
        sa.Column("action", sa.String(16), nullable=False), sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("scope", sa.Text(), nullable=False), sa.Column("source", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_restriction_changes"),
    )  # fmt: skip


def _round_part(name: str, *columns: sa.Column[Any]) -> None:
    op.create_table(
        name,
        sa.Column("round", sa.Integer(), nullable=False), sa.Column("position", sa.Integer(), nullable=False),
        *columns,
        sa.PrimaryKeyConstraint("round", "position", name=f"pk_{name}"),
        sa.ForeignKeyConstraint(["round"], ["rounds.number"], name=f"fk_{name}_round"),
    )  # fmt: skip


def _rounds(moment: Any) -> None:
    op.create_table(
        "rounds",
        sa.Column("number", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False), sa.Column("basis", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False), sa.Column("objective", sa.Float(), nullable=False),
        sa.Column("bound", sa.Float(), nullable=False), sa.Column("message", sa.Text(), nullable=False),
        sa.Column("run_by", sa.Text(), nullable=False), sa.Column("run_at", moment, nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("number", name="pk_rounds"),
    )  # fmt: skip

    def pair() -> tuple[sa.Column[Any], ...]:  # a column belongs to one table: build one per table
        return sa.Column("offer", sa.String(20), nullable=False), sa.Column("need", sa.String(20), nullable=False)

    def quantity() -> sa.Column[Any]:
        return sa.Column("quantity", sa.BigInteger(), nullable=False)

    _round_part(
        "round_assignments", *pair(), quantity(),
        sa.Column("days_late", sa.Integer(), nullable=False), sa.Column("locked", sa.Boolean(), nullable=False),
    )  # fmt: skip
    _round_part(
        "round_shortfalls", sa.Column("need", sa.String(20), nullable=False), quantity(),
        sa.Column("reason", sa.String(32), nullable=False), sa.Column("detail", sa.Text(), nullable=False),
    )  # fmt: skip
    _round_part("round_locks", *pair(), quantity())
    op.create_table(
        "round_acceptances",
        sa.Column("round", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("by_actor", sa.Text(), nullable=False), sa.Column("at", moment, nullable=False),
        sa.Column("entries", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("round", name="pk_round_acceptances"),
        sa.ForeignKeyConstraint(["round"], ["rounds.number"], name="fk_round_acceptances_round"),
    )  # fmt: skip
    op.create_table(
        "deliveries",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("requirement", sa.String(20), nullable=False), sa.Column("offer", sa.String(20), nullable=False),
        sa.Column("quantity", sa.BigInteger(), nullable=False), sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("by_actor", sa.Text(), nullable=False), sa.Column("at", moment, nullable=False),
        sa.Column("ledger_seq", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_deliveries"),
        sa.ForeignKeyConstraint(["requirement"], ["requirements.id"], name="fk_deliveries_requirement"),
        sa.ForeignKeyConstraint(["ledger_seq"], ["ledger_entries.seq"], name="fk_deliveries_ledger_seq"),
    )  # fmt: skip


def downgrade() -> None:
    for table in reversed(TABLES):  # dropping a table drops its triggers
        op.drop_table(table)
