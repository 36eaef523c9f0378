"""Use cases of source documents: read a text, store it with its drafts, review the drafts.

Reading never writes. Storing writes the document and its drafts together or not at all. A decision on a
draft is an event; confirming one appends a pledge to the ledger in the same transaction, through the
ledger's own `append`, so the chain, the nation check and the lock are the ledger's.

Access (domain/access.py): storing a document is `sources.add`, correcting a waiting draft `sources.edit` and
rejecting one `sources.reject` (analysts and coordinators); confirming one is `ledger.record` for the draft's
donor, the ledger's own rule; reading is `sources.read`. Every write and refusal is audited with the write
(services/guard.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ramstein.domain.access import Resource
from ramstein.domain.errors import Conflict, InvalidInput, NotFound, RateUnavailable
from ramstein.domain.extraction.drafts import (
    Decision,
    Draft,
    DraftDecision,
    Edits,
    SourceDocument,
    Status,
    check_undecided,
    corrections,
    disagreements,
    entry_from_draft,
    status,
)
from ramstein.domain.extraction.language import detect_language
from ramstein.domain.extraction.lexicon import language_code
from ramstein.domain.extraction.reading import Reading, read_text
from ramstein.domain.fx import RateTable
from ramstein.domain.ledger import LedgerEntry
from ramstein.services.guard import Caller, authorize, permit
from ramstein.services.ledger import append
from ramstein.services.ports import Clock, Lexicons, UnitOfWork, UnitOfWorkFactory

AUTO = "auto"
CHECK_CURRENCY = "USD"  # any currency the ECB publishes every day: its rate tells whether a date is covered


@dataclass(frozen=True, slots=True)
class Stored:
    document: SourceDocument
    drafts: list[Draft]
    restatements: int  # amounts that only restate another in a second currency (no draft of their own)


@dataclass(frozen=True, slots=True)
class DraftView:
    """A draft with its document and the events on it (revisions, then at most one decision)."""

    draft: Draft
    document: SourceDocument
    decisions: list[DraftDecision]

    @property
    def status(self) -> Status:
        return status(self.decisions)

    @property
    def corrections(self) -> Edits:
        """The corrections in force while it waits (the latest revision's); a decided draft's are in its decision."""
        closing = [d for d in self.decisions if d.decision.closes]
        return Edits.from_changed(closing[-1].edits) if closing else corrections(self.decisions)

    @property
    def ledger_seq(self) -> int | None:
        return next((d.ledger_seq for d in self.decisions if d.ledger_seq is not None), None)


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    """A stored document and how many of its drafts wait, were confirmed (as read or corrected), were rejected."""

    document: SourceDocument
    drafts: int
    waiting: int
    confirmed: int
    rejected: int


def extract(text: str, language: str, on: date, lexicons: Lexicons, rates: RateTable) -> Reading:
    """Read `text` (a document of date `on`) in `language` ("auto" to detect it); nothing is stored."""
    if not text.strip():
        raise InvalidInput(
            "the text is empty", hint="give a file with the statement or article to read.", key="sources.text_empty"
        )
    code = detect_language(text) if language == AUTO else language_code(language)
    check_date(on, rates)
    return read_text(text, lexicons.for_language(code), on, rates)


def check_date(on: date, rates: RateTable) -> None:
    """The document's date must have an ECB rate: conversions are checked, and entries valued, at it."""
    try:
        rates.quote(CHECK_CURRENCY, on)
    except RateUnavailable as error:
        raise RateUnavailable(
            f"the document's date {on.isoformat()} is outside the exchange-rate data: {error.message}",
            hint="give the date the document was published with --date YYYY-MM-DD, or load newer ECB rates "
            "with `ramstein data update --fx FILE`.",
            key="sources.date_outside",
            params={"date": on, "first": _first_rate(rates), "last": rates.last_date},
        ) from None


def _first_rate(rates: RateTable) -> date | None:
    try:
        return rates.series(CHECK_CURRENCY).dates[0]
    except RateUnavailable:
        return None


KIND = "sources"
DRAFT_ID_PREFIX = "source-draft"  # a confirmed draft's ledger entry has the external id `source-draft:ID`
ANY_SOURCE = Resource(KIND)


def add(
    uow_factory: UnitOfWorkFactory, caller: Caller, title: str, text: str, language: str, on: date, *,
    lexicons: Lexicons, clock: Clock,
) -> Stored:  # fmt: skip
    """Store a document and a draft for each amount read from it, flagged against earlier documents."""
    factory = authorize(uow_factory, caller, "sources.add", Resource(KIND, id=title), clock, title)
    with factory() as uow:
        earlier = _earlier_drafts(uow)
        reading, rates = _read_with_rates(uow, text, language, on, lexicons, earlier)
        if not reading.findings:
            raise InvalidInput(
                f"no amounts of money found in {title}; nothing was stored",
                hint="an amount needs a currency (EUR 40 billion, 2,5 mia. kr.); `ramstein sources extract` "
                "shows what is read.",
                key="sources.no_amounts",
            )
        document = uow.sources.add_document(
            SourceDocument(title, reading.language, on, text, caller.actor.name, clock())
        )
        new = [Draft(document.id or 0, i, f) for i, f in enumerate(reading.drafts, start=1)]
        drafts = uow.sources.add_drafts(disagreements(new, earlier, document, rates))
        uow.commit()
    return Stored(document, drafts, len(reading.findings) - len(reading.drafts))


def _read_with_rates(
    uow: UnitOfWork, text: str, language: str, on: date, lexicons: Lexicons, earlier: list[tuple[Draft, SourceDocument]]
) -> tuple[Reading, RateTable]:
    """Read the text, loading only the rates of the currencies it and the earlier drafts use (a whole ECB
    table from the database costs seconds; reading a text twice, milliseconds)."""
    first = extract(text, language, on, lexicons, uow.reference.rates(currencies=[CHECK_CURRENCY]))
    used = {f.currency for f in first.findings} | {d.finding.currency for d, _ in earlier}
    rates = uow.reference.rates(currencies=sorted({CHECK_CURRENCY, *(c for c in used if c)}))
    return extract(text, language, on, lexicons, rates), rates


def _earlier_drafts(uow: UnitOfWork) -> list[tuple[Draft, SourceDocument]]:
    documents = {d.id: d for d in uow.sources.documents()}
    return [(d, documents[d.document]) for d in uow.sources.drafts()]


def documents(uow_factory: UnitOfWorkFactory, caller: Caller, clock: Clock) -> list[DocumentSummary]:
    """Every document with its number of drafts, waiting, confirmed and rejected."""
    permit(uow_factory, caller, "sources.read", ANY_SOURCE, clock)
    with uow_factory() as uow:
        events: dict[int, list[DraftDecision]] = {}
        for event in uow.sources.decisions():
            events.setdefault(event.draft, []).append(event)
        per_document: dict[int, list[Status]] = {}
        for draft in uow.sources.drafts():
            per_document.setdefault(draft.document, []).append(status(events.get(draft.id or 0, [])))
        return [summarise(doc, per_document.get(doc.id or 0, [])) for doc in uow.sources.documents()]


def summarise(document: SourceDocument, statuses: list[Status]) -> DocumentSummary:
    """A document's counts from the status of each of its drafts."""
    confirmed = sum(s in (Status.CONFIRMED, Status.EDITED) for s in statuses)
    rejected = sum(s is Status.REJECTED for s in statuses)
    return DocumentSummary(document, len(statuses), len(statuses) - confirmed - rejected, confirmed, rejected)


def document(uow_factory: UnitOfWorkFactory, caller: Caller, document_id: int, clock: Clock) -> tuple[
    SourceDocument, list[DraftView]
]:  # fmt: skip
    """One document with every draft read from it and the events on each, in the order of the text."""
    permit(uow_factory, caller, "sources.read", ANY_SOURCE, clock)
    with uow_factory() as uow:
        found = _document(uow, document_id)
        drafts = uow.sources.drafts(document_id)
        events = uow.sources.decisions([d.id or 0 for d in drafts])
        views = [DraftView(d, found, [e for e in events if e.draft == d.id]) for d in drafts]
    return found, views


def origin(uow_factory: UnitOfWorkFactory, caller: Caller, entry: LedgerEntry, clock: Clock) -> DraftView | None:
    """The draft a ledger entry was confirmed from (its external id is `source-draft:ID`), or None."""
    prefix, _, number = (entry.entry.external_id or "").partition(":")
    if prefix != DRAFT_ID_PREFIX or not number.isdigit():
        return None
    return show(uow_factory, caller, int(number), clock)


def review_queue(
    uow_factory: UnitOfWorkFactory, caller: Caller, clock: Clock, document: int | None = None
) -> list[DraftView]:
    """Drafts waiting for a decision (of one document, or of all), oldest first."""
    permit(uow_factory, caller, "sources.read", ANY_SOURCE, clock)
    with uow_factory() as uow:
        if document is not None:
            _document(uow, document)
        return [v for v in _views(uow, document) if v.status.waiting]


def drafts(
    uow_factory: UnitOfWorkFactory, caller: Caller, clock: Clock, document: int | None = None
) -> list[DraftView]:
    """Every draft (of one document, or of all) with the events on each, oldest first, in three reads whatever
    the number of documents; a filter, so a document that does not exist has none."""
    permit(uow_factory, caller, "sources.read", ANY_SOURCE, clock)
    with uow_factory() as uow:
        return _views(uow, document)


def _views(uow: UnitOfWork, document: int | None) -> list[DraftView]:
    found = uow.sources.drafts(document)
    events: dict[int, list[DraftDecision]] = {}
    for event in uow.sources.decisions(None if document is None else [d.id or 0 for d in found]):
        events.setdefault(event.draft, []).append(event)
    docs = {d.id: d for d in uow.sources.documents()}
    return [DraftView(d, docs[d.document], events.get(d.id or 0, [])) for d in found]


def show(uow_factory: UnitOfWorkFactory, caller: Caller, draft_id: int, clock: Clock) -> DraftView:
    permit(uow_factory, caller, "sources.read", ANY_SOURCE, clock)
    with uow_factory() as uow:
        draft = _draft(uow, draft_id)
        return DraftView(draft, _document(uow, draft.document), uow.sources.decisions([draft_id]))


def confirm(
    uow_factory: UnitOfWorkFactory, caller: Caller, draft_id: int, edits: Edits, *, clock: Clock
) -> tuple[DraftDecision, LedgerEntry]:
    """Confirm a draft as read, or with its revision's corrections and `edits` over them: it becomes a pledge in
    the ledger whose source is its document. Allowed to whoever may record a ledger entry for the pledge's donor."""
    with uow_factory() as uow:
        draft = _draft(uow, draft_id)
        seen = corrections(uow.sources.decisions([draft_id]))
        effective = edits.over(seen).against(draft.finding)
        entry = entry_from_draft(draft, _document(uow, draft.document), effective)
    target = Resource("ledger", nation=entry.donor, partner=entry.recipient)
    with authorize(uow_factory, caller, "ledger.record", target, clock, f"draft {draft_id}")() as uow:
        uow.lock_ledger()  # one decision at a time, so a draft cannot be decided twice
        events = uow.sources.decisions([draft_id])
        check_undecided(draft, events)
        if corrections(events) != seen:
            raise Conflict(
                f"draft {draft_id} was corrected by someone else meanwhile; nothing was recorded",
                hint="look at the draft again and confirm what it now says.",
                key="sources.revised_meanwhile",
            )
        (recorded,) = append(uow, [entry], caller.actor, clock)
        changed = effective.changed()
        decision = DraftDecision(
            draft_id, Decision.EDITED if changed else Decision.CONFIRMED, caller.actor.name, clock(), changed,
            ledger_seq=recorded.seq,
        )  # fmt: skip
        uow.sources.add_decision(decision)
        uow.commit()
    return decision, recorded


def reject(
    uow_factory: UnitOfWorkFactory, caller: Caller, draft_id: int, reason: str, *, clock: Clock
) -> DraftDecision:
    if not reason.strip():
        raise InvalidInput(
            "a rejection needs a reason", hint='add --reason "not a pledge: a loan guarantee".',
            key="sources.reason_required", params={"field": "reason"},
        )  # fmt: skip
    target = Resource(KIND, id=f"draft {draft_id}")
    with authorize(uow_factory, caller, "sources.reject", target, clock, reason)() as uow:
        uow.lock_ledger()
        draft = _draft(uow, draft_id)
        check_undecided(draft, uow.sources.decisions([draft_id]))
        decision = DraftDecision(draft_id, Decision.REJECTED, caller.actor.name, clock(), reason=reason.strip())
        uow.sources.add_decision(decision)
        uow.commit()
    return decision


def revise(
    uow_factory: UnitOfWorkFactory, caller: Caller, draft_id: int, edits: Edits, *, clock: Clock, note: str = ""
) -> DraftDecision:
    """Correct a waiting draft without deciding on it (`edits` replace any earlier revision's): whoever confirms
    it later records the corrected pledge. Nothing is written when a correction names an unknown nation or
    changes nothing."""
    target = Resource(KIND, id=f"draft {draft_id}")
    with authorize(uow_factory, caller, "sources.edit", target, clock, note)() as uow:
        uow.lock_ledger()  # decisions and revisions one at a time: none lands on a draft decided meanwhile
        draft = _draft(uow, draft_id)
        events = uow.sources.decisions([draft_id])
        check_undecided(draft, events)
        kept = edits.against(draft.finding)
        _check_nations(uow, kept)
        if kept == corrections(events):
            raise InvalidInput(
                f"the corrections to draft {draft_id} change nothing; nothing was recorded",
                hint="change a field, or confirm or reject the draft.",
                key="sources.nothing_changed",
            )
        decision = DraftDecision(draft_id, Decision.REVISED, caller.actor.name, clock(), kept.changed(),
                                 reason=note.strip())  # fmt: skip
        uow.sources.add_decision(decision)
        uow.commit()
    return decision


def _check_nations(uow: UnitOfWork, edits: Edits) -> None:
    known = uow.reference.nations()
    for name in ("donor", "recipient"):
        code = getattr(edits, name)
        if code is not None and code not in known:
            raise InvalidInput(
                f"{name}: unknown nation {code}; nothing was recorded",
                hint="use ISO 3166-1 alpha-3 codes such as DNK or UKR, or EU; `ramstein nations` lists them.",
                key=f"draft.{name}",
                params={"field": name, "value": code},
            )


def _draft(uow: UnitOfWork, draft_id: int) -> Draft:
    draft = uow.sources.draft(draft_id)
    if draft is None:
        raise NotFound(f"no draft {draft_id}", hint="`ramstein sources review` lists the drafts waiting for review.")
    return draft


def _document(uow: UnitOfWork, document_id: int) -> SourceDocument:
    document = uow.sources.document(document_id)
    if document is None:
        raise NotFound(f"no source document #{document_id}", hint="`ramstein sources list` lists them.")
    return document
