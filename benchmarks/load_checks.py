"""What benchmarks/load.py checks after the write mix: the ledger against the 201s, retries, the chain."""

from __future__ import annotations

import json
import os
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import make_url, text

from ramstein.adapters.db.engine import create_engine_for
from ramstein.adapters.db.unit_of_work import SqlUnitOfWork
from ramstein.services import ledger

SERVER = os.environ.get("RAMSTEIN_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
RETRIED = 20


@dataclass(frozen=True)
class LedgerCheck:
    gained: int  # entries with the run's keys
    keys: int  # distinct keys among them
    duplicated: int  # keys recorded more than once
    lost: int  # keys answered 201 but not in the ledger
    unanswered: int  # keys in the ledger whose 201 the clients did not wait for (in flight when wrk stopped)
    intact: bool
    checked: int


def check_ledger(url: str, prefix: str, keys_dir: Path) -> LedgerCheck:
    """Compare the keys the clients saw recorded (201) with the ledger's entries carrying the run's keys."""
    answered = [k for f in keys_dir.glob("*.keys") for k in f.read_text().split()]
    engine = create_engine_for(url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                text("SELECT note, count(*) FROM ledger_entries WHERE note LIKE :p GROUP BY note"), {"p": prefix + "%"}
            ).all()
        report = ledger.verify(lambda: SqlUnitOfWork(engine))
    finally:
        engine.dispose()
    counts: dict[str, int] = dict(rows)
    recorded = set(counts)
    return LedgerCheck(
        gained=sum(counts.values()),
        keys=len(recorded),
        duplicated=sum(1 for n in counts.values() if n > 1) + len(answered) - len(set(answered)),
        lost=len(set(answered) - recorded),
        unanswered=len(recorded - set(answered)),
        intact=report.intact,
        checked=report.checked,
    )


def send_retries(base: str, token: str, prefix: str) -> int:
    """Send RETRIED pledges twice each with the same Idempotency-Key (and note); return how many keys."""
    for n in range(RETRIED):
        for _ in range(2):
            _post(base, token, f"{prefix}{n}")
    return RETRIED


def entries_with(url: str, prefix: str) -> int:
    """How many ledger entries carry a note starting with `prefix`."""
    engine = create_engine_for(url)
    try:
        with engine.connect() as conn:
            found = conn.execute(text("SELECT count(*) FROM ledger_entries WHERE note LIKE :p"), {"p": prefix + "%"})
            return int(found.scalar_one())
    finally:
        engine.dispose()


def _post(base: str, token: str, key: str) -> None:
    body = {"kind": "pledge", "donor": "DNK", "amount": "1m", "currency": "EUR", "date": "2025-03-01", "note": key}
    request = urllib.request.Request(
        f"{base}/api/v1/ledger",
        data=json.dumps(body).encode(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json", "Idempotency-Key": key},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=30) as answer:
        assert answer.status == 201, answer.status


@contextmanager
def postgres_database() -> Iterator[str]:
    """A database of its own on the PostgreSQL server, dropped afterwards."""
    name = f"ramstein_load_{os.getpid()}"
    admin = create_engine_for(SERVER).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name}")
        conn.exec_driver_sql(f"CREATE DATABASE {name}")
    try:
        yield make_url(SERVER).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.dispose()
