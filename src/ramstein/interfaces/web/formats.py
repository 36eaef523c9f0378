"""What templates write numbers and dates with: amounts in their own currency, dates, moments and counts, in
the reader's locale (Babel, CLDR); the report's `Formatter` does the euros and percentages."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from babel.dates import format_date, format_datetime
from babel.numbers import format_currency, format_decimal

from ramstein.domain.money import Money
from ramstein.reports.render.locale import Formatter, in_utc


class Formats:
    def __init__(self, f: Formatter) -> None:
        self.f = f

    def money(self, amount: Money) -> str:
        """An amount as recorded, in its currency, with the locale's grouping and symbol ("1.500.000,00 kr.")."""
        text: str = format_currency(amount.amount, amount.currency, locale=self.f.locale)
        return text

    def day(self, value: date | None) -> str:
        """A date in the locale's medium form (en: 10 Jul 2024, da: 10. jul. 2024, nb: 10. juli 2024)."""
        return format_date(value, "medium", locale=self.f.locale) if value else ""

    def moment(self, value: datetime) -> str:
        utc = in_utc(value)
        text: str = format_datetime(utc, "medium", locale=self.f.locale, tzinfo=utc.tzinfo)
        return text + " UTC"

    def decimal(self, value: Decimal) -> str:
        """An exact number with the locale's grouping and decimal sign, no digit dropped ("2.500.000.000")."""
        text: str = format_decimal(value, locale=self.f.locale, decimal_quantization=False)
        return text

    def language(self, code: str) -> str:
        """A language's name in the reader's language (CLDR): "da" is "Danish", "dansk", "dansk"."""
        name: str | None = self.f.locale.languages.get(code)
        return name or code

    def count(self, value: int) -> str:
        return self.f.number(Decimal(value))

    def share(self, fraction: Decimal) -> str:
        return self.f.percent(fraction, 1)

    def eur(self, value: Decimal) -> str:
        return self.f.eur(value)

    def fixed(self, value: float, digits: int = 2) -> str:
        """A float the optimiser reports (an objective) with a fixed number of decimals."""
        return self.f.number(Decimal(repr(round(value, digits))), digits)

    def bn(self, value: Decimal | float) -> str:
        """Billions of euros; a Monte Carlo band's float to the euro first (a band is an estimate, not a sum)."""
        exact = value if isinstance(value, Decimal) else Decimal(round(value))
        return self.f.bn_eur(exact)

    def fraction(self, value: float, digits: int = 0) -> str:
        """A share of runs or a coverage (0.85) as a percent."""
        return self.f.percent(Decimal(repr(round(value, 4))), digits)

    def month(self, value: date | None) -> str:
        """A month of a forecast ("Mar 2027", "mar. 2027"); empty for none."""
        return format_date(value, "MMM y", locale=self.f.locale) if value else ""
