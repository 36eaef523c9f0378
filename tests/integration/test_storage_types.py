"""The column types of the SQL store keep values exact (they need no database to be checked)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy.dialects import postgresql, sqlite

from ramstein.adapters.db.types import ExactDecimal, UtcDateTime
from ramstein.domain.money import canonical_decimal


@given(st.decimals(allow_nan=False, allow_infinity=False))
def test_decimals_are_stored_as_the_canonical_text_the_hash_uses(value: Decimal) -> None:
    stored = ExactDecimal().process_bind_param(value, sqlite.dialect())
    assert stored == canonical_decimal(value)
    assert Decimal(stored) == value


@pytest.mark.parametrize("dialect", [sqlite.dialect(), postgresql.dialect()])
def test_naive_datetimes_and_floats_are_refused(dialect: object) -> None:
    with pytest.raises(ValueError, match="naive"):
        UtcDateTime().process_bind_param(datetime(2024, 7, 10, 9, 30), dialect)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="Decimal"):
        ExactDecimal().process_bind_param(0.1, dialect)  # type: ignore[arg-type]
