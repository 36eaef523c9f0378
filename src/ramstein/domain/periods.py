"""Reporting periods: a calendar year, a pledge year running from a summit date, and their halves."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ramstein.domain.errors import InvalidInput


@dataclass(frozen=True, slots=True, order=True)
class Period:
    """A closed range of days with a label for reports ("2024", "2024-H2", "2024/25")."""

    start: date
    end: date
    label: str

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise InvalidInput(f"period {self.label} ends ({self.end}) before it starts ({self.start})")

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def overlap_days(self, start: date, end: date) -> int:
        """How many days of [start, end] fall inside this period."""
        first, last = max(start, self.start), min(end, self.end)
        return max((last - first).days + 1, 0)


def calendar_year(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31), str(year))


def pledge_year(year: int, month: int, day: int) -> Period:
    """The year that starts on a summit's anniversary, e.g. 2024-07-10 to 2025-07-09 ("2024/25")."""
    start = date(year, month, day)
    end = date(year + 1, month, day) - timedelta(days=1)
    return Period(start, end, f"{year}/{str(year + 1)[-2:]}")


def half(period: Period, which: str) -> Period:
    """The first (H1) or second (H2) six months of a year-long period: January-June, or from a summit date."""
    if which not in ("H1", "H2"):
        raise InvalidInput(f"half {which!r} is not H1 or H2", hint="use --half H1 or --half H2.")
    month = period.start.month + 6
    middle = period.start.replace(year=period.start.year + (month - 1) // 12, month=(month - 1) % 12 + 1)
    if which == "H1":
        return Period(period.start, middle - timedelta(days=1), f"{period.label}-H1")
    return Period(middle, period.end, f"{period.label}-H2")
