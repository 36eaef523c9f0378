"""The analytic store's tables: a compact copy of the ledger's columns that sums need, and the feed's mark.

Amounts are kept as DOUBLE. Why not DECIMAL: DuckDB divides decimals in floating point anyway, and a
DECIMAL(38, s) (128-bit) column costs ~1.3 s per 10 M rows just to turn into doubles for that division,
while the largest 64-bit DECIMAL(18, s) cannot hold both big yen or rupiah amounts and their fractions. A
double keeps 15-16 significant digits: an amount below 10^11 within a thousandth of a cent, and sums (Kahan
summation, `fsum`) within about 1e-15 of their size. `docs/architecture.md` states the tolerance against the
exact reference. The SQL ledger stays the record; this is a disposable copy that can be rebuilt at any time.
"""

from __future__ import annotations

import duckdb

# Bump when the tables below change: a copy of another version is dropped and fed again from scratch.
SCHEMA_VERSION = 2

ENTRY_COLUMNS: dict[str, str] = {
    "seq": "BIGINT",
    "kind": "VARCHAR",
    "donor": "VARCHAR",
    "amount": "DOUBLE",
    "currency": "VARCHAR",
    "on_date": "DATE",
    "aid_type": "VARCHAR",
    "instrument": "VARCHAR",
    "channel": "VARCHAR",
    "starts": "DATE",
    "ends": "DATE",
    "reverses": "BIGINT",
    "recorded_at": "TIMESTAMP",  # UTC, without a zone: compared with `as_of` turned to UTC
}

_TABLES = (
    # No primary key: the feed appends each entry once, in sequence order, and an index would only slow it.
    # `cancelled_at`: when the reversal that cancels the entry was recorded, set by the feed when it copies
    # that reversal. "In force as of T" is then a test of one column, where a join of 10 M entries with the
    # reversals costs 0.15 s.
    "CREATE TABLE IF NOT EXISTS entries ("
    + ", ".join(f"{name} {kind}" for name, kind in ENTRY_COLUMNS.items())
    + ", cancelled_at TIMESTAMP)",
    # One row: the last entry copied and its chain hash. The same hash at the same seq in the SQL ledger
    # means the same ledger up to there (every hash covers its predecessor), so the copy is still valid.
    """
    CREATE TABLE IF NOT EXISTS feed_mark (
        schema_version INTEGER NOT NULL,
        seq BIGINT NOT NULL,
        hash VARCHAR NOT NULL
    )
    """,
    # The first and last entry date per currency: the range of exchange rates a query needs to load.
    """
    CREATE TABLE IF NOT EXISTS spans (
        currency VARCHAR PRIMARY KEY,
        first_day DATE NOT NULL,
        last_day DATE NOT NULL
    )
    """,
)


def ensure_schema(duck: duckdb.DuckDBPyConnection) -> None:
    """Create the tables, or drop a copy made by another schema version so that it is fed again."""
    found = _version(duck)
    if found is not None and found != SCHEMA_VERSION:
        for table in ("entries", "feed_mark", "spans"):
            duck.execute(f"DROP TABLE IF EXISTS {table}")
    for statement in _TABLES:
        duck.execute(statement)
    if _version(duck) is None:
        duck.execute("INSERT INTO feed_mark VALUES (?, 0, ?)", [SCHEMA_VERSION, "0" * 64])


def clear(duck: duckdb.DuckDBPyConnection) -> None:
    """Forget the copy (inside the caller's transaction): the next feed starts from the first entry."""
    duck.execute("DELETE FROM entries")
    duck.execute("DELETE FROM spans")
    duck.execute("UPDATE feed_mark SET seq = 0, hash = ?", ["0" * 64])


def update_spans(duck: duckdb.DuckDBPyConnection, source: str) -> None:
    """Widen each currency's date span by the entries of `source` (a table or view with the entry columns)."""
    duck.execute(
        f"""
        INSERT INTO spans
        SELECT currency, min(on_date), max(on_date) FROM {source} GROUP BY currency
        ON CONFLICT (currency) DO UPDATE SET
            first_day = least(spans.first_day, excluded.first_day),
            last_day = greatest(spans.last_day, excluded.last_day)
        """
    )


def mark_cancellations(duck: duckdb.DuckDBPyConnection, source: str) -> None:
    """Stamp the entries that the reversals in `source` cancel with the time those were recorded."""
    duck.execute(
        f"""
        UPDATE entries SET cancelled_at = r.recorded_at
        FROM (
            SELECT reverses, min(recorded_at) AS recorded_at FROM {source}
            WHERE reverses IS NOT NULL GROUP BY reverses
        ) AS r
        WHERE entries.seq = r.reverses
        """
    )


def _version(duck: duckdb.DuckDBPyConnection) -> int | None:
    exists = duck.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'feed_mark' AND table_schema = 'main'"
    ).fetchone()
    if not exists or not exists[0]:
        return None
    row = duck.execute("SELECT schema_version FROM feed_mark").fetchone()
    return int(row[0]) if row else None
