"""Money is a Decimal amount with an ISO 4217 currency, never a float.

`money()` is the one way in from the outside world: it accepts text, int or Decimal and rejects
floats, malformed text and unknown currencies with a message that says how to write it instead.
Arithmetic mixes only equal currencies; conversion lives in `fx`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation, localcontext

from ramstein.domain.currency import is_known
from ramstein.domain.errors import CurrencyMismatch, InvalidInput, UnknownCurrency

SCALES = {"": 1, "k": 10**3, "m": 10**6, "mn": 10**6, "bn": 10**9, "b": 10**9}
_AMOUNT = re.compile(r"^([+-]?)(\d+(?:\.\d+)?|\.\d+)\s*([a-z]*)$")


@dataclass(frozen=True, slots=True, order=False)
class Money:
    amount: Decimal
    currency: str

    def __post_init__(self) -> None:
        if not isinstance(self.amount, Decimal):
            raise InvalidInput(f"amount must be a Decimal, not {type(self.amount).__name__}")
        if not self.amount.is_finite():
            raise InvalidInput(f"amount must be a finite number, not {self.amount}")
        check_currency(self.currency)

    def __add__(self, other: Money) -> Money:
        return Money(self.amount + self._same(other).amount, self.currency)

    def __sub__(self, other: Money) -> Money:
        return Money(self.amount - self._same(other).amount, self.currency)

    def __neg__(self) -> Money:
        return Money(-self.amount, self.currency)

    def __mul__(self, factor: Decimal | int) -> Money:
        if isinstance(factor, float):
            raise InvalidInput("multiply money by a Decimal or an int, never a float")
        return Money(self.amount * factor, self.currency)

    __rmul__ = __mul__

    def __lt__(self, other: Money) -> bool:
        return self.amount < self._same(other).amount

    def __le__(self, other: Money) -> bool:
        return self.amount <= self._same(other).amount

    def _same(self, other: Money) -> Money:
        if not isinstance(other, Money):
            raise TypeError(f"cannot combine Money with {type(other).__name__}")
        if other.currency != self.currency:
            raise CurrencyMismatch(
                f"cannot combine {self.currency} with {other.currency}",
                hint="convert one of them first (ramstein fx convert).",
            )
        return other

    @property
    def is_zero(self) -> bool:
        return self.amount == 0

    def __str__(self) -> str:
        return f"{self.currency} {canonical_decimal(self.amount)}"


def zero(currency: str) -> Money:
    return Money(Decimal(0), currency)


def money(amount: str | int | Decimal, currency: str) -> Money:
    """Build Money from user input: '1500000.50', '10.5bn', 1500, Decimal('2.5')."""
    return Money(parse_amount(amount), check_currency(currency))


def parse_amount(amount: str | int | Decimal) -> Decimal:
    if isinstance(amount, (bool, float)):
        raise InvalidInput(f"amount {amount!r} must be text, an int or a Decimal; floats lose cents")
    if isinstance(amount, int):
        return Decimal(amount)
    if isinstance(amount, Decimal):
        if not amount.is_finite():
            raise InvalidInput(f"amount must be a finite number, not {amount}")
        return amount
    text = amount.strip().replace("_", "").lower()
    match = _AMOUNT.match(text)
    if not match or match.group(3) not in SCALES:
        raise InvalidInput(
            f"malformed amount {amount!r}",
            hint="write digits with a decimal point and no thousands separators, optionally with a scale: "
            "1500000.50, 2.5m, 10.5bn.",
        )
    sign, digits, scale = match.groups()
    try:
        with localcontext() as ctx:
            ctx.prec = len(digits) + 10  # exact: what the user wrote is never rounded
            return Decimal(sign + digits) * SCALES[scale]
    except InvalidOperation as exc:  # pragma: no cover - the pattern admits only valid digits
        raise InvalidInput(f"malformed amount {amount!r}") from exc


def check_currency(code: str) -> str:
    if not isinstance(code, str) or not is_known(code):
        shown = code.upper() if isinstance(code, str) else code
        hint = (
            f"currency codes are upper case: use {shown}."
            if isinstance(code, str) and is_known(code.upper())
            else "use an ISO 4217 code such as EUR, USD, GBP, DKK, NOK or SEK."
        )
        raise UnknownCurrency(f"unknown currency {code!r}", hint=hint)
    return code


def canonical_decimal(value: Decimal) -> str:
    """The same text for the same number, whatever its exponent: 2.645E+6 and 2645000.00 -> '2645000'."""
    text = format(value, "f")  # exact: formatting without a precision never rounds (normalize() would, at 28 digits)
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text
