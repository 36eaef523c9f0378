"""A Kiel release supersedes the one in force cell by cell, through reversals."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from ramstein.domain.errors import Conflict
from ramstein.domain.ledger import EMPTY_CHAIN, AidType, Channel, chain
from ramstein.domain.tracker import Allocation, Release, plan_import

MARCH, APRIL = date(2022, 3, 1), date(2022, 4, 1)


def release(number: int, *cells: tuple[str, date, AidType, str]) -> Release:
    allocations = tuple(Allocation(d, m, t, Decimal(v)) for d, m, t, v in cells)
    return Release(number, "04/2026", date(2026, 8, 4), f"Release {number}", allocations)


def in_force(r: Release):
    return chain([r.entry(a) for a in r.allocations if a.eur_bn], EMPTY_CHAIN, "test", datetime(2026, 1, 1, tzinfo=UTC))


R29 = release(
    29,
    ("DEU", MARCH, AidType.MILITARY, "0.5"),
    ("DEU", APRIL, AidType.MILITARY, "0.25"),
    ("EU", MARCH, AidType.FINANCIAL, "1.2"),
    ("DNK", MARCH, AidType.MILITARY, "0"),
)


def test_cells_become_commitments_in_euro_with_the_release_as_source():
    entries = [R29.entry(a) for a in R29.allocations if a.eur_bn]
    assert entries[0].amount.amount == Decimal("500000000") and entries[0].amount.currency == "EUR"
    assert entries[0].external_id == "kiel:29:DEU:2022-03:military"
    assert entries[2].channel is Channel.EU
    assert "Release 29" in entries[0].source


def test_the_first_import_adds_every_non_zero_cell():
    plan = plan_import(R29, [])
    assert len(plan.add) == 3 and not plan.reverse


def test_importing_the_same_release_again_changes_nothing():
    plan = plan_import(R29, in_force(R29))
    assert plan.is_empty and plan.unchanged == 3


def test_a_newer_release_reverses_changed_and_dropped_cells_and_adds_new_ones():
    r30 = release(
        30,
        ("DEU", MARCH, AidType.MILITARY, "0.5"),  # unchanged
        ("DEU", APRIL, AidType.MILITARY, "0.3"),  # revised
        ("POL", APRIL, AidType.HUMANITARIAN, "0.1"),  # new
    )  # EU financial for March disappeared
    current = in_force(R29)
    plan = plan_import(r30, current)
    assert plan.unchanged == 1
    assert sorted(e.external_id for e in plan.add) == [
        "kiel:30:DEU:2022-04:military",
        "kiel:30:POL:2022-04:humanitarian",
    ]
    assert sorted(r.entry.external_id for r in plan.reverse) == [
        "kiel:29:DEU:2022-04:military",
        "kiel:29:EU:2022-03:financial",
    ]


def test_an_older_release_than_the_one_in_force_is_refused():
    newer = release(30, ("DEU", MARCH, AidType.MILITARY, "0.7"))
    with pytest.raises(Conflict, match="older"):
        plan_import(R29, in_force(newer))
