"""Checks on what was read: a stated conversion against the ECB rate of the document's date, and the same
support reported with different amounts in two documents.

Tolerance: 5 %. Journalists round conversions ("omkring 410 milliarder"), convert at the rate of the day they
write rather than the ECB's fixing, and quote amounts to two significant digits; 5 % admits all of that and
still catches a wrong scale, a wrong currency or an outdated rate after a large move.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from ramstein.domain.errors import RateUnavailable
from ramstein.domain.fx import RateTable, convert
from ramstein.domain.money import Money, canonical_decimal

TOLERANCE = Decimal("0.05")
SAME_PLEDGE_WITHIN = timedelta(days=92)  # two reports of one pledge appear within about a quarter


def conversion_gap(original: Money, stated: Money, on: date, rates: RateTable) -> tuple[Decimal, Money, date]:
    """(stated / expected - 1, the expected amount, the ECB date used) for a stated conversion."""
    result = convert(original, stated.currency, on=on, rates=rates)
    expected = result.result.amount
    used = max(q.published for q in result.quotes) if result.quotes else on
    return stated.amount / expected - 1, Money(expected, stated.currency), used


def conversion_flag(original: Money, stated: Money, on: date, rates: RateTable) -> str | None:
    """A flag when the stated conversion is off by more than the tolerance, or cannot be checked."""
    try:
        gap, expected, used = conversion_gap(original, stated, on, rates)
    except RateUnavailable as error:
        return f"conversion not checked: {error.message}"
    if abs(gap) <= TOLERANCE:
        return None
    return (
        f"conversion off by {gap * 100:+.1f} %: {_show(original)} is {_show(expected)} at the ECB rate of "
        f"{used.isoformat()}, the text says {_show(stated)}"
    )


def in_euro(amount: Money, on: date, rates: RateTable) -> Decimal | None:
    try:
        return convert(amount, "EUR", on=on, rates=rates).result.amount
    except RateUnavailable:
        return None


def differs(first: Decimal, second: Decimal) -> bool:
    """Two amounts in EUR that are more than the tolerance apart (relative to the larger)."""
    larger = max(abs(first), abs(second))
    return larger > 0 and abs(first - second) / larger > TOLERANCE


def _show(amount: Money) -> str:
    return f"{amount.currency} {canonical_decimal(amount.amount.quantize(Decimal(1)))}"
