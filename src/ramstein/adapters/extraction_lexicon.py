"""CLDR's names for the extraction reader, through Babel: currency names and symbols, country names and
month names in each supported language, gathered once per language and passed to the pure domain.

Country names are keyed by the shipped nations list (ISO alpha-2 to the alpha-3 codes the ledger uses)."""

from __future__ import annotations

import csv
from functools import cache

from babel import Locale
from babel.numbers import get_currency_name, get_currency_symbol

from ramstein.adapters.importers.shipped import shipped_nations
from ramstein.domain.currency import ACTIVE
from ramstein.domain.extraction.lexicon import Lexicon, LocaleNames, build_lexicon, language_code

# Currencies whose symbols are read ("$", "€", "kr."): the ones such texts use. Their names are read for all.
SYMBOL_CURRENCIES = ("EUR", "USD", "GBP", "DKK", "NOK", "SEK", "CHF", "JPY", "CAD", "AUD", "PLN", "CZK", "UAH")
# Narrow symbols CLDR gives only in some locales (a Danish writer may still write "$").
NARROW = {"$": "USD", "€": "EUR", "£": "GBP"}


class BabelLexicons:
    """The `Lexicons` port: one compiled lexicon per language, built on first use."""

    def for_language(self, language: str) -> Lexicon:
        return _lexicon(language_code(language))


@cache
def _lexicon(language: str) -> Lexicon:
    return build_lexicon(locale_names(language))


def locale_names(language: str) -> LocaleNames:
    locale = Locale.parse(language)
    nations = _nations()
    return LocaleNames(
        language=language,
        currency_names=_currency_names(language),
        currency_symbols=_symbols(language),
        country_names={
            name: nations[iso2][0] for iso2, name in locale.territories.items() if iso2 in nations and nations[iso2][2]
        },
        months=_months(locale),
        country_currency={code: currency for code, currency, _ in nations.values() if currency},
    )


def _currency_names(language: str) -> dict[str, str]:
    names: dict[str, str] = {}
    for code in sorted(ACTIVE):
        for count in (None, 1, 2):
            name = get_currency_name(code, count=count, locale=language)
            if name and name != code:
                names.setdefault(name, code)
    return names


def _symbols(language: str) -> dict[str, str]:
    symbols = dict(NARROW)
    for code in SYMBOL_CURRENCIES:
        symbol = get_currency_symbol(code, locale=language)
        if (symbol != code and len(symbol) > 1) or not symbol.isalpha():
            symbols[symbol] = code
    return symbols


def _months(locale: Locale) -> dict[str, int]:
    months: dict[str, int] = {}
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for number, name in locale.months[context][width].items():
                months.setdefault(name, number)
                months.setdefault(name.rstrip("."), number)
    return {k: v for k, v in months.items() if len(k.rstrip(".")) >= 3}


@cache
def _nations() -> dict[str, tuple[str, str, bool]]:
    """ISO alpha-2 -> (code, currency, is a country), from the shipped nations list."""
    path, _ = shipped_nations()
    with path.open(encoding="utf-8", newline="") as handle:
        return {
            row["iso2"]: (row["code"], row["currency"], row["is_country"] == "true")
            for row in csv.DictReader(handle)
            if row["iso2"]
        }
