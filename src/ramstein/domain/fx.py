"""Exchange rates: ECB euro reference rates, quoted as units of a currency per 1 EUR.

A conversion on a date uses that day's rate, or the last one published before it when the ECB did not
publish (weekends, TARGET holidays), and says which date it used. Cross rates go through EUR. A rate older
than `MAX_STALENESS` is never used: a discontinued currency (RUB after 2022-03-01, BGN after 2025-12-31)
or a date past the end of the data is an error that says why, never a silently wrong number.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, localcontext
from itertools import pairwise

from ramstein.domain.currency import ACTIVE, EURO_CHANGEOVER, REDENOMINATED
from ramstein.domain.errors import InvalidInput, RateUnavailable
from ramstein.domain.money import Money, check_currency

BASE = "EUR"
# The longest run of days without an ECB fixing in normal operation is Good Friday to Easter Monday
# (four days); a week leaves room for that and no more.
MAX_STALENESS = timedelta(days=7)
PRECISION = 34  # significant digits for conversion arithmetic (IEEE decimal128)


@dataclass(frozen=True, slots=True)
class Quote:
    """One published rate: `rate` units of `currency` per 1 EUR, published on `published`."""

    currency: str
    rate: Decimal
    published: date
    source: str


@dataclass(frozen=True, slots=True)
class RateSeries:
    """All published rates of one currency, oldest first."""

    currency: str
    dates: tuple[date, ...]
    rates: tuple[Decimal, ...]

    def __post_init__(self) -> None:
        if len(self.dates) != len(self.rates):
            raise ValueError("dates and rates differ in length")
        if any(a >= b for a, b in pairwise(self.dates)):
            raise ValueError(f"{self.currency} rates are not in strictly increasing date order")


@dataclass(frozen=True, slots=True)
class Conversion:
    """The result of a conversion and everything needed to explain it."""

    original: Money
    result: Money
    rate: Decimal  # units of result.currency per unit of original.currency
    requested: date | tuple[date, date]
    quotes: tuple[Quote, ...]  # the EUR quotes used (none when no conversion was needed)
    method: str  # "daily" or "average"

    def explain(self) -> str:
        if not self.quotes:
            return "same currency, no conversion"
        if self.method == "average":
            start, end = self.requested  # type: ignore[misc]
            return f"average of ECB daily rates {start.isoformat()} to {end.isoformat()}"
        used = sorted({q.published for q in self.quotes})
        requested = self.requested
        parts = [f"ECB rate of {d.isoformat()}" for d in used]
        note = ", ".join(parts)
        if isinstance(requested, date) and used and used[-1] != requested:
            note += f" (last published on or before {requested.isoformat()})"
        return note


class RateTable:
    """ECB reference rates for many currencies; pure lookups, no I/O."""

    def __init__(self, series: Mapping[str, RateSeries], *, source: str, last_date: date | None = None) -> None:
        """`last_date` is the last publication day of the whole file; give it when `series` holds only some
        currencies, so that a currency the ECB stopped publishing is told apart from the end of the data."""
        self._series = dict(series)
        self.source = source
        ends = [s.dates[-1] for s in self._series.values() if s.dates]
        self.last_date: date | None = max([*ends, *([last_date] if last_date else [])], default=None)

    @property
    def currencies(self) -> list[str]:
        return sorted({BASE, *self._series})

    def all_series(self) -> list[RateSeries]:
        return [self._series[c] for c in sorted(self._series)]

    def series(self, currency: str) -> RateSeries:
        check_currency(currency)
        found = self._series.get(currency)
        if found is None or not found.dates:
            raise _never_published(currency)
        return found

    def quote(self, currency: str, on: date) -> Quote:
        """The rate in force on `on`: that day's fixing or the last one before it."""
        if currency == BASE:
            return Quote(BASE, Decimal(1), on, "definition")
        series = self.series(currency)
        index = bisect_right(series.dates, on) - 1
        if index < 0:
            raise RateUnavailable(
                f"no ECB rate for {currency} on {on.isoformat()}: its rates start on {series.dates[0].isoformat()}",
                hint="use a later date or record the amount in EUR.",
            )
        published = series.dates[index]
        if on - published > MAX_STALENESS:
            raise self._stale(currency, series, on, published)
        return Quote(currency, series.rates[index], published, self.source)

    def average(self, currency: str, start: date, end: date) -> Quote:
        """The mean of the daily rates published from `start` to `end` (inclusive), as the ECB averages."""
        if end < start:
            raise InvalidInput(f"period ends ({end.isoformat()}) before it starts ({start.isoformat()})")
        if currency == BASE:
            return Quote(BASE, Decimal(1), end, "definition")
        series = self.series(currency)
        # Every day of the period must have a rate in force, else the mean would describe another period.
        in_force = self.quote(currency, start)
        self.quote(currency, end)
        lo = bisect_right(series.dates, start - timedelta(days=1))
        hi = bisect_right(series.dates, end)
        dates, rates = series.dates[lo:hi], series.rates[lo:hi] or (in_force.rate,)  # none inside: one held
        for before, after in pairwise((in_force.published, *dates)):
            if after - before > MAX_STALENESS:
                raise RateUnavailable(
                    f"no average {currency} rate for {start} to {end}: the ECB published none "
                    f"from {before.isoformat()} to {after.isoformat()}",
                    hint="choose a period the ECB series covers or a rate on a single date.",
                )
        with localcontext() as ctx:
            ctx.prec = PRECISION
            mean = sum(rates, Decimal(0)) / len(rates)
        return Quote(currency, mean, end, f"{self.source}, mean of {len(rates)} daily rates from {start}")

    def _stale(self, currency: str, series: RateSeries, on: date, published: date) -> RateUnavailable:
        ended = series.dates[-1]
        if published == ended and self.last_date is not None and ended < self.last_date:
            changeover = EURO_CHANGEOVER.get(currency)
            hint = (
                f"{currency} was replaced by the euro on {changeover[0].isoformat()}; record the amount in EUR."
                if changeover
                else "record the amount in EUR or in a currency the ECB still publishes."
            )
            message = f"the ECB stopped publishing {currency} after {ended.isoformat()}; no rate on {on}"
            return RateUnavailable(message, hint=hint)
        if published == ended:
            return RateUnavailable(
                f"no ECB rate for {on.isoformat()}: the loaded rates end on {ended.isoformat()}",
                hint="load a newer ECB file with `ramstein data update --fx FILE`.",
            )
        return RateUnavailable(
            f"no ECB rate for {currency} within {MAX_STALENESS.days} days before {on.isoformat()}: "
            f"the last one was published on {published.isoformat()} (a gap in the ECB series)",
            hint="use a date with a published rate or record the amount in EUR.",
        )


def _never_published(currency: str) -> RateUnavailable:
    if currency in EURO_CHANGEOVER and currency not in ACTIVE:
        when, fixed = EURO_CHANGEOVER[currency]
        return RateUnavailable(
            f"{currency} is a legacy currency: the euro replaced it on {when.isoformat()} (1 EUR = {fixed} {currency})",
            hint="record the amount in EUR.",
        )
    if currency in REDENOMINATED:
        return RateUnavailable(
            f"{currency} is a legacy currency, redenominated as {REDENOMINATED[currency]}",
            hint=f"record the amount in {REDENOMINATED[currency]}.",
        )
    return RateUnavailable(
        f"the ECB publishes no reference rate for {currency}",
        hint="record the amount in EUR or in a currency the ECB publishes (`ramstein fx rates` lists them).",
    )


def convert(amount: Money, to: str, *, on: date, rates: RateTable) -> Conversion:
    """Convert at the ECB rate in force on `on`, through EUR when neither side is EUR."""
    check_currency(to)
    if amount.currency == to:
        return Conversion(amount, amount, Decimal(1), on, (), "daily")
    source, target = rates.quote(amount.currency, on), rates.quote(to, on)
    return _through_euro(amount, to, source, target, on, "daily")


def convert_average(amount: Money, to: str, *, start: date, end: date, rates: RateTable) -> Conversion:
    """Convert at the period's average rates (for annual figures such as GDP)."""
    check_currency(to)
    if amount.currency == to:
        return Conversion(amount, amount, Decimal(1), (start, end), (), "average")
    source, target = rates.average(amount.currency, start, end), rates.average(to, start, end)
    return _through_euro(amount, to, source, target, (start, end), "average")


def _through_euro(
    amount: Money, to: str, source: Quote, target: Quote, requested: date | tuple[date, date], method: str
) -> Conversion:
    with localcontext() as ctx:
        ctx.prec = PRECISION
        rate = target.rate / source.rate
        result = amount.amount / source.rate * target.rate
    quotes = tuple(q for q in (source, target) if q.currency != BASE)
    return Conversion(amount, Money(result, to), rate, requested, quotes, method)
