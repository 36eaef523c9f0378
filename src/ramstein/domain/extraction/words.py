"""The hand-written part of the vocabulary: what CLDR does not hold.

CLDR (through Babel, in the adapters) gives currency names and symbols, country names and month names in each
language; these tables hold the rest: scale words, the short and generic names journalists use ("kroner",
"dollar", "Mrd."), qualifiers, number words, donors' adjectives, and the words that mark a kind of support.
Keys are lower case; matching ignores case.
"""

from __future__ import annotations

LANGUAGES = ("en", "da", "nb", "sv", "de")
LANGUAGE_NAMES = {"en": "English", "da": "Danish", "nb": "Norwegian (Bokmål)", "sv": "Swedish", "de": "German"}
ALIASES = {"no": "nb", "nob": "nb", "dan": "da", "swe": "sv", "ger": "de", "deu": "de", "eng": "en"}
HOME = {"da": "DNK", "nb": "NOR", "sv": "SWE", "de": "DEU"}  # whose government "the government" is

_THOUSAND, _MILLION, _BILLION, _TRILLION = 10**3, 10**6, 10**9, 10**12

# Scale words by language. German "Billion" is a million million; English "billion" a thousand million.
SCALES: dict[str, dict[str, int]] = {
    "en": {
        "thousand": _THOUSAND, "k": _THOUSAND, "million": _MILLION, "millions": _MILLION, "mn": _MILLION,
        "mln": _MILLION, "m": _MILLION, "billion": _BILLION, "billions": _BILLION, "bn": _BILLION,
        "bln": _BILLION, "b": _BILLION, "trillion": _TRILLION, "tn": _TRILLION,
    },
    "da": {
        "tusind": _THOUSAND, "million": _MILLION, "millioner": _MILLION, "mio.": _MILLION, "mio": _MILLION,
        "mill.": _MILLION, "milliard": _BILLION, "milliarder": _BILLION, "mia.": _BILLION, "mia": _BILLION,
        "mrd.": _BILLION, "mrd": _BILLION, "billion": _TRILLION, "billioner": _TRILLION,
    },
    "nb": {
        "tusen": _THOUSAND, "million": _MILLION, "millioner": _MILLION, "mill.": _MILLION, "mill": _MILLION,
        "mln.": _MILLION, "mio.": _MILLION, "milliard": _BILLION, "milliarder": _BILLION, "mrd.": _BILLION,
        "mrd": _BILLION, "mia.": _BILLION, "billion": _TRILLION, "billioner": _TRILLION,
    },
    "sv": {
        "tusen": _THOUSAND, "miljon": _MILLION, "miljoner": _MILLION, "milj.": _MILLION, "mn": _MILLION,
        "miljard": _BILLION, "miljarder": _BILLION, "mdr": _BILLION, "mdr.": _BILLION, "md": _BILLION,
        "biljon": _TRILLION, "biljoner": _TRILLION,
    },
    "de": {
        "tausend": _THOUSAND, "tsd.": _THOUSAND, "million": _MILLION, "millionen": _MILLION, "mio.": _MILLION,
        "mio": _MILLION, "milliarde": _BILLION, "milliarden": _BILLION, "mrd.": _BILLION, "mrd": _BILLION,
        "billion": _TRILLION, "billionen": _TRILLION,
    },
}  # fmt: skip
# Scale words that carry their currency with them (Swedish "mkr" = miljoner kronor).
SCALED_CURRENCY: dict[str, dict[str, tuple[int, str]]] = {
    "sv": {"mkr": (_MILLION, "SEK"), "mdkr": (_BILLION, "SEK"), "miljardkronor": (_BILLION, "SEK")},
    "da": {"mio.kr.": (_MILLION, "DKK"), "mia.kr.": (_BILLION, "DKK")},
}
# Number words that may stand before a scale word ("to milliarder", "eine Milliarde", "a billion").
NUMBER_WORDS: dict[str, dict[str, str]] = {
    "en": {"a": "1", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
           "eight": "8", "nine": "9", "ten": "10", "half a": "0.5", "a half": "0.5"},
    "da": {"en": "1", "et": "1", "én": "1", "to": "2", "tre": "3", "fire": "4", "fem": "5", "seks": "6",
           "syv": "7", "otte": "8", "ni": "9", "ti": "10", "en halv": "0.5", "halvanden": "1.5"},
    "nb": {"en": "1", "ett": "1", "én": "1", "to": "2", "tre": "3", "fire": "4", "fem": "5", "seks": "6",
           "sju": "7", "syv": "7", "åtte": "8", "ni": "9", "ti": "10", "en halv": "0.5", "halvannen": "1.5"},
    "sv": {"en": "1", "ett": "1", "två": "2", "tre": "3", "fyra": "4", "fem": "5", "sex": "6", "sju": "7",
           "åtta": "8", "nio": "9", "tio": "10", "en halv": "0.5", "halvannan": "1.5"},
    "de": {"eine": "1", "einer": "1", "ein": "1", "zwei": "2", "drei": "3", "vier": "4", "fünf": "5",
           "sechs": "6", "sieben": "7", "acht": "8", "neun": "9", "zehn": "10", "eine halbe": "0.5",
           "anderthalb": "1.5", "eineinhalb": "1.5"},
}  # fmt: skip
# Short and generic currency names; None: the word names no single currency (kroner in English).
GENERIC_CURRENCIES: dict[str, dict[str, str | None]] = {
    "en": {"dollars": "USD", "dollar": "USD", "euros": "EUR", "euro": "EUR", "pounds": "GBP", "pound": "GBP",
           "sterling": "GBP", "pounds sterling": "GBP", "kroner": None, "krone": None, "kronor": "SEK",
           "krona": "SEK", "crowns": None, "us$": "USD", "hryvnias": "UAH", "hryvnia": "UAH"},
    "da": {"dollar": "USD", "dollars": "USD", "euro": "EUR", "pund": "GBP", "kroner": "DKK", "krone": "DKK",
           "kr.": "DKK", "kr": "DKK", "kronor": "SEK", "us-dollar": "USD", "dkr.": "DKK"},
    "nb": {"dollar": "USD", "euro": "EUR", "pund": "GBP", "kroner": "NOK", "krone": "NOK", "kr.": "NOK",
           "kr": "NOK", "kronor": "SEK", "us-dollar": "USD"},
    "sv": {"dollar": "USD", "euro": "EUR", "pund": "GBP", "kronor": "SEK", "krona": "SEK", "kr": "SEK",
           "kr.": "SEK", "kroner": None, "us-dollar": "USD"},
    "de": {"dollar": "USD", "us-dollar": "USD", "euro": "EUR", "pfund": "GBP", "kronen": None, "krone": None,
           "franken": "CHF"},
}  # fmt: skip
# Words for kroner of no stated country: which one is meant is read from the sentence's donor.
KRONE_CURRENCIES = {"DNK": "DKK", "NOR": "NOK", "SWE": "SEK", "ISL": "ISK", "CZE": "CZK"}

# Words just before an amount that make it approximate or a bound, by language, and what they mean.
QUALIFIERS: dict[str, dict[str, str]] = {
    "en": {"about": "about", "around": "about", "roughly": "about", "approximately": "about", "some": "about",
           "an estimated": "about", "close to": "almost", "nearly": "almost", "almost": "almost",
           "just under": "almost", "up to": "up-to", "as much as": "up-to", "at most": "up-to",
           "more than": "more-than", "over": "more-than", "above": "more-than", "in excess of": "more-than",
           "just over": "more-than", "at least": "at-least", "less than": "less-than", "under": "less-than",
           "below": "less-than", "c.": "about", "ca.": "about"},
    "da": {"omkring": "about", "cirka": "about", "ca.": "about", "godt og vel": "more-than", "knap": "almost",
           "knapt": "almost", "næsten": "almost", "op til": "up-to", "op mod": "up-to", "højst": "up-to",
           "mere end": "more-than", "over": "more-than", "godt": "more-than", "små": "almost",
           "mindst": "at-least", "mindre end": "less-than", "under": "less-than", "i omegnen af": "about",
           "i alt": "", "lige under": "almost", "lige over": "more-than"},
    "nb": {"omkring": "about", "rundt": "about", "cirka": "about", "ca.": "about", "nesten": "almost",
           "knapt": "almost", "snaut": "almost", "opptil": "up-to", "inntil": "up-to", "opp mot": "up-to",
           "høyst": "up-to", "mer enn": "more-than", "over": "more-than", "drøyt": "more-than",
           "vel": "more-than", "minst": "at-least", "mindre enn": "less-than", "under": "less-than",
           "til sammen": "", "totalt": ""},
    "sv": {"omkring": "about", "runt": "about", "cirka": "about", "ca.": "about", "ungefär": "about",
           "kring": "about", "nästan": "almost", "närmare": "almost", "knappt": "almost", "drygt": "more-than",
           "uppemot": "up-to", "upp till": "up-to", "högst": "up-to", "mer än": "more-than",
           "över": "more-than", "minst": "at-least", "mindre än": "less-than", "under": "less-than",
           "totalt": "", "sammanlagt": ""},
    "de": {"rund": "about", "etwa": "about", "ungefähr": "about", "circa": "about", "ca.": "about",
           "knapp": "almost", "fast": "almost", "beinahe": "almost", "nahezu": "almost", "bis zu": "up-to",
           "höchstens": "up-to", "mehr als": "more-than", "über": "more-than", "gut": "more-than",
           "mindestens": "at-least", "weniger als": "less-than", "unter": "less-than", "insgesamt": ""},
}  # fmt: skip
QUALIFIER_VALUES = ("about", "almost", "up-to", "more-than", "at-least", "less-than", "between")
