"""Small builders for domain tests: a valid entry with only what a test cares about, a recorded chain,
a rate table from a few published rates.

Builders are session-scoped factory fixtures so that hypothesis tests may use them too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pytest

from ramstein.domain.fx import RateTable
from ramstein.domain.ledger import Entry, LedgerEntry
from tests import builders

RECORDED_AT, RECORDER = builders.RECORDED_AT, builders.RECORDER
build_entry = builders.an_entry
build_rate_table = builders.a_rate_table


def build_chain(entries: Iterable[Entry]) -> list[LedgerEntry]:
    return builders.recorded(entries)


@pytest.fixture(scope="session")
def make_entry() -> Callable[..., Entry]:
    return build_entry


@pytest.fixture(scope="session")
def record() -> Callable[[Iterable[Entry]], list[LedgerEntry]]:
    return build_chain


@pytest.fixture(scope="session")
def rate_table() -> Callable[..., RateTable]:
    return build_rate_table
