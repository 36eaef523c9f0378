"""Text fields in, a requirement, an offer, a course or a restriction change (or a list of problems) out:
shared by the CLI, file import and the pages' forms.

Every field is checked, not only the first bad one, so a list's author fixes all rows in one pass. The
columns are the interchange form of `ramstein allocate` plus the registers' own: needs
`id,item,quantity,priority,needed_by[,capability,intended_use,crew_for,note]`, offers
`id,donor,item,quantity,available_on[,origin,unit_value,currency,restrictions,note]`. An empty id is given
one on recording. An export adds what the registers derive (committed, delivered, open, status, who
recorded it); an import reads over those columns, since they are not the list's to set.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, TypeVar

from ramstein.domain.coordination.catalogue import Catalogue, ItemKind
from ramstein.domain.coordination.offers import Course, DonorOffer, Origin
from ramstein.domain.coordination.registers import Registers
from ramstein.domain.coordination.requirements import LineProgress, Requirement
from ramstein.domain.coordination.restrictions import EVERY_ITEM, Action, RestrictionChange, scopes
from ramstein.domain.errors import RamsteinError
from ramstein.domain.issues import DataIssue
from ramstein.domain.ledger import Capability
from ramstein.domain.money import money

NEED_COLUMNS = ("id", "item", "quantity", "priority", "needed_by", "capability", "intended_use", "crew_for", "note")
NEED_REQUIRED = ("item", "quantity", "priority", "needed_by")
OFFER_COLUMNS = ("id", "donor", "item", "quantity", "available_on", "origin", "unit_value", "currency",
                 "restrictions", "note")  # fmt: skip
OFFER_REQUIRED = ("donor", "item", "quantity", "available_on", "unit_value", "currency")
COURSE_COLUMNS = ("host", "course_type", "seats", "starts", "ends", "language", "prerequisites", "seat_value",
                  "currency")  # fmt: skip
COURSE_REQUIRED = ("host", "course_type", "seats", "starts", "ends")
RESTRICTION_COLUMNS = ("donor", "use", "action", "on", "scope", "source")
RESTRICTION_REQUIRED = ("donor", "use", "action", "on")
NEED_PROGRESS_COLUMNS = ("status", "committed", "delivered", "open", "committed_by", "why_open")
OFFER_STATE_COLUMNS = ("status", "committed", "left", "recorded_by", "recorded_at")
T = TypeVar("T")


class _Fields:
    def __init__(self, fields: Mapping[str, str], source: str, row: int, required: tuple[str, ...]) -> None:
        self.fields = {k: (v or "").strip() for k, v in fields.items()}
        self.source, self.row, self.required = source, row, required
        self.issues: list[DataIssue] = []

    def text(self, name: str) -> str:
        return self.fields.get(name, "")

    def parse(self, name: str, parser: Callable[[str], T], default: T) -> T:
        value = self.text(name)
        if not value:
            if name in self.required:
                self.problem(name, f"{name} is required")
            return default
        try:
            return parser(value)
        except (ValueError, RamsteinError) as exc:
            self.problem(name, f"{value!r}: {exc}")
            return default

    def problem(self, column: str, message: str) -> None:
        self.issues.append(DataIssue(self.source, self.row, column, message))

    def build(self, kind: Callable[..., T], **values: Any) -> T | list[DataIssue]:
        if self.issues:
            return self.issues
        try:
            return kind(**values)
        except RamsteinError as exc:
            return [DataIssue(self.source, self.row, "", exc.message)]


def whole(text: str) -> int:
    if not text.lstrip("-").isdigit():
        raise ValueError("not a whole number")
    value = int(text)
    if value <= 0:
        raise ValueError("must be positive")
    return value


def iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError("not a date; write YYYY-MM-DD") from None


def parse_requirement(
    fields: Mapping[str, str], catalogue: Catalogue, *, today: date, source: str = "command line", row: int = 0
) -> Requirement | list[DataIssue]:
    """A requirement, its capability defaulting to the catalogue item's; checked against the catalogue and
    the calendar (a line already past its needed-by date is refused)."""
    f = _Fields(fields, source, row, NEED_REQUIRED)
    item = f.parse("item", str, "")
    if item and item not in catalogue:
        f.problem("item", f"unknown item {item!r}; `ramstein catalogue list` shows the items")
    needed_by = f.parse("needed_by", iso_date, today)
    if needed_by < today:
        f.problem("needed_by", f"{needed_by} is already past (today is {today})")
    default = catalogue.get(item).capability if item in catalogue else Capability.AMMUNITION
    return f.build(
        Requirement, id=f.text("id"), capability=f.parse("capability", Capability, default), item=item,
        quantity=f.parse("quantity", whole, 1), priority=f.parse("priority", int, 3), needed_by=needed_by,
        intended_use=f.text("intended_use") or None, crew_for=f.text("crew_for") or None, note=f.text("note"),
    )  # fmt: skip


def parse_offer(
    fields: Mapping[str, str], catalogue: Catalogue, nations: Any, *, source: str = "command line", row: int = 0
) -> DonorOffer | list[DataIssue]:
    """An offer from a known nation of a catalogued item, valued in its own currency. `nations` is anything
    that answers `code in nations` (a NationRegistry)."""
    f = _Fields(fields, source, row, OFFER_REQUIRED)
    donor = f.parse("donor", str.upper, "")
    if donor and donor not in nations:
        f.problem("donor", f"unknown nation {donor!r}; `ramstein nations` lists them")
    item = f.parse("item", str, "")
    if item and item not in catalogue:
        f.problem("item", f"unknown item {item!r}; `ramstein catalogue list` shows the items")
    currency = f.parse("currency", str.upper, "EUR")
    unit_value = f.parse("unit_value", lambda text: money(text, currency), money("1", "EUR"))
    uses = frozenset(u.strip() for u in f.text("restrictions").split(";") if u.strip())
    return f.build(
        DonorOffer, id=f.text("id"), donor=donor, item=item, quantity=f.parse("quantity", whole, 1),
        available_on=f.parse("available_on", iso_date, date.min), origin=f.parse("origin", Origin, Origin.STOCK),
        unit_value=unit_value, restrictions=uses, note=f.text("note"),
    )  # fmt: skip


def parse_course(
    fields: Mapping[str, str], catalogue: Catalogue, nations: Any, *, source: str = "form", row: int = 0
) -> Course | list[DataIssue]:
    """A course of a known host nation, of a catalogued course type (a training item), its seats optionally
    valued in their own currency (unvalued seats are never written to the ledger)."""
    f = _Fields(fields, source, row, COURSE_REQUIRED)
    host = f.parse("host", str.upper, "")
    if host and host not in nations:
        f.problem("host", f"unknown nation {host!r}; `ramstein nations` lists them")
    course_type = f.parse("course_type", str, "")
    if course_type and course_type not in catalogue:
        f.problem("course_type", f"unknown course type {course_type!r}; `ramstein catalogue list` shows them")
    elif course_type and catalogue.get(course_type).kind is not ItemKind.TRAINING:
        f.problem("course_type", f"{course_type} is a {catalogue.get(course_type).kind}, not a course type")
    currency = f.parse("currency", str.upper, "EUR")
    seat_value = f.parse("seat_value", lambda text: money(text, currency), None)
    return f.build(
        Course, id="", host=host, course_type=course_type, seats=f.parse("seats", whole, 1),
        starts=f.parse("starts", iso_date, date.min), ends=f.parse("ends", iso_date, date.min),
        language=f.text("language"), prerequisites=f.text("prerequisites"), seat_value=seat_value,
    )  # fmt: skip


def parse_restriction(
    fields: Mapping[str, str], catalogue: Catalogue, nations: Any, *, source: str = "form", row: int = 0
) -> RestrictionChange | list[DataIssue]:
    """A dated change of a known nation's end-use restriction, imposed or lifted, for every item (`*`), a
    family or one item of the catalogue."""
    f = _Fields(fields, source, row, RESTRICTION_REQUIRED)
    donor = f.parse("donor", str.upper, "")
    if donor and donor not in nations:
        f.problem("donor", f"unknown nation {donor!r}; `ramstein nations` lists them")
    scope = f.parse("scope", str, EVERY_ITEM)
    if scope not in scopes(catalogue):
        f.problem("scope", f"{scope!r} is neither an item, a family nor *; `ramstein catalogue list` shows them")
    return f.build(
        RestrictionChange, donor=donor, use=f.parse("use", str, ""), action=f.parse("action", Action, Action.IMPOSED),
        on=f.parse("on", iso_date, date.min), scope=scope, source=f.text("source"),
    )  # fmt: skip


def requirement_fields(r: Requirement) -> dict[str, str]:
    """The export form of a line, readable again by `parse_requirement`."""
    return {
        "id": r.id, "item": r.item, "quantity": str(r.quantity), "priority": str(r.priority),
        "needed_by": r.needed_by.isoformat(), "capability": r.capability.value,
        "intended_use": r.intended_use or "", "crew_for": r.crew_for or "", "note": r.note,
    }  # fmt: skip


def offer_fields(o: DonorOffer) -> dict[str, str]:
    return {
        "id": o.id, "donor": o.donor, "item": o.item, "quantity": str(o.quantity),
        "available_on": o.available_on.isoformat(), "origin": o.origin.value,
        "unit_value": str(o.unit_value.amount), "currency": o.unit_value.currency,
        "restrictions": ";".join(sorted(o.restrictions)), "note": o.note,
    }  # fmt: skip


def offer_state(o: DonorOffer, registers: Registers) -> dict[str, Any]:
    """What the registers say of an offer beside its own fields: committed by accepted rounds, still left
    for matching (0 once withdrawn), open or withdrawn, and who entered it when."""
    committed, withdrawn = registers.committed_by_offer()[o.id], o.id in registers.withdrawn()
    return {
        "status": "withdrawn" if withdrawn else "open", "committed": committed,
        "left": 0 if withdrawn else o.quantity - committed, "recorded_by": o.recorded_by,
        "recorded_at": o.recorded_at.isoformat() if o.recorded_at else "",
    }  # fmt: skip


def progress_fields(p: LineProgress) -> dict[str, Any]:
    """How far a line has come: status, committed, delivered, open, committed per donor, and why it is open."""
    donors = "; ".join(f"{donor} {quantity}" for donor, quantity in sorted(p.by_donor.items()))
    return {"status": p.status.value, "committed": p.committed, "delivered": p.delivered, "open": p.open,
            "committed_by": donors, "why_open": p.why_open}  # fmt: skip


def as_text(row: Mapping[str, Any]) -> dict[str, str]:
    """A row for a CSV or XLSX file: every value as text."""
    return {k: "" if v is None else str(v) for k, v in row.items()}
