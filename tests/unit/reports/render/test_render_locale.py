"""Numbers, amounts, percents, dates and names in the reader's locale (Babel/CLDR)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from ramstein.reports.render.locale import Formatter

BN = Decimal(10) ** 9
NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("lang", "forty_bn", "small"),
    [
        ("en", "€40.0B", "€350.0M"),
        ("da", f"40,0{NBSP}mia.{NBSP}€", f"350,0{NBSP}mio.{NBSP}€"),
        ("nb", f"€{NBSP}40,0{NBSP}mrd.", f"€{NBSP}350,0{NBSP}mill."),
    ],
)
def test_compact_amounts_keep_their_decimal(lang, forty_bn, small):
    f = Formatter(lang)
    assert f.eur(40 * BN) == forty_bn
    assert f.eur(Decimal("350e6")) == small


def test_danish_kroner_style_of_the_issue():
    """The issue's example, "298 mia. kr.", is CLDR's Danish compact pattern; we apply the same one to EUR."""
    assert Formatter("da").eur(Decimal("298e9"), digits=0) == f"298{NBSP}mia.{NBSP}€"


def test_tables_use_billions_throughout():
    assert Formatter("da").bn_eur(Decimal("350e6")) == f"0,35{NBSP}mia.{NBSP}€"


@pytest.mark.parametrize(("lang", "text"), [("en", "3.274%"), ("da", f"3,274{NBSP}%"), ("nb", f"3,274{NBSP}%")])
def test_percent_of_gdp_to_a_thousandth_of_a_point(lang, text):
    assert Formatter(lang).percent_of(Decimal("3.2744"), 3) == text


def test_no_percent_is_a_dash():
    assert Formatter("en").percent(None) == "\u2013"


@pytest.mark.parametrize(
    ("lang", "day", "time"),
    [("en", "10 July 2024", "14:30"), ("da", "10. juli 2024", "14.30"), ("nb", "10. juli 2024", "14:30")],
)
def test_dates_and_times_in_utc(lang, day, time):
    f = Formatter(lang)
    assert f.date(date(2024, 7, 10)) == day
    in_oslo = datetime(2026, 4, 13, 16, 30, tzinfo=timezone(timedelta(hours=2)))
    assert f.time_utc(in_oslo) == time
    assert f.time_utc(datetime(2026, 4, 13, 14, 30)) == time  # naive: already UTC, the ledger's clock


@pytest.mark.parametrize(("lang", "name"), [("en", "Germany"), ("da", "Tyskland"), ("nb", "Tyskland")])
def test_nation_names_in_the_readers_language(lang, name):
    assert Formatter(lang).nation("DEU", "Germany") == name


def test_a_nation_cldr_does_not_know_keeps_the_reports_name():
    assert Formatter("da").nation("XKX", "Kosovo") in {"Kosovo"}
    assert Formatter("da").nation("EUI", "EU institutions") == "EU institutions"


def test_chart_number_locale_follows_cldr():
    assert Formatter("da").d3_format_locale()["decimal"] == ","
    assert Formatter("nb").d3_format_locale()["thousands"] == NBSP
