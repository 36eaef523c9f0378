"""`stage_sums` in DuckDB: the rules of `domain.credit` (read its docstring) as one SQL statement.

The statement works on the store's `entries` copy and the temporary inputs of `inputs.py`. Entries in
force and admitted by the filter are converted at their day's rate (amount / rate, in double precision)
and summed with Kahan summation (`fsum`) per donor, stage and segment; phased pledges are first summed per
donor and covered span, then spread over the periods by overlapping days. Python adds segments up to
periods. Entries with no rate are counted; only when there are some does a second query name them, and
the domain's own `convert` words each issue exactly as the reference does.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC
from decimal import Decimal
from typing import Any

import duckdb

from ramstein.adapters.analytics.inputs import Segment, load_inputs
from ramstein.domain.credit import EUR, CreditFilter, StageSums, SumsByDonor
from ramstein.domain.errors import InvalidInput, RateUnavailable
from ramstein.domain.fx import RateTable, convert
from ramstein.domain.issues import DataIssue
from ramstein.domain.ledger import EntryKind
from ramstein.domain.money import Money
from ramstein.domain.periods import Period

# The entries in force as of $as_of (a reversal cancels only once recorded) that the filter admits.
# $instruments / $channels NULL: any; a list never admits an entry that names no instrument.
_COUNTED = """
    counted AS (
        SELECT e.*, ($phase AND e.kind = 'pledge' AND e.starts IS NOT NULL AND e.ends IS NOT NULL) AS phased
        FROM entries AS e
        WHERE e.kind <> 'reversal'
          AND ($as_of IS NULL OR e.recorded_at <= $as_of)
          AND list_contains($aid_types, e.aid_type)
          AND ($instruments IS NULL OR list_contains($instruments, e.instrument))
          AND ($channels IS NULL OR list_contains($channels, e.channel))
          AND e.seq NOT IN (
              SELECT r.reverses FROM entries AS r
              WHERE r.reverses IS NOT NULL AND ($as_of IS NULL OR r.recorded_at <= $as_of)
          )
    )
"""

_SUMS = f"""
    WITH {_COUNTED},
    grouped AS MATERIALIZED (
        -- Summed by what decides where an entry counts: its day's segment, or a phased pledge's span.
        SELECT c.donor, c.kind, c.phased,
               CASE WHEN NOT c.phased THEN d.segment END AS segment,
               CASE WHEN c.phased THEN c.starts END AS starts,
               CASE WHEN c.phased THEN c.ends END AS ends,
               fsum(c.amount / d.rate) AS eur, count(d.rate) AS n, count(*) AS seen
        FROM counted AS c JOIN day_rates AS d USING (currency, on_date)
        WHERE c.phased OR d.segment IS NOT NULL
        GROUP BY ALL
    )
    SELECT donor, kind, FALSE AS by_period, segment AS idx, eur, n, seen
    FROM grouped WHERE NOT phased
    UNION ALL
    SELECT g.donor, g.kind, TRUE, p.idx,
           fsum(g.eur * (least(g.ends, p.last_day) - greatest(g.starts, p.first_day) + 1)
                / (g.ends - g.starts + 1)),
           sum(g.n), sum(g.seen)
    FROM grouped AS g JOIN periods AS p ON g.starts <= p.last_day AND g.ends >= p.first_day
    WHERE g.phased
    GROUP BY g.donor, g.kind, p.idx
"""

# The entries left out for want of a rate, that would otherwise have counted in some period.
_UNRATED = f"""
    WITH {_COUNTED}
    SELECT c.seq, c.currency, c.on_date
    FROM counted AS c JOIN day_rates AS d USING (currency, on_date)
    WHERE d.rate IS NULL
      AND CASE WHEN c.phased
               THEN EXISTS (SELECT 1 FROM periods AS p WHERE c.starts <= p.last_day AND c.ends >= p.first_day)
               ELSE d.segment IS NOT NULL
          END
    ORDER BY c.seq
"""


def stage_sums(
    duck: duckdb.DuckDBPyConnection, periods: Sequence[Period], credit: CreditFilter, rates: RateTable
) -> tuple[SumsByDonor, list[DataIssue]]:
    """What `domain.credit.stage_sums` returns, computed over the store's copy of the ledger."""
    if not periods:
        return {}, []
    cut = load_inputs(duck, periods, rates)
    params = _parameters(credit)
    rows = duck.execute(_SUMS, params).fetchall()
    sums = _assemble(rows, periods, cut)
    unrated = sum(int(row[6]) - int(row[5]) for row in rows)
    issues = _issues(duck.execute(_UNRATED, params).fetchall(), rates) if unrated else []
    return sums, issues


def _parameters(credit: CreditFilter) -> dict[str, Any]:
    as_of = credit.as_of
    if as_of is not None and as_of.tzinfo is None:
        raise InvalidInput("as_of must carry a time zone: recording times are compared in UTC")
    return {
        "as_of": as_of.astimezone(UTC).replace(tzinfo=None) if as_of else None,
        "aid_types": sorted(str(a) for a in credit.aid_types),
        "instruments": None if credit.instruments is None else sorted(str(i) for i in credit.instruments),
        "channels": None if credit.channels is None else sorted(str(c) for c in credit.channels),
        "phase": credit.phase_pledges,
    }


def _assemble(rows: list[tuple[Any, ...]], periods: Sequence[Period], cut: list[Segment]) -> SumsByDonor:
    """Add the segment and period rows up per (donor, period label) and stage."""
    parts: dict[tuple[str, str], dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for donor, kind, by_period, idx, eur, n, _seen in rows:
        if not n:
            continue
        for p in (idx,) if by_period else cut[idx].periods:
            key = (donor, periods[p].label)
            parts[key][kind].append(eur)
            counts[key] += int(n)
    return {key: _stage_sums(by_kind, counts[key]) for key, by_kind in parts.items()}


def _stage_sums(by_kind: dict[str, list[float]], entries: int) -> StageSums:
    def total(kind: EntryKind) -> Decimal:
        # The shortest decimal that reads back as the double: 1234.56, not 1234.5599999999999454.
        return Decimal(repr(math.fsum(by_kind[kind]))) if kind in by_kind else Decimal(0)

    return StageSums(total(EntryKind.PLEDGE), total(EntryKind.COMMITMENT), total(EntryKind.DELIVERY), entries)


def _issues(rows: list[tuple[Any, ...]], rates: RateTable) -> list[DataIssue]:
    """Each entry left out for want of a rate, worded by the domain's `convert`, as the reference words it."""
    issues = []
    for seq, currency, on in rows:
        try:
            convert(Money(Decimal(1), currency), EUR, on=on, rates=rates)
        except RateUnavailable as exc:
            issues.append(DataIssue("ledger", seq, "amount", f"entry #{seq} left out: {exc}"))
        else:  # pragma: no cover - day_rates follows RateTable.quote's rule; a difference is a bug here
            raise AssertionError(f"entry #{seq}: the store found no {currency} rate on {on}, the rate table did")
    return issues
