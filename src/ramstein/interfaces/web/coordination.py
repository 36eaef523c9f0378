"""The coordination engine's pages: Ukraine's requirement list with its coverage, the donors' offers and
courses, and the allocation rounds with the reason for every assignment and every need left open."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from ramstein.interfaces.web import round_view
from ramstein.interfaces.web.page import PageDep, PageRoute
from ramstein.services import coordination_reads

router = APIRouter(route_class=PageRoute)


@router.get("/needs", response_class=HTMLResponse, name="needs")
def requirement_list(p: PageDep) -> HTMLResponse:
    return p.render("needs.html.j2", lines=coordination_reads.requirements(p.app.uow, p.caller, p.app.clock))


@router.get("/offers", response_class=HTMLResponse, name="offers")
def offers(p: PageDep) -> HTMLResponse:
    registers = coordination_reads.offers(p.app.uow, p.caller, p.app.clock)
    committed = registers.committed_by_offer()
    return p.render("offers.html.j2", registers=registers, committed=committed)


@router.get("/rounds", response_class=HTMLResponse, name="rounds")
def round_list(p: PageDep) -> HTMLResponse:
    registers = coordination_reads.round_list(p.app.uow, p.caller, p.app.clock)
    accepted = {a.round for a in registers.acceptances}
    return p.render("rounds.html.j2", rounds=list(reversed(registers.rounds)), accepted=accepted)


@router.get("/rounds/{number}", response_class=HTMLResponse, name="round")
def round_page(p: PageDep, number: int) -> HTMLResponse:
    view = coordination_reads.round_view(p.app.uow, p.caller, p.app.clock, number)
    return p.render(
        "round.html.j2",
        view=view,
        assignments=round_view.assignments(view, p.t, p.f),
        shortfalls=round_view.shortfalls(view),
    )
