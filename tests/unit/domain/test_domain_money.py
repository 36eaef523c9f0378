"""Money is a Decimal amount with an ISO 4217 currency; `money()` is the one way in from user input."""

from __future__ import annotations

from decimal import Context, Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ramstein.domain.errors import CurrencyMismatch, InvalidInput, UnknownCurrency
from ramstein.domain.money import Money, canonical_decimal, money, zero

PROPERTY = settings(max_examples=300, derandomize=True, deadline=None)


# --- money(): what it accepts ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given_amount", "expected"),
    [
        ("1500000.50", Decimal("1500000.50")),
        ("10.5bn", Decimal("10500000000")),
        ("10.5 bn", Decimal("10500000000")),
        ("2.5m", Decimal("2500000")),
        ("2.5M", Decimal("2500000")),
        ("250k", Decimal("250000")),
        ("1_000", Decimal("1000")),
        (" 42 ", Decimal("42")),
        ("-3.25", Decimal("-3.25")),
        (".5", Decimal("0.5")),
        (1500, Decimal("1500")),
        (Decimal("2.5"), Decimal("2.5")),
    ],
)
def test_money_reads_plain_and_scaled_amounts(given_amount: str | int | Decimal, expected: Decimal) -> None:
    assert money(given_amount, "EUR") == Money(expected, "EUR")


def test_money_keeps_every_digit_the_user_wrote() -> None:
    written = "37658997942.083219753962102522"  # 30 significant digits, beyond the default context's 28
    assert money(written, "EUR").amount == Decimal(written)
    assert money("-" + written, "EUR").amount == Decimal("-" + written)


def test_money_keeps_cents_exactly() -> None:
    assert money("0.10", "EUR") + money("0.20", "EUR") == money("0.30", "EUR")


# --- money(): what it refuses ---------------------------------------------------------------------------------


def test_a_float_is_refused_because_it_loses_cents() -> None:
    with pytest.raises(InvalidInput, match="float"):
        money(0.1, "EUR")  # type: ignore[arg-type]


def test_a_bool_is_not_an_amount() -> None:
    with pytest.raises(InvalidInput):
        money(True, "EUR")


@pytest.mark.parametrize(
    "text", ["1,5", "1.500,00", "1.2.3", "", "   ", "abc", "NaN", "nan", "inf", "-Infinity", "1e6", "5x"]
)
def test_malformed_amount_text_is_refused_with_an_example_of_how_to_write_it(text: str) -> None:
    with pytest.raises(InvalidInput, match="malformed amount") as caught:
        money(text, "EUR")
    assert "10.5bn" in caught.value.hint


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("sNaN"), Decimal("Infinity"), Decimal("-Infinity")])
def test_a_decimal_that_is_not_a_finite_number_is_refused(value: Decimal) -> None:
    with pytest.raises(InvalidInput, match="finite"):
        money(value, "EUR")


def test_money_cannot_be_built_around_a_float_directly() -> None:
    with pytest.raises(InvalidInput, match="Decimal"):
        Money(1.5, "EUR")  # type: ignore[arg-type]


def test_an_unknown_currency_is_refused_with_a_hint_naming_iso_4217() -> None:
    with pytest.raises(UnknownCurrency) as caught:
        money("1", "XYZ")
    assert "ISO 4217" in caught.value.hint


def test_a_lower_case_currency_is_refused_with_a_hint_to_write_it_upper_case() -> None:
    with pytest.raises(UnknownCurrency) as caught:
        money("1", "eur")
    assert "upper case" in caught.value.hint
    assert "EUR" in caught.value.hint


def test_an_unknown_currency_is_an_invalid_input() -> None:
    assert issubclass(UnknownCurrency, InvalidInput)


@pytest.mark.parametrize("code", ["EUR", "USD", "UAH", "DEM", "ROL", "BGN", "XDR"])
def test_active_legacy_and_redenominated_codes_are_known(code: str) -> None:
    assert money("1", code).currency == code


# --- arithmetic -----------------------------------------------------------------------------------------------


def test_amounts_in_one_currency_add_subtract_and_negate() -> None:
    a, b = money("10.5bn", "EUR"), money("2.5m", "EUR")
    assert a + b == money("10502500000", "EUR")
    assert a - b == money("10497500000", "EUR")
    assert -b == money("-2500000", "EUR")


def test_money_multiplies_by_int_or_decimal_but_not_by_float() -> None:
    assert money("2.5", "EUR") * 4 == money("10", "EUR")
    assert 4 * money("2.5", "EUR") == money("10", "EUR")
    assert money("2.5", "EUR") * Decimal("0.5") == money("1.25", "EUR")
    with pytest.raises(InvalidInput, match="float"):
        money("2.5", "EUR") * 0.5  # type: ignore[operator]


@pytest.mark.parametrize(
    "combine",
    [
        pytest.param(lambda a, b: a + b, id="add"),
        pytest.param(lambda a, b: a - b, id="subtract"),
        pytest.param(lambda a, b: a < b, id="less-than"),
        pytest.param(lambda a, b: a <= b, id="at-most"),
    ],
)
def test_mixing_currencies_raises_currency_mismatch(combine: object) -> None:
    with pytest.raises(CurrencyMismatch, match="EUR with USD") as caught:
        combine(money("1", "EUR"), money("1", "USD"))  # type: ignore[operator]
    assert "convert" in caught.value.hint


def test_money_does_not_combine_with_a_bare_number() -> None:
    with pytest.raises(TypeError):
        money("1", "EUR") + Decimal(1)  # type: ignore[operator]


def test_equal_amounts_in_different_currencies_are_not_equal() -> None:
    assert money("1", "EUR") != money("1", "USD")


def test_zero_is_zero_in_its_currency() -> None:
    assert zero("NOK").is_zero
    assert zero("NOK").currency == "NOK"
    assert not money("0.01", "NOK").is_zero


def test_money_prints_currency_then_canonical_amount() -> None:
    assert str(money("2.50m", "DKK")) == "DKK 2500000"


# --- canonical_decimal ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("2.645E+6", "2645000"),
        ("2645000.00", "2645000"),
        ("0.500", "0.5"),
        ("-0.00", "0"),
        ("0E+3", "0"),
        ("1E-7", "0.0000001"),
        ("-12.340", "-12.34"),
    ],
)
def test_canonical_decimal_writes_the_plain_shortest_form(value: str, text: str) -> None:
    assert canonical_decimal(Decimal(value)) == text


finite_decimals = st.decimals(allow_nan=False, allow_infinity=False, places=None, min_value=-(10**15), max_value=10**15)
# Up to 40 significant digits at any scale: conversions produce 34, beyond the default context's 28.
significands = st.integers(min_value=1, max_value=40).flatmap(lambda n: st.integers(10 ** (n - 1), 10**n - 1))
long_decimals = st.builds(
    lambda sign, n, exponent: Decimal((sign, tuple(int(d) for d in str(n)), exponent)),
    sign=st.sampled_from([0, 1]),
    n=significands,
    exponent=st.integers(min_value=-20, max_value=12),
)


@PROPERTY
@given(value=st.one_of(finite_decimals, long_decimals), extra_zeros=st.integers(min_value=0, max_value=8))
def test_canonical_decimal_is_the_same_for_equal_numbers_with_different_exponents(
    value: Decimal, extra_zeros: int
) -> None:
    sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    padded = Decimal((sign, (*digits, *(0,) * extra_zeros), exponent - extra_zeros))
    assert padded == value
    assert canonical_decimal(padded) == canonical_decimal(value)


@PROPERTY
@given(value=st.one_of(finite_decimals, long_decimals))
def test_canonical_decimal_reads_back_as_the_same_number(value: Decimal) -> None:
    text = canonical_decimal(value)
    assert Decimal(text) == value
    assert "E" not in text


@PROPERTY
@given(value=long_decimals)
def test_numbers_one_unit_apart_in_the_last_digit_have_different_canonical_texts(value: Decimal) -> None:
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    neighbour = value.fma(1, Decimal((0, (1,), exponent)), context=Context(prec=60))  # exact: value + 1 ulp
    assert canonical_decimal(neighbour) != canonical_decimal(value)


def test_numbers_beyond_28_significant_digits_keep_every_digit() -> None:
    # Conversions compute with 34 significant digits; their results must not collapse onto one another.
    a = Decimal("1234567890123456789012345678901234")
    assert canonical_decimal(a) == "1234567890123456789012345678901234"
    assert canonical_decimal(a + 1) != canonical_decimal(a)


@PROPERTY
@given(value=finite_decimals, currency=st.sampled_from(["EUR", "USD", "UAH"]))
def test_money_from_its_canonical_text_is_the_same_money(value: Decimal, currency: str) -> None:
    original = money(value, currency)
    assert money(canonical_decimal(value), currency) == original
