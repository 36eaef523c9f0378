"""ISO 4217 currency codes ramstein accepts, and the legacy currencies the euro replaced.

The active list is the one in the shipped country-code file (ISO 4217 alphabetic codes of every country)
plus TRY, which that file leaves empty for Türkiye, and XDR (IMF special drawing rights, used by lenders).
"""

from __future__ import annotations

from datetime import date

ACTIVE = frozenset(
    """
    AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD CAD CDF CHF
    CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL
    HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD
    MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG
    QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD
    TWD TZS UAH UGX USD UYU UYW UZS VED VES VND VUV WST XAF XCD XCG XDR XOF XPF YER ZAR ZMW ZWG
    """.split()  # noqa: SIM905 - a code table reads better as a block of text
)

# Currencies the euro replaced: the day the euro took over, and the irrevocable conversion rate (per EUR).
EURO_CHANGEOVER: dict[str, tuple[date, str]] = {
    "ATS": (date(1999, 1, 1), "13.7603"),
    "BEF": (date(1999, 1, 1), "40.3399"),
    "DEM": (date(1999, 1, 1), "1.95583"),
    "ESP": (date(1999, 1, 1), "166.386"),
    "FIM": (date(1999, 1, 1), "5.94573"),
    "FRF": (date(1999, 1, 1), "6.55957"),
    "IEP": (date(1999, 1, 1), "0.787564"),
    "ITL": (date(1999, 1, 1), "1936.27"),
    "LUF": (date(1999, 1, 1), "40.3399"),
    "NLG": (date(1999, 1, 1), "2.20371"),
    "PTE": (date(1999, 1, 1), "200.482"),
    "GRD": (date(2001, 1, 1), "340.750"),
    "SIT": (date(2007, 1, 1), "239.640"),
    "CYP": (date(2008, 1, 1), "0.585274"),
    "MTL": (date(2008, 1, 1), "0.429300"),
    "SKK": (date(2009, 1, 1), "30.1260"),
    "EEK": (date(2011, 1, 1), "15.6466"),
    "LVL": (date(2014, 1, 1), "0.702804"),
    "LTL": (date(2015, 1, 1), "3.45280"),
    "HRK": (date(2023, 1, 1), "7.53450"),
    "BGN": (date(2026, 1, 1), "1.95583"),
}

# Redenominated currencies the ECB once quoted: the old code and the code that replaced it.
REDENOMINATED = {"ROL": "RON", "TRL": "TRY"}

KNOWN = ACTIVE | EURO_CHANGEOVER.keys() | REDENOMINATED.keys()


def is_known(code: str) -> bool:
    return code in KNOWN
