"""Words around an amount: donors' adjectives and short names, organisations, kinds of support, multi-year
terms, conversions and the words that tell the languages apart. Country *names* come from CLDR (adapters)."""

from __future__ import annotations


def _words(text: str) -> list[str]:
    return text.split()


# Adjective stems of the main donors by language; the language's endings are added when matching
# (danske, svenska, deutschen). CLDR has names of countries but not these adjectives.
ADJECTIVES: dict[str, dict[str, str]] = {
    "en": {"american": "USA", "british": "GBR", "german": "DEU", "french": "FRA", "danish": "DNK",
           "norwegian": "NOR", "swedish": "SWE", "finnish": "FIN", "dutch": "NLD", "polish": "POL",
           "canadian": "CAN", "italian": "ITA", "spanish": "ESP", "belgian": "BEL", "czech": "CZE",
           "estonian": "EST", "latvian": "LVA", "lithuanian": "LTU", "japanese": "JPN", "australian": "AUS",
           "austrian": "AUT", "portuguese": "PRT", "icelandic": "ISL", "irish": "IRL", "swiss": "CHE"},
    "da": {"amerikansk": "USA", "britisk": "GBR", "tysk": "DEU", "fransk": "FRA", "dansk": "DNK",
           "norsk": "NOR", "svensk": "SWE", "finsk": "FIN", "hollandsk": "NLD", "nederlandsk": "NLD",
           "polsk": "POL", "canadisk": "CAN", "italiensk": "ITA", "spansk": "ESP", "belgisk": "BEL",
           "tjekkisk": "CZE", "estisk": "EST", "lettisk": "LVA", "litauisk": "LTU", "japansk": "JPN",
           "australsk": "AUS", "østrigsk": "AUT", "portugisisk": "PRT", "islandsk": "ISL", "irsk": "IRL"},
    "nb": {"amerikansk": "USA", "britisk": "GBR", "tysk": "DEU", "fransk": "FRA", "dansk": "DNK",
           "norsk": "NOR", "svensk": "SWE", "finsk": "FIN", "nederlandsk": "NLD", "polsk": "POL",
           "kanadisk": "CAN", "italiensk": "ITA", "spansk": "ESP", "belgisk": "BEL", "tsjekkisk": "CZE",
           "estisk": "EST", "latvisk": "LVA", "litauisk": "LTU", "japansk": "JPN", "australsk": "AUS",
           "østerriksk": "AUT", "portugisisk": "PRT", "islandsk": "ISL", "irsk": "IRL"},
    "sv": {"amerikansk": "USA", "brittisk": "GBR", "tysk": "DEU", "fransk": "FRA", "dansk": "DNK",
           "norsk": "NOR", "svensk": "SWE", "finsk": "FIN", "nederländsk": "NLD", "holländsk": "NLD",
           "polsk": "POL", "kanadensisk": "CAN", "italiensk": "ITA", "spansk": "ESP", "belgisk": "BEL",
           "tjeckisk": "CZE", "estnisk": "EST", "lettisk": "LVA", "litauisk": "LTU", "japansk": "JPN",
           "australisk": "AUS", "österrikisk": "AUT", "portugisisk": "PRT", "isländsk": "ISL", "irländsk": "IRL"},
    "de": {"amerikanisch": "USA", "us-amerikanisch": "USA", "britisch": "GBR", "deutsch": "DEU",
           "französisch": "FRA", "dänisch": "DNK", "norwegisch": "NOR", "schwedisch": "SWE", "finnisch": "FIN",
           "niederländisch": "NLD", "polnisch": "POL", "kanadisch": "CAN", "italienisch": "ITA",
           "spanisch": "ESP", "belgisch": "BEL", "tschechisch": "CZE", "estnisch": "EST", "lettisch": "LVA",
           "litauisch": "LTU", "japanisch": "JPN", "australisch": "AUS", "österreichisch": "AUT",
           "portugiesisch": "PRT", "isländisch": "ISL", "irisch": "IRL", "schweizerisch": "CHE"},
}  # fmt: skip
ADJECTIVE_ENDINGS = {"en": "", "da": "(?:e|t)?", "nb": "(?:e|t)?", "sv": "(?:a|t)?", "de": "(?:e|en|er|es|em)?"}
# Short names CLDR does not list as the country's name (it says "United States", "Vereinigte Staaten").
SHORT_NAMES: dict[str, dict[str, str]] = {
    "en": {"us": "USA", "u.s.": "USA", "usa": "USA", "america": "USA", "uk": "GBR", "britain": "GBR",
           "great britain": "GBR", "the netherlands": "NLD", "holland": "NLD"},
    "da": {"usa": "USA", "amerika": "USA", "uk": "GBR", "storbritannien": "GBR", "england": "GBR",
           "holland": "NLD"},
    "nb": {"usa": "USA", "amerika": "USA", "uk": "GBR", "storbritannia": "GBR", "england": "GBR",
           "holland": "NLD"},
    "sv": {"usa": "USA", "amerika": "USA", "storbritannien": "GBR", "england": "GBR", "holland": "NLD"},
    "de": {"usa": "USA", "amerika": "USA", "den vereinigten staaten": "USA", "großbritannien": "GBR",
           "holland": "NLD", "der bund": "DEU", "die bundesrepublik": "DEU"},
}  # fmt: skip
ORGANISATIONS: dict[str, str] = {
    "nato": "NATO",
    "eu": "EU",
    "european union": "EU",
    "the european union": "EU",
    "den europæiske union": "EU",
    "den europeiske union": "EU",
    "europeiska unionen": "EU",
    "europäische union": "EU",
    "europäischen union": "EU",
    "eu-kommissionen": "EU",
    "eu-kommission": "EU",
    "european commission": "EU",
    "eu-kommisjonen": "EU",
    "europäische kommission": "EU",
}
ACRONYMS = frozenset({"US", "USA", "UK", "EU", "NATO"})
# "The government" in a Danish text is Denmark's: the donor is the language's home country.
GOVERNMENT: dict[str, tuple[str, ...]] = {
    "da": ("regeringen", "forsvarsministeren", "forsvarsministeriet", "udenrigsministeren", "statsministeren"),
    "nb": ("regjeringen", "forsvarsministeren", "forsvarsdepartementet", "statsministeren", "stortinget"),
    "sv": ("regeringen", "försvarsministern", "försvarsdepartementet", "statsministern", "riksdagen"),
    "de": ("bundesregierung", "die regierung", "verteidigungsminister", "bundeskanzler", "der bundestag",
           "verteidigungsministerium"),
    "en": (),
}  # fmt: skip
# Institutions and capitals that stand for their country's government ("Congress passed", "Washington will").
INSTITUTIONS: dict[str, str] = {
    "congress": "USA", "kongressen": "USA", "kongres": "USA", "kongress": "USA", "kongressen i usa": "USA",
    "pentagon": "USA", "pentagon's": "USA", "white house": "USA", "det hvide hus": "USA", "det hvite hus": "USA",
    "vita huset": "USA", "weiße haus": "USA", "weißen haus": "USA", "downing street": "GBR",
    "folketinget": "DNK", "stortinget": "NOR", "riksdagen": "SWE", "bundestag": "DEU", "élysée": "FRA",
}  # fmt: skip
CAPITALS: dict[str, str] = {
    "washington": "USA", "london": "GBR", "berlin": "DEU", "paris": "FRA", "oslo": "NOR", "stockholm": "SWE",
    "københavn": "DNK", "copenhagen": "DNK", "kopenhagen": "DNK", "köpenhamn": "DNK", "helsinki": "FIN",
    "helsingfors": "FIN", "ottawa": "CAN", "tokyo": "JPN", "tokio": "JPN", "warszawa": "POL", "warsaw": "POL",
    "warschau": "POL", "haag": "NLD", "the hague": "NLD", "den haag": "NLD", "rom": "ITA", "rome": "ITA",
    "madrid": "ESP", "bruxelles": "EU", "brussels": "EU", "brüssel": "EU", "bryssel": "EU",
}  # fmt: skip
# A capital after one of these words is a place ("in Berlin"), not a government; before one, an event's name.
PLACE_WORDS = frozenset(_words("in i at til to nach från fra from på on im am auf ved vid bei aus"))
EVENT_WORDS = frozenset(
    _words(
        "summit topmøde topmødet toppmøte toppmøtet toppmöte toppmötet gipfel conference konference konferanse "
        "konferens konferenz format formatet recovery"
    )
)
# Words after which a scaled number borrows the sentence's currency whatever follows ("hvoraf 61 mia. går").
PARTITIVES = {
    "en": ("of which", "including", "of that", "of this"), "da": ("hvoraf", "heraf", "deraf", "heriblandt"),
    "nb": ("hvorav", "herav", "derav", "herunder"), "sv": ("varav", "därav", "varav minst"),
    "de": ("davon", "wovon", "darunter"),
}  # fmt: skip
# Nations that receive or fight, never donate, in these texts.
NOT_DONORS = frozenset({"UKR", "RUS", "BLR"})

# Kinds of support, by word stem in any of the languages (German and Danish compound them: Hilfspaket).
KINDS: dict[str, tuple[str, ...]] = {
    "loan": (r"\w*lån\w*", r"loans?", r"lend\w*", r"lent", r"\w*kredit\w*", r"\w*darlehen\w*", r"credits?"),
    "fund": (r"\w*fond(?:en|et|s|e)?", r"funds?", r"\w*fonds", r"\w*fonden"),
    "package": (r"\w*pakke\w*", r"\w*paket\w*", r"packages?"),
    "annual-floor": (
        r"årlig\w*", r"annual(?:ly)?", r"a year", r"per year", r"each year", r"every year", r"om året",
        r"pr\. år", r"per år", r"i året", r"hvert år", r"varje år", r"jährlich\w*", r"pro jahr", r"im jahr",
        r"jedes jahr", r"floor", r"gulv\w*", r"golv\w*", r"untergrenze", r"mindstemål", r"minstemål",
        r"om åre[nt]",
    ),
}  # fmt: skip
# Durations: "femårig", "five-year", "over fem år", "über fünf Jahre".
YEARS_WORD = {"en": r"years?", "da": r"år", "nb": r"år", "sv": r"år", "de": r"jahren?|jahre"}
YEARS_ADJECTIVE = {"en": r"-year", "da": r"-?årig\w*", "nb": r"-?årig\w*", "sv": r"-?årig\w*", "de": r"-?jährig\w*"}
DURATION_LEAD = {
    "en": r"over(?: the next)?|across|for|within",
    "da": r"over(?: de (?:næste|kommende))?|i løbet af|på|for",
    "nb": r"over(?: de (?:neste|kommende))?|i løpet av|på|for",
    "sv": r"över(?: de (?:närmaste|kommande))?|under(?: de (?:närmaste|kommande))?|på",
    "de": r"über(?: die (?:nächsten|kommenden))?|in(?: den (?:nächsten|kommenden))?|für(?: die)?",
}
UNTIL_WORD = {
    "en": r"until|through|to|by",
    "da": r"frem til|til og med|indtil|til",
    "nb": r"frem til|til og med|fram til|innen|til",
    "sv": r"fram till|till och med|t\.o\.m\.|till",
    "de": r"bis(?: einschließlich| zum jahr)?",
}
FROM_WORD = {"en": r"from|starting(?: in)?", "da": r"fra|fra og med", "nb": r"fra|fra og med",
             "sv": r"från|från och med", "de": r"ab|von"}  # fmt: skip
# Words that introduce a restatement of the amount before in another currency.
CONVERSION_MARKERS = (
    "svarer til", "svarende til", "tilsvarer", "tilsvarende", "motsvarar", "motsvarande", "entspricht",
    "umgerechnet", "equivalent to", "equal to", "equivalent of", "omregnet", "omräknat", "i runde tal",
    "eller", " or ", " oder ", " eller ", "(",
)  # fmt: skip

# Frequent short words of each language, to tell the language of a text; other languages are recognised
# only to say that they are not supported.
STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset(_words("the and of to is in that for with has have will was billion million from said")),
    "da": frozenset(_words(
        "og af at det er har ikke med som til på en der mia milliarder kroner efter nu mig hvad meget blev "
        "mellem kun sig siger hjælp mere end regeringen også bliver giver fra dansk danske vil"
    )),
    "nb": frozenset(_words(
        "og av at det er har ikke med som til på en mrd milliarder kroner etter nå meg hva mye ble mellom "
        "bare seg sier hjelp mer enn regjeringen også blir gir fra norsk norske vil"
    )),
    "sv": frozenset(_words(
        "och att är för inte av med till som den på en miljarder kronor efter nu mig vad mycket blev mellan "
        "bara sig säger hjälp mer än regeringen också blir ger från svensk svenska ska"
    )),
    "de": frozenset(_words(
        "und der die das ist nicht mit für von zu den dem ein eine milliarden euro nach hat wird sich auch "
        "bei soll sagte"
    )),
    "fr": frozenset(_words("le la les et est des une pour dans que qui milliards avec sur pas")),
    "es": frozenset(_words("el la los y es para una que del con por las millones mil")),
    "nl": frozenset(_words("de het een en van is voor niet met dat op zijn miljard ook")),
    "it": frozenset(_words("il la di che è per una con non sono gli miliardi anche")),
    "pl": frozenset(_words("i w na z że się nie do jest to od mld")),
    "fi": frozenset(_words("ja on että ei se ovat miljardia euroa myös kanssa")),
}  # fmt: skip
OTHER_LANGUAGES = {"fr": "French", "es": "Spanish", "nl": "Dutch", "it": "Italian", "pl": "Polish", "fi": "Finnish"}
