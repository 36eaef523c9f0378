"""The triggers that make a table append-only, for migrations from 0002 on (0001 installs the PostgreSQL
function `ramstein_refuse_change` they call). Migrations that ran keep their meaning: this is the code 0002
held, moved here so that later revisions install the very same refusal."""

from __future__ import annotations

from alembic import op


def refuse_changes(table: str, postgres: bool, advice: str) -> None:
    """Refuse UPDATE and DELETE (and TRUNCATE on PostgreSQL) on `table`, with `advice` in the message."""
    if not postgres:
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{event.lower()} BEFORE {event} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only: {advice}'); END"
            )
        return
    op.execute(
        f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION ramstein_refuse_change('{advice}')"
    )
    op.execute(
        f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION ramstein_refuse_change('{advice}')"
    )
