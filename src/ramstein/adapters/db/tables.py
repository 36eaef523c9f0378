"""The database schema as SQLAlchemy Core tables. Alembic migrations create it; this module describes it.

Every table here only grows: the migrations install triggers that refuse UPDATE, DELETE and TRUNCATE.
Constraint names are fixed by a naming convention so that errors and later migrations can refer to them.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
)

from ramstein.adapters.db.types import ExactDecimal, UtcDateTime

NAMING = {
    "pk": "pk_%(table_name)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s",
    "ix": "ix_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
}

metadata = MetaData(naming_convention=NAMING)

ledger_entries = Table(
    "ledger_entries",
    metadata,
    # Numbered by the domain's chain(), under the ledger lock: never by the database.
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("kind", String(16), nullable=False),
    Column("donor", String(3), nullable=False),
    Column("recipient", String(3), nullable=False),
    Column("amount", ExactDecimal, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("on_date", Date, nullable=False),
    Column("aid_type", String(16), nullable=False),
    Column("instrument", String(40), nullable=True),
    Column("channel", String(20), nullable=False),
    Column("capability", String(40), nullable=True),
    Column("source", Text, nullable=False),
    Column("external_id", Text, nullable=True, unique=True),
    Column("starts", Date, nullable=True),
    Column("ends", Date, nullable=True),
    # Unique: an entry is cancelled at most once.
    Column("reverses", Integer, ForeignKey("ledger_entries.seq"), nullable=True, unique=True),
    Column("note", Text, nullable=False),
    Column("recorded_by", Text, nullable=False),
    Column("recorded_at", UtcDateTime, nullable=False),
    # No unique index on the hashes: the primary key on seq already refuses a second entry #n, and
    # add() refuses a batch that does not continue the head, so the chain cannot fork. Two unique
    # indexes on random 64-character keys cost more than half of the insert time (benchmarks/README.md).
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
    Index("ix_ledger_entries_donor", "donor"),
    Index("ix_ledger_entries_on_date", "on_date"),
    Index("ix_ledger_entries_kind", "kind"),
)

ledger_items = Table(
    "ledger_items",
    metadata,
    Column("entry_seq", Integer, ForeignKey("ledger_entries.seq"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("quantity", BigInteger, nullable=False),
    Column("unit_value", ExactDecimal, nullable=True),
    Column("unit_currency", String(3), nullable=True),
    PrimaryKeyConstraint("entry_seq", "position"),
)

datasets = Table(
    "datasets",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(16), nullable=False),
    Column("label", Text, nullable=False),
    Column("source", Text, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("loaded_at", UtcDateTime, nullable=False),
    Column("rows", Integer, nullable=False),
    Index("ix_datasets_kind", "kind"),
)

fx_rates = Table(
    "fx_rates",
    metadata,
    Column("dataset_id", Integer, ForeignKey("datasets.id"), nullable=False),
    Column("currency", String(3), nullable=False),
    Column("on_date", Date, nullable=False),
    Column("rate", ExactDecimal, nullable=False),
    PrimaryKeyConstraint("dataset_id", "currency", "on_date"),
)

gdp_values = Table(
    "gdp_values",
    metadata,
    Column("dataset_id", Integer, ForeignKey("datasets.id"), nullable=False),
    Column("nation", String(3), nullable=False),
    Column("year", Integer, nullable=False),
    Column("amount", ExactDecimal, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("source", Text, nullable=False),
    PrimaryKeyConstraint("dataset_id", "nation", "year"),
)

nations = Table(
    "nations",
    metadata,
    Column("dataset_id", Integer, ForeignKey("datasets.id"), nullable=False),
    Column("code", String(3), nullable=False),
    Column("name", Text, nullable=False),
    Column("currency", String(3), nullable=True),
    Column("is_country", Boolean, nullable=False),
    PrimaryKeyConstraint("dataset_id", "code"),
)

memberships = Table(
    "memberships",
    metadata,
    Column("dataset_id", Integer, nullable=False),
    Column("code", String(3), nullable=False),
    # Keeps a nation's memberships in the order they were given, so they read back equal.
    Column("position", Integer, nullable=False),
    Column("body", String(8), nullable=False),
    Column("since", Date, nullable=True),
    Column("until", Date, nullable=True),
    Column("approximate", Boolean, nullable=False),
    Column("note", Text, nullable=False),
    PrimaryKeyConstraint("dataset_id", "code", "position"),
    ForeignKeyConstraint(["dataset_id", "code"], ["nations.dataset_id", "nations.code"]),
)
