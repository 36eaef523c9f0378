"""Alembic environment. At run time `ramstein.adapters.db.migrate` hands over an open connection in
`config.attributes["connection"]`; developers writing a new revision may instead pass a URL with
`alembic -c src/ramstein/adapters/db/alembic.ini -x url=sqlite:///dev.db revision -m "..."`.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from ramstein.adapters.db import access_tables  # noqa: F401  (registers its tables on the metadata)
from ramstein.adapters.db.engine import create_engine_for
from ramstein.adapters.db.tables import metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying them
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def main() -> None:
    if context.is_offline_mode():
        raise SystemExit("ramstein migrations run online only: the triggers differ between databases")
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = context.get_x_argument(as_dictionary=True).get("url") or context.config.get_main_option("sqlalchemy.url")
    if not url:
        raise SystemExit("pass the database with -x url=sqlite:///path/to/ramstein.db")
    engine = create_engine_for(url)
    try:
        with engine.begin() as connection:
            _run(connection)
    finally:
        engine.dispose()


main()
