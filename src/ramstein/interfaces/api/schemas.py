"""Shapes of the API's answers that several resources share (ledger entries, errors), with examples."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from ramstein.domain.access import Marking
from ramstein.domain.ledger import LedgerEntry


class ErrorDetail(BaseModel):
    code: str = Field(examples=["forbidden"])
    message: str = Field(examples=["anna may not ledger.record on ledger:FRA: a representative of DEU may not ..."])
    hint: str = Field(examples=["ask a coordinator if you need this."])
    issues: list[dict[str, Any]] | None = None


class ErrorBody(BaseModel):
    """The one body of every failure."""

    error: ErrorDetail


ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": text}
    for status, text in {
        400: "the body is not JSON in UTF-8", 401: "no or a bad token",
        403: "refused by the access policy (the reason is in `message`)", 404: "not found",
        409: "conflicts with what is recorded", 413: "the body is larger than RAMSTEIN_MAX_REQUEST_BYTES",
        422: "invalid input",
    }.items()
}  # fmt: skip


class ItemOut(BaseModel):
    name: str
    quantity: int
    unit_value: str | None = None
    unit_currency: str | None = None


class LedgerEntryOut(BaseModel):
    seq: int = Field(examples=[42])
    kind: str = Field(examples=["pledge"])
    donor: str = Field(examples=["DNK"])
    recipient: str = Field(examples=["UKR"])
    amount: str = Field(examples=["10500000000"], description="a decimal, as text: no digit is ever lost")
    currency: str = Field(examples=["EUR"])
    on: str = Field(examples=["2024-07-10"])
    aid_type: str
    instrument: str | None
    channel: str
    capability: str | None
    items: list[ItemOut]
    source: str
    external_id: str | None
    starts: str | None
    ends: str | None
    reverses: int | None
    note: str
    recorded_by: str
    recorded_at: str
    hash: str
    marking: Marking


def entry_out(record: LedgerEntry, marking: Marking) -> LedgerEntryOut:
    e = record.entry
    return LedgerEntryOut(
        seq=record.seq, kind=e.kind.value, donor=e.donor, recipient=e.recipient, amount=str(e.amount.amount),
        currency=e.amount.currency, on=e.on.isoformat(), aid_type=e.aid_type.value,
        instrument=e.instrument.value if e.instrument else None, channel=e.channel.value,
        capability=e.capability.value if e.capability else None,
        items=[
            ItemOut(name=i.name, quantity=i.quantity, unit_value=str(i.unit_value.amount) if i.unit_value else None,
                    unit_currency=i.unit_value.currency if i.unit_value else None)
            for i in e.items
        ],
        source=e.source, external_id=e.external_id, starts=e.starts.isoformat() if e.starts else None,
        ends=e.ends.isoformat() if e.ends else None, reverses=e.reverses, note=e.note,
        recorded_by=record.recorded_by, recorded_at=record.recorded_at.isoformat(), hash=record.hash, marking=marking,
    )  # fmt: skip
