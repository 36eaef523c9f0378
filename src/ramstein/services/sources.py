"""Use cases of source documents: read a text, store it with its drafts, review the drafts.

Reading never writes. Storing writes the document and its drafts together or not at all. A decision on a
draft is an event; confirming one appends a pledge to the ledger in the same transaction, through the
ledger's own `append`, so the chain, the nation check and the lock are the ledger's.

Access (domain/access.py): storing a document is `sources.add` and rejecting a draft `sources.review`
(coordinators); confirming one is `ledger.record` for the draft's donor, the ledger's own rule; reading is
`sources.read`. Every write and refusal is audited with the write (services/guard.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ramstein.domain.access import Resource
from ramstein.domain.errors import InvalidInput, NotFound, RateUnavailable
from ramstein.domain.extraction.drafts import (
    Decision,
    Draft,
    DraftDecision,
    Edits,
    SourceDocument,
    check_undecided,
    disagreements,
    entry_from_draft,
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
    """A draft with its document and the decisions on it (none while it waits for review)."""

    draft: Draft
    document: SourceDocument
    decisions: list[DraftDecision]


def extract(text: str, language: str, on: date, lexicons: Lexicons, rates: RateTable) -> Reading:
    """Read `text` (a document of date `on`) in `language` ("auto" to detect it); nothing is stored."""
    if not text.strip():
        raise InvalidInput("the text is empty", hint="give a file with the statement or article to read.")
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
        ) from None


KIND = "sources"
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


def documents(uow_factory: UnitOfWorkFactory, caller: Caller, clock: Clock) -> list[tuple[SourceDocument, int, int]]:
    """Every document with its number of drafts and of drafts still waiting for a decision."""
    permit(uow_factory, caller, "sources.read", ANY_SOURCE, clock)
    with uow_factory() as uow:
        decided = {d.draft for d in uow.sources.decisions()}
        drafts = uow.sources.drafts()
        return [
            (doc, sum(d.document == doc.id for d in drafts),
             sum(d.document == doc.id and d.id not in decided for d in drafts))
            for doc in uow.sources.documents()
        ]  # fmt: skip


def review_queue(
    uow_factory: UnitOfWorkFactory, caller: Caller, clock: Clock, document: int | None = None
) -> list[DraftView]:
    """Drafts waiting for a decision (of one document, or of all), oldest first."""
    permit(uow_factory, caller, "sources.read", ANY_SOURCE, clock)
    with uow_factory() as uow:
        if document is not None:
            _document(uow, document)
        decided = {d.draft for d in uow.sources.decisions()}
        docs = {d.id: d for d in uow.sources.documents()}
        return [DraftView(d, docs[d.document], []) for d in uow.sources.drafts(document) if d.id not in decided]


def show(uow_factory: UnitOfWorkFactory, caller: Caller, draft_id: int, clock: Clock) -> DraftView:
    permit(uow_factory, caller, "sources.read", ANY_SOURCE, clock)
    with uow_factory() as uow:
        draft = _draft(uow, draft_id)
        return DraftView(draft, _document(uow, draft.document), uow.sources.decisions([draft_id]))


def confirm(
    uow_factory: UnitOfWorkFactory, caller: Caller, draft_id: int, edits: Edits, *, clock: Clock
) -> tuple[DraftDecision, LedgerEntry]:
    """Confirm a draft as read, or with `edits`: it becomes a pledge in the ledger whose source is its document.
    Allowed to whoever may record a ledger entry for the pledge's donor."""
    with uow_factory() as uow:
        draft = _draft(uow, draft_id)
        entry = entry_from_draft(draft, _document(uow, draft.document), edits)
    target = Resource("ledger", nation=entry.donor, partner=entry.recipient)
    with authorize(uow_factory, caller, "ledger.record", target, clock, f"draft {draft_id}")() as uow:
        uow.lock_ledger()  # one decision at a time, so a draft cannot be decided twice
        check_undecided(draft, uow.sources.decisions([draft_id]))
        (recorded,) = append(uow, [entry], caller.actor, clock)
        changed = edits.changed()
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
        raise InvalidInput("a rejection needs a reason", hint='add --reason "not a pledge: a loan guarantee".')
    target = Resource(KIND, id=f"draft {draft_id}")
    with authorize(uow_factory, caller, "sources.review", target, clock, reason)() as uow:
        uow.lock_ledger()
        draft = _draft(uow, draft_id)
        check_undecided(draft, uow.sources.decisions([draft_id]))
        decision = DraftDecision(draft_id, Decision.REJECTED, caller.actor.name, clock(), reason=reason.strip())
        uow.sources.add_decision(decision)
        uow.commit()
    return decision


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
