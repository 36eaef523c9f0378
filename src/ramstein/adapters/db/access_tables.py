"""Tables of access control (migration 0003_access), on the schema's one MetaData.

Accounts (users, sessions, api_tokens, login_failures, idempotency_keys) are operational state and may
change; the audit trail (audit_records) and the records' markings (markings) are append-only: the migration
installs the same refusing triggers as on the ledger.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, ForeignKey, Index, Integer, PrimaryKeyConstraint, String, Table, Text

from ramstein.adapters.db.tables import metadata
from ramstein.adapters.db.types import UtcDateTime

# Operational state: rows change (a role, a revoked token, an ended session) and each change is audited.
MUTABLE = ("users", "sessions", "api_tokens", "login_failures", "idempotency_keys")

users = Table(
    "users",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("role", String(16), nullable=False),
    Column("nation", String(3), nullable=True),
    Column("password_hash", Text, nullable=False),
    Column("locale", String(8), nullable=True),
    Column("created_at", UtcDateTime, nullable=False),
)

sessions = Table(
    "sessions",
    metadata,
    Column("key_hash", String(64), primary_key=True),
    Column("user_name", String(64), ForeignKey("users.name"), nullable=False),
    Column("csrf", String(64), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("expires_at", UtcDateTime, nullable=False),
    Index("ix_sessions_user_name", "user_name"),
)

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", String(16), primary_key=True),
    Column("key_hash", String(64), nullable=False, unique=True),
    Column("user_name", String(64), ForeignKey("users.name"), nullable=False),
    Column("scope", String(8), nullable=False),
    Column("label", Text, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("expires_at", UtcDateTime, nullable=True),
    Column("revoked_at", UtcDateTime, nullable=True),
)

login_failures = Table(
    "login_failures",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("user_name", String(64), nullable=False),
    Column("origin", String(64), nullable=False),
    Column("at", UtcDateTime, nullable=False),
    Index("ix_login_failures_at", "at"),
)

idempotency_keys = Table(
    "idempotency_keys",
    metadata,
    Column("actor", String(64), nullable=False),
    Column("key", String(200), nullable=False),
    Column("fingerprint", String(64), nullable=False),
    Column("at", UtcDateTime, nullable=False),
    Column("status", Integer, nullable=True),
    Column("body", Text, nullable=True),
    PrimaryKeyConstraint("actor", "key"),
)

audit_records = Table(
    "audit_records",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("at", UtcDateTime, nullable=False),
    Column("actor", String(64), nullable=False),
    Column("role", String(16), nullable=False),
    Column("nation", String(3), nullable=True),
    Column("action", String(40), nullable=False),
    Column("resource", Text, nullable=False),
    Column("origin", String(64), nullable=False),
    Column("allowed", Boolean, nullable=False),
    Column("reason", Text, nullable=False),
    Column("detail", Text, nullable=False),
    Index("ix_audit_records_actor", "actor"),
)

markings = Table(
    "markings",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(20), nullable=False),
    Column("record", String(40), nullable=False),
    Column("marking", String(16), nullable=False),
    Column("at", UtcDateTime, nullable=False),
    Column("by_actor", String(64), nullable=False),
    Column("reason", Text, nullable=False),
    Index("ix_markings_kind", "kind", "record"),
)
