"""Numbers, money, dates and nation names in the reader's locale, all through Babel (CLDR).

Babel's own compact formats drop trailing zeros ("40 mia. €"), but a brief that compares 40.0 with 41.6 reads
better with a fixed number of decimals, so `compact_eur` takes the CLDR compact pattern for the magnitude and
applies it with the digits forced. Amounts arrive as exact Decimals; nothing here rounds before formatting.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

from babel import Locale
from babel.dates import format_date, format_time
from babel.numbers import format_decimal, parse_pattern

EUR = "EUR"
HUNDRED = Decimal(100)
BILLION = Decimal(10) ** 9
MILLION = Decimal(10) ** 6
# The report's languages are languages, not regions: these are the CLDR locales that speak for them.
CLDR_LOCALES = {"en": "en_GB", "da": "da_DK", "nb": "nb_NO"}


class Formatter:
    """Everything one report language needs to write a number: one object per render, passed around."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.locale = Locale.parse(CLDR_LOCALES[lang])

    def number(self, value: Decimal, digits: int = 0) -> str:
        pattern = f"#,##0.{'0' * digits}" if digits else "#,##0"
        return format_decimal(value, format=pattern, locale=self.locale, decimal_quantization=True)

    def eur(self, value: Decimal, *, magnitude: Decimal | None = None, digits: int = 1) -> str:
        """An amount in EUR, compact: "40.0 bn €"-style in the locale's words ("40,0 mia. €" in Danish).

        `magnitude` forces the unit (tables use billions throughout so that rows compare at a glance);
        by default the largest unit that keeps the amount at least 1 is used.
        """
        scale = magnitude if magnitude is not None else _natural_magnitude(value)
        if scale == 1:
            return self.number(value, digits) + "\u00a0€" if self.lang != "en" else "€" + self.number(value, digits)
        pattern = _compact_pattern(self.locale, scale).replace("0", "0." + "0" * digits, 1) if digits else None
        parsed = parse_pattern(pattern or _compact_pattern(self.locale, scale))
        text: str = parsed.apply(value / scale, self.locale, currency=EUR, currency_digits=False)
        return text

    def bn_eur(self, value: Decimal, digits: int = 2) -> str:
        return self.eur(value, magnitude=BILLION, digits=digits)

    def percent(self, fraction: Decimal | None, digits: int = 1) -> str:
        """A fraction (0.253) as a percent in the locale's pattern ("25.3%", "25,3 %")."""
        if fraction is None:
            return "\u2013"  # an en dash: "no value" (the share of an exempt ally)
        base = self.locale.percent_formats[None].pattern.split(";")[0]
        pattern = base.replace("0", "0." + "0" * digits, 1) if digits else base
        return format_decimal_pattern(fraction, pattern, self.locale)

    def percent_of(self, pct: Decimal | None, digits: int = 1) -> str:
        """A value already in percent (0.585 means 0.585 %)."""
        return self.percent(None if pct is None else pct / HUNDRED, digits)

    def date(self, day: date) -> str:
        return format_date(day, "long", locale=self.locale)

    def time_utc(self, moment: datetime) -> str:
        """Hours and minutes in UTC; seconds are noise in a brief."""
        return format_time(in_utc(moment), "short", locale=self.locale, tzinfo=UTC)

    def date_utc(self, moment: datetime) -> str:
        return self.date(in_utc(moment).date())

    def nation(self, code: str, name: str) -> str:
        """The nation's name in the reader's language; the report's own (English) name when CLDR has none."""
        if self.lang == "en":
            return name
        iso2 = _iso2_codes().get(code)
        localized = self.locale.territories.get(iso2) if iso2 else None
        return str(localized) if localized else name

    def d3_format_locale(self) -> dict[str, Any]:
        """The Vega/d3 number locale built from CLDR, so chart axes group and separate like the text does."""
        symbols = self.locale.number_symbols["latn"]
        return {
            "decimal": symbols["decimal"],
            "thousands": symbols["group"],
            "grouping": [3],
            "currency": ["€", ""] if self.lang == "en" else ["", "\u00a0€"],
        }


def in_utc(moment: datetime) -> datetime:
    """The moment in UTC; a naive moment is taken as UTC already, the ledger's clock."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def format_decimal_pattern(value: Decimal, pattern: str, locale: Locale) -> str:
    text: str = parse_pattern(pattern).apply(value, locale, decimal_quantization=True)
    return text


def _natural_magnitude(value: Decimal) -> Decimal:
    size = abs(value)
    if size >= BILLION:
        return BILLION
    if size >= MILLION:
        return MILLION
    return Decimal(1)


def _compact_pattern(locale: Locale, scale: Decimal) -> str:
    pattern: str = locale.compact_currency_formats["short"]["other"][str(int(scale))].pattern
    return pattern


@cache
def _iso2_codes() -> dict[str, str]:
    """ISO3 -> ISO2 from the nation list shipped in the package (Babel names territories by ISO2)."""
    text = resources.files("ramstein").joinpath("data/nations/nations.csv").read_text(encoding="utf-8")
    return {row["code"]: row["iso2"] for row in csv.DictReader(io.StringIO(text)) if row["iso2"]}
