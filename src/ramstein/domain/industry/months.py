"""Whole months: the forecast's grid. A month is the date of its first day."""

from __future__ import annotations

from datetime import date


def first_of(day: date) -> date:
    return day.replace(day=1)


def add_months(month: date, count: int) -> date:
    year, index = divmod(month.year * 12 + month.month - 1 + count, 12)
    return date(year, index + 1, 1)


def months_between(start: date, later: date) -> int:
    """How many months `later`'s month is after `start`'s month (negative when before)."""
    return (later.year - start.year) * 12 + later.month - start.month


def label(month: date) -> str:
    return f"{month:%Y-%m}"
