"""The reader on the forms of the issue, the hard cases and bad input."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ramstein.domain.errors import InvalidInput
from ramstein.domain.extraction.language import detect_language
from ramstein.domain.extraction.reading import Finding
from tests.builders import a_rate_table

Read = Callable[..., list[Finding]]


def amounts(findings: list[Finding]) -> list[tuple[Decimal, str | None]]:
    return [(f.amount, f.currency) for f in findings]


@pytest.mark.parametrize(
    ("text", "lang", "amount", "currency"),
    [
        ("USA gav 120 milliarder dollar.", "da", "120e9", "USD"),
        ("Regeringen giver knap 500 milliarder kroner.", "da", "500e9", "DKK"),
        ("The floor is EUR 40 billion.", "en", "40e9", "EUR"),
        ("The EU set up a €40bn fund.", "en", "40e9", "EUR"),
        ("Congress passed $61bn.", "en", "61e9", "USD"),
        ("Deutschland gibt 40 Milliarden Euro.", "de", "40e9", "EUR"),
        ("Danmark giver 2,5 mia. kr. mere.", "da", "2.5e9", "DKK"),
        ("Britain gives 1.2 billion pounds.", "en", "1.2e9", "GBP"),
        ("Norge gir NOK 6,6 mrd. i år.", "nb", "6.6e9", "NOK"),
        ("Sverige sender 300 millioner svenske kronor.", "da", "300e6", "SEK"),
        ("Regjeringen gir to milliarder kroner.", "nb", "2e9", "NOK"),
        ("Die Niederlande geben 500 Mio. € für Drohnen.", "de", "500e6", "EUR"),
        ("Regeringen ger 3 200 mkr.", "sv", "3.2e9", "SEK"),
    ],
)
def test_every_form_of_the_issue_is_read(read: Read, text: str, lang: str, amount: str, currency: str) -> None:
    assert amounts(read(text, lang)) == [(Decimal(amount), currency)]


def test_kroner_are_the_language_s_or_the_donor_s(read: Read) -> None:
    assert amounts(read("Regjeringen gir 5 milliarder kroner.", "nb")) == [(Decimal("5e9"), "NOK")]
    assert amounts(read("Regeringen ger 5 miljarder kronor.", "sv")) == [(Decimal("5e9"), "SEK")]
    (norway,) = read("Norway adds 5 billion kroner for air defence.", "en")
    assert (norway.currency, norway.donor) == ("NOK", "NOR")
    assert "currency-from-donor" in norway.flags
    (norway_in_danish,) = read("Norge giver 1 mia. kroner.", "da")
    assert norway_in_danish.currency == "DKK" and "kroner-of-the-language:NOK?" in norway_in_danish.flags
    (named,) = read("Norge giver 1 mia. norske kroner.", "da")
    assert named.currency == "NOK" and named.flags == ()
    (unknown,) = read("The fund adds 5 billion kroner.", "en")
    assert unknown.currency is None and "currency-unknown" in unknown.flags and unknown.confidence < Decimal("0.5")


def test_qualifiers_donors_kinds_and_terms(read: Read) -> None:
    (f,) = read("Danmark afsætter op til 10 mia. kr. til en femårig fond.", "da", date(2025, 3, 1))
    assert (f.qualifier, f.donor, f.kind, f.starts, f.ends) == (
        "up-to",
        "DNK",
        "fund",
        date(2025, 1, 1),
        date(2029, 12, 31),
    )
    (g,) = read("Germany will lend about EUR 2 billion over 2024–2027.", "en")
    assert (g.qualifier, g.donor, g.kind, g.starts, g.ends) == (
        "about",
        "DEU",
        "loan",
        date(2024, 1, 1),
        date(2027, 12, 31),
    )
    (h,) = read("Die Nato will jährlich mindestens 40 Milliarden Euro mobilisieren.", "de")
    assert (h.qualifier, h.donor, h.kind) == ("at-least", "NATO", "annual-floor")


def test_a_date_stated_in_the_sentence_wins_over_the_document_s(read: Read) -> None:
    (f,) = read("Den 12. juli 2024 lovede Danmark 3 mia. kr.", "da", date(2024, 8, 1))
    assert f.on == date(2024, 7, 12)
    (g,) = read("On April 2, Denmark pledged DKK 3 billion.", "en", date(2024, 8, 1))
    assert g.on == date(2024, 4, 2)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("More than 10,000 troops from 12 countries have been trained since 2022.", "en"),
        ("Danmark sender 19 F-16-fly og 1 million granater inden 2025.", "da"),
        ("Mer än 100 000 soldater och 50 länder deltar.", "sv"),
        ("Version 1.2.3 der Software wurde 2024 ausgeliefert.", "de"),
    ],
)
def test_figures_that_are_not_money_are_left_alone(read: Read, text: str, lang: str) -> None:
    assert read(text, lang) == []


def test_a_currency_is_borrowed_only_where_the_amount_is_money(read: Read) -> None:
    found = read("Norge gir 7,5 milliarder kroner i år og 5 milliarder i 2025, og 1 million granater.", "nb")
    assert amounts(found) == [(Decimal("7.5e9"), "NOK"), (Decimal("5e9"), "NOK")]
    assert "currency-borrowed:kroner" in found[1].flags


def test_a_range_gives_its_upper_amount_with_the_lower_beside_it(read: Read) -> None:
    (swedish,) = read("Sverige har lovet mellem 5 og 6 mia. svenske kronor.", "da")
    assert (swedish.amount, swedish.currency, swedish.qualifier) == (Decimal("6e9"), "SEK", "between")
    assert "range-from:5000000000" in swedish.flags
    (german,) = read("Deutschland gibt 4-5 Milliarden Euro.", "de")
    assert (german.amount, german.qualifier, german.flags) == (Decimal("5e9"), "between", ("range-from:4000000000",))
    (not_a_range,) = read("I 2024 og 5 mia. kr. senere.", "da")
    assert not_a_range.qualifier is None


def test_a_part_of_an_earlier_amount_borrows_its_currency_and_says_so(read: Read) -> None:
    text = (
        "Danmark har givet 60 mia. kroner, svarende til 8 mia. euro. Heraf er 7 mia. gået til F-16.\nNorge giver mere."
    )
    _total, _restated, part = read(text, "da")
    assert (part.amount, part.currency, part.donor) == (Decimal("7e9"), "DKK", "DNK")
    assert "part-of:60 mia. kroner" in part.flags and part.sentence == "Heraf er 7 mia. gået til F-16."


def test_a_stated_conversion_is_checked_against_the_ecb_rate(read: Read) -> None:
    text = "USA har givet 60 milliarder dollar. Det svarer til omkring 410 milliarder kroner."
    first, second = read(text, "da", date(2024, 4, 2))
    assert second.conversion_of == 0 and not any("conversion" in f for f in first.flags)
    wrong = "USA har givet 60 milliarder dollar. Det svarer til omkring 300 milliarder kroner."
    first, _ = read(wrong, "da", date(2024, 4, 2))
    assert any(f.startswith("conversion-off:conversion off by -27") for f in first.flags), first.flags
    assert first.confidence < Decimal("0.95")


def test_the_tolerance_is_five_percent(read: Read) -> None:
    rates = a_rate_table({"USD": {date(2024, 4, 2): "1.00"}, "DKK": {date(2024, 4, 2): "7.00"}})
    near = "USA gav 100 mia. dollar. Det svarer til 730 mia. kroner."  # +4.3 %
    far = "USA gav 100 mia. dollar. Det svarer til 740 mia. kroner."  # +5.7 %
    assert not any("off by" in f for f in read(near, "da", date(2024, 4, 2), rates)[0].flags)
    assert any("off by +5.7 %" in f for f in read(far, "da", date(2024, 4, 2), rates)[0].flags)


def test_an_impossible_number_stops_the_reading_with_its_line(read: Read) -> None:
    with pytest.raises(InvalidInput, match=r"line 2: '1,2,3 mia. kr.'"):
        read("Danmark giver 2 mia. kr.\nNorge giver 1,2,3 mia. kr.", "da")


def test_an_empty_text_is_refused(read: Read) -> None:
    with pytest.raises(InvalidInput, match="empty"):
        read("  \n ", "da")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Regeringen har besluttet at give Ukraine endnu en donationspakke, siger forsvarsministeren.", "da"),
        ("Regjeringen har bestemt at Norge skal gi mer hjelp til Ukraina, sier forsvarsministeren.", "nb"),
        ("Regeringen har beslutat att Sverige ska ge mer stöd till Ukraina, säger försvarsministern.", "sv"),
        ("Die Bundesregierung hat beschlossen, der Ukraine mehr Hilfe zu geben, sagte der Minister.", "de"),
        ("The government has decided to give more help to Ukraine, the minister said on Tuesday.", "en"),
    ],
)
def test_the_language_is_told_from_its_common_words(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_other_languages_are_named_and_refused() -> None:
    with pytest.raises(InvalidInput, match="looks French"):
        detect_language("Le gouvernement a décidé de donner plus d'aide à l'Ukraine pour la défense.")
    with pytest.raises(InvalidInput, match="cannot tell"):
        detect_language("EUR 40 bn")


ALPHABET = "0123456789 .,-–€$£kKrRmMbBnNiaAdDeEuUoOgGæøåäöüßEURNOKDKKSEUSD\n()'"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=ALPHABET, max_size=80), lang=st.sampled_from(["en", "da", "nb", "sv", "de"]))
def test_any_text_is_read_or_refused_clearly(read: Read, text: str, lang: str) -> None:
    """Whatever the text, the reader returns findings whose spans quote it, or refuses it with InvalidInput."""
    try:
        found = read(text, lang)
    except InvalidInput:
        return
    for f in found:
        assert text[f.start : f.end] == f.text and f.amount >= 0
