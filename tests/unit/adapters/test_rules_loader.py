"""Rule set files: the shipped ones load, and every mistake in a user's file is reported with its line."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from textwrap import dedent

import pytest

from ramstein.adapters.importers.rules import YamlRuleSets, kiel_eu_shares, parse_rule_set
from ramstein.domain.errors import NotFound, RejectedImport
from ramstein.domain.ledger import AidType, Channel
from ramstein.domain.rules import GdpSource, Participants, PeriodKind

GOOD = dedent(
    """\
    name: my-variant
    version: 2
    title: My variant
    floor: 50bn
    period:
      kind: pledge-year
      summit: 2024-07-10
    participants:
      who: contact-group
      exempt: [ISL]
      redistribute-exempt: false
    key:
      gdp-year: 2023
      fx: 2024-07-10
    credit:
      stage: delivery
      channels: [bilateral, nato]
    """
)


def problems(text: str) -> list[tuple[int, str, str]]:
    with pytest.raises(RejectedImport) as caught:
        parse_rule_set(text, "mine.yaml")
    return [(i.row, i.column, i.message) for i in caught.value.issues]


def test_the_three_shipped_rule_sets_load():
    sets = YamlRuleSets()
    assert sets.names() == ["fund-100bn-5y", "kiel-share-of-gdp", "washington-2024"]
    washington = sets.load("washington-2024")
    assert (washington.name, washington.version, washington.floor_eur) == ("washington-2024", 1, Decimal("40e9"))
    kiel = sets.load("kiel-share-of-gdp")
    assert kiel.gdp_source is GdpSource.KIEL and kiel.gdp_year == 2021
    assert kiel.aid_types == frozenset(AidType) and kiel.channels == frozenset({Channel.BILATERAL})
    fund = sets.load("fund-100bn-5y").fund
    assert fund is not None and (fund.target_eur, fund.years, fund.start_year) == (Decimal("100e9"), 5, 2025)


def test_a_user_file_sets_every_parameter_it_names_and_keeps_the_defaults():
    rules = parse_rule_set(GOOD, "mine.yaml")
    assert rules.label == "my-variant v2" and rules.floor_eur == Decimal("50e9")
    assert rules.period_kind is PeriodKind.PLEDGE_YEAR and rules.summit == date(2024, 7, 10)
    assert rules.participants is Participants.CONTACT_GROUP and rules.exempt == {"ISL"}
    assert not rules.redistribute_exempt and rules.fx_date == date(2024, 7, 10)
    assert rules.aid_types == {AidType.MILITARY}  # not named: the default


def test_a_typo_in_a_key_names_its_line_the_closest_key_and_the_valid_ones():
    found = problems(GOOD.replace("  redistribute-exempt", "  redistribute-exmept"))
    ((line, where, message),) = found
    assert (line, where) == (11, "participants.redistribute-exmept")
    assert "did you mean 'redistribute-exempt'?" in message
    assert "valid keys are exempt, membership-on, redistribute-exempt, who" in message


def test_an_unknown_top_level_key_and_a_wrong_value_are_both_reported_with_their_lines():
    text = GOOD.replace("floor: 50bn", "flor: 50bn").replace("stage: delivery", "stage: delivered")
    found = problems(text)
    assert [(line, where) for line, where, _ in found] == [(4, "flor"), (16, "credit.stage")]
    assert "did you mean 'floor'?" in found[0][2]
    assert "'delivered' is not one of: pledge, commitment, delivery" in found[1][2]


def test_missing_required_keys_and_contradictions_are_reported():
    found = problems("name: x\nperiod:\n  kind: pledge-year\n")
    assert {(line, where) for line, where, _ in found} == {(1, "version"), (1, "title")}
    contradiction = problems("name: x\nversion: 1\ntitle: X\nperiod:\n  kind: pledge-year\n")
    assert contradiction == [
        (4, "period.summit", "a pledge year needs the summit date it starts from, e.g. 2024-07-10")
    ]


def test_a_price_list_valuation_without_a_price_list_is_refused_where_it_is_declared():
    found = problems("name: x\nversion: 1\ntitle: X\ncredit:\n  valuation: price-list\n")
    assert [(line, where) for line, where, _ in found] == [(4, "credit.price-list")]
    assert "needs a price list" in found[0][2]


def test_a_file_that_is_not_yaml_says_where_it_breaks():
    ((line, _, message),) = problems("name: x\nversion: [1\n")
    assert line >= 2 and message.startswith("not valid YAML")


def test_an_unknown_rule_set_lists_the_shipped_ones():
    with pytest.raises(NotFound) as caught:
        YamlRuleSets().load("washington-2042")
    assert "unknown rule set 'washington-2042'" in caught.value.message
    assert "fund-100bn-5y, kiel-share-of-gdp, washington-2024" in caught.value.hint


def test_a_users_file_is_read_by_path(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(GOOD)
    assert YamlRuleSets().load(str(path)).name == "my-variant"
    with pytest.raises(NotFound):
        YamlRuleSets().load(str(tmp_path / "missing.yaml"))


def test_kiels_eu_budget_shares_are_fractions_of_one():
    shares = kiel_eu_shares()
    assert len(shares) == 27 and abs(sum(shares.values()) - 1) < Decimal("1e-20")
    assert shares["DEU"] > shares["FRA"] > shares["ITA"]
