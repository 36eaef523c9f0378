"""Source documents, the drafts read from them and the decisions on drafts (docs/extraction.md).

Revision ID: 0004_sources
Revises: 0003_access
Create Date: 2026-11-22

Append-only like 0001 and 0002 (the same triggers): a decision on a draft is a new row.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

from ramstein.adapters.db.append_only import refuse_changes

revision = "0004_sources"
down_revision = "0003_access"
branch_labels = None
depends_on = None

ADVICE = "record a decision instead; a confirmed draft is corrected by reversing its ledger entry"
TABLES = ("source_documents", "source_drafts", "draft_decisions")


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    decimal: Any = sa.Numeric() if postgres else sa.Text()
    moment: Any = sa.DateTime(timezone=True) if postgres else sa.Text()
    op.create_table(
        "source_documents",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("title", sa.Text(), nullable=False), sa.Column("language", sa.String(8), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=False), sa.Column("text", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False), sa.Column("added_by", sa.Text(), nullable=False),
        sa.Column("added_at", moment, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_source_documents"),
        sa.UniqueConstraint("sha256", name="uq_source_documents_sha256"),
    )  # fmt: skip
    op.create_table(
        "source_drafts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("document", sa.Integer(), nullable=False), sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=False), sa.Column("span_end", sa.Integer(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False), sa.Column("sentence", sa.Text(), nullable=False),
        sa.Column("amount", decimal, nullable=False), sa.Column("currency", sa.String(3), nullable=True),
        sa.Column("qualifier", sa.String(16), nullable=True), sa.Column("kind", sa.String(16), nullable=True),
        sa.Column("donor", sa.String(8), nullable=True), sa.Column("recipient", sa.String(8), nullable=False),
        sa.Column("starts", sa.Date(), nullable=True), sa.Column("ends", sa.Date(), nullable=True),
        sa.Column("on_date", sa.Date(), nullable=False), sa.Column("confidence", decimal, nullable=False),
        sa.Column("flags", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_source_drafts"),
        sa.ForeignKeyConstraint(["document"], ["source_documents.id"], name="fk_source_drafts_document"),
    )  # fmt: skip
    op.create_index("ix_source_drafts_document", "source_drafts", ["document"])
    op.create_table(
        "draft_decisions",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("draft", sa.Integer(), nullable=False), sa.Column("decision", sa.String(16), nullable=False),
        sa.Column("edits", sa.Text(), nullable=False), sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("by_actor", sa.Text(), nullable=False), sa.Column("at", moment, nullable=False),
        sa.Column("ledger_seq", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("seq", name="pk_draft_decisions"),
        sa.ForeignKeyConstraint(["draft"], ["source_drafts.id"], name="fk_draft_decisions_draft"),
        sa.ForeignKeyConstraint(["ledger_seq"], ["ledger_entries.seq"], name="fk_draft_decisions_ledger_seq"),
    )  # fmt: skip
    op.create_index("ix_draft_decisions_draft", "draft_decisions", ["draft"])
    for table in TABLES:
        refuse_changes(table, postgres, ADVICE)


def downgrade() -> None:
    for table in reversed(TABLES):
        op.drop_table(table)
