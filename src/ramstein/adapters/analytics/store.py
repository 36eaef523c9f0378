"""`DuckDbAnalytics`: the `LedgerAnalytics` port over a DuckDB copy of the ledger.

Every call first feeds the copy from the SQL ledger (only what was appended since the last call; see
`feed.py`), then sums in DuckDB (`query.py`). The copy lives in a DuckDB file, by default beside the SQLite
database (`analytics_path`), or in memory (tests). DuckDB lets one process at a time open a file for
writing, so the file is opened per call and closed after it: a web server and a CLI command then take
turns rather than lock each other out for good, and a call that finds the file busy waits `lock_wait`
seconds before it gives up with a `Conflict`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import duckdb
from sqlalchemy import Engine, make_url

from ramstein.adapters.analytics import feed, query
from ramstein.adapters.analytics.schema import clear, ensure_schema
from ramstein.domain.credit import CreditFilter, SumsByDonor
from ramstein.domain.errors import Conflict
from ramstein.domain.fx import RateTable
from ramstein.domain.issues import DataIssue
from ramstein.domain.periods import Period

SUFFIX = ".analytics.duckdb"


def analytics_path(database_url: str) -> Path:
    """Where the copy of a database's ledger lives by default: beside an SQLite file (`ramstein.db` ->
    `ramstein.analytics.duckdb`); for PostgreSQL, in the working directory, named after the database."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite" and url.database:
        database = Path(url.database)
        return database.with_name(database.stem + SUFFIX)
    return Path(f"ramstein-{url.database or 'postgres'}{SUFFIX}")


class DuckDbAnalytics:
    """`stage_sums` as `domain.credit` defines it, over a DuckDB copy of the ledger in `engine`'s database.

    `path=None` keeps the copy in memory for the life of this object (tests, one-off runs).
    """

    def __init__(
        self,
        engine: Engine,
        path: Path | None = None,
        *,
        batch_size: int = feed.DEFAULT_BATCH,
        threads: int | None = None,
        lock_wait: float = 30.0,
    ) -> None:
        self._engine = engine
        self._path = path
        self._batch_size = batch_size
        self._threads = threads
        self._lock_wait = lock_wait
        self._memory: duckdb.DuckDBPyConnection | None = None
        self._lock = threading.Lock()  # one DuckDB connection serves one call at a time
        self.last_feed: feed.FeedReport | None = None  # what the last call's feed did (for tests, timing)

    def stage_sums(
        self, periods: Sequence[Period], credit: CreditFilter, rates: RateTable
    ) -> tuple[SumsByDonor, list[DataIssue]]:
        with self._connection() as duck:
            self.last_feed = feed.refresh(duck, self._engine, self._batch_size)
            return query.stage_sums(duck, periods, credit, rates)

    def refresh(self) -> feed.FeedReport:
        """Copy what the ledger gained since the last call; `stage_sums` does this itself."""
        with self._connection() as duck:
            self.last_feed = feed.refresh(duck, self._engine, self._batch_size)
            return self.last_feed

    def rebuild(self) -> feed.FeedReport:
        """Drop the copy and feed it again from the first entry (after restoring a backup, say)."""
        with self._connection() as duck:
            ensure_schema(duck)
            duck.execute("BEGIN TRANSACTION")
            clear(duck)
            duck.execute("COMMIT")
            self.last_feed = feed.refresh(duck, self._engine, self._batch_size)
            return self.last_feed

    def close(self) -> None:
        if self._memory is not None:
            self._memory.close()
            self._memory = None

    @contextmanager
    def _connection(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with self._lock:
            if self._path is None:
                if self._memory is None:
                    self._memory = self._configured(duckdb.connect(":memory:"))
                yield self._memory
                return
            duck = self._open_file(self._path)
            try:
                yield duck
            finally:
                duck.close()

    def _open_file(self, path: Path) -> duckdb.DuckDBPyConnection:
        deadline = time.monotonic() + self._lock_wait
        path.parent.mkdir(parents=True, exist_ok=True)
        while True:
            try:
                return self._configured(duckdb.connect(str(path)))
            except duckdb.IOException as exc:
                if "lock" not in str(exc).lower():
                    raise
                if time.monotonic() >= deadline:
                    raise Conflict(
                        f"the analytic store {path} is in use by another process",
                        hint="retry when the other report has finished.",
                    ) from exc
                time.sleep(0.1)

    def _configured(self, duck: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
        if self._threads is not None:
            duck.execute(f"SET threads = {int(self._threads)}")
        return duck
