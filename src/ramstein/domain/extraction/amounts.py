"""Find monetary amounts in text: a number, its scale and its currency, with the qualifier before it.

An amount is money only when a currency is written with it (before or after: "EUR 40 billion", "40 Milliarden
Euro"), or, with a scale word but no currency, when another amount of the same sentence has one and nothing
but punctuation or a small function word follows ("5 milliarder kroner i 2024 og 6 milliarder i 2025"). So
troops, countries, years and "1 million rounds" are left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from ramstein.domain.errors import InvalidInput
from ramstein.domain.extraction import context_words as cw
from ramstein.domain.extraction import words
from ramstein.domain.extraction.lexicon import Lexicon, alternation
from ramstein.domain.extraction.numbers import NUMBER, parse_number
from ramstein.domain.extraction.sentences import Sentence, sentence_at
from ramstein.domain.money import canonical_decimal

# Words after which a scaled number without a currency may still be money (it borrows the sentence's).
FUNCTION_WORDS = {
    "en": "in for to and of this next last each per a over from by on while but which with",
    "da": "i til og for om pr. per af næste sidste hvert over fra mens men som med",
    "nb": "i til og for om pr. per av neste siste hvert over fra mens men som med",
    "sv": "i till och för om per av nästa förra varje över från medan men som med",
    "de": "in für und im pro bis von ab nächstes während aber die mit",
}
RANGE_LEADS = ("mellem", "mellom", "mellan", "zwischen", "between", "from", "fra", "från", "von")
RANGE_JOINS = ("og", "and", "och", "und", "to", "til", "till", "bis")
_FAMILY = {"DKK": "krone", "NOK": "krone", "SEK": "krone", "ISK": "krone", "CZK": "krone",
           "USD": "dollar", "CAD": "dollar", "AUD": "dollar", "NZD": "dollar"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class RawAmount:
    start: int
    end: int
    text: str
    value: Decimal  # in units of the currency
    currency: str | None  # None: kroner of no stated country, or borrowed and not known yet
    currency_word: str  # as written ("" when borrowed from another amount of the sentence)
    qualifier: str | None
    notes: tuple[str, ...] = ()
    generic: bool = False  # a word such as "kroner" that the language, not the text, makes one currency


def find_amounts(text: str, lexicon: Lexicon, sentences: list[Sentence]) -> list[RawAmount]:
    """Every amount of money in `text`, in order; an impossible number in an amount is an error."""
    found: list[RawAmount] = []
    scaled_only: list[re.Match[str]] = []
    for match in lexicon.amount.finditer(text):
        has_currency = any(match.group(g) for g in ("pre", "post", "scur"))
        if has_currency:
            found.append(_amount(match, text, lexicon))
        elif match.group("scale"):
            scaled_only.append(match)
    found.extend(_borrowing(text, scaled_only, found, lexicon, sentences))
    return sorted(found, key=lambda a: a.start)


def _amount(match: re.Match[str], text: str, lexicon: Lexicon, borrowed: str | None = None) -> RawAmount:
    number = match.group("num")
    value, notes = _value(number, match, text, lexicon)
    scale_word = match.group("scale") or match.group("ascale")
    if scale_word:
        value *= lexicon.scale(scale_word)
    currency, word = borrowed, ""
    if match.group("scur"):
        scale, currency = words.SCALED_CURRENCY[lexicon.language][match.group("scur").lower()]
        value, word = value * scale, match.group("scur")
    elif match.group("pre") or match.group("post"):
        word = match.group("pre") or match.group("post")
        currency = _currency(word, match.group("adj"), lexicon)
    if value == value.to_integral_value():
        value = value.quantize(Decimal(1))
    end = match.end() if word or borrowed is None else match.end("scale")
    found_qualifier = qualifier(text, match.start(), lexicon)
    low = range_low(text, match.start(), lexicon, value, Decimal(lexicon.scale(scale_word)) if scale_word else None)
    if low is not None:  # "mellem 5 og 6 mia. kr.": the upper amount, with the lower kept beside it
        found_qualifier, notes = "between", (*notes, f"range-from:{canonical_decimal(low)}")
    generic = not match.group("adj") and word.lower() in words.GENERIC_CURRENCIES[lexicon.language]
    span = text[match.start() : end]
    return RawAmount(match.start(), end, span, value, currency, word, found_qualifier, notes, generic)


def _value(number: str, match: re.Match[str], text: str, lexicon: Lexicon) -> tuple[Decimal, tuple[str, ...]]:
    spoken = words.NUMBER_WORDS[lexicon.language]
    if number.lower() in spoken:
        return Decimal(spoken[number.lower()]), ("number-word",)
    try:
        value = parse_number(number, lexicon.language)
    except InvalidInput as error:
        line = text.count("\n", 0, match.start()) + 1
        raise InvalidInput(
            f"line {line}: {match.group(0).strip()!r}: {error.message}",
            hint=f"{error.hint} Correct the text and read it again; nothing was stored.",
            key="sources.impossible_number",
            params={"line": line, "quote": match.group(0).strip()},
        ) from None
    other = "." if lexicon.decimal_sign == "," else ","
    foreign = other in number and len(number.rsplit(other, 1)[1]) != 3 and lexicon.decimal_sign not in number
    return value, ("decimal-written-the-other-way",) if foreign else ()


def _currency(word: str, adjective: str | None, lexicon: Lexicon) -> str | None:
    code = lexicon.currency_of(word)
    if adjective:
        nation = lexicon.donor_of(adjective)
        own = lexicon.nation_currency(nation)
        family = _FAMILY.get(code or "DKK")
        if own is not None and family is not None and _FAMILY.get(own) == family:
            return own
    return code


def qualifier(text: str, start: int, lexicon: Lexicon) -> str | None:
    """The qualifier written just before an amount ("knap", "up to", "mehr als"), normalised; None if none."""
    original = text[max(0, start - 40) : start]
    before = original.lower()
    if _amounting_to(original, lexicon.language):
        return None
    for phrase, meaning in sorted(words.QUALIFIERS[lexicon.language].items(), key=lambda p: -len(p[0])):
        if re.search(rf"(?<!\w){re.escape(phrase)}\s*$", before):
            return meaning or None
    return None


def range_low(text: str, start: int, lexicon: Lexicon, high: Decimal, scale: Decimal | None) -> Decimal | None:
    """The lower end of a range written before an amount ("mellem 5 og 6 mia.", "5-6 Mrd.", "between 5 and
    6 billion"), or None. A range is tight: the lower end is below the upper and more than a twentieth of it."""
    match = _range_pattern(lexicon.language).search(text, max(0, start - 40), start)
    if match is None:
        return None
    try:
        low = parse_number(match.group("low"), lexicon.language)
    except InvalidInput:
        return None
    low *= lexicon.scale(match.group("lowscale")) if match.group("lowscale") else (scale or 1)
    return low if high / 20 < low < high else None


@cache
def _range_pattern(language: str) -> re.Pattern[str]:
    lead = alternation(RANGE_LEADS)
    scales = alternation(s for s in words.SCALES[language] if len(s) > 1)
    joins = alternation(RANGE_JOINS)
    return re.compile(
        rf"(?:(?<!\w)(?:{lead})\s+)?(?P<low>{NUMBER})(?:\s?(?P<lowscale>{scales}))?\s*(?:(?:{joins})(?!\w)|[-–])\s*$",
        re.IGNORECASE,
    )


def _amounting_to(before: str, language: str) -> bool:
    """German "über" right after a noun means "amounting to", not "more than": "ein Fonds über 5 Mrd."."""
    words_before = before.split()
    return (
        language == "de"
        and len(words_before) >= 2
        and words_before[-1] == "über"
        and words_before[-2][:1].isupper()
        and not words_before[-2].endswith((".", ":"))
    )


def _borrowing(
    text: str, candidates: list[re.Match[str]], found: list[RawAmount], lexicon: Lexicon, sentences: list[Sentence]
) -> list[RawAmount]:
    """Scaled numbers without a currency that borrow the currency of an earlier amount in their sentence."""
    after = re.compile(rf"\s*(?:[.,;:)!?–—-]|$|(?:{alternation(FUNCTION_WORDS[lexicon.language].split())})(?!\w))")
    partitive = re.compile(
        rf"(?<!\w)(?:{alternation(cw.PARTITIVES[lexicon.language])})[\s,]+(?:\w+[\s,]+){{0,2}}$", re.IGNORECASE
    )
    borrowed: list[RawAmount] = []
    for match in candidates:
        sentence = sentence_at(sentences, match.start())
        of_what = partitive.search(text, sentence.start, match.start())  # "Heraf er 7 mia. gået til F-16"
        first = 0 if of_what else sentence.start  # a partitive points back, across the sentence's start
        earlier = [a for a in found if first <= a.start < match.start() and a.currency_word]
        if not earlier or not (of_what or after.match(text, match.end("scale"))):
            continue
        source = earlier[-1]
        if of_what:  # "of that" points at the sentence's main amount, its first, not at a restatement after it
            source = next(a for a in earlier if sentence_at(sentences, a.start) == sentence_at(sentences, source.start))
        amount = _amount(match, text, lexicon, borrowed=source.currency)
        amount = _with_note(amount, f"currency-borrowed:{source.currency_word}")
        borrowed.append(_with_note(amount, f"part-of:{source.text}") if of_what else amount)
    return borrowed


def _with_note(amount: RawAmount, note: str) -> RawAmount:
    return RawAmount(
        amount.start, amount.end, amount.text, amount.value, amount.currency, "", amount.qualifier,
        (*amount.notes, note), amount.generic,
    )  # fmt: skip
