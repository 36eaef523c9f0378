"""/api/v1/sources and /api/v1/drafts: source documents read into drafts; a draft confirmed, corrected or
rejected. The same services as `ramstein sources` and the review pages (docs/extraction.md)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from ramstein.domain.errors import InvalidInput
from ramstein.domain.extraction.drafts import DraftDecision, Edits, Status
from ramstein.domain.money import canonical_decimal
from ramstein.interfaces.api.deps import Asker, Container, IsoDate, Page, Paged, Writer, created
from ramstein.interfaces.api.schemas import ERRORS
from ramstein.services import sources
from ramstein.services.draft_form import parse_edits, raise_problems

router = APIRouter(tags=["sources"], responses=ERRORS)
DocumentId = Annotated[int, Path(ge=1, le=2**31 - 1, examples=[1])]
DraftId = Annotated[int, Path(ge=1, le=2**31 - 1, examples=[3])]
# Characters: a long article is ~20,000; escaped as JSON (up to 6 bytes each) the largest stays under 1 MiB.
MAX_TEXT = 100_000


class SourceIn(BaseModel):
    """A text to read into drafts (as `ramstein sources add` takes it)."""

    title: str = Field(min_length=1, max_length=500, examples=["FMN press release, 2 April 2024"])
    text: str = Field(max_length=MAX_TEXT, examples=["Danmark giver en ny donationspakke på 6,4 milliarder kroner."])
    language: str = Field("auto", max_length=20, examples=["da"], description="auto, da, nb, sv, de or en")
    date: IsoDate = Field(description="the document's date of publication (YYYY-MM-DD), within the ECB rates")


class EditsIn(BaseModel):
    """Corrections of a draft's fields; a field left out (or empty) keeps what was read."""

    amount: str = Field("", max_length=40, examples=["2.4bn"], description="2400000000 or 2.4bn")
    currency: str = Field("", max_length=3, examples=["NOK"])
    donor: str = Field("", max_length=3, examples=["NOR"])
    recipient: str = Field("", max_length=3, examples=["UKR"])
    on: str = Field("", max_length=10, examples=["2024-04-02"])
    starts: str = Field("", max_length=10, examples=["2024-01-01"])
    ends: str = Field("", max_length=10, examples=["2028-12-31"])
    aid_type: str = Field("", max_length=20, examples=["military"])

    def edits(self) -> Edits:
        parsed = parse_edits(self.model_dump())
        if not isinstance(parsed, Edits):
            raise_problems(parsed)
            raise AssertionError("unreachable")  # raise_problems always raises
        return parsed


class RevisionIn(EditsIn):
    note: str = Field("", max_length=2000, examples=["the ministry's own figure is 2.4 billion"])


class RejectionIn(BaseModel):
    reason: str = Field(min_length=1, max_length=2000, examples=["restates the Kiel figure"])


class DocumentOut(BaseModel):
    id: int = Field(examples=[1])
    title: str
    language: str = Field(examples=["da"])
    date: str = Field(examples=["2024-04-02"])
    added_by: str
    added_at: str
    drafts: int
    waiting: int
    confirmed: int
    rejected: int


class EventOut(BaseModel):
    decision: str = Field(examples=["revised"], description="revised (corrected, still waiting), confirmed, "
                          "edited (confirmed with corrections) or rejected")  # fmt: skip
    by: str
    at: str
    edits: dict[str, str]
    reason: str
    ledger_seq: int | None


class DraftOut(BaseModel):
    id: int = Field(examples=[3])
    document: int
    position: int
    status: Status
    text: str = Field(examples=["6,4 milliarder kroner"], description="the amount as written")
    start: int = Field(description="the amount's character span in the document's text")
    end: int
    sentence: str
    amount: str = Field(examples=["6400000000"], description="in units, a decimal as text")
    currency: str | None
    qualifier: str | None
    kind: str | None
    donor: str | None
    recipient: str
    on: str
    starts: str | None
    ends: str | None
    confidence: str = Field(examples=["0.95"])
    flags: list[str]
    corrections: dict[str, str] = Field(description="the corrections in force (a revision's, or the decision's)")
    events: list[EventOut]
    ledger_seq: int | None = Field(description="the ledger entry a confirmation recorded")


class DocumentWithDraftsOut(DocumentOut):
    text: str
    draft_list: list[DraftOut]


def document_out(summary: sources.DocumentSummary) -> DocumentOut:
    d = summary.document
    return DocumentOut(id=d.id or 0, title=d.title, language=d.language, date=d.on.isoformat(), added_by=d.added_by,
                       added_at=d.added_at.isoformat(), drafts=summary.drafts, waiting=summary.waiting,
                       confirmed=summary.confirmed, rejected=summary.rejected)  # fmt: skip


def draft_out(view: sources.DraftView) -> DraftOut:
    d, f = view.draft, view.draft.finding
    return DraftOut(
        id=d.id or 0, document=d.document, position=d.position, status=view.status, text=f.text, start=f.start,
        end=f.end, sentence=f.sentence, amount=canonical_decimal(f.amount), currency=f.currency,
        qualifier=f.qualifier, kind=f.kind, donor=f.donor, recipient=f.recipient, on=f.on.isoformat(),
        starts=f.starts.isoformat() if f.starts else None, ends=f.ends.isoformat() if f.ends else None,
        confidence=str(f.confidence), flags=list(f.flags), corrections=view.corrections.changed(),
        events=[_event(e) for e in view.decisions], ledger_seq=view.ledger_seq,
    )  # fmt: skip


def _event(e: DraftDecision) -> EventOut:
    return EventOut(decision=e.decision.value, by=e.by, at=e.at.isoformat(), edits=e.edits, reason=e.reason,
                    ledger_seq=e.ledger_seq)  # fmt: skip


@router.get("/sources", response_model=Page[DocumentOut], summary="Source documents, newest first")
def list_documents(app: Container, asker: Asker, paged: Paged) -> Page[DocumentOut]:
    found = list(reversed(sources.documents(app.uow, asker, app.clock)))
    return Page[DocumentOut](items=[document_out(s) for s in found[paged.offset : paged.offset + paged.limit]],
                             total=len(found), limit=paged.limit, offset=paged.offset)  # fmt: skip


@router.post("/sources", status_code=201, response_model=DocumentWithDraftsOut,
             summary="Store a text with a draft for each amount read from it (analysts, coordinators)")  # fmt: skip
def add_document(body: SourceIn, request: Request, app: Container, asker: Writer) -> JSONResponse:
    if "\x00" in body.text or "\x00" in body.title:  # no database text column takes a NUL character
        raise InvalidInput("the text holds a NUL character", hint="send the text as plain UTF-8 text.")
    stored = sources.add(app.uow, asker, body.title, body.text, body.language, body.date, lexicons=app.lexicons(),
                         clock=app.clock)  # fmt: skip
    return created(request, _with_drafts(app, asker, stored.document.id or 0).model_dump())


@router.get("/sources/{document}", response_model=DocumentWithDraftsOut, summary="One document: text and drafts")
def one_document(document: DocumentId, app: Container, asker: Asker) -> DocumentWithDraftsOut:
    return _with_drafts(app, asker, document)


@router.get("/drafts", response_model=Page[DraftOut], summary="Drafts, oldest first; `status` and `document` filters")
def list_drafts(
    app: Container, asker: Asker, paged: Paged, status: Status | None = None,
    document: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
) -> Page[DraftOut]:  # fmt: skip
    found = [draft_out(v) for v in sources.drafts(app.uow, asker, app.clock, document)
             if status is None or v.status is status]  # fmt: skip
    return Page[DraftOut](items=found[paged.offset : paged.offset + paged.limit], total=len(found),
                          limit=paged.limit, offset=paged.offset)  # fmt: skip


@router.get("/drafts/{draft}", response_model=DraftOut, summary="One draft with its corrections and decision")
def one_draft(draft: DraftId, app: Container, asker: Asker) -> DraftOut:
    return draft_out(sources.show(app.uow, asker, draft, app.clock))


@router.post(
    "/drafts/{draft}/confirmation",
    status_code=201,
    response_model=DraftOut,
    summary="Confirm a draft, with corrections: a pledge in the ledger (who may record its donor's)",
)
def confirm(draft: DraftId, body: EditsIn, request: Request, app: Container, asker: Writer) -> JSONResponse:
    sources.confirm(app.uow, asker, draft, body.edits(), clock=app.clock)
    return created(request, draft_out(sources.show(app.uow, asker, draft, app.clock)).model_dump())


@router.post("/drafts/{draft}/revision", status_code=201, response_model=DraftOut,
             summary="Correct a waiting draft without deciding (analysts, coordinators)")  # fmt: skip
def revise(draft: DraftId, body: RevisionIn, request: Request, app: Container, asker: Writer) -> JSONResponse:
    sources.revise(app.uow, asker, draft, body.edits(), clock=app.clock, note=body.note)
    return created(request, draft_out(sources.show(app.uow, asker, draft, app.clock)).model_dump())


@router.post("/drafts/{draft}/rejection", status_code=201, response_model=DraftOut,
             summary="Reject a draft, with a reason (analysts, coordinators)")  # fmt: skip
def reject(draft: DraftId, body: RejectionIn, request: Request, app: Container, asker: Writer) -> JSONResponse:
    sources.reject(app.uow, asker, draft, body.reason, clock=app.clock)
    return created(request, draft_out(sources.show(app.uow, asker, draft, app.clock)).model_dump())


def _with_drafts(app: Container, asker: Asker, document: int) -> DocumentWithDraftsOut:
    found, views = sources.document(app.uow, asker, document, app.clock)
    summary = sources.summarise(found, [v.status for v in views])
    return DocumentWithDraftsOut(**document_out(summary).model_dump(), text=found.text,
                                 draft_list=[draft_out(v) for v in views])  # fmt: skip
