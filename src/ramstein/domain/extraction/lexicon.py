"""Everything the reader knows about one language, compiled once: CLDR's names (gathered by an adapter and
passed in, so the domain stays free of Babel) merged with the hand-written tables of `words` and
`context_words`, and the regular expressions built from them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ramstein.domain.currency import ACTIVE
from ramstein.domain.errors import InvalidInput
from ramstein.domain.extraction import context_words as cw
from ramstein.domain.extraction import words
from ramstein.domain.extraction.numbers import DECIMAL_SIGN, NUMBER


@dataclass(frozen=True)
class LocaleNames:
    """What CLDR says about one language (keys as CLDR writes them; matching ignores case)."""

    language: str
    currency_names: Mapping[str, str] = field(default_factory=dict)  # "danske kroner" -> DKK
    currency_symbols: Mapping[str, str] = field(default_factory=dict)  # "kr." -> DKK, "$" -> USD
    country_names: Mapping[str, str] = field(default_factory=dict)  # "Danmark" -> DNK
    months: Mapping[str, int] = field(default_factory=dict)  # "april" -> 4, "apr." -> 4
    country_currency: Mapping[str, str] = field(default_factory=dict)  # DNK -> DKK


def language_code(text: str) -> str:
    """A supported language code from user input ("da", "NO", "nb"), or a clear error."""
    code = words.ALIASES.get(text.strip().lower(), text.strip().lower())
    if code not in words.LANGUAGES:
        supported = ", ".join(f"{c} ({words.LANGUAGE_NAMES[c]})" for c in words.LANGUAGES)
        raise InvalidInput(
            f"language {text!r} is not supported",
            hint=f"ramstein reads {supported}; or give --lang auto.",
            key="sources.language_unsupported",
            params={"language": text.strip()[:20]},
        )
    return code


def alternation(phrases: Iterable[str]) -> str:
    """A regex alternative of literal phrases, longest first, so that "mia." wins over "mia"."""
    unique = sorted({p for p in phrases if p}, key=lambda p: (-len(p), p))
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in unique)


@dataclass(frozen=True)
class Lexicon:
    language: str
    names: LocaleNames
    currencies: dict[str, str | None]  # lower-case word or symbol -> code (None: which kroner depends)
    donors: dict[str, str]  # lower-case name -> nation or organisation code
    adjectives: dict[str, str]  # lower-case adjective stem -> nation code
    amount: re.Pattern[str]
    donor: re.Pattern[str]
    adjective: re.Pattern[str]
    month: re.Pattern[str]

    @property
    def decimal_sign(self) -> str:
        return DECIMAL_SIGN[self.language]

    def scale(self, word: str) -> int:
        return words.SCALES[self.language][word.lower().replace(" ", "")]

    def currency_of(self, word: str) -> str | None:
        if word in ACTIVE:
            return word
        return self.currencies[_key(word)]

    def nation_currency(self, nation: str) -> str | None:
        return self.names.country_currency.get(nation) or words.KRONE_CURRENCIES.get(nation)

    def donor_of(self, word: str) -> str:
        key = _key(word)
        if key in self.donors:
            return self.donors[key]
        return next(code for stem, code in self.adjectives.items() if key.startswith(stem))


_KR = ("kr", "dkr", "nkr", "skr")


def _key(word: str) -> str:
    return " ".join(word.lower().split())


def build_lexicon(names: LocaleNames) -> Lexicon:
    lang = language_code(names.language)
    currencies: dict[str, str | None] = {}
    for mapping in (names.currency_symbols, names.currency_names, words.GENERIC_CURRENCIES[lang]):
        currencies.update({_key(k): v for k, v in mapping.items()})
    donors = {_key(k): v for k, v in names.country_names.items() if v not in cw.NOT_DONORS}
    donors.update(cw.SHORT_NAMES[lang])
    donors.update(cw.ORGANISATIONS)
    donors.update(cw.INSTITUTIONS)
    donors.update(cw.CAPITALS)
    donors.update(dict.fromkeys(cw.GOVERNMENT[lang], words.HOME.get(lang, "")))
    donors = {k: v for k, v in donors.items() if v}
    adjectives = dict(cw.ADJECTIVES[lang])
    adjective = rf"(?:{alternation(adjectives)}){cw.ADJECTIVE_ENDINGS[lang]}"
    return Lexicon(
        language=lang,
        names=names,
        currencies=currencies,
        donors=donors,
        adjectives=adjectives,
        amount=_amount_pattern(lang, currencies, adjective),
        donor=_donor_pattern(donors),
        adjective=re.compile(rf"(?<!\w){adjective}(?!\w)", re.IGNORECASE),
        month=re.compile(rf"(?<!\w)(?:{alternation(names.months)})(?!\w)", re.IGNORECASE),
    )


def _donor_pattern(donors: Mapping[str, str]) -> re.Pattern[str]:
    """Acronyms (US, UK, EU, NATO) match in capitals only, so that "us" and "eu" in running text do not."""
    acronyms = {k.upper() for k in donors if k.replace(".", "").upper() in cw.ACRONYMS}
    acronyms |= {k.replace(".", "").capitalize() for k in acronyms if len(k) == 4}  # Nato
    names = [k for k in donors if k.replace(".", "").upper() not in cw.ACRONYMS]
    pattern = rf"(?<!\w)(?:(?-i:{alternation(acronyms)})|{alternation(names)})(?=(?:'s|’s|:s|s)?(?!\w))"
    return re.compile(pattern, re.IGNORECASE)


def _amount_pattern(lang: str, currencies: Mapping[str, str | None], adjective: str) -> re.Pattern[str]:
    codes = "|".join(sorted(ACTIVE))
    symbols = [k for k in currencies if not k[0].isalpha() or (len(k) <= 4 and ("$" in k or k.startswith(_KR)))]
    prefix = rf"(?-i:{codes})(?!\w)|{alternation(symbols)}"
    scales = words.SCALES[lang]
    spaced = alternation(s for s in scales if len(s) > 1)
    attached = alternation(scales)
    scaled_currency = alternation(words.SCALED_CURRENCY.get(lang, {}) or ["\x00"])
    number_words = alternation(words.NUMBER_WORDS[lang])
    suffix = rf"(?-i:{codes})(?!\w)|{alternation(currencies)}"
    pattern = (
        rf"(?:(?P<pre>{prefix})\s?)?"
        rf"(?P<num>{NUMBER}|(?<!\w)(?:{number_words})(?=\s+(?:{spaced})(?!\w)))"
        rf"(?:\s?(?P<scale>{spaced})(?![\w])|(?P<ascale>{attached})(?![\w]))?"
        rf"(?:\s?(?P<scur>{scaled_currency})(?!\w))?"
        rf"(?:\s?(?:(?P<adj>{adjective})\s+)?(?P<post>{suffix})(?:(?<=\.)|(?!\w)))?"
    )
    return re.compile(pattern, re.IGNORECASE)
