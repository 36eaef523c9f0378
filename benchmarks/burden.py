"""The burden report's ledger sums over synthetic ledgers: the DuckDB analytic store beside plain pandas.

    python benchmarks/burden.py [--entries 1000000 10000000] [--repeat 3] [--feed-rows 200000]
                                [--feed-backend sqlite|postgresql|both|none]

The ledgers: 56 donors, 8 currencies, dates 2022-01-01 to 2026-04-13 (the end of the shipped ECB file, whose
daily rates convert them), a fifth pledges (three in ten of them phased over one to four years), 2 %
reversals, 80 % military aid, instruments and channels of every kind. They are generated inside DuckDB,
straight into the store's `entries` table (no Python objects, no SQL database): generation is not timed.

The sums: `stage_sums` for the twice-yearly report's periods, 2025-H2 plus each calendar year 2022-2026,
crediting military aid and phasing pledges (the `CreditFilter` defaults).

- **duckdb**: `DuckDbAnalytics.stage_sums` end to end, as a report calls it: open the store's file, check
  the feed against the SQL ledger (an empty SQLite database here: nothing new to copy), load the day rates
  and periods, aggregate, and build the `StageSums`. Best of `--repeat` calls, and the first (cold) call.
- **pandas**: the same rules written plainly in pandas (boolean masks, `merge_asof` for the rates, a
  groupby per period) over a DataFrame already in memory, its strings as categories; loading it is not
  timed. Best of `--repeat`. The two results are compared: same keys and counts, sums within 1e-9.
- **feed**: copying a ledger from SQL into a new store, then 1,000 more entries, then nothing new: the
  second copy reads only the new rows, whatever the size of the history.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd
from ingest import driver_rows, fresh_database, plain_insert, synthetic_entries

from ramstein.adapters.analytics import DuckDbAnalytics
from ramstein.adapters.analytics.schema import ensure_schema, mark_cancellations, update_spans
from ramstein.adapters.importers.ecb import read_ecb_rates
from ramstein.adapters.importers.shipped import shipped_ecb
from ramstein.domain.credit import CreditFilter, SumsByDonor
from ramstein.domain.fx import MAX_STALENESS, RateTable
from ramstein.domain.ledger import EMPTY_CHAIN, Channel, Instrument, chain
from ramstein.domain.periods import Period, calendar_year, half

DONORS = [
    "ALB",
    "BEL",
    "BGR",
    "CAN",
    "HRV",
    "CZE",
    "DNK",
    "EST",
    "FIN",
    "FRA",
    "DEU",
    "GRC",
    "HUN",
    "ISL",
    "ITA",
    "LVA",
    "LTU",
    "LUX",
    "MNE",
    "NLD",
    "MKD",
    "NOR",
    "POL",
    "PRT",
    "ROU",
    "SVK",
    "SVN",
    "ESP",
    "SWE",
    "TUR",
    "GBR",
    "USA",
    "AUS",
    "AUT",
    "AZE",
    "CHE",
    "CYP",
    "GEO",
    "IRL",
    "ISR",
    "JPN",
    "KOR",
    "MDA",
    "NZL",
    "QAT",
    "SAU",
    "SGP",
    "ARE",
    "MLT",
    "COL",
    "ARG",
    "CHL",
    "MEX",
    "BRA",
    "IND",
    "EU",
]
CURRENCIES = ["EUR", "USD", "GBP", "CAD", "NOK", "SEK", "DKK", "PLN"]
FIRST, LAST = date(2022, 1, 1), date(2026, 4, 13)
PERIODS = [half(calendar_year(2025), "H2"), *(calendar_year(y) for y in range(2022, 2027))]
CREDIT = CreditFilter()


def generate(duck: duckdb.DuckDBPyConnection, count: int) -> None:
    """Fill the store's `entries` with `count` synthetic entries; `u(i, k)` is a uniform draw for column k."""
    assert len(DONORS) == 56
    ensure_schema(duck)
    duck.execute("CREATE OR REPLACE TEMP MACRO u(i, k) AS (hash(i, k) % 1000000007) / 1000000007.0")
    duck.execute("CREATE OR REPLACE TEMP MACRO pick(items, i, k) AS items[1 + (hash(i, k) % len(items))::BIGINT]")
    days = (LAST - FIRST).days + 1
    duck.execute(
        f"""
        INSERT INTO entries
        SELECT i AS seq, kind, pick($donors, i, 2) AS donor,
               round(pow(10, 3 + 5 * u(i, 3)), 2) AS amount,  -- EUR 1,000 to 100 m, log-uniform
               pick($currencies, i, 4) AS currency, on_date,
               CASE WHEN u(i, 6) < 0.8 THEN 'military' WHEN u(i, 6) < 0.9 THEN 'financial'
                    ELSE 'humanitarian' END AS aid_type,
               CASE WHEN u(i, 7) >= 0.2 THEN pick($instruments, i, 7) END AS instrument,
               pick($channels, i, 8) AS channel,
               CASE WHEN phased THEN on_date END AS starts,
               CASE WHEN phased THEN on_date + (365 + u(i, 10) * 1095)::INTEGER END AS ends,
               CASE WHEN kind = 'reversal' THEN 1 + (u(i, 11) * (i - 1))::BIGINT END AS reverses,
               TIMESTAMP '2022-01-01' + to_microseconds((i * 1.4e14 / $count)::BIGINT) AS recorded_at,
               NULL AS cancelled_at
        FROM (
            SELECT i,
                   CASE WHEN u(i, 1) < 0.02 AND i > 1 THEN 'reversal' WHEN u(i, 1) < 0.22 THEN 'pledge'
                        WHEN u(i, 1) < 0.61 THEN 'commitment' ELSE 'delivery' END AS kind,
                   kind = 'pledge' AND u(i, 9) < 0.3 AS phased,
                   DATE '{FIRST.isoformat()}' + (u(i, 5) * {days - 1})::INTEGER AS on_date
            FROM range(1, $count + 1) AS t(i)
        )
        """,
        {
            "count": count,
            "donors": DONORS,
            "currencies": CURRENCIES,
            "instruments": [str(i) for i in Instrument],
            "channels": [str(c) for c in Channel],
        },
    )
    update_spans(duck, "entries")
    mark_cancellations(duck, "entries")
    duck.execute("CHECKPOINT")


def pandas_frame(duck: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The entries as a DataFrame with categorical strings (DuckDB hands over codes: strings would take 60 s)."""
    categories = {
        "kind": ["pledge", "commitment", "delivery", "reversal"],
        "donor": DONORS,
        "currency": CURRENCIES,
        "aid_type": ["military", "financial", "humanitarian"],
        "instrument": [str(i) for i in Instrument],
        "channel": [str(c) for c in Channel],
    }
    codes = ", ".join(f"coalesce(list_position(${name}, {name}), 0)::INTEGER - 1 AS {name}" for name in categories)
    frame = duck.execute(
        f"SELECT seq, amount, on_date, starts, ends, reverses, recorded_at, {codes} FROM entries", categories
    ).df()
    for name, values in categories.items():
        frame[name] = pd.Categorical.from_codes(frame[name], categories=values)
    return frame


def pandas_stage_sums(
    frame: pd.DataFrame, periods: Sequence[Period], credit: CreditFilter, rates: RateTable
) -> dict[tuple[str, str], dict[str, float]]:
    """The rules of `domain.credit.stage_sums`, in plain pandas."""
    known = frame if credit.as_of is None else frame[frame.recorded_at <= credit.as_of.replace(tzinfo=None)]
    cancelled = known.reverses.dropna()
    live = known[(known.kind != "reversal") & ~known.seq.isin(cancelled)]
    live = live[live.aid_type.isin([str(a) for a in credit.aid_types])]
    if credit.instruments is not None:
        live = live[live.instrument.isin([str(i) for i in credit.instruments])]
    if credit.channels is not None:
        live = live[live.channel.isin([str(c) for c in credit.channels])]
    live = _with_eur(live, rates)
    phased = (live.kind == "pledge") & live.starts.notna() & live.ends.notna() if credit.phase_pledges else False
    out: dict[tuple[str, str], dict[str, float]] = {}
    for period in periods:
        first, last = pd.Timestamp(period.start), pd.Timestamp(period.end)
        whole = live[~phased & (live.on_date >= first) & (live.on_date <= last)]
        _add(out, period.label, whole.assign(part=whole.eur))
        spread = live[phased & (live.starts <= last) & (live.ends >= first)]
        overlap = (spread.ends.clip(upper=last) - spread.starts.clip(lower=first)).dt.days + 1
        _add(out, period.label, spread.assign(part=spread.eur * overlap / ((spread.ends - spread.starts).dt.days + 1)))
    return out


def _with_eur(live: pd.DataFrame, rates: RateTable) -> pd.DataFrame:
    """Each entry's amount in EUR at the rate in force on its date (none older than a week: NaN, left out)."""
    quotes = pd.DataFrame(
        [(s.currency, d, float(r)) for s in rates.all_series() for d, r in zip(s.dates, s.rates, strict=True)],
        columns=["currency", "published", "rate"],
    )
    quotes = quotes[quotes.currency.isin(live.currency.cat.categories)]
    quotes["published"] = pd.to_datetime(quotes.published).astype(live.on_date.dtype)
    quotes["currency"] = quotes.currency.astype(live.currency.dtype)
    quotes = quotes.sort_values("published")
    merged = pd.merge_asof(live.sort_values("on_date"), quotes, left_on="on_date", right_on="published", by="currency")
    fresh = (merged.on_date - merged.published) <= pd.Timedelta(MAX_STALENESS)
    rate = np.where(merged.currency == "EUR", 1.0, merged.rate.where(fresh))
    return merged.assign(eur=merged.amount / rate).dropna(subset=["eur"])


def _add(out: dict[tuple[str, str], dict[str, float]], label: str, parts: pd.DataFrame) -> None:
    grouped = parts.groupby(["donor", "kind"], observed=True).part.agg(["sum", "count"])
    for (donor, kind), row in grouped.iterrows():
        sums = out.setdefault((donor, label), {"entries": 0.0})
        sums[kind] = sums.get(kind, 0.0) + row["sum"]
        sums["entries"] += row["count"]


def same_sums(ours: SumsByDonor, theirs: dict[tuple[str, str], dict[str, float]]) -> bool:
    if ours.keys() != theirs.keys():
        return False
    for key, sums in ours.items():
        other = theirs[key]
        if sums.entries != other["entries"]:
            return False
        for kind, value in (("pledge", sums.pledged), ("commitment", sums.committed), ("delivery", sums.delivered)):
            if not math.isclose(float(value), other.get(kind, 0.0), rel_tol=1e-9, abs_tol=1e-6):
                return False
    return True


def timed(work: Callable[[], Any], repeat: int) -> tuple[float, float, Any]:
    """(first call, best call, result of the last call)."""
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - started)
    return times[0], min(times), result


def measure_sums(count: int, rates: RateTable, repeat: int, folder: Path, say: Callable[[str], None]) -> None:
    path = folder / f"burden-{count}.duckdb"
    started = time.perf_counter()
    with duckdb.connect(str(path)) as duck:
        generate(duck, count)
        frame = pandas_frame(duck)
    say(f"{count:,} entries generated and loaded into pandas in {time.perf_counter() - started:.1f} s (not timed)")
    with fresh_database("sqlite", "burden") as empty:
        store = DuckDbAnalytics(empty, path)
        cold, duck_best, (sums, issues) = timed(lambda: store.stage_sums(PERIODS, CREDIT, rates), repeat)
    _, pandas_best, theirs = timed(lambda: pandas_stage_sums(frame, PERIODS, CREDIT, rates), repeat)
    agree = "yes" if same_sums(sums, theirs) and not issues else "NO"
    print(
        f"{count:>12,} {cold:>10.3f} {duck_best:>10.3f} {pandas_best:>10.3f} {pandas_best / duck_best:>8.1f}x "
        f"{len(sums):>6} {agree:>6}",
        flush=True,
    )
    path.unlink()


def measure_feed(backend: str, rows: int, folder: Path, say: Callable[[str], None]) -> None:
    entries = synthetic_entries(rows + 1000)
    now = datetime.now(UTC)
    recorded = chain(entries, EMPTY_CHAIN, "benchmark", now)
    with fresh_database(backend, "feed") as engine:
        plain_insert(engine, driver_rows(engine, recorded[:rows]))
        say(f"{backend}: {rows:,} entries in the SQL ledger (not timed)")
        store = DuckDbAnalytics(engine, folder / f"feed-{backend}.duckdb")
        first = _timed_refresh(store)
        plain_insert(engine, driver_rows(engine, recorded[rows:]))
        more = _timed_refresh(store)
        none = _timed_refresh(store)
    for label, (seconds, copied) in (("initial copy", first), ("1,000 appended", more), ("nothing new", none)):
        rate = f"{copied / seconds:>10,.0f}" if copied else f"{'':>10}"
        print(f"{backend:<11} {label:<15} {copied:>10,} {seconds:>9.3f} {rate}", flush=True)


def _timed_refresh(store: DuckDbAnalytics) -> tuple[float, int]:
    started = time.perf_counter()
    report = store.refresh()
    return time.perf_counter() - started, report.copied


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, nargs="+", default=[1_000_000, 10_000_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--feed-rows", type=int, default=200_000)
    parser.add_argument("--feed-backend", choices=["sqlite", "postgresql", "both", "none"], default="both")
    args = parser.parse_args()

    def say(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    rates, _, problems = read_ecb_rates(shipped_ecb(), loaded_at=datetime.now(UTC))
    if rates is None:
        raise SystemExit(f"the shipped ECB rates did not load: {problems}")
    periods = ", ".join(p.label for p in PERIODS)
    print(f"stage_sums for {periods}; military aid, pledges phased")
    print(f"{os.cpu_count()} cores, DuckDB {duckdb.__version__}, pandas {pd.__version__}; best of {args.repeat}")
    header = f"{'duckdb 1st':>10} {'duckdb s':>10} {'pandas s':>10} {'speed-up':>9} {'rows':>6} {'agree':>6}"
    print(f"{'entries':>12} {header}")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for count in args.entries:
            measure_sums(count, rates, args.repeat, folder, say)
        backends = {"both": ["sqlite", "postgresql"], "none": []}.get(args.feed_backend, [args.feed_backend])
        if backends:
            print(f"\n{'feed':<11} {'step':<15} {'copied':>10} {'seconds':>9} {'rows/s':>10}")
        for backend in backends:
            measure_feed(backend, args.feed_rows, folder, say)


if __name__ == "__main__":
    main()
