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
    Float,
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

# The coordination engine's registers (migration 0002). Append-only like the rest: a decision about a
# requirement is a new event row, a restriction's lifting a new change row, a round's acceptance a new row.
# `seq` keeps the order of recording, which text ids (R9, R10) do not.

requirements = Table(
    "requirements",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("id", String(20), nullable=False, unique=True),
    Column("capability", String(40), nullable=False),
    Column("item", Text, nullable=False),
    Column("quantity", BigInteger, nullable=False),
    Column("priority", Integer, nullable=False),
    Column("needed_by", Date, nullable=False),
    Column("intended_use", Text, nullable=True),
    Column("package", Text, nullable=True),
    Column("crew_for", String(20), nullable=True),
    Column("note", Text, nullable=False),
)

requirement_events = Table(
    "requirement_events",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("requirement", String(20), ForeignKey("requirements.id"), nullable=False),
    Column("decision", String(16), nullable=False),
    Column("at", UtcDateTime, nullable=False),
    Column("by_actor", Text, nullable=False),
    Column("note", Text, nullable=False),
)

offers = Table(
    "offers",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("id", String(20), nullable=False, unique=True),
    Column("donor", String(3), nullable=False),
    Column("item", Text, nullable=False),
    Column("quantity", BigInteger, nullable=False),
    Column("available_on", Date, nullable=False),
    Column("origin", String(16), nullable=False),
    Column("unit_value", ExactDecimal, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("restrictions", Text, nullable=False),  # uses separated by ';'
    Column("note", Text, nullable=False),
    Column("recorded_by", Text, nullable=True),  # NULL: recorded before migration 0005
    Column("recorded_at", UtcDateTime, nullable=True),
)

courses = Table(
    "courses",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("id", String(20), nullable=False, unique=True),
    Column("host", String(3), nullable=False),
    Column("course_type", Text, nullable=False),
    Column("seats", Integer, nullable=False),
    Column("starts", Date, nullable=False),
    Column("ends", Date, nullable=False),
    Column("language", Text, nullable=False),
    Column("prerequisites", Text, nullable=False),
    Column("seat_value", ExactDecimal, nullable=True),
    Column("currency", String(3), nullable=True),
    Column("recorded_by", Text, nullable=True),
    Column("recorded_at", UtcDateTime, nullable=True),
)

restriction_changes = Table(
    "restriction_changes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("donor", String(3), nullable=False),
    Column("use", Text, nullable=False),
    Column("action", String(16), nullable=False),
    Column("on_date", Date, nullable=False),
    Column("scope", Text, nullable=False),
    Column("source", Text, nullable=False),
    Column("recorded_by", Text, nullable=True),
    Column("recorded_at", UtcDateTime, nullable=True),
)

supply_withdrawals = Table(
    "supply_withdrawals",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("supply", String(20), nullable=False, unique=True),  # an offer or a course id
    Column("reason", Text, nullable=False),
    Column("recorded_by", Text, nullable=False),
    Column("recorded_at", UtcDateTime, nullable=False),
)

catalogue_items = Table(
    "catalogue_items",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("code", Text, nullable=False, unique=True),
    Column("name", Text, nullable=False),
    Column("family", Text, nullable=False),
    Column("capability", String(40), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("fires_from", Text, nullable=False),  # platform codes separated by ';'
    Column("recorded_by", Text, nullable=False),
    Column("recorded_at", UtcDateTime, nullable=False),
)

rounds = Table(
    "rounds",
    metadata,
    Column("number", Integer, primary_key=True, autoincrement=False),
    Column("as_of", Date, nullable=False),
    Column("basis", Integer, nullable=False),
    Column("status", String(16), nullable=False),
    Column("objective", Float, nullable=False),
    Column("bound", Float, nullable=False),
    Column("message", Text, nullable=False),
    Column("run_by", Text, nullable=False),
    Column("run_at", UtcDateTime, nullable=False),
    Column("note", Text, nullable=False),
)

round_assignments = Table(
    "round_assignments",
    metadata,
    Column("round", Integer, ForeignKey("rounds.number"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("offer", String(20), nullable=False),
    Column("need", String(20), nullable=False),
    Column("quantity", BigInteger, nullable=False),
    Column("days_late", Integer, nullable=False),
    Column("locked", Boolean, nullable=False),
    PrimaryKeyConstraint("round", "position"),
)

round_shortfalls = Table(
    "round_shortfalls",
    metadata,
    Column("round", Integer, ForeignKey("rounds.number"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("need", String(20), nullable=False),
    Column("quantity", BigInteger, nullable=False),
    Column("reason", String(32), nullable=False),
    Column("detail", Text, nullable=False),
    PrimaryKeyConstraint("round", "position"),
)

round_locks = Table(
    "round_locks",
    metadata,
    Column("round", Integer, ForeignKey("rounds.number"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("offer", String(20), nullable=False),
    Column("need", String(20), nullable=False),
    Column("quantity", BigInteger, nullable=False),
    PrimaryKeyConstraint("round", "position"),
)

round_acceptances = Table(
    "round_acceptances",
    metadata,
    Column("round", Integer, ForeignKey("rounds.number"), primary_key=True, autoincrement=False),
    Column("by_actor", Text, nullable=False),
    Column("at", UtcDateTime, nullable=False),
    Column("entries", Text, nullable=False),  # ledger sequence numbers separated by ','
)

deliveries = Table(
    "deliveries",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("requirement", String(20), ForeignKey("requirements.id"), nullable=False),
    Column("offer", String(20), nullable=False),
    Column("quantity", BigInteger, nullable=False),
    Column("on_date", Date, nullable=False),
    Column("by_actor", Text, nullable=False),
    Column("at", UtcDateTime, nullable=False),
    Column("ledger_seq", Integer, ForeignKey("ledger_entries.seq"), nullable=True),
)

# Source documents and the drafts read from them (migration 0004). Append-only: a reviewer's decision on a
# draft is a new row in draft_decisions, never a change to the draft.

source_documents = Table(
    "source_documents",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("title", Text, nullable=False),
    Column("language", String(8), nullable=False),
    Column("on_date", Date, nullable=False),
    Column("text", Text, nullable=False),
    Column("sha256", String(64), nullable=False, unique=True),
    Column("added_by", Text, nullable=False),
    Column("added_at", UtcDateTime, nullable=False),
)

source_drafts = Table(
    "source_drafts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document", Integer, ForeignKey("source_documents.id"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Column("quote", Text, nullable=False),
    Column("sentence", Text, nullable=False),
    Column("amount", ExactDecimal, nullable=False),
    Column("currency", String(3), nullable=True),
    Column("qualifier", String(16), nullable=True),
    Column("kind", String(16), nullable=True),
    Column("donor", String(8), nullable=True),
    Column("recipient", String(8), nullable=False),
    Column("starts", Date, nullable=True),
    Column("ends", Date, nullable=True),
    Column("on_date", Date, nullable=False),
    Column("confidence", ExactDecimal, nullable=False),
    Column("flags", Text, nullable=False),  # one flag a line
    Index("ix_source_drafts_document", "document"),
)

draft_decisions = Table(
    "draft_decisions",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("draft", Integer, ForeignKey("source_drafts.id"), nullable=False),
    Column("decision", String(16), nullable=False),
    Column("edits", Text, nullable=False),  # JSON object of the corrected fields
    Column("reason", Text, nullable=False),
    Column("by_actor", Text, nullable=False),
    Column("at", UtcDateTime, nullable=False),
    Column("ledger_seq", Integer, ForeignKey("ledger_entries.seq"), nullable=True),
    Index("ix_draft_decisions_draft", "draft"),
)

# The industrial base (migration 0006_industry): stock counts, donations from stock, replenishment plans,
# production lines, their ramps and contracts. Append-only: a new count or ramp is a new row.

stock_counts = Table(
    "stock_counts",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("donor", String(3), nullable=False),
    Column("item", Text, nullable=False),
    Column("quantity", BigInteger, nullable=False),
    Column("minimum", BigInteger, nullable=False),
    Column("on_date", Date, nullable=False),
    Column("source", Text, nullable=False),
)

stock_donations = Table(
    "stock_donations",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("id", String(20), nullable=False, unique=True),
    Column("donor", String(3), nullable=False),
    Column("item", Text, nullable=False),
    Column("quantity", BigInteger, nullable=False),
    Column("on_date", Date, nullable=False),
    Column("note", Text, nullable=False),
)

replenishments = Table(
    "replenishments",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("id", String(20), nullable=False, unique=True),
    Column("donor", String(3), nullable=False),
    Column("item", Text, nullable=False),
    Column("quantity", BigInteger, nullable=False),
    Column("expected_on", Date, nullable=False),
    Column("producer", Text, nullable=False),
    Column("contract", String(20), nullable=True),
    Column("backfills", String(20), ForeignKey("stock_donations.id"), nullable=True),
    Column("note", Text, nullable=False),
)

production_lines = Table(
    "production_lines",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("id", String(20), nullable=False, unique=True),
    Column("producer", Text, nullable=False),
    Column("nation", String(3), nullable=False),
    Column("item", Text, nullable=False),
    Column("peacetime_rate", BigInteger, nullable=False),
    Column("since", Date, nullable=False),
    Column("note", Text, nullable=False),
)

production_ramps = Table(
    "production_ramps",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("line", String(20), ForeignKey("production_lines.id"), nullable=False),
    Column("starts", Date, nullable=False),
    Column("months", Integer, nullable=False),
    Column("surge_rate", BigInteger, nullable=False),
    Column("investment", ExactDecimal, nullable=True),
    Column("currency", String(3), nullable=True),
    Column("note", Text, nullable=False),
)

production_contracts = Table(
    "production_contracts",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("id", String(20), nullable=False, unique=True),
    Column("line", String(20), ForeignKey("production_lines.id"), nullable=False),
    Column("buyer", String(3), nullable=False),
    Column("purpose", String(16), nullable=False),
    Column("quantity", BigInteger, nullable=False),
    Column("signed_on", Date, nullable=False),
    Column("due_by", Date, nullable=False),
    Column("unit_price", ExactDecimal, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("overbooking_accepted", Boolean, nullable=False),
    Column("note", Text, nullable=False),
)
