"""Appending ledger entries with the hash chain, beside a plain bulk insert of the same rows.

    python benchmarks/ingest.py [--rows 1000000] [--backend sqlite|postgresql|both]

Both runs start from the same synthetic entries and write into identical, freshly migrated databases:

- **ramstein**: `services.ledger.append` in one unit of work — take the ledger lock, check the nations, chain
  (number + SHA-256 of every entry), bulk insert through the repository — and commit.
- **plain**: the very rows ramstein stored (same values, same hashes, already converted for the driver)
  inserted with no domain logic: `executemany` on SQLite, `COPY` on PostgreSQL, one transaction.

The target (issue 2) is ramstein within 3x of plain. Machines here are noisy: compare the ratio.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, insert, make_url

from ramstein.adapters.db.engine import create_engine_for
from ramstein.adapters.db.migrate import upgrade
from ramstein.adapters.db.rows import entry_row
from ramstein.adapters.db.tables import ledger_entries
from ramstein.adapters.db.unit_of_work import SqlUnitOfWork
from ramstein.adapters.importers.nations import read_nations
from ramstein.adapters.importers.shipped import shipped_nations
from ramstein.domain.ledger import AidType, Channel, Entry, EntryKind, Instrument, LedgerEntry
from ramstein.domain.money import Money
from ramstein.services import reference
from ramstein.services.ledger import append, local_actor

POSTGRES = os.environ.get("RAMSTEIN_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
DONORS = ["USA", "DEU", "GBR", "DNK", "SWE", "NLD", "NOR", "FRA", "CAN", "POL", "FIN", "ITA", "EU"]


def synthetic_entries(count: int, seed: int = 29) -> list[Entry]:
    rng = random.Random(seed)
    start = date(2022, 2, 24)
    kinds = [EntryKind.PLEDGE, EntryKind.COMMITMENT, EntryKind.DELIVERY]
    return [
        Entry(
            kind=rng.choice(kinds),
            donor=rng.choice(DONORS),
            recipient="UKR",
            amount=Money(Decimal(rng.randrange(1, 10**11)) / 100, "EUR"),
            on=start + timedelta(days=rng.randrange(1500)),
            aid_type=AidType.MILITARY,
            instrument=rng.choice(list(Instrument)),
            channel=Channel.BILATERAL,
            source="benchmark",
            external_id=f"bench-{n}",
        )
        for n in range(count)
    ]


@contextmanager
def fresh_database(backend: str, name: str) -> Iterator[Engine]:
    if backend == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            engine = create_engine_for(f"sqlite:///{Path(folder) / f'{name}.db'}")
            upgrade(engine)
            yield engine
            engine.dispose()
        return
    server = make_url(POSTGRES)
    admin = create_engine_for(POSTGRES).execution_options(isolation_level="AUTOCOMMIT")
    database = f"ramstein_bench_{name}_{os.getpid()}"
    with admin.connect() as conn:
        conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {database}")
        conn.exec_driver_sql(f"CREATE DATABASE {database}")
    engine = create_engine_for(server.set(database=database).render_as_string(hide_password=False))
    upgrade(engine)
    try:
        yield engine
    finally:
        engine.dispose()
        with admin.connect() as conn:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
        admin.dispose()


def with_nations(engine: Engine) -> None:
    nations, info, issues = read_nations(*shipped_nations(), loaded_at=datetime.now(UTC))
    reference.install_nations(lambda: SqlUnitOfWork(engine), info, nations, issues)


def ramstein_append(engine: Engine, entries: Sequence[Entry]) -> tuple[float, list[LedgerEntry]]:
    started = time.perf_counter()
    with SqlUnitOfWork(engine) as uow:
        recorded = append(uow, entries, local_actor("benchmark"), lambda: datetime.now(UTC))
        uow.commit()
    return time.perf_counter() - started, recorded


def driver_rows(engine: Engine, recorded: Sequence[LedgerEntry]) -> list[tuple[Any, ...]]:
    """The stored rows as the driver takes them (decimal and time types already converted): no work left."""
    dialect = engine.dialect
    processors = [c.type.dialect_impl(dialect).bind_processor(dialect) for c in ledger_entries.columns]
    return [
        tuple(p(v) if p and v is not None else v for p, v in zip(processors, entry_row(r), strict=True))
        for r in recorded
    ]


def plain_insert(engine: Engine, rows: list[tuple[Any, ...]]) -> float:
    columns = [c.name for c in ledger_entries.columns]
    raw = engine.raw_connection()
    try:
        started = time.perf_counter()
        cursor = raw.cursor()
        if engine.dialect.name == "postgresql":
            with cursor.copy(f"COPY ledger_entries ({', '.join(columns)}) FROM STDIN") as copy:  # type: ignore[attr-defined]
                for row in rows:
                    copy.write_row(row)
        else:
            cursor.execute("BEGIN")
            cursor.executemany(str(insert(ledger_entries).compile(dialect=engine.dialect)), rows)
        raw.commit()
        return time.perf_counter() - started
    finally:
        raw.close()


def measure(backend: str, entries: Sequence[Entry], say: Callable[[str], None]) -> tuple[float, float]:
    with fresh_database(backend, "ramstein") as engine:
        with_nations(engine)
        say(f"{backend}: ramstein append of {len(entries):,} entries ...")
        ours, recorded = ramstein_append(engine, entries)
    with fresh_database(backend, "plain") as engine:
        rows = driver_rows(engine, recorded)
        say(f"{backend}: plain {'COPY' if backend == 'postgresql' else 'executemany'} of the same rows ...")
        plain = plain_insert(engine, rows)
    return ours, plain


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    args = parser.parse_args()

    def say(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    started = time.perf_counter()
    entries = synthetic_entries(args.rows)
    say(f"built {len(entries):,} entries in {time.perf_counter() - started:.1f} s (not counted below)")
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    print(f"{'backend':<11} {'rows':>10} {'ramstein s':>11} {'rows/s':>10} {'plain s':>9} {'rows/s':>10} {'ratio':>6}")
    for backend in backends:
        ours, plain = measure(backend, entries, say)
        n = len(entries)
        speeds = f"{ours:>11.2f} {n / ours:>10,.0f} {plain:>9.2f} {n / plain:>10,.0f}"
        print(f"{backend:<11} {n:>10,} {speeds} {ours / plain:>5.2f}x")


if __name__ == "__main__":
    main()
