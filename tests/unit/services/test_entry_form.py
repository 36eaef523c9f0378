"""Text fields become an entry, or every problem in them is listed with its column."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ramstein.domain.ledger import Capability, Entry, EntryKind
from ramstein.services.entry_form import parse_entry

GOOD = {
    "kind": "pledge",
    "donor": "dnk",
    "amount": "10.5bn",
    "currency": "EUR",
    "date": "2024-07-10",
    "starts": "2024-01-01",
    "ends": "2027-12-31",
    "capability": "air_and_missile_defence",
    "items": "IRIS-T SLM missile:40:1250000; launcher:2",
}


def test_a_complete_row_becomes_an_entry():
    entry = parse_entry(GOOD)
    assert isinstance(entry, Entry)
    assert entry.kind is EntryKind.PLEDGE
    assert entry.donor == "DNK" and entry.recipient == "UKR"
    assert entry.amount.amount == Decimal("10500000000")
    assert entry.starts == date(2024, 1, 1) and entry.ends == date(2027, 12, 31)
    assert entry.capability is Capability.AIR_DEFENCE
    assert [i.quantity for i in entry.items] == [40, 2]
    assert entry.items[0].unit_value is not None and entry.items[0].unit_value.amount == Decimal(1250000)


def test_every_bad_field_is_reported_with_its_column():
    bad = {**GOOD, "amount": "1,5", "currency": "XYZ", "date": "10/07/2024", "channel": "pigeon"}
    issues = parse_entry(bad, source="pledges.csv", row=7)
    assert isinstance(issues, list)
    assert {i.column for i in issues} == {"amount", "currency", "date", "channel"}
    assert all(i.row == 7 and i.source == "pledges.csv" for i in issues)
    by_column = {i.column: i.message for i in issues}
    assert "decimal point" in by_column["amount"]
    assert "ISO 4217" in by_column["currency"]
    assert "YYYY-MM-DD" in by_column["date"]
    assert "bilateral" in by_column["channel"]


def test_missing_required_fields_are_named():
    issues = parse_entry({"kind": "delivery"})
    assert isinstance(issues, list)
    assert {i.column for i in issues} >= {"donor", "amount", "currency", "date"}


def test_a_reversal_cannot_be_written_as_a_row():
    issues = parse_entry({**GOOD, "kind": "reversal"})
    assert isinstance(issues, list) and issues[0].column == "kind"


def test_rules_of_the_entry_itself_become_issues():
    issues = parse_entry({**GOOD, "kind": "delivery"})  # a period only belongs to pledges
    assert isinstance(issues, list)
    assert "only pledges cover a period" in issues[0].message


def test_a_negative_amount_points_to_reversal():
    issues = parse_entry({**GOOD, "amount": "-5"})
    assert isinstance(issues, list)
    assert issues[0].column == "amount" and "reverse" in issues[0].message
