"""The DuckDB analytic store gives what the reference `domain.credit.stage_sums` gives, on SQLite and
PostgreSQL sources, and its feed copies each entry once.

Tolerance: the store converts in double precision and sums with Kahan summation, so each figure is within
`RELATIVE` of the exact reference (the error expected is ~1e-15 of the figure; see docs/architecture.md).
Entry counts, keys and issues must be equal.
"""

from __future__ import annotations

import random
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine

from ramstein.adapters.analytics import DuckDbAnalytics, analytics_path
from ramstein.adapters.analytics.schema import SCHEMA_VERSION
from ramstein.adapters.db.engine import create_engine_for
from ramstein.adapters.db.migrate import upgrade
from ramstein.adapters.db.unit_of_work import SqlUnitOfWork
from ramstein.bootstrap import build
from ramstein.config import Settings
from ramstein.domain.credit import CreditFilter, SumsByDonor, stage_sums
from ramstein.domain.errors import Conflict, InvalidInput
from ramstein.domain.fx import RateTable
from ramstein.domain.issues import DataIssue
from ramstein.domain.ledger import AidType, Channel, Entry, EntryKind, Instrument, LedgerEntry, reversal_of
from ramstein.domain.money import Money
from ramstein.domain.periods import Period, calendar_year, half, pledge_year
from tests.builders import a_rate_table, recorded

RELATIVE = Decimal("1e-13")
DONORS = ["DEU", "DNK", "GBR", "USA", "SWE"]
CURRENCIES = ["EUR", "EUR", "USD", "GBP", "SEK", "JPY", "RUB", "NOK"]  # NOK: no rates at all
FIRST_DAY, LAST_DAY = date(2021, 11, 1), date(2025, 3, 31)  # the rates below end on 2024-12-31
T0 = datetime(2024, 1, 1, 12, 0, tzinfo=UTC)


def synthetic_rates(seed: int = 7) -> RateTable:
    """Weekday rates for USD, GBP, SEK, JPY from 2021-12-01 to 2024-12-31, RUB until 2022-03-01; USD has
    a gap from 2023-04-04 to 2023-04-11 (its 2023-04-03 rate is in force for seven days, not eight)."""
    rng = random.Random(seed)
    base = {"USD": 1.1, "GBP": 0.85, "SEK": 11.0, "JPY": 150.0, "RUB": 90.0}
    table: dict[str, dict[date, str]] = {c: {} for c in base}
    day = date(2021, 12, 1)
    while day <= date(2024, 12, 31):
        if day.weekday() < 5:
            for currency, level in base.items():
                gap = currency == "USD" and date(2023, 4, 4) <= day <= date(2023, 4, 11)
                if not gap and (currency != "RUB" or day <= date(2022, 3, 1)):
                    table[currency][day] = f"{level * (1 + rng.uniform(-0.05, 0.05)):.5f}"
        day += timedelta(days=1)
    return a_rate_table(table, last_date=date(2024, 12, 31))


def random_entry(rng: random.Random) -> Entry:
    kind = rng.choice([EntryKind.PLEDGE, EntryKind.COMMITMENT, EntryKind.DELIVERY])
    on = FIRST_DAY + timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days + 1))
    starts = ends = None
    if kind is EntryKind.PLEDGE and rng.random() < 0.4:
        starts = on + timedelta(days=rng.randrange(-30, 200))
        ends = starts + timedelta(days=rng.randrange(0, 1400))
    scale = rng.choice([0, 2, 2, 6])
    return Entry(
        kind=kind,
        donor=rng.choice(DONORS),
        recipient="UKR",
        amount=Money(Decimal(rng.randrange(1, 10**12)).scaleb(-scale), rng.choice(CURRENCIES)),
        on=on,
        aid_type=rng.choice([AidType.MILITARY, AidType.MILITARY, AidType.FINANCIAL]),
        instrument=rng.choice([None, *Instrument]),
        channel=rng.choice(list(Channel)),
        starts=starts,
        ends=ends,
    )


def grow(engine: Engine, rng: random.Random, count: int, at: datetime) -> list[LedgerEntry]:
    """Append `count` random entries recorded at `at`, about one in eight reversing an earlier entry."""
    with SqlUnitOfWork(engine) as uow:
        uow.lock_ledger()
        head = uow.ledger.head()
        known = {r.seq: r for r in uow.ledger.scan()}
        reversible = [r for r in known.values() if r.entry.kind is not EntryKind.REVERSAL]
        reversed_ = {r.entry.reverses for r in known.values()}
        entries = []
        for _ in range(count):
            candidates = [r for r in reversible if r.seq not in reversed_]
            if candidates and rng.random() < 0.125:
                target = rng.choice(candidates)
                reversed_.add(target.seq)
                entries.append(reversal_of(target, on=target.entry.on, reason="test"))
            else:
                entries.append(random_entry(rng))
        records = recorded(entries, head, at=at)
        uow.ledger.add(records)
        uow.commit()
    return records


def ledger(engine: Engine) -> list[LedgerEntry]:
    with SqlUnitOfWork(engine) as uow:
        return list(uow.ledger.scan())


def assert_same(ours: tuple[SumsByDonor, list[DataIssue]], reference: tuple[SumsByDonor, list[DataIssue]]) -> None:
    (sums, issues), (expected, expected_issues) = ours, reference
    assert issues == expected_issues
    assert sums.keys() == expected.keys()
    for key, want in expected.items():
        got = sums[key]
        assert got.entries == want.entries, key
        for kind in (EntryKind.PLEDGE, EntryKind.COMMITMENT, EntryKind.DELIVERY):
            error = abs(got.of(kind) - want.of(kind))
            assert error <= RELATIVE * abs(want.of(kind)), (key, kind, got.of(kind), want.of(kind))


PERIODS = [
    calendar_year(2022),
    calendar_year(2023),
    calendar_year(2024),
    half(calendar_year(2024), "H2"),
    pledge_year(2024, 7, 10),
    calendar_year(2025),
]
FILTERS = [
    CreditFilter(),
    CreditFilter(phase_pledges=False),
    CreditFilter(aid_types=frozenset(AidType), instruments=frozenset({Instrument.PURCHASE, Instrument.IN_KIND})),
    CreditFilter(channels=frozenset({Channel.BILATERAL, Channel.NATO}), as_of=T0 + timedelta(days=1)),
    CreditFilter(as_of=T0 + timedelta(days=1, microseconds=-1)),
]


# Each on the edge of a rule: a rate exactly seven and eight days old, RUB before and after the ECB stopped,
# a Sunday, a day before the rates start, a currency never published, a period boundary.
EDGES = [
    ("USD", date(2023, 4, 10)),
    ("USD", date(2023, 4, 11)),
    ("RUB", date(2022, 3, 8)),
    ("RUB", date(2022, 3, 9)),
    ("GBP", date(2024, 6, 30)),
    ("SEK", date(2021, 11, 15)),
    ("NOK", date(2024, 2, 1)),
    ("EUR", date(2024, 7, 10)),
    ("EUR", date(2024, 7, 9)),
]


def record_edges(engine: Engine, at: datetime) -> None:
    edges = [Entry(EntryKind.DELIVERY, "POL", "UKR", Money(Decimal("1000.01"), currency), on) for currency, on in EDGES]
    with SqlUnitOfWork(engine) as uow:
        uow.lock_ledger()
        uow.ledger.add(recorded(edges, uow.ledger.head(), at=at))
        uow.commit()


@pytest.fixture
def populated(sql_engine: Engine) -> Engine:
    rng = random.Random(2024)
    for day in range(3):  # three recording times, so that as_of falls between them
        grow(sql_engine, rng, 120, T0 + timedelta(days=day))
    record_edges(sql_engine, T0)  # last, so that no reversal cancels them
    return sql_engine


@pytest.mark.parametrize("credit", FILTERS, ids=["default", "unphased", "instruments", "channels-asof", "asof"])
def test_sums_equal_the_reference(populated: Engine, credit: CreditFilter) -> None:
    rates = synthetic_rates()
    store = DuckDbAnalytics(populated)
    result = store.stage_sums(PERIODS, credit, rates)
    reference = stage_sums(ledger(populated), PERIODS, credit, rates)
    assert_same(result, reference)
    assert reference[0] and reference[1], "the random ledger should produce sums and issues"


@pytest.mark.parametrize("seed", range(4))
def test_random_ledgers_and_periods(sql_engine: Engine, seed: int) -> None:
    rng = random.Random(seed)
    grow(sql_engine, rng, rng.randrange(1, 200), T0)
    store = DuckDbAnalytics(sql_engine, batch_size=37)
    rates = synthetic_rates(seed)
    for _ in range(3):
        years = sorted(rng.sample(range(2021, 2026), rng.randrange(1, 4)))
        periods = [calendar_year(y) for y in years] + [half(calendar_year(years[0]), rng.choice(["H1", "H2"]))]
        credit = CreditFilter(phase_pledges=rng.random() < 0.7, as_of=T0 if rng.random() < 0.3 else None)
        assert_same(store.stage_sums(periods, credit, rates), stage_sums(ledger(sql_engine), periods, credit, rates))
        grow(sql_engine, rng, rng.randrange(1, 50), T0 + timedelta(hours=1))


def test_only_new_entries_are_copied(populated: Engine) -> None:
    rates, credit = synthetic_rates(), CreditFilter()
    store = DuckDbAnalytics(populated, batch_size=100)
    store.stage_sums(PERIODS, credit, rates)
    assert store.last_feed is not None and store.last_feed.copied == 369
    store.stage_sums(PERIODS, credit, rates)
    assert store.last_feed.copied == 0

    grow(populated, random.Random(9), 25, T0 + timedelta(days=5))
    result = store.stage_sums(PERIODS, credit, rates)
    assert (store.last_feed.copied, store.last_feed.rebuilt, store.last_feed.mark.seq) == (25, False, 394)
    assert_same(result, stage_sums(ledger(populated), PERIODS, credit, rates))


def test_an_empty_ledger_sums_to_nothing(sql_engine: Engine) -> None:
    assert DuckDbAnalytics(sql_engine).stage_sums(PERIODS, CreditFilter(), synthetic_rates()) == ({}, [])


def test_no_periods_no_sums(populated: Engine) -> None:
    assert DuckDbAnalytics(populated).stage_sums([], CreditFilter(), synthetic_rates()) == ({}, [])


def test_as_of_needs_a_time_zone(populated: Engine) -> None:
    with pytest.raises(InvalidInput, match="time zone"):
        DuckDbAnalytics(populated).stage_sums(PERIODS, CreditFilter(as_of=datetime(2024, 1, 1)), synthetic_rates())


# --- the copy in a file: kept between instances, rebuilt when the ledger is not the one it copied ---


def sqlite_engine(path: Path) -> Iterator[Engine]:
    engine = create_engine_for(f"sqlite:///{path}")
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def two_ledgers(tmp_path: Path) -> Iterator[tuple[Engine, Engine]]:
    for first in sqlite_engine(tmp_path / "a.db"):
        for second in sqlite_engine(tmp_path / "b.db"):
            yield first, second


def test_the_copy_in_a_file_is_kept_between_instances(two_ledgers: tuple[Engine, Engine], tmp_path: Path) -> None:
    engine, _ = two_ledgers
    grow(engine, random.Random(1), 80, T0)
    path = tmp_path / "copy.duckdb"
    DuckDbAnalytics(engine, path).refresh()
    again = DuckDbAnalytics(engine, path)
    result = again.stage_sums(PERIODS, CreditFilter(), synthetic_rates())
    assert again.last_feed is not None and (again.last_feed.copied, again.last_feed.rebuilt) == (0, False)
    assert_same(result, stage_sums(ledger(engine), PERIODS, CreditFilter(), synthetic_rates()))


@pytest.mark.parametrize("longer", [True, False], ids=["other-ledger-longer", "other-ledger-cut-back"])
def test_a_copy_of_another_ledger_is_rebuilt(two_ledgers: tuple[Engine, Engine], tmp_path: Path, longer: bool) -> None:
    first, second = two_ledgers
    grow(first, random.Random(1), 60, T0)
    grow(second, random.Random(2), 90 if longer else 30, T0)  # a replaced database, say a restored backup
    path = tmp_path / "copy.duckdb"
    DuckDbAnalytics(first, path).refresh()
    store = DuckDbAnalytics(second, path)
    result = store.stage_sums(PERIODS, CreditFilter(), synthetic_rates())
    assert store.last_feed is not None and store.last_feed.rebuilt
    assert store.last_feed.copied == (90 if longer else 30)
    assert_same(result, stage_sums(ledger(second), PERIODS, CreditFilter(), synthetic_rates()))


def test_a_copy_of_an_emptied_ledger_is_emptied(two_ledgers: tuple[Engine, Engine], tmp_path: Path) -> None:
    first, empty = two_ledgers
    grow(first, random.Random(1), 20, T0)
    path = tmp_path / "copy.duckdb"
    DuckDbAnalytics(first, path).refresh()
    store = DuckDbAnalytics(empty, path)
    assert store.stage_sums(PERIODS, CreditFilter(), synthetic_rates()) == ({}, [])
    assert store.last_feed is not None and store.last_feed.rebuilt


def test_rebuild_copies_everything_again(two_ledgers: tuple[Engine, Engine], tmp_path: Path) -> None:
    engine, _ = two_ledgers
    grow(engine, random.Random(1), 40, T0)
    store = DuckDbAnalytics(engine, tmp_path / "copy.duckdb")
    store.refresh()
    assert store.rebuild().copied == 40


def test_a_copy_of_another_schema_version_is_fed_again(two_ledgers: tuple[Engine, Engine], tmp_path: Path) -> None:
    import duckdb

    engine, _ = two_ledgers
    grow(engine, random.Random(1), 30, T0)
    path = tmp_path / "copy.duckdb"
    DuckDbAnalytics(engine, path).refresh()
    with duckdb.connect(str(path)) as duck:
        duck.execute("UPDATE feed_mark SET schema_version = ?", [SCHEMA_VERSION + 1])
    store = DuckDbAnalytics(engine, path)
    assert store.refresh().copied == 30


def test_a_busy_file_is_a_conflict(two_ledgers: tuple[Engine, Engine], tmp_path: Path) -> None:
    engine, _ = two_ledgers
    path = tmp_path / "copy.duckdb"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, time; d = duckdb.connect({str(path)!r}); print(1, flush=True); time.sleep(30)",
        ],
        stdout=subprocess.PIPE,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == b"1"
        with pytest.raises(Conflict, match="in use"):
            DuckDbAnalytics(engine, path, lock_wait=0.3).refresh()
    finally:
        holder.kill()
        holder.wait()


def test_the_copy_lives_beside_an_sqlite_database() -> None:
    assert analytics_path("sqlite:////srv/ramstein/ramstein.db") == Path("/srv/ramstein/ramstein.analytics.duckdb")
    assert analytics_path("postgresql://u@h/prod") == Path("ramstein-prod.analytics.duckdb")


def test_the_app_builds_the_store_beside_its_database(tmp_path: Path) -> None:
    for engine in sqlite_engine(tmp_path / "ramstein.db"):
        grow(engine, random.Random(5), 50, T0)
    app = build(Settings(database_url=f"sqlite:///{tmp_path / 'ramstein.db'}", actor="test"))
    try:
        result = app.analytics().stage_sums(PERIODS, CreditFilter(), synthetic_rates())
        assert_same(result, stage_sums(ledger(app.engine), PERIODS, CreditFilter(), synthetic_rates()))
        assert (tmp_path / "ramstein.analytics.duckdb").exists()
    finally:
        app.close()


def test_the_copy_can_be_put_anywhere(tmp_path: Path) -> None:
    for engine in sqlite_engine(tmp_path / "ramstein.db"):
        grow(engine, random.Random(6), 20, T0)
    elsewhere = tmp_path / "cache" / "copy.duckdb"
    elsewhere.parent.mkdir()
    app = build(Settings(database_url=f"sqlite:///{tmp_path / 'ramstein.db'}", analytics_path=str(elsewhere)))
    try:
        app.analytics().stage_sums(PERIODS, CreditFilter(), synthetic_rates())
        assert elsewhere.exists() and not (tmp_path / "ramstein.analytics.duckdb").exists()
    finally:
        app.close()


def test_pledge_phasing_by_days(sql_engine: Engine) -> None:
    """A EUR 366 m pledge over 2024 (a leap year) and 2025 counts 366/731 of it in 2024, by days."""
    pledge = Entry(
        kind=EntryKind.PLEDGE,
        donor="DNK",
        recipient="UKR",
        amount=Money(Decimal("731"), "EUR"),
        on=date(2024, 3, 1),
        starts=date(2024, 1, 1),
        ends=date(2025, 12, 31),
    )
    with SqlUnitOfWork(sql_engine) as uow:
        uow.lock_ledger()
        uow.ledger.add(recorded([pledge], uow.ledger.head(), at=T0))
        uow.commit()
    periods = [calendar_year(2024), Period(date(2025, 1, 1), date(2025, 1, 31), "2025-01")]
    sums, _ = DuckDbAnalytics(sql_engine).stage_sums(periods, CreditFilter(), synthetic_rates())
    assert sums[("DNK", "2024")].pledged == Decimal(366)
    assert sums[("DNK", "2025-01")].pledged == Decimal(31)
