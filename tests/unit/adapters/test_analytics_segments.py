"""The analytic store sums per segment of the calendar: pieces that lie wholly inside or outside each period."""

from __future__ import annotations

from datetime import date
from itertools import pairwise

from ramstein.adapters.analytics.inputs import Segment, segments
from ramstein.domain.periods import Period, calendar_year, half, pledge_year


def test_a_year_and_its_second_half_make_two_segments() -> None:
    assert segments([calendar_year(2024), half(calendar_year(2024), "H2")]) == [
        Segment(date(2024, 1, 1), date(2024, 6, 30), (0,)),
        Segment(date(2024, 7, 1), date(2024, 12, 31), (0, 1)),
    ]


def test_a_gap_between_periods_is_no_segment() -> None:
    assert segments([calendar_year(2022), calendar_year(2024)]) == [
        Segment(date(2022, 1, 1), date(2022, 12, 31), (0,)),
        Segment(date(2024, 1, 1), date(2024, 12, 31), (1,)),
    ]


def test_overlapping_years_cut_at_both_boundaries() -> None:
    cut = segments([calendar_year(2024), pledge_year(2024, 7, 10), calendar_year(2025)])
    assert [(s.first, s.last, s.periods) for s in cut] == [
        (date(2024, 1, 1), date(2024, 7, 9), (0,)),
        (date(2024, 7, 10), date(2024, 12, 31), (0, 1)),
        (date(2025, 1, 1), date(2025, 7, 9), (1, 2)),
        (date(2025, 7, 10), date(2025, 12, 31), (2,)),
    ]


def test_every_day_of_every_period_lies_in_exactly_one_of_its_segments() -> None:
    periods = [
        half(calendar_year(2024), "H1"),
        Period(date(2024, 3, 1), date(2024, 3, 1), "one day"),
        calendar_year(2024),
    ]
    cut = segments(periods)
    for index, period in enumerate(periods):
        covered = sum((s.last - s.first).days + 1 for s in cut if index in s.periods)
        assert covered == period.days
    assert all(a.last < b.first for a, b in pairwise(cut))
