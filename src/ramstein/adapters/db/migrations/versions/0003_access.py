"""Access control: users, sessions, API tokens, sign-in failures, idempotency keys, the audit trail and the
records' releasability markings.

Revision ID: 0003_access
Revises: 0002
Create Date: 2026-11-22

Accounts may change (a role, a revoked token, an ended session): each change is an audit record. The audit
trail and the markings are append-only with the same triggers as the ledger (0001): a marking is changed by
a newer marking row, never by editing one.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

from ramstein.adapters.db.append_only import refuse_changes

revision = "0003_access"
down_revision = "0002"
branch_labels = None
depends_on = None

APPEND_ONLY = {
    "audit_records": "the audit trail is never edited",
    "markings": "record a new marking instead",
}


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    moment: Any = sa.DateTime(timezone=True) if postgres else sa.Text()
    _accounts(moment)
    _trail(moment)
    for table, advice in APPEND_ONLY.items():
        refuse_changes(table, postgres, advice)


def _accounts(moment: Any) -> None:
    op.create_table(
        "users",
        sa.Column("name", sa.String(64), nullable=False), sa.Column("role", sa.String(16), nullable=False),
        sa.Column("nation", sa.String(3), nullable=True), sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("locale", sa.String(8), nullable=True), sa.Column("created_at", moment, nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_users"),
    )  # fmt: skip
    op.create_table(
        "sessions",
        sa.Column("key_hash", sa.String(64), nullable=False), sa.Column("user_name", sa.String(64), nullable=False),
        sa.Column("csrf", sa.String(64), nullable=False), sa.Column("created_at", moment, nullable=False),
        sa.Column("expires_at", moment, nullable=False),
        sa.PrimaryKeyConstraint("key_hash", name="pk_sessions"),
        sa.ForeignKeyConstraint(["user_name"], ["users.name"], name="fk_sessions_user_name"),
    )  # fmt: skip
    op.create_index("ix_sessions_user_name", "sessions", ["user_name"])
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.String(16), nullable=False), sa.Column("key_hash", sa.String(64), nullable=False),
        sa.Column("user_name", sa.String(64), nullable=False), sa.Column("scope", sa.String(8), nullable=False),
        sa.Column("label", sa.Text(), nullable=False), sa.Column("created_at", moment, nullable=False),
        sa.Column("expires_at", moment, nullable=True), sa.Column("revoked_at", moment, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_api_tokens"),
        sa.UniqueConstraint("key_hash", name="uq_api_tokens_key_hash"),
        sa.ForeignKeyConstraint(["user_name"], ["users.name"], name="fk_api_tokens_user_name"),
    )  # fmt: skip
    op.create_table(
        "login_failures",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("user_name", sa.String(64), nullable=False), sa.Column("origin", sa.String(64), nullable=False),
        sa.Column("at", moment, nullable=False), sa.PrimaryKeyConstraint("seq", name="pk_login_failures"),
    )  # fmt: skip
    op.create_index("ix_login_failures_at", "login_failures", ["at"])
    op.create_table(
        "idempotency_keys",
        sa.Column("actor", sa.String(64), nullable=False), sa.Column("key", sa.String(200), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False), sa.Column("at", moment, nullable=False),
        sa.Column("status", sa.Integer(), nullable=True), sa.Column("body", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("actor", "key", name="pk_idempotency_keys"),
    )  # fmt: skip


def _trail(moment: Any) -> None:
    op.create_table(
        "audit_records",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False), sa.Column("at", moment, nullable=False),
        sa.Column("actor", sa.String(64), nullable=False), sa.Column("role", sa.String(16), nullable=False),
        sa.Column("nation", sa.String(3), nullable=True), sa.Column("action", sa.String(40), nullable=False),
        sa.Column("resource", sa.Text(), nullable=False), sa.Column("origin", sa.String(64), nullable=False),
        sa.Column("allowed", sa.Boolean(), nullable=False), sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False), sa.PrimaryKeyConstraint("seq", name="pk_audit_records"),
    )  # fmt: skip
    op.create_index("ix_audit_records_actor", "audit_records", ["actor"])
    op.create_table(
        "markings",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False), sa.Column("record", sa.String(40), nullable=False),
        sa.Column("marking", sa.String(16), nullable=False), sa.Column("at", moment, nullable=False),
        sa.Column("by_actor", sa.String(64), nullable=False), sa.Column("reason", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name="pk_markings"),
    )  # fmt: skip
    op.create_index("ix_markings_kind", "markings", ["kind", "record"])


def downgrade() -> None:
    for table in ("markings", "audit_records", "idempotency_keys", "login_failures", "api_tokens", "sessions"):
        op.drop_table(table)
    op.drop_table("users")
