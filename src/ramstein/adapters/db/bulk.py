"""Fast bulk inserts: `executemany` with tuples on SQLite, `COPY ... FROM STDIN` on PostgreSQL.

Going through SQLAlchemy's compiled `insert()` costs several microseconds per row; the ledger and the FX
history are loaded in hundreds of thousands of rows. Values still pass through each column's own bind
processor (the exact-decimal and UTC types of `types.py`) and the column order comes from the Table,
so nothing here restates the schema.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import islice
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Table, insert
from sqlalchemy.exc import DBAPIError

_CHUNK = 50_000  # rows per executemany call: bounds memory on very large loads


def bulk_insert(conn: Connection, table: Table, rows: Iterable[Mapping[str, Any]]) -> int:
    """Insert rows (dicts keyed by column name, every column present); return how many were written."""
    if not conn.in_transaction():
        conn.begin()  # COPY bypasses SQLAlchemy, which would otherwise not know a transaction is open
    names = [column.name for column in table.columns]
    tuples = _db_values(conn, table, (itemgetter(*names)(row) for row in rows))
    if conn.dialect.name == "postgresql":
        return _copy(conn, table, names, tuples)
    return _executemany(conn, table, names, tuples)


def _db_values(conn: Connection, table: Table, rows: Iterable[tuple[Any, ...]]) -> Iterator[tuple[Any, ...]]:
    dialect = conn.dialect
    processors: list[tuple[int, Callable[[Any], Any]]] = []
    for index, column in enumerate(table.columns):
        found = column.type.dialect_impl(dialect).bind_processor(dialect)
        if found is not None:
            processors.append((index, found))
    if not processors:
        yield from rows
        return
    for row in rows:
        values = list(row)
        for index, processor in processors:
            values[index] = processor(values[index])
        yield tuple(values)


def _executemany(conn: Connection, table: Table, names: list[str], rows: Iterator[tuple[Any, ...]]) -> int:
    compiled = insert(table).compile(dialect=conn.dialect, column_keys=names)
    if list(compiled.positiontup or ()) != names:  # pragma: no cover - a guard against a changed compiler
        raise RuntimeError(f"unexpected parameter order for {table.name}: {compiled.positiontup}")
    written = 0
    while chunk := list(islice(rows, _CHUNK)):
        conn.exec_driver_sql(str(compiled), chunk)
        written += len(chunk)
    return written


def _copy(conn: Connection, table: Table, names: list[str], rows: Iterator[tuple[Any, ...]]) -> int:
    quote = conn.dialect.identifier_preparer.quote_identifier
    statement = f"COPY {quote(table.name)} ({', '.join(quote(n) for n in names)}) FROM STDIN"
    driver = conn.connection.driver_connection  # the psycopg connection, inside SQLAlchemy's transaction
    if driver is None:  # pragma: no cover - only after the connection was invalidated
        raise RuntimeError("the database connection is closed")
    written = 0
    try:
        with driver.cursor() as cursor, cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(row)
                written += 1
    except conn.dialect.loaded_dbapi.Error as exc:
        # Raise what SQLAlchemy would have raised (IntegrityError, ...), so callers handle one family.
        raise DBAPIError.instance(statement, None, exc, conn.dialect.loaded_dbapi.Error) from exc
    return written
