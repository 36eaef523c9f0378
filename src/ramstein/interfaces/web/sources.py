"""The intake of texts on the pages: the stored source documents, adding one (pasted or uploaded), and the
review of one document's drafts: its text with every amount read marked, each draft's fields and flags, and
the actions the reader may take (confirm, correct, reject). The actions are plain forms that htmx, when it
runs, posts in the background and answers with the draft's card alone; without JavaScript the page reloads.

Every decision and every check is the service's (`services/sources.py`, `services/draft_form.py`), the same
as the command line's and the API's; the pages only say it in the reader's language (`page.say`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ramstein.domain.access import forbidden
from ramstein.domain.errors import Forbidden, RamsteinError
from ramstein.domain.extraction.drafts import Edits
from ramstein.interfaces.auth import check_csrf, require_user
from ramstein.interfaces.errors import http_status
from ramstein.interfaces.web.draft_cards import DraftCard, card, segments
from ramstein.interfaces.web.page import Page, PageDep, PageRoute
from ramstein.services import reads, sources
from ramstein.services.draft_form import FIELDS, parse_edits

router = APIRouter(route_class=PageRoute, dependencies=[Depends(require_user)])
LANGUAGE_CHOICES = ("auto", "da", "nb", "sv", "de", "en")
MAX_TEXT = 100_000  # characters: a long statement is ~20,000; the same limit as the API
TITLE_FROM_TEXT = 80
Short = Annotated[str, Form(max_length=500)]
# Where the service's problems with a new document belong in the form (error keys: docs/extraction.md).
FIELD_OF = {"sources.language_unsupported": "language", "sources.language_foreign": "language",
            "sources.language_unclear": "language", "sources.date_outside": "date"}  # fmt: skip


@router.get("/sources", response_class=HTMLResponse, name="sources")
def document_list(p: PageDep) -> HTMLResponse:
    found = sources.documents(p.app.uow, p.caller, p.app.clock)
    return p.render("sources.html.j2", documents=list(reversed(found)))


@router.get("/sources/new", response_class=HTMLResponse, name="new-source")
def new_source(p: PageDep) -> HTMLResponse:
    allowed = p.decision("sources.add")
    if not allowed.allowed:
        message = f"{p.actor.name} may not add sources: {allowed.reason}"
        raise forbidden(allowed, message, "ask a coordinator or analyst.")
    return _source_form(p, {"language": "auto"}, {})


@router.post("/sources/new", response_class=HTMLResponse, dependencies=[Depends(check_csrf)])
def add_source(
    p: PageDep, title: Short = "", text: Annotated[str, Form(max_length=MAX_TEXT)] = "", language: Short = "auto",
    on: Annotated[str, Form(alias="date", max_length=40)] = "", file: Annotated[UploadFile | None, File()] = None,
) -> Response:  # fmt: skip
    values = {"title": title.strip(), "text": text, "language": language, "date": on.strip()}
    errors: dict[str, str] = {}
    body = text.replace("\r\n", "\n")  # a browser sends a textarea's lines with CRLF; the same text, one digest
    uploaded = file is not None and bool(file.filename)
    if file is not None and uploaded:
        if text.strip():
            errors["file"] = p.t("sources.problem.both")
        body = _read_upload(p, file, errors)
        values["title"] = values["title"] or (file.filename or "")
    when = _date(p, values["date"], errors)
    if errors or when is None:
        return _source_form(p, values, errors, status=422)
    title = values["title"] or _first_line(body) or p.t("sources.untitled")
    try:
        stored = sources.add(p.app.uow, p.caller, title, body, language, when, lexicons=p.app.lexicons(),
                             clock=p.app.clock)  # fmt: skip
    except RamsteinError as error:
        if isinstance(error, Forbidden) or not error.key.startswith("sources."):
            raise
        said = p.say(error)
        field = FIELD_OF.get(error.key, "file" if uploaded else "text")
        errors[field] = f"{said.message} {said.hint}".strip()
        return _source_form(p, values, errors, status=http_status(error))
    return RedirectResponse(f"/sources/{stored.document.id}?added=1", status_code=303)


@router.get("/sources/{document}", response_class=HTMLResponse, name="source")
def review(
    p: PageDep, document: int, added: Annotated[str, Query(max_length=1)] = "",
    done: Annotated[int | None, Query(ge=1)] = None,
) -> HTMLResponse:  # fmt: skip
    return _review_page(p, document, added=added == "1", done=done)


@router.post("/sources/drafts/{draft}/confirm", response_class=HTMLResponse, dependencies=[Depends(check_csrf)])
def confirm(p: PageDep, request: Request, draft: int) -> Response:
    return _act(p, request, draft, lambda: sources.confirm(p.app.uow, p.caller, draft, Edits(), clock=p.app.clock))


@router.post("/sources/drafts/{draft}/reject", response_class=HTMLResponse, dependencies=[Depends(check_csrf)])
def reject(p: PageDep, request: Request, draft: int, reason: Short = "") -> Response:
    return _act(p, request, draft, lambda: sources.reject(p.app.uow, p.caller, draft, reason, clock=p.app.clock),
                values={"reason": reason}, form="reject")  # fmt: skip


@router.post("/sources/drafts/{draft}/edit", response_class=HTMLResponse, dependencies=[Depends(check_csrf)])
def edit(
    p: PageDep, request: Request, draft: int, amount: Short = "", currency: Short = "", donor: Short = "",
    recipient: Short = "", on: Short = "", starts: Short = "", ends: Short = "", aid_type: Short = "",
    note: Short = "",
) -> Response:  # fmt: skip
    values = dict(zip(FIELDS, (amount, currency, donor, recipient, on, starts, ends, aid_type), strict=True))
    parsed = parse_edits(values)
    if not isinstance(parsed, Edits):
        errors = {problem.field: p.t(f"error.{problem.key}", **problem.params) for problem in parsed}
        return _draft_answer(p, request, draft, 422, values={**values, "note": note}, errors=errors, form="edit")
    return _act(p, request, draft,
                lambda: sources.revise(p.app.uow, p.caller, draft, parsed, clock=p.app.clock, note=note),
                values={**values, "note": note}, form="edit")  # fmt: skip


def _act(
    p: Page, request: Request, draft: int, run: Callable[[], object], *, values: dict[str, str] | None = None,
    form: str = "",
) -> Response:  # fmt: skip
    """Run one decision; answer htmx with the draft's card, a plain form with a redirect back to it. A problem
    is shown on the card, beside its field when it names one, and nothing is written."""
    try:
        run()
    except RamsteinError as error:
        said = p.say(error)
        errors = {said.field: said.message} if said.field else {}
        return _draft_answer(p, request, draft, http_status(error), values=values, errors=errors, form=form,
                             problem=None if said.field else said)  # fmt: skip
    if request.headers.get("HX-Request") == "true":
        return _draft_answer(p, request, draft, 200, done=True)
    view = sources.show(p.app.uow, p.caller, draft, p.app.clock)
    return RedirectResponse(f"/sources/{view.document.id}?done={draft}#draft-{draft}", status_code=303)


def _draft_answer(
    p: Page, request: Request, draft: int, status: int, *, values: dict[str, str] | None = None,
    errors: dict[str, str] | None = None, form: str = "", problem: object = None, done: bool = False,
) -> HTMLResponse:  # fmt: skip
    view = sources.show(p.app.uow, p.caller, draft, p.app.clock)
    names = _nation_names(p)
    made = card(p, view, names, values=values, errors=errors, form=form, problem=problem, done=done)
    if request.headers.get("HX-Request") == "true":
        return p.render("draft_fragment.html.j2", status, c=made)
    return _review_page(p, view.document.id or 0, status=status, replaced=made)


def _review_page(
    p: Page, document: int, *, status: int = 200, added: bool = False, done: int | None = None,
    replaced: DraftCard | None = None,
) -> HTMLResponse:  # fmt: skip
    found, views = sources.document(p.app.uow, p.caller, document, p.app.clock)
    names = _nation_names(p)
    cards = [
        replaced if replaced is not None and replaced.view.draft.id == v.draft.id
        else card(p, v, names, done=done == v.draft.id)
        for v in views
    ]  # fmt: skip
    return p.render("source.html.j2", status, document=found, cards=cards, segments=segments(found.text, views),
                    added=added)  # fmt: skip


def _source_form(p: Page, values: dict[str, str], errors: dict[str, str], status: int = 200) -> HTMLResponse:
    return p.render("source_form.html.j2", status, values=values, errors=errors, languages=LANGUAGE_CHOICES)


def _nation_names(p: Page) -> dict[str, str]:
    return {n.code: p.f.nation(n.code, n.name) for n in reads.nations(p.app.uow, p.caller, p.app.clock)}


def _read_upload(p: Page, file: UploadFile, errors: dict[str, str]) -> str:
    raw = file.file.read(MAX_TEXT * 4 + 1)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        errors["file"] = p.t("sources.problem.not_text", name=file.filename or "")
        return ""
    if "\x00" in text or len(text) > MAX_TEXT:
        errors["file"] = p.t("sources.problem.not_text", name=file.filename or "")
        return ""
    return text.replace("\r\n", "\n")


def _date(p: Page, value: str, errors: dict[str, str]) -> date | None:
    if not value:
        errors["date"] = p.t("sources.problem.date_required")
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        errors["date"] = p.t("sources.problem.date_invalid", value=value)
        return None


def _first_line(text: str) -> str:
    line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return line if len(line) <= TITLE_FROM_TEXT else line[: TITLE_FROM_TEXT - 1] + "…"
