"""The ledger: immutable, dated entries chained by hashes. It only grows.

An `Entry` is what somebody states (a pledge, a commitment, a delivery, or the reversal of an earlier entry);
a `LedgerEntry` is that statement once recorded: numbered, attributed, timestamped and chained to its
predecessor by a SHA-256 hash, so that any later edit, deletion or reordering is detectable (`verify`).
A correction is never an edit: it is a reversal pointing at the original, followed by a new entry.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum

from ramstein.domain.errors import Conflict, InvalidInput
from ramstein.domain.money import Money, canonical_decimal


class EntryKind(StrEnum):
    PLEDGE = "pledge"
    COMMITMENT = "commitment"
    DELIVERY = "delivery"
    REVERSAL = "reversal"


STAGES = (EntryKind.PLEDGE, EntryKind.COMMITMENT, EntryKind.DELIVERY)


class Instrument(StrEnum):
    """The seven categories of the 2024 Washington pledge."""

    PURCHASE = "purchase"
    IN_KIND = "in-kind-from-stock"
    MAINTENANCE = "maintenance-logistics-transport"
    TRAINING = "training"
    OPERATIONAL = "operational-costs"
    INDUSTRY = "defence-industry-investment"
    NATO_TRUST_FUND = "nato-trust-fund"


class Channel(StrEnum):
    BILATERAL = "bilateral"
    NATO = "nato"
    EU = "eu"
    POOLED = "pooled-purchase"
    OTHER = "other"


class AidType(StrEnum):
    """Kiel's three kinds of support; only military aid counts towards the military floor."""

    MILITARY = "military"
    FINANCIAL = "financial"
    HUMANITARIAN = "humanitarian"


class Capability(StrEnum):
    """The contact group's capability coalitions, plus ammunition and training."""

    AIR_FORCE = "air-force"
    ARTILLERY = "artillery"
    ARMOUR = "armour"
    DRONES = "drones"
    DEMINING = "demining"
    IT = "it"
    MARITIME = "maritime"
    AIR_DEFENCE = "air-and-missile-defence"
    AMMUNITION = "ammunition"
    TRAINING = "training"


# Separators of the hashed form; text fields may not contain them.
_FIELD, _ITEM, _PART = "\x1f", "\x1e", "\x1d"
_FORBIDDEN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # C0 and C1 controls but tab and newline
_CODE = re.compile(r"^[A-Z]{2,3}$")
GENESIS = "0" * 64


@dataclass(frozen=True, slots=True)
class Item:
    """An item an entry is made of: '155 mm round', 50000, EUR 4000 each."""

    name: str
    quantity: int
    unit_value: Money | None = None

    def __post_init__(self) -> None:
        _check_text("item", self.name, required=True)
        if isinstance(self.quantity, bool) or not isinstance(self.quantity, int) or self.quantity <= 0:
            raise InvalidInput(f"item quantity must be a positive whole number, not {self.quantity!r}")

    def canonical(self) -> str:
        value = self.unit_value
        unit = f"{canonical_decimal(value.amount)}{_PART}{value.currency}" if value else f"{_PART}"
        return f"{self.name}{_PART}{self.quantity}{_PART}{unit}"


@dataclass(frozen=True, slots=True)
class Entry:
    """A statement of support, before it is recorded. Amounts are always positive."""

    kind: EntryKind
    donor: str
    recipient: str
    amount: Money
    on: date
    aid_type: AidType = AidType.MILITARY
    instrument: Instrument | None = None
    channel: Channel = Channel.BILATERAL
    capability: Capability | None = None
    items: tuple[Item, ...] = ()
    source: str = ""
    external_id: str | None = None
    starts: date | None = None  # multi-year pledges: the period the pledge covers
    ends: date | None = None
    reverses: int | None = None  # a reversal names the sequence number of the entry it cancels
    note: str = ""

    def __post_init__(self) -> None:
        for name in ("donor", "recipient"):
            if not _CODE.match(getattr(self, name)):
                raise InvalidInput(f"{name} {getattr(self, name)!r} is not a nation code such as DEU or EU")
        if self.donor == self.recipient:
            raise InvalidInput(f"donor and recipient are both {self.donor}")
        if self.amount.amount <= 0:
            raise InvalidInput(
                f"amount must be positive, not {self.amount}",
                hint="to correct or cancel an entry, reverse it (ramstein ledger reverse).",
            )
        if (self.kind is EntryKind.REVERSAL) != (self.reverses is not None):
            raise InvalidInput("a reversal, and only a reversal, names the entry it reverses")
        self._check_period()
        for name in ("source", "note"):
            _check_text(name, getattr(self, name))
        if self.external_id is not None:
            _check_text("external id", self.external_id, required=True)

    def _check_period(self) -> None:
        if self.starts is None and self.ends is None:
            return
        if self.starts is None or self.ends is None:
            raise InvalidInput("a multi-year pledge needs both a start and an end date")
        if self.kind not in (EntryKind.PLEDGE, EntryKind.REVERSAL):
            raise InvalidInput(f"only pledges cover a period, not a {self.kind}")
        if self.ends < self.starts:
            raise InvalidInput(f"the period ends ({self.ends}) before it starts ({self.starts})")

    def canonical(self) -> str:
        """A stable text of every field, the input of the hash chain."""
        return _FIELD.join(
            (
                self.kind,
                self.donor,
                self.recipient,
                canonical_decimal(self.amount.amount),
                self.amount.currency,
                self.on.isoformat(),
                self.aid_type,
                self.instrument or "",
                self.channel,
                self.capability or "",
                _ITEM.join(item.canonical() for item in self.items),
                self.source,
                self.external_id or "",
                self.starts.isoformat() if self.starts else "",
                self.ends.isoformat() if self.ends else "",
                str(self.reverses) if self.reverses is not None else "",
                self.note,
            )
        )


@dataclass(frozen=True, slots=True)
class ChainHead:
    """The last link of the chain: the next entry gets `seq + 1` and points at `hash`."""

    seq: int
    hash: str


EMPTY_CHAIN = ChainHead(0, GENESIS)


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    """An entry once recorded: numbered, attributed, timestamped, chained."""

    seq: int
    entry: Entry
    recorded_by: str
    recorded_at: datetime
    prev_hash: str
    hash: str

    def expected_hash(self) -> str:
        return entry_hash(self.seq, self.entry, self.recorded_by, timestamp(self.recorded_at), self.prev_hash)


def timestamp(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise InvalidInput("recording times must carry a time zone")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def entry_hash(seq: int, entry: Entry, recorded_by: str, recorded_at: str, prev_hash: str) -> str:
    payload = f"{prev_hash}{_FIELD}{seq}{_FIELD}{recorded_by}{_FIELD}{recorded_at}{_FIELD}{entry.canonical()}"
    return hashlib.sha256(payload.encode()).hexdigest()


def chain(entries: Iterable[Entry], head: ChainHead, recorded_by: str, recorded_at: datetime) -> list[LedgerEntry]:
    """Number and chain new entries after `head`. Pure: the caller holds the ledger's write lock."""
    _check_text("recorded by", recorded_by, required=True)
    stamp = timestamp(recorded_at)
    moment = datetime.fromisoformat(stamp)
    seq, prev = head.seq, head.hash
    recorded = []
    for entry in entries:
        seq += 1
        digest = entry_hash(seq, entry, recorded_by, stamp, prev)
        recorded.append(LedgerEntry(seq, entry, recorded_by, moment, prev, digest))
        prev = digest
    return recorded


@dataclass(frozen=True, slots=True)
class ChainReport:
    checked: int
    head: ChainHead
    broken_at: int | None = None
    problem: str = ""

    @property
    def intact(self) -> bool:
        return self.broken_at is None


def verify_chain(records: Iterable[LedgerEntry]) -> ChainReport:
    """Walk the chain in sequence order and report the first broken link."""
    expected = EMPTY_CHAIN
    checked = 0
    for record in records:
        problem = _link_problem(record, expected)
        if problem:
            return ChainReport(checked, expected, record.seq, problem)
        expected = ChainHead(record.seq, record.hash)
        checked += 1
    return ChainReport(checked, expected)


def check_anchor(report: ChainReport, anchor: ChainHead, found: LedgerEntry | None) -> ChainReport:
    """Compare an intact chain with a link noted earlier (e.g. the head printed by a past `verify`).

    A chain is only self-consistent: entries cut from its end leave no trace in it. An anchor kept outside
    the database detects that, and any rewrite of the chain up to the anchor.
    """
    if not report.intact:
        return report
    if found is None:
        problem = f"entry #{anchor.seq}, noted earlier, is missing: the ledger was cut back to #{report.head.seq}"
    elif found.hash != anchor.hash:
        problem = f"entry #{anchor.seq} has hash {found.hash[:16]}..., not {anchor.hash[:16]}... as noted earlier"
    else:
        return report
    return ChainReport(report.checked, report.head, anchor.seq, problem)


def _link_problem(record: LedgerEntry, expected: ChainHead) -> str:
    if record.seq != expected.seq + 1:
        return f"entry #{expected.seq + 1} is missing (the next stored entry is #{record.seq})"
    if record.prev_hash != expected.hash:
        return f"entry #{record.seq} does not point at entry #{expected.seq}: a link was replaced"
    if record.expected_hash() != record.hash:
        return f"entry #{record.seq} was changed after it was recorded: its content no longer matches its hash"
    return ""


def reversal_of(original: LedgerEntry, *, on: date, reason: str, source: str = "") -> Entry:
    """The entry that cancels `original`: the same facts, kind 'reversal', pointing back at it."""
    if original.entry.kind is EntryKind.REVERSAL:
        raise Conflict(
            f"entry #{original.seq} is itself a reversal and cannot be reversed",
            hint="record the original statement again as a new entry.",
        )
    if not reason.strip():
        raise InvalidInput("a reversal needs a reason", hint="say why the entry is wrong, e.g. --reason 'typo'.")
    if on < original.entry.on:
        raise InvalidInput(f"a reversal cannot be dated before the entry it reverses ({original.entry.on})")
    base = original.entry
    return Entry(
        kind=EntryKind.REVERSAL,
        donor=base.donor,
        recipient=base.recipient,
        amount=base.amount,
        on=on,
        aid_type=base.aid_type,
        instrument=base.instrument,
        channel=base.channel,
        capability=base.capability,
        items=base.items,
        source=source or base.source,
        starts=base.starts,
        ends=base.ends,
        reverses=original.seq,
        note=reason,
    )


def live(records: Iterable[LedgerEntry]) -> Iterator[LedgerEntry]:
    """The entries in force: every pledge, commitment and delivery that no reversal cancels."""
    records = list(records)
    cancelled = {r.entry.reverses for r in records if r.entry.reverses is not None}
    return (r for r in records if r.entry.kind is not EntryKind.REVERSAL and r.seq not in cancelled)


def _check_text(name: str, value: str, *, required: bool = False) -> None:
    if not isinstance(value, str):
        raise InvalidInput(f"{name} must be text")
    if required and not value.strip():
        raise InvalidInput(f"{name} must not be empty")
    if _FORBIDDEN.search(value):
        raise InvalidInput(f"{name} contains a control character")
