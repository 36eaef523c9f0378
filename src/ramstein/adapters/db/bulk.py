"""Fast bulk inserts: `executemany` with tuples on SQLite, binary `COPY ... FROM STDIN` on PostgreSQL.

Going through SQLAlchemy's compiled `insert()` with dicts costs several microseconds per row, and the
ledger and the FX history are loaded in hundreds of thousands of rows. Rows come as tuples in the Table's
column order (`rows.py` builds them so); values still pass through each column's own bind processor
(the exact-decimal and UTC types of `types.py`), so nothing here restates the schema.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any

from sqlalchemy import Connection, Table, insert
from sqlalchemy.exc import DBAPIError

_CHUNK = 50_000  # rows per executemany call: bounds memory on very large loads
_UNSET = object()


def bulk_insert(conn: Connection, table: Table, rows: Iterable[tuple[Any, ...]]) -> int:
    """Insert rows given as tuples in `table`'s column order; return how many were written."""
    if not conn.in_transaction():
        conn.begin()  # COPY bypasses SQLAlchemy, which would otherwise not know a transaction is open
    values = _db_values(conn, table, rows)
    if conn.dialect.name == "postgresql":
        return _copy(conn, table, values)
    return _executemany(conn, table, values)


def _db_values(conn: Connection, table: Table, rows: Iterable[tuple[Any, ...]]) -> Iterator[tuple[Any, ...]]:
    """The rows as the driver wants them, each value through its column's bind processor."""
    processors: list[tuple[int, Callable[[Any], Any]]] = []
    for index, column in enumerate(table.columns):
        found = column.type.dialect_impl(conn.dialect).bind_processor(conn.dialect)
        if found is not None:
            processors.append((index, _remembering(found)))
    width = len(table.columns)
    for row in rows:
        if len(row) != width:
            raise ValueError(f"a {table.name} row has {len(row)} values for {width} columns: {row!r}")
        if processors:
            values = list(row)
            for index, process in processors:
                values[index] = process(values[index])
            row = tuple(values)
        yield row


def _remembering(process: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """`process`, reusing the last result for the very same object (a batch shares one recorded_at)."""
    last_in: Any = _UNSET
    last_out: Any = None

    def remembered(value: Any) -> Any:
        nonlocal last_in, last_out
        if value is None:
            return None
        if value is not last_in:
            last_in, last_out = value, process(value)
        return last_out

    return remembered


def _executemany(conn: Connection, table: Table, rows: Iterator[tuple[Any, ...]]) -> int:
    names = [column.name for column in table.columns]
    compiled = insert(table).compile(dialect=conn.dialect, column_keys=names)
    if list(compiled.positiontup or ()) != names:  # pragma: no cover - a guard against a changed compiler
        raise RuntimeError(f"unexpected parameter order for {table.name}: {compiled.positiontup}")
    written = 0
    while chunk := list(islice(rows, _CHUNK)):
        conn.exec_driver_sql(str(compiled), chunk)
        written += len(chunk)
    return written


def _copy(conn: Connection, table: Table, rows: Iterator[tuple[Any, ...]]) -> int:
    """COPY in binary: psycopg's C dumpers write it faster than text."""
    quote = conn.dialect.identifier_preparer.quote_identifier
    columns = ", ".join(quote(column.name) for column in table.columns)
    statement = f"COPY {quote(table.name)} ({columns}) FROM STDIN (FORMAT BINARY)"
    # Binary COPY needs each column's PostgreSQL type: its DDL name without a length ("VARCHAR(16)" -> varchar).
    types = [column.type.compile(dialect=conn.dialect).split("(")[0].lower() for column in table.columns]
    driver = conn.connection.driver_connection  # the psycopg connection, inside SQLAlchemy's transaction
    if driver is None:  # pragma: no cover - only after the connection was invalidated
        raise RuntimeError("the database connection is closed")
    written = 0
    try:
        with driver.cursor() as cursor, cursor.copy(statement) as copy:
            copy.set_types(types)
            for row in rows:
                copy.write_row(row)
                written += 1
    except conn.dialect.loaded_dbapi.Error as exc:
        # Raise what SQLAlchemy would have raised (IntegrityError, ...), so callers handle one family.
        raise DBAPIError.instance(statement, None, exc, conn.dialect.loaded_dbapi.Error) from exc
    return written
