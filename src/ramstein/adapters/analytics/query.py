"""`stage_sums` in DuckDB: the rules of `domain.credit` (read its docstring) in two SQL statements.

They work on the store's `entries` copy and the temporary inputs of `inputs.py`. Entries in force and
admitted by the filter are converted at their day's rate (amount / rate, in double precision) and summed
with Kahan summation (`fsum`):

- entries that count whole, per donor, stage and segment of the calendar (Python adds segments up to
  periods);
- phased pledges per donor and period, each weighted by the days of the period it covers.

Entries with no rate are counted; only when there are some does a third query name them, and the domain's
own `convert` words each issue exactly as the reference does.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
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

Row = tuple[Any, ...]

_PHASED = "(e.kind = 'pledge' AND e.starts IS NOT NULL AND e.ends IS NOT NULL)"

_WHOLE = """
    SELECT e.donor, e.kind, FALSE AS by_period, d.segment,
           fsum(e.amount / d.rate) AS eur, count(d.rate) AS n, count(*) AS seen
    FROM entries AS e JOIN day_rates AS d USING (currency, on_date)
    WHERE {admitted} AND NOT {phased} AND d.segment IS NOT NULL
    GROUP BY e.donor, e.kind, d.segment
"""

# Each phased pledge against each period (a handful): `overlap` of its `days` fall in the period.
_SPREAD = f"""
    SELECT donor, 'pledge' AS kind, TRUE AS by_period, idx,
           fsum(eur * overlap / days) AS eur, count(eur) AS n, count(*) AS seen
    FROM (
        SELECT e.donor, p.idx, e.amount / d.rate AS eur, e.ends - e.starts + 1 AS days,
               least(e.ends, p.last_day) - greatest(e.starts, p.first_day) + 1 AS overlap
        FROM entries AS e JOIN day_rates AS d USING (currency, on_date) CROSS JOIN periods AS p
        WHERE {{admitted}} AND {_PHASED}
    )
    WHERE overlap > 0
    GROUP BY donor, idx
"""

# The entries left out for want of a rate, that would otherwise have counted in some period.
_UNRATED = """
    SELECT e.seq, e.currency, e.on_date
    FROM entries AS e JOIN day_rates AS d USING (currency, on_date)
    WHERE {admitted} AND d.rate IS NULL
      AND CASE WHEN {phased}
               THEN EXISTS (SELECT 1 FROM periods AS p WHERE e.starts <= p.last_day AND e.ends >= p.first_day)
               ELSE d.segment IS NOT NULL
          END
    ORDER BY e.seq
"""


def stage_sums(
    duck: duckdb.DuckDBPyConnection, periods: Sequence[Period], credit: CreditFilter, rates: RateTable
) -> tuple[SumsByDonor, list[DataIssue]]:
    """What `domain.credit.stage_sums` returns, computed over the store's copy of the ledger."""
    if not periods:
        return {}, []
    cut = load_inputs(duck, periods, rates)
    admitted, params = _admitted(credit)
    phased = _PHASED if credit.phase_pledges else "FALSE"
    rows = duck.execute(_WHOLE.format(admitted=admitted, phased=phased), params).fetchall()
    if credit.phase_pledges:
        rows += duck.execute(_SPREAD.format(admitted=admitted), params).fetchall()
    sums = _assemble(rows, periods, cut)
    if not any(int(row[6]) > int(row[5]) for row in rows):
        return sums, []
    unrated = duck.execute(_UNRATED.format(admitted=admitted, phased=phased), params).fetchall()
    return sums, _issues(unrated, rates)


def _admitted(credit: CreditFilter) -> tuple[str, dict[str, Any]]:
    """The SQL condition for entries in force as of `credit.as_of` that the filter admits, and its parameters.

    Why the filter's values are written into the text: `list_contains($list, column)` costs ~0.17 s per
    10 M entries more than `column IN ('a', 'b')`. They are members of the domain's enums, quoted anyway.
    An instrument list never admits an entry that names none (`NULL IN (...)` is not true), as in `admits`.
    """
    clauses = ["e.kind <> 'reversal'", f"e.aid_type IN {_values(credit.aid_types)}"]
    if credit.instruments is not None:
        clauses.append(f"e.instrument IN {_values(credit.instruments)}")
    if credit.channels is not None:
        clauses.append(f"e.channel IN {_values(credit.channels)}")
    if credit.as_of is None:
        return " AND ".join([*clauses, "e.cancelled_at IS NULL"]), {}
    if credit.as_of.tzinfo is None:
        raise InvalidInput("as_of must carry a time zone: recording times are compared in UTC")
    # Recorded by then, and not cancelled by a reversal recorded by then.
    clauses += ["e.recorded_at <= $as_of", "(e.cancelled_at IS NULL OR e.cancelled_at > $as_of)"]
    return " AND ".join(clauses), {"as_of": credit.as_of.astimezone(UTC).replace(tzinfo=None)}


def _values(members: Iterable[str]) -> str:
    """('a', 'b') for an SQL IN; an empty set matches nothing."""
    quoted = sorted("'" + str(m).replace("'", "''") + "'" for m in members)
    return f"({', '.join(quoted)})" if quoted else "(NULL)"


def _assemble(rows: list[Row], periods: Sequence[Period], cut: list[Segment]) -> SumsByDonor:
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


def _issues(rows: list[Row], rates: RateTable) -> list[DataIssue]:
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
