"""Text fields in, a ledger `Entry` or a list of problems out: shared by `ledger add` and CSV import.

Every field is checked, not just the first bad one, so a file's author can fix all rows in one pass.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from enum import StrEnum
from typing import TypeVar

from ramstein.domain.errors import RamsteinError
from ramstein.domain.issues import DataIssue
from ramstein.domain.ledger import AidType, Capability, Channel, Entry, EntryKind, Instrument, Item
from ramstein.domain.money import Money, check_currency, parse_amount
from ramstein.domain.nations import UKRAINE

COLUMNS = (
    "kind",
    "donor",
    "recipient",
    "amount",
    "currency",
    "date",
    "aid_type",
    "instrument",
    "channel",
    "capability",
    "source",
    "external_id",
    "starts",
    "ends",
    "note",
    "items",
)
REQUIRED = ("kind", "donor", "amount", "currency", "date")
NO_ITEMS: tuple[Item, ...] = ()
E = TypeVar("E", bound=StrEnum)
T = TypeVar("T")


class _Fields:
    """Reads fields one by one, remembering each problem instead of stopping at the first."""

    def __init__(self, fields: Mapping[str, str], source: str, row: int) -> None:
        self.fields = {k: (v or "").strip() for k, v in fields.items()}
        self.source, self.row = source, row
        self.issues: list[DataIssue] = []

    def text(self, name: str) -> str:
        return self.fields.get(name, "")

    def parse(self, name: str, parser: Callable[[str], T], default: T) -> T:
        value = self.text(name)
        if not value:
            if name in REQUIRED:
                self.problem(name, f"{name} is required")
            return default
        try:
            return parser(value)
        except (RamsteinError, ValueError) as exc:
            self.problem(name, _reason(exc))
            return default

    def problem(self, column: str, message: str) -> None:
        self.issues.append(DataIssue(self.source, self.row, column, message))


def parse_entry(fields: Mapping[str, str], *, source: str = "input", row: int = 0) -> Entry | list[DataIssue]:
    """Build an entry from text fields named as in `COLUMNS`, or return every problem found."""
    f = _Fields(fields, source, row)
    kind = f.parse("kind", _choice(EntryKind, exclude=EntryKind.REVERSAL), EntryKind.PLEDGE)
    currency = f.parse("currency", check_currency, None)
    amount = f.parse("amount", parse_amount, None)
    values = {
        "aid_type": f.parse("aid_type", _choice(AidType), AidType.MILITARY),
        "instrument": f.parse("instrument", _choice(Instrument), None),
        "channel": f.parse("channel", _choice(Channel), Channel.BILATERAL),
        "capability": f.parse("capability", _choice(Capability), None),
        "starts": f.parse("starts", iso_date, None),
        "ends": f.parse("ends", iso_date, None),
        "items": f.parse("items", lambda v: parse_items(v, currency or "EUR"), NO_ITEMS),
    }
    on = f.parse("date", iso_date, None)
    donor = f.parse("donor", str.upper, "")
    if f.issues or amount is None or currency is None or on is None:
        return f.issues
    try:
        return Entry(
            kind=kind,
            donor=donor,
            recipient=(f.text("recipient") or UKRAINE).upper(),
            amount=Money(amount, currency),
            on=on,
            source=f.text("source"),
            external_id=f.text("external_id") or None,
            note=f.text("note"),
            **values,  # type: ignore[arg-type]
        )
    except RamsteinError as exc:
        return [DataIssue(source, row, _column_of(exc.message), _reason(exc))]


def parse_items(text: str, currency: str) -> tuple[Item, ...]:
    """'155 mm round:50000:4000; Leopard 2A4:10' -> items (name:quantity[:unit value in the entry currency])."""
    items = []
    for part in filter(None, (p.strip() for p in text.split(";"))):
        name, _, rest = part.partition(":")
        quantity, _, unit = rest.partition(":")
        if not quantity.strip().isdigit():
            raise ValueError(f"item {part!r}: write name:quantity[:unit value], e.g. '155 mm round:50000:4000'")
        unit_value = Money(parse_amount(unit), currency) if unit.strip() else None
        items.append(Item(name.strip(), int(quantity), unit_value))
    return tuple(items)


def iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a date: write YYYY-MM-DD, e.g. 2024-07-10") from None


def _choice(enum: type[E], exclude: E | None = None) -> Callable[[str], E]:
    allowed = [member for member in enum if member is not exclude]

    def parse(value: str) -> E:
        for member in allowed:
            if value.lower().replace("_", "-") == member.value:
                return member
        raise ValueError(f"{value!r} is not one of: {', '.join(m.value for m in allowed)}")

    return parse


def _reason(exc: Exception) -> str:
    if isinstance(exc, RamsteinError):
        return f"{exc.message}; {exc.hint}" if exc.hint else exc.message
    return str(exc)


def _column_of(message: str) -> str:
    for column in COLUMNS:
        if message.startswith((column, column.replace("_", " "))):
            return column
    if "period" in message or "pledge" in message:
        return "starts"
    return "amount" if "amount" in message else ""
