"""Writing to the ledger from a page: record an entry (the same text fields as `ramstein ledger add` and CSV
import, checked by the same parser), reverse one, and set its releasability marking. Bad input redraws the
form with every problem beside its field and writes nothing; the access policy, in the service, decides who
may write what."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ramstein.domain.access import Marking, Role, forbidden
from ramstein.domain.errors import RamsteinError
from ramstein.domain.issues import DataIssue
from ramstein.domain.ledger import AidType, Capability, Channel, Entry, EntryKind, Instrument
from ramstein.interfaces.auth import check_csrf, require_user
from ramstein.interfaces.errors import http_status
from ramstein.interfaces.web.ledger import entry_page
from ramstein.interfaces.web.page import Page, PageDep, PageRoute
from ramstein.services import ledger_access, reads
from ramstein.services.entry_form import parse_entry

router = APIRouter(route_class=PageRoute, dependencies=[Depends(require_user)])
FIELDS = ("kind", "donor", "amount", "currency", "date", "aid_type", "instrument", "channel", "capability",
          "starts", "ends", "source", "note")  # fmt: skip
Text = Annotated[str, Form(max_length=500)]


@router.get("/ledger/new", response_class=HTMLResponse, name="new-entry")
def new_entry(p: PageDep) -> HTMLResponse:
    allowed = p.may_record()
    if not allowed.allowed:
        raise forbidden(allowed, f"{p.actor.name} may not record ledger entries: {allowed.reason}",
                        "ask a coordinator if you need this.")  # fmt: skip
    today = p.app.clock().date().isoformat()
    return _form(p, {"kind": "pledge", "donor": p.actor.nation or "", "currency": "EUR", "date": today}, [])


@router.post("/ledger/new", response_class=HTMLResponse, dependencies=[Depends(check_csrf)])
def record_entry(
    p: PageDep, kind: Text = "", donor: Text = "", amount: Text = "", currency: Text = "", date: Text = "",
    aid_type: Text = "", instrument: Text = "", channel: Text = "", capability: Text = "", starts: Text = "",
    ends: Text = "", source: Text = "", note: Text = "",
) -> Response:  # fmt: skip
    fields = dict(zip(FIELDS, (kind, donor, amount, currency, date, aid_type, instrument, channel, capability,
                               starts, ends, source, note), strict=True))  # fmt: skip
    parsed = parse_entry(fields, source="form")
    if not isinstance(parsed, Entry):
        return _form(p, fields, parsed, status=422)
    (recorded,) = ledger_access.record(p.app.uow, p.caller, [parsed], p.app.clock)
    return RedirectResponse(f"/ledger/{recorded.seq}?recorded=1", status_code=303)


@router.post("/ledger/{seq}/reverse", response_class=HTMLResponse, dependencies=[Depends(check_csrf)])
def reverse_entry(p: PageDep, seq: int, reason: Text = "") -> Response:
    if not reason.strip():
        return entry_page(p, seq, 422, errors={"reason": p.t("reverse.reason_required")})
    done = ledger_access.reverse(p.app.uow, p.caller, seq, reason=reason.strip(), clock=p.app.clock)
    return RedirectResponse(f"/ledger/{done.seq}?recorded=1", status_code=303)


@router.post("/ledger/{seq}/marking", response_class=HTMLResponse, dependencies=[Depends(check_csrf)])
def mark_entry(p: PageDep, seq: int, marking: Text = "", reason: Text = "") -> Response:
    """Set who may read the entry (public, coalition, bilateral): a row in the markings' history, never an
    edit of the entry or its hash chain."""
    try:
        chosen = Marking(marking)
    except ValueError:
        return entry_page(p, seq, 422, errors={"marking": p.t("invalid.marking")})
    try:
        ledger_access.mark(p.app.uow, p.caller, seq, chosen, reason=reason.strip(), clock=p.app.clock)
    except RamsteinError as exc:
        return entry_page(p, seq, http_status(exc), refusal=p.say(exc))
    return RedirectResponse(f"/ledger/{seq}?marked=1", status_code=303)


def _form(p: Page, fields: dict[str, str], issues: list[DataIssue], status: int = 200) -> HTMLResponse:
    errors: dict[str, str] = {}
    for issue in issues:
        column = issue.column if issue.column in FIELDS else "form"
        errors[column] = f"{errors[column]} {issue.message}" if column in errors else issue.message
    own = p.actor.role is Role.NATION and p.actor.nation is not None
    return p.render(
        "entry_form.html.j2",
        status,
        values=fields,
        errors=errors,
        own_nation=p.actor.nation if own else None,
        nations=reads.nations(p.app.uow, p.caller, p.app.clock),
        kinds=[k for k in EntryKind if k is not EntryKind.REVERSAL],
        aid_types=list(AidType),
        instruments=list(Instrument),
        channels=list(Channel),
        capabilities=list(Capability),
    )
