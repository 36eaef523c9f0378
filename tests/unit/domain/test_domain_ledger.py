"""The ledger only grows: entries are validated statements, chained by hashes; corrections are reversals."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Context, Decimal, localcontext
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from ramstein.domain.errors import Conflict, InvalidInput
from ramstein.domain.ledger import (
    EMPTY_CHAIN,
    GENESIS,
    STAGES,
    AidType,
    Capability,
    ChainHead,
    Channel,
    Entry,
    EntryKind,
    Instrument,
    Item,
    LedgerEntry,
    chain,
    live,
    reversal_of,
    verify_chain,
)
from ramstein.domain.money import Money, money

PROPERTY = settings(max_examples=50, derandomize=True, deadline=None)
EntryBuilder = Callable[..., Entry]
Recorder = Callable[[Iterable[Entry]], list[LedgerEntry]]
AT = datetime(2024, 7, 10, 9, 30, tzinfo=UTC)


# --- what an entry may state ----------------------------------------------------------------------------------


def test_a_plain_pledge_is_valid(make_entry: EntryBuilder) -> None:
    entry = make_entry()
    assert (entry.kind, entry.donor, entry.recipient, entry.amount) == ("pledge", "DNK", "UKR", money("1m", "EUR"))


@pytest.mark.parametrize("amount", ["0", "-1", "-0.01"])
def test_an_amount_must_be_positive_and_a_correction_is_a_reversal(make_entry: EntryBuilder, amount: str) -> None:
    with pytest.raises(InvalidInput, match="amount must be positive") as caught:
        make_entry(amount=money(amount, "EUR"))
    assert "reverse" in caught.value.hint


def test_a_reversal_must_name_the_entry_it_reverses(make_entry: EntryBuilder) -> None:
    with pytest.raises(InvalidInput, match="names the entry it reverses"):
        make_entry(kind=EntryKind.REVERSAL)
    assert make_entry(kind=EntryKind.REVERSAL, reverses=1).reverses == 1


@pytest.mark.parametrize("kind", STAGES)
def test_only_a_reversal_may_name_an_entry_it_reverses(make_entry: EntryBuilder, kind: EntryKind) -> None:
    with pytest.raises(InvalidInput, match="names the entry it reverses"):
        make_entry(kind=kind, reverses=1)


def test_a_pledge_may_cover_a_period_of_one_or_more_days(make_entry: EntryBuilder) -> None:
    pledge = make_entry(starts=date(2024, 1, 1), ends=date(2027, 12, 31))
    assert (pledge.starts, pledge.ends) == (date(2024, 1, 1), date(2027, 12, 31))
    assert make_entry(starts=date(2024, 1, 1), ends=date(2024, 1, 1)).ends == date(2024, 1, 1)


@pytest.mark.parametrize("kind", [EntryKind.COMMITMENT, EntryKind.DELIVERY])
def test_only_pledges_cover_a_period(make_entry: EntryBuilder, kind: EntryKind) -> None:
    with pytest.raises(InvalidInput, match="only pledges cover a period"):
        make_entry(kind=kind, starts=date(2024, 1, 1), ends=date(2027, 12, 31))


def test_a_period_needs_both_ends(make_entry: EntryBuilder) -> None:
    with pytest.raises(InvalidInput, match="both a start and an end"):
        make_entry(starts=date(2024, 1, 1))
    with pytest.raises(InvalidInput, match="both a start and an end"):
        make_entry(ends=date(2027, 12, 31))


def test_a_period_cannot_end_before_it_starts(make_entry: EntryBuilder) -> None:
    with pytest.raises(InvalidInput, match=r"ends .* before it starts"):
        make_entry(starts=date(2027, 1, 1), ends=date(2026, 12, 31))


def test_donor_and_recipient_differ(make_entry: EntryBuilder) -> None:
    with pytest.raises(InvalidInput, match="both UKR"):
        make_entry(donor="UKR", recipient="UKR")


@pytest.mark.parametrize("code", ["EU", "DNK", "USA"])
def test_nation_codes_of_two_or_three_capitals_are_accepted(make_entry: EntryBuilder, code: str) -> None:
    assert make_entry(donor=code).donor == code


@pytest.mark.parametrize("code", ["dnk", "Dnk", "D", "DENM", "D1K", "", " DNK"])
@pytest.mark.parametrize("side", ["donor", "recipient"])
def test_a_nation_code_must_be_two_or_three_capitals(make_entry: EntryBuilder, side: str, code: str) -> None:
    with pytest.raises(InvalidInput, match="is not a nation code"):
        make_entry(**{side: code})


CONTROL_CHARACTERS = ["\x00", "\x07", "\x0b", "\x0c", "\r", "\x1b", "\x1d", "\x1e", "\x1f", "\x7f", "\x85", "\x9b"]


@pytest.mark.parametrize("char", CONTROL_CHARACTERS, ids=[f"U+{ord(c):04X}" for c in CONTROL_CHARACTERS])
@pytest.mark.parametrize("field", ["note", "source", "external_id"])
def test_text_with_a_control_character_is_refused(make_entry: EntryBuilder, field: str, char: str) -> None:
    with pytest.raises(InvalidInput, match="control character"):
        make_entry(**{field: f"before{char}after"})


@pytest.mark.parametrize("char", CONTROL_CHARACTERS, ids=[f"U+{ord(c):04X}" for c in CONTROL_CHARACTERS])
def test_an_item_name_with_a_control_character_is_refused(char: str) -> None:
    with pytest.raises(InvalidInput, match="control character"):
        Item(f"155 mm{char}round", 1)


def test_a_note_may_span_lines_and_use_tabs_and_any_script(make_entry: EntryBuilder) -> None:
    note = "first line\nsecond\tline: Україна, Danmark, Ærø"
    assert make_entry(note=note).note == note


def test_an_external_id_when_given_is_not_empty(make_entry: EntryBuilder) -> None:
    with pytest.raises(InvalidInput, match="external id must not be empty"):
        make_entry(external_id="  ")
    assert make_entry(external_id="kiel-29-1234").external_id == "kiel-29-1234"


def test_an_item_names_what_and_how_many() -> None:
    item = Item("155 mm round", 50_000, money("4000", "EUR"))
    assert (item.name, item.quantity, item.unit_value) == ("155 mm round", 50_000, money("4000", "EUR"))


@pytest.mark.parametrize("quantity", [0, -1, True, 1.5, "3"])
def test_an_item_quantity_is_a_positive_whole_number(quantity: Any) -> None:
    with pytest.raises(InvalidInput, match="positive whole number"):
        Item("155 mm round", quantity)


def test_an_item_needs_a_name() -> None:
    with pytest.raises(InvalidInput, match="item must not be empty"):
        Item(" ", 1)


# --- the chain ------------------------------------------------------------------------------------------------


def test_chain_numbers_entries_after_the_head_and_links_each_to_its_predecessor(make_entry: EntryBuilder) -> None:
    head = ChainHead(41, "ab" * 32)
    recorded = chain([make_entry(), make_entry(kind=EntryKind.DELIVERY)], head, "dnk-desk", AT)
    assert [r.seq for r in recorded] == [42, 43]
    assert recorded[0].prev_hash == head.hash
    assert recorded[1].prev_hash == recorded[0].hash
    assert all(len(r.hash) == 64 and r.hash == r.expected_hash() for r in recorded)
    assert {(r.recorded_by, r.recorded_at) for r in recorded} == {("dnk-desk", AT)}


def test_the_first_entry_of_a_ledger_points_at_the_genesis_hash(record: Recorder, make_entry: EntryBuilder) -> None:
    (first,) = record([make_entry()])
    assert (first.seq, first.prev_hash) == (1, GENESIS)


def test_chaining_nothing_records_nothing() -> None:
    assert chain([], EMPTY_CHAIN, "dnk-desk", AT) == []


def test_recording_times_are_kept_in_utc(make_entry: EntryBuilder) -> None:
    copenhagen_summer = timezone(timedelta(hours=2))
    (local,) = chain([make_entry()], EMPTY_CHAIN, "dnk-desk", datetime(2024, 7, 10, 11, 30, tzinfo=copenhagen_summer))
    (utc,) = chain([make_entry()], EMPTY_CHAIN, "dnk-desk", AT)
    assert local.recorded_at == AT
    assert local.recorded_at.tzinfo == UTC
    assert local.hash == utc.hash


def test_a_recording_time_without_a_time_zone_is_refused(make_entry: EntryBuilder) -> None:
    with pytest.raises(InvalidInput, match="time zone"):
        chain([make_entry()], EMPTY_CHAIN, "dnk-desk", datetime(2024, 7, 10, 9, 30))  # naive on purpose


def test_an_entry_is_recorded_by_somebody(make_entry: EntryBuilder) -> None:
    with pytest.raises(InvalidInput, match="recorded by must not be empty"):
        chain([make_entry()], EMPTY_CHAIN, " ", AT)


def test_the_same_statement_recorded_twice_gets_two_different_hashes(
    record: Recorder, make_entry: EntryBuilder
) -> None:
    first, second = record([make_entry(), make_entry()])
    assert first.hash != second.hash


def test_an_intact_chain_verifies_and_reports_its_head(record: Recorder, make_entry: EntryBuilder) -> None:
    recorded = record([make_entry(), make_entry(kind=EntryKind.COMMITMENT), make_entry(kind=EntryKind.DELIVERY)])
    report = verify_chain(recorded)
    assert report.intact
    assert (report.checked, report.broken_at, report.problem) == (3, None, "")
    assert report.head == ChainHead(3, recorded[-1].hash)


def test_an_empty_ledger_is_intact() -> None:
    report = verify_chain([])
    assert report.intact
    assert (report.checked, report.head) == (0, EMPTY_CHAIN)


def test_a_chain_continued_from_its_verified_head_stays_intact(record: Recorder, make_entry: EntryBuilder) -> None:
    first = record([make_entry(), make_entry()])
    more = chain([make_entry(kind=EntryKind.DELIVERY)], verify_chain(first).head, "ukr-liaison", AT + timedelta(days=1))
    report = verify_chain([*first, *more])
    assert report.intact
    assert report.checked == 3


def test_cutting_off_the_newest_entries_shows_only_against_the_known_head(
    record: Recorder, make_entry: EntryBuilder
) -> None:
    recorded = record([make_entry(), make_entry(), make_entry()])
    report = verify_chain(recorded[:-1])
    assert report.intact  # the stored entries are consistent among themselves ...
    assert report.head != verify_chain(recorded).head  # ... but no longer end where the ledger's head says


# --- reversals and what is in force ---------------------------------------------------------------------------


def delivered(record: Recorder, make_entry: EntryBuilder) -> LedgerEntry:
    """Entry #1: a Danish delivery of 12 howitzers, through the NATO channel."""
    (entry,) = record(
        [
            make_entry(
                kind=EntryKind.DELIVERY,
                amount=money("84m", "DKK"),
                on=date(2024, 5, 2),
                instrument=Instrument.IN_KIND,
                channel=Channel.NATO,
                capability=Capability.ARTILLERY,
                items=(Item("CAESAR howitzer", 12, money("7m", "DKK")),),
                source="kiel-29",
                external_id="kiel-29-77",
                note="as announced",
            )
        ]
    )
    return entry


def test_a_reversal_copies_the_facts_and_points_at_the_original(record: Recorder, make_entry: EntryBuilder) -> None:
    original = delivered(record, make_entry)
    reversal = reversal_of(original, on=date(2024, 6, 1), reason="counted twice")
    assert reversal.kind is EntryKind.REVERSAL
    assert reversal.reverses == original.seq
    assert (reversal.on, reversal.note) == (date(2024, 6, 1), "counted twice")
    same_facts = ("donor", "recipient", "amount", "aid_type", "instrument", "channel", "capability", "items", "source")
    for name in same_facts:
        assert getattr(reversal, name) == getattr(original.entry, name), name


def test_a_reversal_may_name_its_own_source(record: Recorder, make_entry: EntryBuilder) -> None:
    reversal = reversal_of(delivered(record, make_entry), on=date(2024, 6, 1), reason="typo", source="mod-dk")
    assert reversal.source == "mod-dk"


def test_a_reversal_of_a_multi_year_pledge_keeps_its_period(record: Recorder, make_entry: EntryBuilder) -> None:
    (pledge,) = record([make_entry(starts=date(2024, 1, 1), ends=date(2027, 12, 31))])
    reversal = reversal_of(pledge, on=date(2024, 8, 1), reason="replaced by a larger pledge")
    assert (reversal.starts, reversal.ends) == (date(2024, 1, 1), date(2027, 12, 31))


def test_a_reversal_cannot_be_reversed(record: Recorder, make_entry: EntryBuilder) -> None:
    original = delivered(record, make_entry)
    (reversal,) = chain(
        [reversal_of(original, on=date(2024, 6, 1), reason="typo")], ChainHead(1, original.hash), "dnk-desk", AT
    )
    with pytest.raises(Conflict, match="itself a reversal") as caught:
        reversal_of(reversal, on=date(2024, 6, 2), reason="undo")
    assert "record the original statement again" in caught.value.hint


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_reversal_needs_a_reason(record: Recorder, make_entry: EntryBuilder, reason: str) -> None:
    with pytest.raises(InvalidInput, match="needs a reason"):
        reversal_of(delivered(record, make_entry), on=date(2024, 6, 1), reason=reason)


def test_a_reversal_cannot_predate_the_original(record: Recorder, make_entry: EntryBuilder) -> None:
    original = delivered(record, make_entry)
    with pytest.raises(InvalidInput, match="before the entry it reverses"):
        reversal_of(original, on=original.entry.on - timedelta(days=1), reason="typo")
    assert reversal_of(original, on=original.entry.on, reason="typo").on == original.entry.on


def test_live_entries_are_those_no_reversal_cancels(record: Recorder, make_entry: EntryBuilder) -> None:
    pledge, commitment = record([make_entry(), make_entry(kind=EntryKind.COMMITMENT)])
    (reversal,) = chain(
        [reversal_of(commitment, on=date(2024, 7, 11), reason="wrong donor")],
        ChainHead(commitment.seq, commitment.hash),
        "dnk-desk",
        AT,
    )
    assert list(live([pledge, commitment, reversal])) == [pledge]


# --- properties: tampering is detected ------------------------------------------------------------------------

CODES = ["DNK", "DEU", "USA", "GBR", "NLD", "EU", "UKR"]
CURRENCIES = ["EUR", "USD", "NOK"]
safe_text = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=12)
required_text = safe_text.filter(str.strip)
significands = st.integers(min_value=1, max_value=34).flatmap(lambda n: st.integers(10 ** (n - 1), 10**n - 1))
long_amounts = st.builds(  # 1 to 34 significant digits, as many as conversions produce
    lambda n, exponent: Decimal((0, tuple(int(d) for d in str(n)), exponent)),
    significands,
    st.integers(min_value=-12, max_value=0),
)
positive_amounts = st.one_of(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1e12"), places=2), long_amounts)
monies = st.builds(Money, positive_amounts, st.sampled_from(CURRENCIES))
item_tuples = st.lists(
    st.builds(Item, required_text, st.integers(min_value=1, max_value=10**6), st.none() | monies), max_size=3
).map(tuple)
days = st.dates(date(2022, 2, 24), date(2026, 12, 31))
nation_pairs = st.tuples(st.sampled_from(CODES), st.sampled_from(CODES)).filter(lambda pair: pair[0] != pair[1])


@st.composite
def statements(draw: st.DrawFn, kinds: tuple[EntryKind, ...] = STAGES) -> Entry:
    """Any valid entry of the given kinds (a reversal names some earlier entry)."""
    kind = draw(st.sampled_from(kinds))
    donor, recipient = draw(nation_pairs)
    starts = ends = None
    if kind in (EntryKind.PLEDGE, EntryKind.REVERSAL) and draw(st.booleans()):
        starts = draw(days)
        ends = draw(st.dates(starts, date(2030, 12, 31)))
    return Entry(
        kind=kind,
        donor=donor,
        recipient=recipient,
        amount=draw(monies),
        on=draw(days),
        aid_type=draw(st.sampled_from(AidType)),
        instrument=draw(st.none() | st.sampled_from(Instrument)),
        channel=draw(st.sampled_from(Channel)),
        capability=draw(st.none() | st.sampled_from(Capability)),
        items=draw(item_tuples),
        source=draw(safe_text),
        external_id=draw(st.none() | required_text),
        starts=starts,
        ends=ends,
        reverses=draw(st.integers(min_value=1, max_value=10**6)) if kind is EntryKind.REVERSAL else None,
        note=draw(safe_text),
    )


def one_more_unit(value: Decimal) -> Decimal:
    """`value` plus one unit in its last digit, exactly: the smallest edit of an amount."""
    _, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    bigger = int("".join(map(str, digits))) + 1
    return Decimal((0, tuple(int(d) for d in str(bigger)), exponent))


def edit_entry(record: LedgerEntry, **changes: Any) -> LedgerEntry:
    return dataclasses.replace(record, entry=dataclasses.replace(record.entry, **changes))


def different(strategy: st.SearchStrategy[Any], old: object) -> st.SearchStrategy[Any]:
    return strategy.filter(lambda new: new != old)


Edit = Callable[[st.DataObject, LedgerEntry], LedgerEntry]


def edit_amount(data: st.DataObject, rec: LedgerEntry) -> LedgerEntry:
    old = rec.entry.amount
    new = data.draw(st.just(one_more_unit(old.amount)) | different(positive_amounts, old.amount))
    return edit_entry(rec, amount=Money(new, old.currency))


def edit_currency(data: st.DataObject, rec: LedgerEntry) -> LedgerEntry:
    old = rec.entry.amount
    return edit_entry(rec, amount=Money(old.amount, data.draw(different(st.sampled_from(CURRENCIES), old.currency))))


def edit_donor(data: st.DataObject, rec: LedgerEntry) -> LedgerEntry:
    code = data.draw(st.sampled_from([c for c in CODES if c not in (rec.entry.donor, rec.entry.recipient)]))
    return edit_entry(rec, donor=code)


def edit_recipient(data: st.DataObject, rec: LedgerEntry) -> LedgerEntry:
    code = data.draw(st.sampled_from([c for c in CODES if c not in (rec.entry.donor, rec.entry.recipient)]))
    return edit_entry(rec, recipient=code)


def edit_on(data: st.DataObject, rec: LedgerEntry) -> LedgerEntry:
    return edit_entry(rec, on=data.draw(different(days, rec.entry.on)))


def edit_note(data: st.DataObject, rec: LedgerEntry) -> LedgerEntry:
    return edit_entry(rec, note=data.draw(different(safe_text, rec.entry.note)))


def edit_source(data: st.DataObject, rec: LedgerEntry) -> LedgerEntry:
    return edit_entry(rec, source=data.draw(different(safe_text, rec.entry.source)))


def edit_items(data: st.DataObject, rec: LedgerEntry) -> LedgerEntry:
    return edit_entry(rec, items=data.draw(different(item_tuples, rec.entry.items)))


def edit_one_item(change: Callable[[st.DataObject, Item], Item]) -> Edit:
    def edit(data: st.DataObject, rec: LedgerEntry) -> LedgerEntry:
        items = rec.entry.items
        i = data.draw(st.integers(min_value=0, max_value=len(items) - 1), label="edited item")
        return edit_entry(rec, items=(*items[:i], change(data, items[i]), *items[i + 1 :]))

    return edit


def nudge_unit_value(data: st.DataObject, item: Item) -> Item:
    value = item.unit_value
    if value is None:
        return dataclasses.replace(item, unit_value=data.draw(monies))
    return dataclasses.replace(item, unit_value=Money(one_more_unit(value.amount), value.currency))


def edit_kind(data: st.DataObject, rec: LedgerEntry) -> LedgerEntry:
    return edit_entry(rec, kind=data.draw(different(st.sampled_from(STAGES), rec.entry.kind)))


def edit_period(data: st.DataObject, rec: LedgerEntry, end: str) -> LedgerEntry:
    """Give the entry a period, drop it, or move its start or `end`."""
    starts, ends = rec.entry.starts, rec.entry.ends
    if starts is None or ends is None:
        starts = data.draw(days)
        return edit_entry(rec, starts=starts, ends=data.draw(st.dates(starts, date(2035, 12, 31))))
    if data.draw(st.booleans(), label="drop the period"):
        return edit_entry(rec, starts=None, ends=None)
    if end == "starts":
        return edit_entry(rec, starts=data.draw(different(st.dates(date(2000, 1, 1), ends), starts)))
    return edit_entry(rec, ends=data.draw(different(st.dates(starts, date(2035, 12, 31)), ends)))


def edit_reverses(data: st.DataObject, rec: LedgerEntry) -> LedgerEntry:
    return edit_entry(rec, reverses=data.draw(different(st.integers(min_value=1, max_value=10**6), rec.entry.reverses)))


def editable(field: str, entry: Entry) -> bool:
    """Whether `field` of `entry` can be edited into another valid entry."""
    if field == "kind":
        return entry.starts is None and entry.reverses is None  # a period is for pledges, `reverses` for reversals
    if field in ("starts", "ends"):
        return entry.kind in (EntryKind.PLEDGE, EntryKind.REVERSAL)
    if field == "reverses":
        return entry.kind is EntryKind.REVERSAL
    if field.startswith("item "):
        return bool(entry.items)
    return True


def edit_choice(name: str, choices: st.SearchStrategy[Any]) -> Edit:
    def edit(data: st.DataObject, rec: LedgerEntry) -> LedgerEntry:
        return edit_entry(rec, **{name: data.draw(different(choices, getattr(rec.entry, name)))})

    return edit


def edit_recorded_by(data: st.DataObject, rec: LedgerEntry) -> LedgerEntry:
    return dataclasses.replace(rec, recorded_by=data.draw(different(required_text, rec.recorded_by)))


def edit_recorded_at(data: st.DataObject, rec: LedgerEntry) -> LedgerEntry:
    shift = data.draw(st.integers(min_value=-(10**12), max_value=10**12).filter(bool))
    return dataclasses.replace(rec, recorded_at=rec.recorded_at + timedelta(microseconds=shift))


hashes = st.text(alphabet="0123456789abcdef", min_size=64, max_size=64)


def edit_prev_hash(data: st.DataObject, rec: LedgerEntry) -> LedgerEntry:
    return dataclasses.replace(rec, prev_hash=data.draw(different(hashes, rec.prev_hash)))


def edit_hash(data: st.DataObject, rec: LedgerEntry) -> LedgerEntry:
    return dataclasses.replace(rec, hash=data.draw(different(hashes, rec.hash)))


EDITS: dict[str, Edit] = {
    "amount": edit_amount,
    "currency": edit_currency,
    "donor": edit_donor,
    "recipient": edit_recipient,
    "on": edit_on,
    "note": edit_note,
    "source": edit_source,
    "items": edit_items,
    "item quantity": edit_one_item(lambda _, item: dataclasses.replace(item, quantity=item.quantity + 1)),
    "item name": edit_one_item(
        lambda data, item: dataclasses.replace(item, name=data.draw(different(required_text, item.name)))
    ),
    "item unit value": edit_one_item(nudge_unit_value),
    "kind": edit_kind,
    "starts": lambda data, rec: edit_period(data, rec, "starts"),
    "ends": lambda data, rec: edit_period(data, rec, "ends"),
    "reverses": edit_reverses,
    "channel": edit_choice("channel", st.sampled_from(Channel)),
    "aid_type": edit_choice("aid_type", st.sampled_from(AidType)),
    "instrument": edit_choice("instrument", st.none() | st.sampled_from(Instrument)),
    "capability": edit_choice("capability", st.none() | st.sampled_from(Capability)),
    "external_id": edit_choice("external_id", st.none() | required_text),
    "recorded_by": edit_recorded_by,
    "recorded_at": edit_recorded_at,
    "prev_hash": edit_prev_hash,
    "hash": edit_hash,
}
ledgers = st.lists(statements(kinds=(*STAGES, EntryKind.REVERSAL)), min_size=1, max_size=4)


def test_every_recorded_field_has_an_edit_in_the_tampering_property() -> None:
    """A field added to Entry or LedgerEntry must be hashed; this makes the property below try it."""
    entry_fields = {f.name for f in dataclasses.fields(Entry)}
    record_fields = {f.name for f in dataclasses.fields(LedgerEntry)} - {"entry", "seq"}  # seq: see below
    assert entry_fields | record_fields <= EDITS.keys()


def test_renumbering_an_entry_is_detected_where_the_number_jumps(record: Recorder, make_entry: EntryBuilder) -> None:
    recorded = record([make_entry(), make_entry(), make_entry()])
    renumbered = [recorded[0], dataclasses.replace(recorded[1], seq=7), recorded[2]]
    report = verify_chain(renumbered)
    assert (report.checked, report.broken_at) == (1, 7)
    assert report.problem == "entry #2 is missing (the next stored entry is #7)"


@pytest.mark.parametrize("field", sorted(EDITS))
@settings(PROPERTY, max_examples=15)
@given(entries=ledgers, data=st.data())
def test_any_edit_of_any_field_is_detected_at_the_edited_entry(
    record: Recorder, field: str, entries: list[Entry], data: st.DataObject
) -> None:
    recorded = record(entries)
    candidates = [i for i, r in enumerate(recorded) if editable(field, r.entry)]
    assume(candidates)
    index = data.draw(st.sampled_from(candidates), label="edited index")
    tampered = list(recorded)
    tampered[index] = EDITS[field](data, recorded[index])
    report = verify_chain(tampered)
    assert report.broken_at == recorded[index].seq
    assert report.checked == index
    assert f"#{recorded[index].seq}" in report.problem


@PROPERTY
@given(statement=statements(), amount=long_amounts)
def test_changing_the_last_digit_of_a_long_amount_is_detected(
    record: Recorder, statement: Entry, amount: Decimal
) -> None:
    # Conversions yield amounts of up to 34 significant digits; the hash must see every one of them.
    (recorded,) = record([dataclasses.replace(statement, amount=Money(amount, "EUR"))])
    nudged = edit_entry(recorded, amount=Money(one_more_unit(amount), "EUR"))
    assert verify_chain([nudged]).broken_at == 1


@PROPERTY
@given(entries=st.lists(statements(), min_size=2, max_size=5), data=st.data())
def test_deleting_an_entry_is_detected_at_the_next_one(
    record: Recorder, entries: list[Entry], data: st.DataObject
) -> None:
    recorded = record(entries)
    index = data.draw(st.integers(min_value=0, max_value=len(recorded) - 2), label="deleted index")
    report = verify_chain(recorded[:index] + recorded[index + 1 :])
    assert report.broken_at == recorded[index + 1].seq
    assert report.problem.startswith(f"entry #{recorded[index].seq} is missing")


@PROPERTY
@given(entries=st.lists(statements(), min_size=2, max_size=5), data=st.data())
def test_swapping_two_entries_is_detected(record: Recorder, entries: list[Entry], data: st.DataObject) -> None:
    recorded = record(entries)
    i, j = sorted(data.draw(st.lists(st.integers(0, len(recorded) - 1), min_size=2, max_size=2, unique=True)))
    reordered = list(recorded)
    reordered[i], reordered[j] = recorded[j], recorded[i]
    assert verify_chain(reordered).checked == i
    assert not verify_chain(reordered).intact


@PROPERTY
@given(entries=st.lists(statements(), min_size=2, max_size=5), data=st.data())
def test_swapping_the_statements_of_two_entries_is_detected_at_the_first(
    record: Recorder, entries: list[Entry], data: st.DataObject
) -> None:
    recorded = record(entries)
    i, j = sorted(data.draw(st.lists(st.integers(0, len(recorded) - 1), min_size=2, max_size=2, unique=True)))
    assume(recorded[i].entry.canonical() != recorded[j].entry.canonical())
    swapped = list(recorded)
    swapped[i] = dataclasses.replace(recorded[i], entry=recorded[j].entry)
    swapped[j] = dataclasses.replace(recorded[j], entry=recorded[i].entry)
    assert verify_chain(swapped).broken_at == recorded[i].seq


# --- properties: reversals net to zero ------------------------------------------------------------------------


def totals(records: Iterable[LedgerEntry], stage_of: Callable[[LedgerEntry], EntryKind | None]) -> dict[Any, Decimal]:
    """Sum of amounts per (stage, currency), for the records `stage_of` assigns a stage."""
    sums: dict[Any, Decimal] = defaultdict(Decimal)
    for r in records:
        stage = stage_of(r)
        if stage is not None:
            sums[stage, r.entry.amount.currency] += r.entry.amount.amount
    return {key: value for key, value in sums.items() if value}


@PROPERTY
@given(entries=st.lists(statements(), min_size=1, max_size=10), data=st.data())
def test_reversals_net_to_zero_per_stage(record: Recorder, entries: list[Entry], data: st.DataObject) -> None:
    originals = record(entries)
    to_reverse = data.draw(st.lists(st.sampled_from(originals), unique_by=lambda r: r.seq), label="reversed")
    reversals = chain(
        [
            reversal_of(r, on=r.entry.on + timedelta(days=data.draw(st.integers(0, 30))), reason="test")
            for r in to_reverse
        ],
        verify_chain(originals).head,
        "secretariat",
        AT + timedelta(days=1),
    )
    ledger = [*originals, *reversals]
    by_seq = {r.seq: r for r in ledger}

    def stage(r: LedgerEntry) -> EntryKind | None:
        return None if r.entry.kind is EntryKind.REVERSAL else r.entry.kind

    def stage_reversed(r: LedgerEntry) -> EntryKind | None:
        return by_seq[r.entry.reverses].entry.kind if r.entry.reverses is not None else None

    with localcontext(Context(prec=100)):  # exact sums of 34-digit amounts
        stated, reversed_, in_force = totals(ledger, stage), totals(ledger, stage_reversed), totals(live(ledger), stage)
        net = {key: stated.get(key, Decimal(0)) - reversed_.get(key, Decimal(0)) for key in stated.keys() | reversed_}
    assert {key: value for key, value in net.items() if value} == in_force
    assert verify_chain(ledger).intact
    assert all(r.entry.kind is not EntryKind.REVERSAL for r in live(ledger))
