"""`ramstein db backup | restore`: whole-database copies, consistent while the server runs (docs/operations.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ramstein import bootstrap
from ramstein.interfaces.cli.output import print_json, progress, stdout, to_jsonable
from ramstein.services import backup as backups

JsonFlag = Annotated[bool, typer.Option("--json", help="Print the result as JSON on stdout.")]


def register(db_app: typer.Typer) -> None:
    db_app.command("backup")(db_backup)
    db_app.command("restore")(db_restore)


def db_backup(
    file: Annotated[
        Path,
        typer.Argument(
            help="Where to write the backup (SQLite: a database file; PostgreSQL: pg_dump's custom format)."
        ),
    ],
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")] = False,
    as_json: JsonFlag = False,
) -> None:
    """Copy the whole database to FILE, consistent while the server reads and writes.

    SQLite uses its online backup API; PostgreSQL uses pg_dump (on PATH, of the server's major version or newer).
    """
    done = bootstrap.build().backups().backup(file, force=force)
    if as_json:
        print_json(done)
        return
    stdout.print(f"Backed up the {done.backend} database to {done.path} ({done.size:,} bytes, schema {done.revision})")


def db_restore(
    file: Annotated[Path, typer.Argument(help="A file written by `ramstein db backup` on the same kind of database.")],
    force: Annotated[
        bool, typer.Option("--force", help="Replace a database that already holds data (all of it is lost).")
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """Replace the database by the backup in FILE, all or nothing, then verify the restored ledger's hash chain.

    A database that holds any row is refused unless --force. PostgreSQL uses pg_restore (on PATH).
    """
    app = bootstrap.build()
    with progress("Verifying the restored ledger") as update:
        done = backups.restore(app.backups(), app.uow, file, force=force, progress=update)
    chain = done.chain
    if as_json:
        print_json({"backup": done.backup, "chain": {"intact": chain.intact, **to_jsonable(chain)}})
        return
    stdout.print(f"Restored {file} into {app.settings.database_url} (schema {done.backup.revision}).")
    stdout.print(f"Ledger intact: {chain.checked:,} entries. Head: {chain.head.seq}:{chain.head.hash}")
    stdout.print("Next: `ramstein db upgrade` if this ramstein is newer than the backup, then start the server.")
