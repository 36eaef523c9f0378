"""Stored documents, the drafts read from them, and the decisions people make on drafts.

A draft is a finding waiting for a person. Deciding is an event: confirmed (as read), edited (confirmed with
corrections) or rejected; drafts and decisions are never changed. A correction made before anyone confirms
(an analyst's, who may not write the ledger) is an event too, `revised`: it closes nothing, the latest one holds
the corrections in force, and a confirmation applies them. A confirmed draft becomes a pledge in the
ledger whose source names the document and whose note quotes the sentence.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from ramstein.domain.errors import Conflict, InvalidInput
from ramstein.domain.extraction.checks import SAME_PLEDGE_WITHIN, differs, in_euro
from ramstein.domain.extraction.reading import Finding
from ramstein.domain.fx import RateTable
from ramstein.domain.ledger import AidType, Entry, EntryKind
from ramstein.domain.money import Money, canonical_decimal, check_currency

MAX_QUOTE = 400  # characters of the sentence kept in a ledger entry's note


class Decision(StrEnum):
    CONFIRMED = "confirmed"
    EDITED = "edited"
    REJECTED = "rejected"
    REVISED = "revised"  # corrections proposed; the draft still waits for a decision

    @property
    def closes(self) -> bool:
        return self is not Decision.REVISED


class Status(StrEnum):
    """Where a draft stands: waiting (as read, or with corrections), or decided."""

    WAITING = "waiting"
    REVISED = "revised"
    CONFIRMED = "confirmed"
    EDITED = "edited"
    REJECTED = "rejected"

    @property
    def waiting(self) -> bool:
        return self in (Status.WAITING, Status.REVISED)


@dataclass(frozen=True, slots=True)
class SourceDocument:
    title: str
    language: str
    on: date
    text: str
    added_by: str
    added_at: datetime
    id: int | None = None

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def label(self) -> str:
        return f"source document #{self.id}: {self.title} ({self.on.isoformat()}, {self.language})"


@dataclass(frozen=True, slots=True)
class Draft:
    document: int
    position: int  # order in the document, from 1
    finding: Finding
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Edits:
    """Corrections a reviewer makes before confirming; None keeps what was read."""

    amount: Decimal | None = None
    currency: str | None = None
    donor: str | None = None
    recipient: str | None = None
    on: date | None = None
    starts: date | None = None
    ends: date | None = None
    aid_type: AidType | None = None

    def changed(self) -> dict[str, str]:
        return {k: _text(v) for k in _EDITABLE if (v := getattr(self, k)) is not None}

    @classmethod
    def from_changed(cls, stored: Mapping[str, str]) -> Edits:
        """The corrections stored as text by `changed` (a revision's or a decision's JSON)."""
        readers: dict[str, Callable[[str], object]] = {
            "amount": Decimal, "on": date.fromisoformat, "starts": date.fromisoformat, "ends": date.fromisoformat,
            "aid_type": AidType,
        }  # fmt: skip
        return cls(**{k: readers.get(k, str)(v) for k, v in stored.items() if k in _EDITABLE})  # type: ignore[arg-type]

    def against(self, finding: Finding) -> Edits:
        """Only the corrections that differ from what was read (a form sends every field back, changed or not)."""
        read = {
            "amount": finding.amount, "currency": finding.currency, "donor": finding.donor,
            "recipient": finding.recipient, "on": finding.on, "starts": finding.starts, "ends": finding.ends,
            "aid_type": aid_type_of(finding),
        }  # fmt: skip
        return Edits(**{k: v if (v := getattr(self, k)) is not None and v != read[k] else None for k in _EDITABLE})

    def over(self, earlier: Edits) -> Edits:
        """These corrections laid over `earlier` ones: a field given here wins."""
        return Edits(**{k: v if (v := getattr(self, k)) is not None else getattr(earlier, k) for k in _EDITABLE})


def _text(value: object) -> str:
    if isinstance(value, Decimal):
        return canonical_decimal(value)
    return value.isoformat() if isinstance(value, date) else str(value)


_EDITABLE = ("amount", "currency", "donor", "recipient", "on", "starts", "ends", "aid_type")


def corrections(decisions: Sequence[DraftDecision]) -> Edits:
    """The corrections in force on a waiting draft: those of its latest revision (each revision holds the whole
    set, as the reviewer left the form), or none."""
    revisions = [d for d in decisions if d.decision is Decision.REVISED]
    return Edits.from_changed(revisions[-1].edits) if revisions else Edits()


def status(decisions: Sequence[DraftDecision]) -> Status:
    closing = [d for d in decisions if d.decision.closes]
    if closing:
        return Status(closing[-1].decision.value)
    return Status.REVISED if decisions else Status.WAITING


@dataclass(frozen=True, slots=True)
class DraftDecision:
    draft: int
    decision: Decision
    by: str
    at: datetime
    edits: dict[str, str] = field(default_factory=dict)
    reason: str = ""
    ledger_seq: int | None = None


def entry_from_draft(draft: Draft, document: SourceDocument, edits: Edits) -> Entry:
    """The pledge a confirmed draft becomes; a clear error when something the ledger needs is missing."""
    f = draft.finding
    currency = edits.currency or f.currency
    donor = edits.donor or f.donor
    if currency is None:
        raise InvalidInput(f"draft {draft.id} has no currency", hint="confirm it with --currency CODE.")
    if donor is None:
        raise InvalidInput(f"draft {draft.id} has no donor", hint="confirm it with --donor CODE (e.g. DNK).")
    starts, ends = edits.starts or f.starts, edits.ends or f.ends
    qualifier = f" ({f.qualifier})" if f.qualifier else ""
    quote = f.sentence if len(f.sentence) <= MAX_QUOTE else f.sentence[: MAX_QUOTE - 1] + "…"
    return Entry(
        kind=EntryKind.PLEDGE,
        donor=donor,
        recipient=edits.recipient or f.recipient,
        amount=Money(edits.amount if edits.amount is not None else f.amount, check_currency(currency)),
        on=edits.on or f.on,
        aid_type=edits.aid_type or aid_type_of(f),
        source=document.label(),
        external_id=f"source-draft:{draft.id}",
        starts=starts,
        ends=ends,
        note=f'"{f.text}"{qualifier} in: {" ".join(quote.split())}',
    )


def aid_type_of(finding: Finding) -> AidType:
    """What a draft is recorded as unless corrected: a loan is financial aid, anything else military."""
    return AidType.FINANCIAL if finding.kind == "loan" else AidType.MILITARY


def check_undecided(draft: Draft, decisions: list[DraftDecision]) -> None:
    earlier = [d for d in decisions if d.draft == draft.id and d.decision.closes]
    if earlier:
        last = earlier[-1]
        raise Conflict(
            f"draft {draft.id} was {last.decision} by {last.by} on {last.at:%Y-%m-%d}",
            hint="a decision stands; to correct a confirmed draft, reverse its ledger entry "
            f"(#{last.ledger_seq}) and record a new one."
            if last.ledger_seq
            else "a decision stands.",
        )


def disagreements(
    new: list[Draft], old: list[tuple[Draft, SourceDocument]], document: SourceDocument, rates: RateTable
) -> list[Draft]:
    """`new` with a flag on each draft that reports, differently, the same support as a draft of another
    document: the same donor and kind (and term, when either states one) within a quarter, and amounts more
    than the tolerance apart in EUR (each at its own document's date)."""
    flagged: list[Draft] = []
    for draft in new:
        notes = [_note(other, doc) for other, doc in old if _contradicts(draft, document, other, doc, rates)]
        if notes:
            flags = (*draft.finding.flags, *notes)
            draft = replace(draft, finding=replace(draft.finding, flags=flags))
        flagged.append(draft)
    return flagged


def _contradicts(a: Draft, doc_a: SourceDocument, b: Draft, doc_b: SourceDocument, rates: RateTable) -> bool:
    fa, fb = a.finding, b.finding
    if doc_b.id == doc_a.id or fa.donor is None or fa.donor != fb.donor or fa.kind is None or fa.kind != fb.kind:
        return False
    if (fa.starts, fa.ends) != (fb.starts, fb.ends) or abs(doc_a.on - doc_b.on) > SAME_PLEDGE_WITHIN:
        return False
    if fa.money is None or fb.money is None:
        return False
    first, second = in_euro(fa.money, doc_a.on, rates), in_euro(fb.money, doc_b.on, rates)
    return first is not None and second is not None and differs(first, second)


def _note(other: Draft, doc: SourceDocument) -> str:
    f = other.finding
    return (
        f"reported differently: document #{doc.id} ({doc.title}, {doc.on.isoformat()}) says "
        f'{f.currency} {canonical_decimal(f.amount)} (draft {other.id}: "{f.text}")'
    )
