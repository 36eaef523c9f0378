"""PostgreSQL backups with the server's own tools: pg_dump's custom format (one consistent snapshot, taken
while the server runs) and pg_restore in a single transaction (all or nothing).

The tools are looked up on PATH; they must be at least the server's major version (pg_dump refuses a
newer server and says so). The password, if the URL has one, travels in PGPASSWORD, never on a command line.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from sqlalchemy import URL, Engine, inspect

from ramstein.domain.errors import Conflict, InvalidInput, NotFound, RamsteinError

MAGIC = b"PGDMP"
_TOC_TABLE = re.compile(r"^\d+; \d+ \d+ TABLE (\S+) (\S+) ", flags=re.MULTILINE)
_COPY_REVISION = re.compile(r"^COPY \S*alembic_version .* FROM stdin;\n(\S+)\n", flags=re.MULTILINE)


def dump(url: URL, target: Path) -> None:
    """Write the whole database to `target` in pg_dump's custom format."""
    _run("pg_dump", "--format=custom", f"--file={target}", f"--dbname={_conninfo(url)}", url=url)


def restore(engine: Engine, source: Path, *, clean: bool) -> None:
    """Load `source` into the database in one transaction; `clean` first drops the objects it re-creates."""
    extra = sorted(set(inspect(engine).get_table_names()) - tables(source))
    if extra:
        raise Conflict(
            f"the database has tables the backup does not know ({', '.join(extra)}): its schema is newer than "
            "the backup's, and a restore over it would leave a mixed schema",
            hint="create a new, empty database (createdb), point RAMSTEIN_DATABASE_URL at it and restore there; "
            "then `ramstein db upgrade`.",
        )
    options = ["--single-transaction", "--exit-on-error", "--no-owner", "--no-privileges"]
    if clean:
        options += ["--clean", "--if-exists"]
    _run("pg_restore", *options, f"--dbname={_conninfo(engine.url)}", str(source), url=engine.url)


def tables(source: Path) -> set[str]:
    """The tables a custom-format dump creates."""
    return {name for _schema, name in _TOC_TABLE.findall(_run("pg_restore", "--list", str(source)))}


def revision(source: Path) -> str | None:
    """The Alembic revision recorded in a custom-format dump, or None if it holds no ramstein schema."""
    if "alembic_version" not in tables(source):
        return None
    script = _run("pg_restore", "--data-only", "--table=alembic_version", "--file=-", str(source))
    found = _COPY_REVISION.search(script)
    return found.group(1) if found else None


def _run(tool: str, *args: str, url: URL | None = None) -> str:
    path = shutil.which(tool)
    if path is None:
        raise NotFound(
            f"{tool} is not on PATH: PostgreSQL backups use PostgreSQL's own client tools",
            hint="install them (Debian: apt-get install postgresql-client, of the server's major version or newer) "
            "or add their folder to PATH.",
        )
    env = dict(os.environ)
    if url is not None and url.password:
        env["PGPASSWORD"] = str(url.password)
    done = subprocess.run([path, "--no-password", *args], capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        problem = " ".join(done.stderr.strip().splitlines()[-3:])
        if tool == "pg_restore" and "input file" in problem:
            raise InvalidInput(f"pg_restore cannot read the backup: {problem}", hint="give a file pg_dump wrote.")
        raise RamsteinError(
            f"{tool} failed: {problem}",
            hint="check that the server is running and that the client tools are of its major version or newer.",
        )
    return done.stdout


def _conninfo(url: URL) -> str:
    """A libpq URL (no SQLAlchemy driver name, no password) that pg_dump and pg_restore accept."""
    return url.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
